// Demo content loaded by `npm start` (and `npm run db:seed`): the forum's categories, the solution maintainer
// groups and a few real-looking discussions between platforms. Loaded idempotently: existing rows are kept.
// The interoperability problems are typed reports (app/domain/tracker) in different statuses, so a newcomer sees
// the tracker at work: new, confirmed, in progress, fixed in a release, closed by its reporter.
import type { ReportDraft } from "../../app/domain/tracker/report";
export const demoGroups = [
  {
    name: "mainteneurs-georchestra",
    label: "Mainteneurs geOrchestra",
    description: "Équipe de maintenance de geOrchestra.",
  },
  { name: "mainteneurs-prodige", label: "Mainteneurs Prodige", description: "Équipe de maintenance de Prodige." },
  {
    name: "mainteneurs-onegeo-suite",
    label: "Mainteneurs OneGeo Suite",
    description: "Équipe de maintenance de OneGeo Suite.",
  },
  {
    name: "mainteneurs-geoplateforme",
    label: "Mainteneurs Géoplateforme",
    description: "Équipe de la Géoplateforme (IGN).",
  },
  {
    name: "membres-crige",
    label: "Membres CRIGE",
    description: "Membres des centres régionaux de l'information géographique.",
  },
];

export const demoCategories = [
  {
    slug: "problemes-interoperabilite",
    name: "Problèmes d'interopérabilité",
    description:
      "Signaler et résoudre les problèmes entre solutions : OGC API Features, ProConnect, qualité des données.",
    color: "CE0500",
    position: 1,
    // New topics here file the typed interop report.
    reportForm: "interop",
  },
  {
    slug: "feuille-de-route",
    name: "Feuille de route",
    description: "Propositions et votes des membres CRIGE sur les évolutions communes.",
    color: "18753C",
    position: 2,
    // Members vote on the roadmap (app/domain/tracker/votes.server.ts), 3 open votes each.
    votingEnabled: true,
    votesPerUser: 3,
  },
  {
    slug: "clausier-cctp",
    name: "Clausier CCTP",
    description: "Discussions sur les clauses techniques types et leurs prochaines versions.",
    color: "000091",
    position: 3,
  },
  {
    slug: "annonces",
    name: "Annonces",
    description: "Nouvelles versions, événements et informations du collectif CICCLO.",
    color: "695240",
    position: 4,
  },
  {
    slug: "securite",
    name: "Sécurité",
    description: "Signalements de vulnérabilités : visibles des seuls modérateurs et mainteneurs concernés.",
    color: "3A3A3A",
    position: 5,
    readRestricted: true,
  },
];

export const demoTags = [
  { name: "ogcapi-features", description: "OGC API – Features (toutes parties)" },
  { name: "pagination", description: "Liens next/prev, limit, numberMatched" },
  { name: "proconnect", description: "Connexion des agents et professionnels avec ProConnect" },
  { name: "validata", description: "Validation des données contre schema.data.gouv.fr" },
  { name: "crs", description: "Systèmes de coordonnées (Part 2)" },
];

export interface DemoTopic {
  tags?: string[];
  category: string;
  title: string;
  author: string;
  daysAgo: number;
  posts: { author: string; hoursLater: number; raw: string; replyTo?: number }[];
  /** The typed report, for a topic of a category whose form is "interop". */
  report?: ReportDraft;
  /** Status changes, placed among the replies by time (fixedIn: "<solution slug>@<version>"). */
  statusChanges?: { author: string; hoursLater: number; to: string; reason?: string; fixedIn?: string }[];
}

const OGC = "http://www.opengis.net/spec";

