// French forum text for the benchmark's generated topics: titles and Markdown bodies assembled from word lists about
// the platforms of the collective. Deterministic for a given random source, so two runs seed the same forum.
// Nothing here contains "@": a mention or a quote would make cookPost look users up and the app write notifications
// the bulk seeder does not model (see forum-seed.ts).

/** A uniform random number in [0, 1). */
export type Random = () => number;

/** mulberry32: a tiny seeded generator, good enough to vary text and shapes reproducibly. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

export function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

const SOLUTIONS = ["geOrchestra", "Prodige", "OneGeo Suite", "la Géoplateforme", "GeoServer", "QGIS Server"];
const VERSIONS = ["24.0.2", "24.1", "5.1", "5.2.3", "2.3", "2.26", "3.34 LTR", "23.0.5"];
const COLLECTIONS = [
  "cadastre:parcelles",
  "bdtopo:batiment",
  "plu:zonage",
  "adresse:ban",
  "reseau:voies",
  "environnement:znieff",
  "transport:arrets",
  "foncier:dvf",
];
const PLACES = [
  "la plateforme régionale",
  "l'instance de recette",
  "la métropole",
  "le portail départemental",
  "le CRIGE",
  "l'instance de production",
];

interface Subject {
  label: string;
  tags: string[];
  problems: string[];
}

const SUBJECTS: Subject[] = [
  {
    label: "OGC API Features",
    tags: ["ogcapi-features"],
    problems: [
      "le lien « next » perd le paramètre bbox",
      "numberMatched change d'une page à l'autre",
      "la réponse /collections ne liste pas toutes les couches",
      "le filtre datetime est ignoré",
      "limit au-delà de 1000 renvoie une erreur 500",
      "le type MIME GeoJSON n'est pas négocié",
      "les liens rel=self pointent vers l'adresse interne",
    ],
  },
  {
    label: "Pagination OGC API Features",
    tags: ["ogcapi-features", "pagination"],
    problems: [
      "offset et limit incohérents avec le lien « prev »",
      "la dernière page renvoie un lien « next » vide",
      "le moissonnage s'arrête à la deuxième page",
    ],
  },
  {
    label: "ProConnect",
    tags: ["proconnect"],
    problems: [
      "la déconnexion renvoie une erreur Y030111",
      "le niveau eidas1 est refusé pour les agents",
      "le SIRET n'est pas transmis dans userinfo",
      "la redirection échoue après expiration de la session",
      "le claim idp_id change entre deux connexions",
    ],
  },
  {
    label: "Validata",
    tags: ["validata"],
    problems: [
      "le schéma refuse un champ date au format ISO 8601",
      "l'encodage Windows-1252 fait échouer la validation",
      "les séparateurs point-virgule ne sont pas détectés",
      "le rapport ne signale pas les colonnes manquantes",
    ],
  },
  {
    label: "Systèmes de coordonnées",
    tags: ["crs", "ogcapi-features"],
    problems: [
      "la Part 2 ne propose pas le Lambert 93",
      "l'ordre des axes est inversé en EPSG:4326",
      "le paramètre bbox-crs est ignoré",
    ],
  },
  {
    label: "Catalogue et métadonnées",
    tags: [],
    problems: [
      "le moissonnage CSW duplique les fiches",
      "les mots-clés INSPIRE sont perdus à l'export",
      "la fiche de service ne référence pas le flux",
    ],
  },
];

const ROADMAP = [
  "Proposition : publier les flux {collection} en OGC API Features sur {solution}",
  "Vote : prise en charge de ProConnect dans {solution}",
  "Proposition : un profil commun de pagination pour {solution}",
  "Feuille de route {year} : validation Validata intégrée à {solution}",
  "Proposition : exposer les métadonnées DCAT-AP dans {solution}",
];
const CLAUSES = [
  "Clause « conformité OGC API Features Part 1 » : exiger le rapport TEAM Engine ?",
  "Clause « authentification ProConnect » : quel niveau eIDAS exiger pour {solution} ?",
  "Clause « qualité des données » : référencer les schémas Validata",
  "Clause « réversibilité » : formats d'export attendus pour {collection}",
  "Clause « disponibilité » : taux de service et pénalités pour {solution}",
];
const ANNOUNCEMENTS = [
  "Sortie de {solution} {version}",
  "Atelier CICCLO : interopérabilité OGC API Features sur {solution}",
  "Nouvelle version du clausier CCTP ({year})",
  "Résultats de conformité de {solution} {version} publiés",
];
const SECURITY = [
  "Vulnérabilité : injection dans le paramètre filter de {solution}",
  "Jeton ProConnect exposé dans les journaux de {solution}",
  "Contrôle d'accès insuffisant sur {collection}",
];

function fill(random: Random, template: string): string {
  return template
    .replace("{solution}", pick(random, SOLUTIONS))
    .replace("{version}", pick(random, VERSIONS))
    .replace("{collection}", pick(random, COLLECTIONS))
    .replace("{place}", pick(random, PLACES))
    .replace("{year}", String(between(random, 2024, 2027)));
}

export interface GeneratedTitle {
  title: string;
  tags: string[];
}

/** A title fitting the category (by its demo slug), with the tags such a topic would carry. */
export function topicTitle(random: Random, categorySlug: string): GeneratedTitle {
  switch (categorySlug) {
    case "feuille-de-route":
      return { title: fill(random, pick(random, ROADMAP)), tags: random() < 0.4 ? ["ogcapi-features"] : [] };
    case "clausier-cctp":
      return { title: fill(random, pick(random, CLAUSES)), tags: random() < 0.3 ? ["proconnect"] : [] };
    case "annonces":
      return { title: fill(random, pick(random, ANNOUNCEMENTS)), tags: [] };
    case "securite":
      return { title: fill(random, pick(random, SECURITY)), tags: [] };
    default: {
      const subject = pick(random, SUBJECTS);
      const where = random() < 0.6 ? ` sur ${pick(random, SOLUTIONS)} ${pick(random, VERSIONS)}` : "";
      return { title: `${subject.label} : ${pick(random, subject.problems)}${where}`, tags: subject.tags };
    }
  }
}

