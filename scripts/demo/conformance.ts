// Demo solutions and deployments for the conformance matrix (issue #8). Loaded idempotently by scripts/db/seed.ts.
export const demoSolutions = [
  {
    slug: "georchestra",
    name: "geOrchestra",
    repositoryUrl: "https://github.com/georchestra/georchestra",
    trackerUrl: "https://github.com/georchestra/georchestra/issues",
    maintainerGroup: "mainteneurs-georchestra",
    version: "24.0",
  },
  {
    slug: "prodige",
    name: "Prodige",
    repositoryUrl: "https://gitlab.adullact.net/prodige/prodige",
    trackerUrl: "https://gitlab.adullact.net/prodige/prodige/-/issues",
    maintainerGroup: "mainteneurs-prodige",
    version: "5.0",
  },
  {
    slug: "onegeo-suite",
    name: "OneGeo Suite",
    repositoryUrl: "https://git.neogeo.fr/onegeo-suite",
    trackerUrl: "https://git.neogeo.fr/onegeo-suite/-/issues",
    maintainerGroup: "mainteneurs-onegeo-suite",
    version: "1.4",
  },
  {
    slug: "geoplateforme",
    name: "Géoplateforme",
    repositoryUrl: "https://github.com/IGNF",
    trackerUrl: "https://github.com/IGNF/geoplateforme/issues",
    maintainerGroup: "mainteneurs-geoplateforme",
    version: "2025.1",
  },
] as const;

export const demoDeployments = [
  {
    slug: "georchestra-demo",
    name: "geOrchestra – démonstration",
    organisationLabel: "geOrchestra PSC",
    endpointUrl: "https://demo.georchestra.org/data/ogcapi",
    solution: "georchestra",
  },
  {
    slug: "prodige-region",
    name: "Prodige – plateforme régionale",
    organisationLabel: "Région démonstration",
    endpointUrl: "https://prodige.example.fr/ogcapi",
    solution: "prodige",
  },
  {
    slug: "geoplateforme-wfs",
    name: "Géoplateforme – service de données",
    organisationLabel: "IGN",
    endpointUrl: "https://data.geopf.fr/ogcapi",
    solution: "geoplateforme",
  },
] as const;
