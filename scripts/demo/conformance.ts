// Demo solutions and deployments for the conformance matrix (issue #8). Loaded idempotently by scripts/db/seed.ts.
// `version` is the one the demo deployments run; `laterVersions` are further releases the tracker's demo reports
// name (affected versions, the release that fixes a problem).
export const demoSolutions = [
  {
    slug: "georchestra",
    name: "geOrchestra",
    repositoryUrl: "https://github.com/georchestra/georchestra",
    trackerUrl: "https://github.com/georchestra/georchestra/issues",
    maintainerGroup: "mainteneurs-georchestra",
    version: "24.0",
    laterVersions: ["24.0.2", "24.0.3"],
  },
  {
    slug: "prodige",
    name: "Prodige",
    repositoryUrl: "https://gitlab.adullact.net/prodige/prodige",
    trackerUrl: "https://gitlab.adullact.net/prodige/prodige/-/issues",
    maintainerGroup: "mainteneurs-prodige",
    version: "5.0",
    laterVersions: ["5.1"],
  },
  {
    slug: "onegeo-suite",
    name: "OneGeo Suite",
    repositoryUrl: "https://git.neogeo.fr/onegeo-suite",
    trackerUrl: "https://git.neogeo.fr/onegeo-suite/-/issues",
    maintainerGroup: "mainteneurs-onegeo-suite",
    version: "1.4",
    laterVersions: ["1.5"],
  },
  {
    slug: "geoplateforme",
    name: "Géoplateforme",
    repositoryUrl: "https://github.com/IGNF",
    trackerUrl: "https://github.com/IGNF/geoplateforme/issues",
    maintainerGroup: "mainteneurs-geoplateforme",
    version: "2025.1",
    laterVersions: [],
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

/** Demo runs, oldest first, recorded by `seedDemoConformanceRuns` from the reports in scripts/demo/reports/ (copies
 * of the test fixtures, pointed at the demo endpoints). A run may triage its failures into a new interop report, the
 * way "Signaler un problème" does: the later passing run then posts in that report by itself. */
export const demoRuns = [
  { deployment: "georchestra-demo", file: "georchestra-testng.xml", uploader: "julien.roux", daysAgo: 12 },
  { deployment: "prodige-region", file: "prodige-validata-irve.json", uploader: "karim.haddad", daysAgo: 9 },
  {
    deployment: "geoplateforme-wfs",
    file: "geoplateforme-earl-failing.rdf",
    uploader: "karim.haddad",
    daysAgo: 6,
    reportFailuresAs: "claire.martin",
  },
  { deployment: "geoplateforme-wfs", file: "geoplateforme-earl-passing.rdf", uploader: "karim.haddad", daysAgo: 1 },
] as const;