const OPENINGS = [
  "Bonjour à toutes et à tous,",
  "Merci pour ce retour détaillé.",
  "Je confirme le comportement décrit plus haut.",
  "Nous avons le même souci depuis la dernière mise à jour.",
  "Petit point d'étape après nos tests de la semaine.",
  "Question peut-être naïve, mais je préfère la poser ici.",
];
const SENTENCES = [
  "En moissonnant {place} depuis {solution}, la pagination s'arrête au bout de la deuxième page.",
  "Le test TEAM Engine de conformité passe, mais le client ne suit pas les liens correctement.",
  "La collection `{collection}` renvoie bien du GeoJSON, mais sans l'en-tête `Content-Crs`.",
  "Côté {solution}, nous conservons tous les paramètres de requête dans le lien suivant.",
  "La validation Validata signale des dates au format JJ/MM/AAAA alors que le schéma attend de l'ISO 8601.",
  "Après la connexion ProConnect, l'agent revient sur la page d'accueil au lieu de la page demandée.",
  "Le niveau eidas1 suffit pour la consultation, mais pas pour la publication de jeux de données.",
  "Nous avons reproduit le problème sur {place} avec {solution} {version}.",
  "Le correctif est en recette et devrait partir avec la prochaine version mineure.",
  "Pour le CCTP, il serait utile d'exiger le rapport de conformité en annexe de l'offre.",
  "Les acheteurs publics nous demandent souvent quelle version d'OGC API Features exiger.",
  "Le flux WFS historique reste disponible pendant la transition, sans date de fin annoncée.",
  "La Géoplateforme publie désormais ses résultats de conformité chaque semaine.",
  "Le paramètre `bbox` doit être conservé dans `next`, c'est l'exigence /req/core/fc-next-1.",
  "Je propose d'ajouter un cas de test dans la suite partagée pour éviter la régression.",
  "Les métadonnées du service ne pointent pas vers la bonne adresse publique derrière le proxy.",
  "Avec Prodige, le moissonnage CSW fonctionne, mais les mots-clés INSPIRE disparaissent.",
  "Le jeton d'accès expire au bout de dix minutes, ce qui coupe les imports longs.",
  "OneGeo Suite affiche correctement la carte, c'est l'export qui pose problème.",
  "On peut contourner en fixant `limit` à 500, mais ce n'est pas satisfaisant.",
  "Le journal du serveur montre une erreur de conversion de coordonnées en Lambert 93.",
  "Pouvez-vous préciser la version exacte et la configuration du proxy ?",
  "La documentation de {solution} ne mentionne pas ce cas, je vais proposer une correction.",
  "Nous en parlerons à la prochaine réunion du collectif CICCLO.",
];
const CLOSINGS = [
  "Merci d'avance pour vos retours.",
  "Je reviens vers vous dès que j'ai du nouveau.",
  "Bonne journée,",
  "Qu'en pensez-vous ?",
  "Je ferme le point de mon côté si personne ne s'y oppose.",
];
const LIST_ITEMS = [
  "`GET /ogcapi/collections/{collection}/items?limit=100`",
  "suivre le lien `rel=next` de la réponse",
  "comparer `numberMatched` entre les deux pages",
  "se connecter avec ProConnect sur {place}",
  "valider le fichier CSV avec Validata",
  "relancer le moissonnage depuis {solution}",
];

function paragraph(random: Random): string {
  const count = between(random, 1, 4);
  return Array.from({ length: count }, () => fill(random, pick(random, SENTENCES))).join(" ");
}

function steps(random: Random): string {
  const count = between(random, 2, 4);
  return Array.from({ length: count }, (_, index) => `${index + 1}. ${fill(random, pick(random, LIST_ITEMS))}`).join(
    "\n",
  );
}

function jsonSample(random: Random): string {
  const collection = pick(random, COLLECTIONS);
  return [
    "```json",
    "{",
    `  "type": "FeatureCollection",`,
    `  "numberMatched": ${between(random, 100, 90_000)},`,
    `  "numberReturned": 100,`,
    `  "links": [{ "rel": "next", "href": "/ogcapi/collections/${collection}/items?limit=100&offset=100" }]`,
    "}",
    "```",
  ].join("\n");
}

function versionTable(random: Random): string {
  const rows = Array.from(
    { length: between(random, 2, 3) },
    () => `| ${pick(random, SOLUTIONS)} | ${pick(random, VERSIONS)} | ${random() < 0.5 ? "conforme" : "à corriger"} |`,
  );
  return ["| Solution | Version | Résultat |", "| --- | --- | --- |", ...rows].join("\n");
}

/** A Markdown post of one to six blocks: prose, now and then a list of steps, a JSON sample or a table. */
export function postBody(random: Random): string {
  const blocks: string[] = [];
  if (random() < 0.5) blocks.push(pick(random, OPENINGS));
  blocks.push(paragraph(random));
  const extra = random();
  if (extra < 0.15) blocks.push(`**Étapes pour reproduire**\n\n${steps(random)}`);
  else if (extra < 0.25) blocks.push(jsonSample(random));
  else if (extra < 0.3) blocks.push(versionTable(random));
  for (let more = between(random, 0, 2); more > 0; more--) blocks.push(paragraph(random));
  if (random() < 0.4) blocks.push(pick(random, CLOSINGS));
  return blocks.join("\n\n");
}
