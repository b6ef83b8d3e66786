// The test identities of the local ProConnect stand-in. They exist as users from the first `npm start`, as the
// authors of the demo content, and the stand-in's login page offers them. SIRETs are fictitious but well-formed
// (Luhn-valid); nothing here is a real person.
export interface DemoIdentity {
  sub: string;
  username: string;
  given_name: string;
  usual_name: string;
  email: string;
  siret: string;
  organisation: string;
  organisationKind: "public_buyer" | "software_publisher" | "crige" | "platform_operator";
  role: "member" | "moderator" | "admin";
  groups: string[];
  /** What the stand-in's login page says about this person. */
  description: string;
}

export const demoIdentities: DemoIdentity[] = [
  {
    sub: "demo-acheteuse-commune",
    username: "claire.martin",
    given_name: "Claire",
    usual_name: "Martin",
    email: "claire.martin@mairie-saint-aubin.test.proconnect.gouv.fr",
    siret: "21350001600019",
    organisation: "Commune de Saint-Aubin",
    organisationKind: "public_buyer",
    role: "member",
    groups: [],
    description: "Acheteuse publique dans une commune : prépare un CCTP",
  },
  {
    sub: "demo-dev-georchestra",
    username: "julien.roux",
    given_name: "Julien",
    usual_name: "Roux",
    email: "julien.roux@geo-integrateur.test.proconnect.gouv.fr",
    siret: "81234567800014",
    organisation: "Géo Intégrateur SAS",
    organisationKind: "software_publisher",
    role: "member",
    groups: ["mainteneurs-georchestra"],
    description: "Développeur geOrchestra dans une entreprise",
  },
  {
    sub: "demo-membre-crige",
    username: "sophie.bernard",
    given_name: "Sophie",
    usual_name: "Bernard",
    email: "sophie.bernard@crige-region.test.proconnect.gouv.fr",
    siret: "13000123400015",
    organisation: "CRIGE Provence-Alpes-Côte d'Azur",
    organisationKind: "crige",
    role: "member",
    groups: ["membres-crige"],
    description: "Membre d'un CRIGE : vote sur la feuille de route",
  },
  {
    sub: "demo-moderateur",
    username: "karim.haddad",
    given_name: "Karim",
    usual_name: "Haddad",
    email: "karim.haddad@ign.test.proconnect.gouv.fr",
    siret: "18009201300018",
    organisation: "Institut national de l'information géographique et forestière",
    organisationKind: "platform_operator",
    role: "moderator",
    groups: ["mainteneurs-geoplateforme"],
    description: "Modérateur, mainteneur de la Géoplateforme",
  },
  {
    sub: "demo-admin",
    username: "admin",
    given_name: "Alex",
    usual_name: "Admin",
    email: "admin@cicclo.test.proconnect.gouv.fr",
    siret: "13002526500013",
    organisation: "Collectif CICCLO",
    organisationKind: "platform_operator",
    role: "admin",
    groups: [],
    description: "Administrateur de CICCLO Interop",
  },
];