export const demoTopics: DemoTopic[] = [
  {
    category: "problemes-interoperabilite",
    title: "OGC API Features : le lien « next » de geOrchestra perd le paramètre bbox",
    tags: ["ogcapi-features", "pagination"],
    author: "julien.roux",
    daysAgo: 6,
    posts: [
      {
        author: "julien.roux",
        hoursLater: 0,
        raw: `En moissonnant la plateforme régionale depuis un client Prodige, la pagination s'arrête au bout de la
deuxième page dès qu'un filtre spatial est posé.

**Étapes pour reproduire**

1. \`GET /ogcapi/collections/cadastre:parcelles/items?bbox=5.3,43.2,5.5,43.4&limit=100\`
2. Suivre le lien \`rel=next\` de la réponse.

**Attendu** : le lien \`next\` conserve \`bbox\` (exigence \`/req/core/fc-next-1\` d'OGC API Features Part 1).

**Constaté** : \`next\` vaut \`...items?limit=100&offset=100\`, sans \`bbox\` : la page 2 renvoie des entités hors de
l'emprise et \`numberMatched\` change d'une page à l'autre.

| Solution | Version | Résultat |
| --- | --- | --- |
| geOrchestra (serveur) | 24.0.2 | lien \`next\` incomplet |
| Prodige (client) | 5.1 | suit le lien tel quel |
`,
      },
      {
        author: "karim.haddad",
        hoursLater: 5,
        raw: `Reproduit sur l'instance de recette. Côté Géoplateforme nous conservons tous les paramètres de requête dans
\`next\`, ce qui explique que le même client fonctionne chez nous.

Le test TEAM Engine \`ogcapi-features-1.0/core/features-limit-response\` ne vérifie pas \`bbox\` avec la pagination :
il faudrait le signaler aussi à l'OGC.`,
      },
      {
        author: "julien.roux",
        hoursLater: 30,
        replyTo: 2,
        raw: `Correctif proposé dans geOrchestra : la construction du lien repart désormais de la requête d'origine.
Je mettrai à jour ce sujet quand la 24.0.3 sera publiée.`,
      },
    ],
    report: {
      reportingSolution: "prodige",
      reportingVersion: "5.1",
      affected: [{ solution: "georchestra", version: "24.0.2" }],
      classUri: `${OGC}/ogcapi-features-1/1.0/conf/core`,
      endpointUrl:
        "https://demo.georchestra.org/data/ogcapi/collections/cadastre:parcelles/items?bbox=5.3,43.2,5.5,43.4&limit=100",
      steps: `1. GET /ogcapi/collections/cadastre:parcelles/items?bbox=5.3,43.2,5.5,43.4&limit=100
2. Suivre le lien rel=next de la réponse (client OGC API Features de Prodige).`,
      expected: "Le lien next conserve bbox (exigence /req/core/fc-next-1 d'OGC API Features Partie 1).",
      actual:
        "next vaut …/items?limit=100&offset=100, sans bbox : la page 2 renvoie des entités hors de l'emprise et numberMatched change d'une page à l'autre.",
      severity: "major",
    },
    statusChanges: [{ author: "julien.roux", hoursLater: 30.2, to: "in_progress" }],
  },
  {
    category: "problemes-interoperabilite",
    title: "ProConnect : la déconnexion depuis OneGeo Suite renvoie une erreur Y030111",
    tags: ["proconnect"],
    author: "karim.haddad",
    daysAgo: 4,
    posts: [
      {
        author: "karim.haddad",
        hoursLater: 0,
        raw: `Après connexion ProConnect sur un portail OneGeo Suite, le bouton « Se déconnecter » mène à une page
d'erreur ProConnect avec le code \`Y030111\`.

Ce code signifie que \`post_logout_redirect_uri\` n'est pas enregistrée pour le client. Le portail envoie
\`https://portail.exemple.fr/\` (avec la barre finale) alors que l'URL enregistrée est \`https://portail.exemple.fr\`.

Rappel : ProConnect compare les URL **à l'identique**, barre oblique finale comprise.`,
      },
      {
        author: "sophie.bernard",
        hoursLater: 20,
        raw: `Même symptôme sur notre plateforme régionale. Après correction de l'URL dans l'espace partenaires, la
déconnexion fonctionne, mais il faut aussi transmettre \`id_token_hint\` et \`state\`, sans quoi ProConnect ne revient
pas vers le portail.`,
      },
    ],
    report: {
      reportingSolution: "onegeo-suite",
      reportingVersion: "1.4",
      affected: [{ solution: "onegeo-suite", version: "1.4" }],
      classUri: "https://cicclo.fr/conformance/proconnect/1.0/conf/logout",
      endpointUrl: "https://portail.exemple.fr/auth/logout",
      steps: `1. Se connecter au portail OneGeo Suite avec ProConnect.
2. Cliquer sur « Se déconnecter ».`,
      expected:
        "Retour sur le portail après la déconnexion ProConnect (post_logout_redirect_uri enregistrée, id_token_hint et state transmis).",
      actual:
        "Page d'erreur ProConnect Y030111 : le portail envoie https://portail.exemple.fr/ (barre finale) au lieu de l'URL enregistrée.",
      severity: "major",
    },
    statusChanges: [{ author: "karim.haddad", hoursLater: 21, to: "confirmed" }],
  },
  {
    category: "problemes-interoperabilite",
    title: "Validata rejette les fichiers IRVE exportés par Prodige (format de date)",
    tags: ["validata"],
    author: "claire.martin",
    daysAgo: 2,
    posts: [
      {
        author: "claire.martin",
        hoursLater: 0,
        raw: `Notre export des bornes de recharge (schéma IRVE statique de schema.data.gouv.fr) est refusé par Validata :

> La valeur « 12/03/2024 » de la colonne \`date_mise_en_service\` ne respecte pas le format \`date\` attendu.

Le schéma attend des dates ISO 8601 (\`2024-03-12\`). Est-ce un réglage de l'export Prodige ou faut-il corriger les
données source ?`,
      },
      {
        author: "julien.roux",
        hoursLater: 3,
        raw: `C'est l'export CSV de Prodige qui applique le format d'affichage français. Une option « dates ISO » existe
depuis la 5.0, dans les paramètres de la couche. Pouvez-vous essayer et nous dire si Validata passe ?`,
      },
    ],
    report: {
      reportingSolution: "prodige",
      reportingVersion: "5.0",
      affected: [{ solution: "prodige", version: "5.0" }],
      classUri: "https://schema.data.gouv.fr/schemas/etalab/schema-irve-statique/latest/schema-statique.json",
      endpointUrl: "https://prodige.example.fr/ogcapi/collections/irve/items?f=csv",
      steps: `1. Exporter la couche des bornes de recharge en CSV depuis Prodige.
2. Valider le fichier avec Validata contre le schéma IRVE statique.`,
      expected: "Les dates au format ISO 8601 (2024-03-12), comme le schéma l'exige.",
      actual: "La colonne date_mise_en_service contient « 12/03/2024 » : Validata refuse le fichier.",
      severity: "minor",
    },
    // With the ISO dates option the file passes Validata: a setting of the export, not an interoperability problem.
    statusChanges: [{ author: "claire.martin", hoursLater: 5, to: "closed", reason: "not_interop" }],
  },
  {
    category: "problemes-interoperabilite",
    title: "geOrchestra ignore le paramètre crs=EPSG:2154 alors qu'il déclare la Partie 2 d'OGC API Features",
    tags: ["ogcapi-features", "crs"],
    author: "sophie.bernard",
    daysAgo: 5,
    posts: [
      {
        author: "sophie.bernard",
        hoursLater: 0,
        raw: `Notre visualiseur OneGeo Suite demande les communes en Lambert-93 au service OGC API Features de
geOrchestra. La page \`/conformance\` déclare bien la classe \`crs\` de la Partie 2 et la collection liste EPSG:2154
dans \`crs\`, mais les coordonnées reviennent en WGS 84 et l'en-tête \`Content-Crs\` manque.`,
      },
      {
        author: "julien.roux",
        hoursLater: 3,
        raw: `Reproduit : le paramètre est ignoré quand la collection est servie depuis le cache de tuiles vectorielles.
Je m'en occupe.`,
      },
    ],
    report: {
      reportingSolution: "onegeo-suite",
      reportingVersion: "1.4",
      affected: [{ solution: "georchestra", version: "24.0.2" }],
      classUri: `${OGC}/ogcapi-features-2/1.0/conf/crs`,
      endpointUrl:
        "https://demo.georchestra.org/data/ogcapi/collections/bdtopo:commune/items?crs=http://www.opengis.net/def/crs/EPSG/0/2154",
      steps: `1. GET /ogcapi/collections/bdtopo:commune/items?crs=http://www.opengis.net/def/crs/EPSG/0/2154
2. Lire les coordonnées et l'en-tête Content-Crs de la réponse.`,
      expected: "Des coordonnées en Lambert-93 et l'en-tête Content-Crs: <http://www.opengis.net/def/crs/EPSG/0/2154>.",
      actual: "Des coordonnées en WGS 84 (CRS84), sans en-tête Content-Crs.",
      severity: "blocking",
    },
    statusChanges: [
      { author: "julien.roux", hoursLater: 3.1, to: "confirmed" },
      { author: "julien.roux", hoursLater: 26, to: "in_progress" },
      { author: "julien.roux", hoursLater: 50, to: "fixed", fixedIn: "georchestra@24.0.3" },
    ],
  },
  {
    category: "problemes-interoperabilite",
    title: "CQL2 : la Géoplateforme refuse les filtres cql2-json envoyés par Prodige",
    tags: ["ogcapi-features"],
    author: "sophie.bernard",
    daysAgo: 3,
    posts: [
      {
        author: "sophie.bernard",
        hoursLater: 0,
        raw: `Le filtre attributaire de Prodige 5.1 envoie ses requêtes en \`cql2-json\` (POST). Le service de la
Géoplateforme répond 400 alors que \`/conformance\` déclare la classe CQL2 JSON. Le même filtre en \`cql2-text\` passe.`,
      },
    ],
    report: {
      reportingSolution: "prodige",
      reportingVersion: "5.1",
      affected: [{ solution: "geoplateforme", version: "2025.1" }],
      classUri: `${OGC}/cql2/1.0/conf/cql2-json`,
      endpointUrl: "https://data.geopf.fr/ogcapi/collections/ADMINEXPRESS-COG:commune/items",
      steps: `1. POST …/items avec Content-Type: application/query-cql-json
2. Corps : {"op": "=", "args": [{"property": "code_insee"}, "13055"]}`,
      expected: "La commune de Marseille, comme avec filter=code_insee='13055' en cql2-text.",
      actual: "400 Bad Request : « filter-lang cql2-json non pris en charge ».",
      severity: "minor",
    },
  },
  {
    category: "feuille-de-route",
    title: "Proposition : publier les résultats TEAM Engine de chaque plateforme à chaque version",
    author: "sophie.bernard",
    daysAgo: 9,
    posts: [
      {
        author: "sophie.bernard",
        hoursLater: 0,
        raw: `Les CRIGE aimeraient voir, en un seul endroit, quelles versions de chaque solution passent les classes de
conformité d'OGC API Features.

Proposition pour la feuille de route commune :

- chaque solution exécute la suite OGC (TEAM Engine) dans sa CI à chaque version majeure ;
- le rapport est envoyé automatiquement à CICCLO Interop ;
- la matrice de conformité est publique.

Votez si vous soutenez la proposition, et dites en réponse ce qui vous manquerait.`,
      },
      {
        author: "karim.haddad",
        hoursLater: 26,
        raw: `La Géoplateforme peut le faire dès le prochain trimestre : notre CI exécute déjà la suite, il ne manque que
l'envoi du rapport.`,
      },
    ],
  },
  {
    category: "feuille-de-route",
    title: "Proposition : un profil commun de métadonnées pour les services OGC API",
    author: "claire.martin",
    daysAgo: 20,
    posts: [
      {
        author: "claire.martin",
        hoursLater: 0,
        raw: `Chaque solution décrit ses services OGC API à sa façon : titres, mots-clés, contacts et licences ne se
retrouvent pas de la même manière dans les catalogues.

Proposition : un profil commun (champs obligatoires, vocabulaires) que chaque solution remplit par défaut, et une
vérification automatique dans la matrice de conformité.

Votez si vous en avez besoin dans vos catalogues régionaux.`,
      },
    ],
  },
  {
    category: "clausier-cctp",
    title: "Clause « API OGC Features » : quelle version de la norme exiger ?",
    tags: ["ogcapi-features", "crs"],
    author: "claire.martin",
    daysAgo: 12,
    posts: [
      {
        author: "claire.martin",
        hoursLater: 0,
        raw: `Pour notre marché de plateforme territoriale, faut-il exiger « OGC API – Features – Part 1: Core 1.0 » ou
la version 1.0.1 ? Et peut-on demander la Part 2 (systèmes de coordonnées) pour obtenir du Lambert-93 ?`,
      },
      {
        author: "karim.haddad",
        hoursLater: 8,
        raw: `Mieux vaut citer la norme et sa version exacte, et exiger la preuve par la suite de tests exécutable de
l'OGC. La Part 2 est indispensable si vos usagers travaillent en **EPSG:2154**.`,
      },
    ],
  },
  {
    category: "annonces",
    title: "Bienvenue sur CICCLO Interop",
    author: "admin",
    daysAgo: 14,
    posts: [
      {
        author: "admin",
        hoursLater: 0,
        raw: `CICCLO Interop réunit les plateformes publiques de données géographiques : Géoplateforme, geOrchestra,
OneGeo Suite, Prodige et leurs utilisateurs.

- **Discussions** : signalez un problème d'interopérabilité, proposez une évolution.
- **Clausier** : trouvez des clauses techniques types pour vos CCTP.
- **Conformité** : consultez les résultats des suites de tests.

Connectez-vous avec ProConnect pour participer.`,
      },
    ],
  },
  {
    category: "securite",
    title: "Divulgation coordonnée : en-têtes CORS trop permissifs sur un service WFS",
    author: "karim.haddad",
    daysAgo: 1,
    posts: [
      {
        author: "karim.haddad",
        hoursLater: 0,
        raw: `Signalement restreint aux modérateurs et aux mainteneurs concernés. Détails et correctif à venir.`,
      },
    ],
  },
];
