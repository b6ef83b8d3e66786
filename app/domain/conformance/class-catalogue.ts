/**
 * The catalogue of conformance classes the platform knows before any admin edits: OGC API - Features Parts 1–5,
 * CQL2, the project's own ProConnect classes and schema.data.gouv.fr table schemas.
 *
 * Sources: /work/shared/docs/conformance-reports.md ("OGC API Features conformance class URIs"). Classes whose URI
 * is NOT written in those docs are marked `verified: false` and carry a "why" comment; an admin should check them
 * against the published standard before a clause relies on them.
 *
 * Framework-free: the database seed and the importers read the same list.
 */

export type ConformanceStandard =
  "OGC API - Features" | "OGC API - Common" | "OGC CQL2" | "ProConnect" | "schema.data.gouv.fr";

export interface ConformanceClassSeed {
  /** The canonical URI, as stored in the database and shown on the class page. */
  readonly uri: string;
  /** French title for the UI. */
  readonly title: string;
  readonly standard: ConformanceStandard;
  /** The part of the standard ("1" … "5" for OGC API - Features); null when the standard has no parts. */
  readonly part: string | null;
  /** Other URIs that mean the same class (other versions, `/req/` spellings, co-branded prefixes). */
  readonly aliases: readonly string[];
  /** false when the URI comes from the OGC naming pattern rather than from the project's docs. */
  readonly verified: boolean;
}

const OGC = "http://www.opengis.net/spec";

interface OgcClassInput {
  readonly path: string;
  readonly title: string;
  readonly extraAliases?: readonly string[];
  readonly verified?: boolean;
}

/**
 * Builds an OGC class: canonical `/conf/` URI, plus the `/req/` spelling as an alias (OGC documents and some servers
 * use the requirements-class URI where the conformance class is meant; Part 4 even publishes some classes that way).
 */
function ogcClass(
  standard: ConformanceStandard,
  part: string | null,
  specPrefix: string,
  { path, title, extraAliases = [], verified = true }: OgcClassInput,
): ConformanceClassSeed {
  const uri = `${OGC}/${specPrefix}/conf/${path}`;
  const aliases = [`${OGC}/${specPrefix}/req/${path}`, ...extraAliases];
  return { uri, title, standard, part, aliases, verified };
}

/** Part 1 1.1 (draft) keeps the 1.0 classes: a 1.1 declaration of `core` satisfies a clause that asks for 1.0 core. */
function features1(path: string, title: string): ConformanceClassSeed {
  return ogcClass("OGC API - Features", "1", "ogcapi-features-1/1.0", {
    path,
    title,
    extraAliases: [`${OGC}/ogcapi-features-1/1.1/conf/${path}`, `${OGC}/ogcapi-features-1/1.1/req/${path}`],
  });
}

/**
 * Part 5 (Schemas) is co-branded since 2025 as OGC API - Common Part 3; servers may declare either prefix.
 * UNVERIFIED: the docs name the co-branding but not the class list; these paths follow the Part 5 draft.
 */
function features5(path: string, title: string): ConformanceClassSeed {
  return ogcClass("OGC API - Features", "5", "ogcapi-features-5/1.0", {
    path,
    title,
    verified: false,
    extraAliases: [`${OGC}/ogcapi-common-3/1.0/conf/${path}`, `${OGC}/ogcapi-common-3/1.0/req/${path}`],
  });
}

const features2 = (path: string, title: string) =>
  ogcClass("OGC API - Features", "2", "ogcapi-features-2/1.0", { path, title });
const features3 = (path: string, title: string) =>
  ogcClass("OGC API - Features", "3", "ogcapi-features-3/1.0", { path, title });
const features4 = (path: string, title: string, verified = true) =>
  ogcClass("OGC API - Features", "4", "ogcapi-features-4/1.0", { path, title, verified });
const cql2 = (path: string, title: string) => ogcClass("OGC CQL2", null, "cql2/1.0", { path, title });

// ---------------------------------------------------------------------------------------------------------------
// ProConnect: a project-defined namespace. There is no official conformance statement for ProConnect clients, so
// the project names the checks its clauses require. URI pattern:
//   https://cicclo.fr/conformance/proconnect/1.0/conf/<class>
// The version segment lets a later revision of the checklist coexist with results recorded against this one.
// ---------------------------------------------------------------------------------------------------------------
export const PROCONNECT_CLASS_PREFIX = "https://cicclo.fr/conformance/proconnect/1.0/conf/";

const proconnect = (path: string, title: string): ConformanceClassSeed => ({
  uri: `${PROCONNECT_CLASS_PREFIX}${path}`,
  title,
  standard: "ProConnect",
  part: null,
  aliases: [],
  verified: true, // project-defined, so verified by definition
});

// ---------------------------------------------------------------------------------------------------------------
// schema.data.gouv.fr: one class per schema URL ("the file validates against this schema with Validata"). The class
// URI IS the schema URL, so a Validata report (whose `schema` field holds that URL) maps to its class without a
// table. A new version of a schema has a new URL, hence a new class: results never silently change meaning.
// ---------------------------------------------------------------------------------------------------------------

/** Builds the conformance class of a table schema from the URL Validata is given. */
export function buildSchemaConformanceClass(schemaUrl: string, title?: string): ConformanceClassSeed {
  const uri = normalizeConformanceClassUri(schemaUrl);
  return {
    uri,
    title: title ?? `Conforme au schéma ${schemaNameFromUrl(uri)}`,
    standard: "schema.data.gouv.fr",
    part: null,
    aliases: [],
    verified: true,
  };
}

/** "…/schema-irve-statique/latest/schema-statique.json" → "schema-irve-statique/schema-statique.json"-ish names. */
function schemaNameFromUrl(url: string): string {
  const segments = url.split("/").filter((segment) => segment.length > 0);
  const file = segments.at(-1) ?? url;
  const baseName = file.replace(/\.json$/i, "");
  const schemaIndex = segments.findIndex((segment) => segment.startsWith("schema-"));
  const schemaSegment = schemaIndex >= 0 ? segments[schemaIndex] : undefined;
  return schemaSegment && schemaSegment !== file ? `${schemaSegment} (${baseName})` : baseName;
}

export const CONFORMANCE_CLASSES: readonly ConformanceClassSeed[] = [
  // OGC API - Features - Part 1: Core (1.0, with 1.1 draft aliases)
  features1("core", "Features Partie 1 — Socle (core)"),
  features1("html", "Features Partie 1 — HTML"),
  features1("geojson", "Features Partie 1 — GeoJSON"),
  features1("gmlsf0", "Features Partie 1 — GML Simple Features niveau 0"),
  features1("gmlsf2", "Features Partie 1 — GML Simple Features niveau 2"),
  features1("oas30", "Features Partie 1 — OpenAPI 3.0"),
  // oas31 exists only from 1.1 on: its canonical URI is the 1.1 one.
  ogcClass("OGC API - Features", "1", "ogcapi-features-1/1.1", {
    path: "oas31",
    title: "Features Partie 1 — OpenAPI 3.1",
  }),

  // Part 2: Coordinate Reference Systems by Reference
  features2("crs", "Features Partie 2 — Systèmes de coordonnées par référence"),

  // Part 3: Filtering
  features3("queryables", "Features Partie 3 — Propriétés interrogeables (queryables)"),
  features3("queryables-query-parameters", "Features Partie 3 — Queryables en paramètres de requête"),
  features3("filter", "Features Partie 3 — Filtre"),
  features3("features-filter", "Features Partie 3 — Filtre sur les entités"),

  // Part 4: Create, Replace, Update and Delete (draft)
  features4("create-replace-delete", "Features Partie 4 — Création, remplacement et suppression"),
  features4("update", "Features Partie 4 — Mise à jour partielle"),
  features4("features", "Features Partie 4 — Transactions sur les entités"),
  // UNVERIFIED names: the docs say optimistic-locking classes exist (published under /req/) but not their paths.
  features4("optimistic-locking-etags", "Features Partie 4 — Verrouillage optimiste (ETag)", false),
  features4("optimistic-locking-timestamps", "Features Partie 4 — Verrouillage optimiste (horodatage)", false),

  // Part 5: Schemas (= OGC API - Common Part 3). UNVERIFIED paths, see features5().
  features5("schemas", "Features Partie 5 — Schémas"),
  features5("core-roles-features", "Features Partie 5 — Rôles des propriétés d'entités"),
  features5("returnables-and-receivables", "Features Partie 5 — Propriétés renvoyées et acceptées"),
  features5("queryables", "Features Partie 5 — Propriétés interrogeables"),
  features5("sortables", "Features Partie 5 — Propriétés de tri"),
  features5("profile-parameter", "Features Partie 5 — Paramètre de profil"),

  // CQL2
  cql2("basic-cql2", "CQL2 — Socle (Basic CQL2)"),
  cql2("advanced-comparison-operators", "CQL2 — Opérateurs de comparaison avancés"),
  cql2("case-insensitive-comparison", "CQL2 — Comparaison insensible à la casse"),
  cql2("accent-insensitive-comparison", "CQL2 — Comparaison insensible aux accents"),
  cql2("basic-spatial-functions", "CQL2 — Fonctions spatiales de base"),
  cql2("basic-spatial-functions-plus", "CQL2 — Fonctions spatiales de base étendues"),
  cql2("spatial-functions", "CQL2 — Fonctions spatiales"),
  cql2("temporal-functions", "CQL2 — Fonctions temporelles"),
  cql2("array-functions", "CQL2 — Fonctions sur les tableaux"),
  cql2("property-property", "CQL2 — Comparaison entre propriétés"),
  cql2("functions", "CQL2 — Fonctions personnalisées"),
  cql2("arithmetic", "CQL2 — Expressions arithmétiques"),
  cql2("cql2-text", "CQL2 — Encodage texte"),
  cql2("cql2-json", "CQL2 — Encodage JSON"),

  // ProConnect (project-defined, see PROCONNECT_CLASS_PREFIX)
  proconnect("login", "ProConnect — Connexion (code d'autorisation, state, nonce, iss)"),
  proconnect("userinfo-jwt", "ProConnect — Userinfo signé (JWT) vérifié"),
  proconnect("acr", "ProConnect — Niveau de garantie (acr) demandé et vérifié"),
  proconnect("logout", "ProConnect — Déconnexion (session/end avec id_token_hint)"),
  proconnect("siret", "ProConnect — Rattachement à l'organisation par SIRET"),

  // schema.data.gouv.fr / Validata table schemas.
  // The two ma-cantine schemas are the ones validated in the real Validata responses of the fixtures.
  buildSchemaConformanceClass(
    "https://raw.githubusercontent.com/betagouv/ma-cantine/refs/heads/main/data/schemas/imports/achats_siret.json",
    "Schéma ma-cantine — Achats (SIRET)",
  ),
  buildSchemaConformanceClass(
    "https://raw.githubusercontent.com/betagouv/ma-cantine/refs/heads/main/data/schemas/imports/bilans_simple_siret.json",
    "Schéma ma-cantine — Bilans simples (SIRET)",
  ),
  // UNVERIFIED URLs: well-known schema.data.gouv.fr schemas not named in the docs (check the "latest" path).
  buildSchemaConformanceClass(
    "https://schema.data.gouv.fr/schemas/etalab/schema-irve-statique/latest/schema-statique.json",
    "Schéma IRVE statique (bornes de recharge)",
  ),
  buildSchemaConformanceClass(
    "https://schema.data.gouv.fr/schemas/etalab/schema-lieux-covoiturage/latest/schema.json",
    "Schéma des lieux de covoiturage",
  ),
  buildSchemaConformanceClass(
    "https://schema.data.gouv.fr/schemas/etalab/schema-stationnement-cyclable/latest/schema.json",
    "Schéma du stationnement cyclable",
  ),
];

/**
 * Normal form of a class URI for comparisons: trimmed, no trailing slash, lower-case scheme and host, and the OGC
 * host in its canonical `http://www.opengis.net` spelling (servers declare both http and https).
 */
export function normalizeConformanceClassUri(uri: string): string {
  let normalized = uri.trim().replace(/\/+$/, "");
  normalized = normalized.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#]+)/i, (origin) => origin.toLowerCase());
  normalized = normalized.replace(/^https?:\/\/(www\.)?opengis\.net\//, "http://www.opengis.net/");
  return normalized;
}

/** Builds a lookup from normalized URI and aliases to their class; exported so an admin-edited list can reuse it. */
export function buildConformanceClassIndex(
  classes: readonly ConformanceClassSeed[],
): ReadonlyMap<string, ConformanceClassSeed> {
  const index = new Map<string, ConformanceClassSeed>();
  for (const seed of classes) {
    for (const uri of [seed.uri, ...seed.aliases]) {
      const key = normalizeConformanceClassUri(uri);
      // The first declaration wins, so a canonical URI is never shadowed by another class's alias.
      if (!index.has(key)) index.set(key, seed);
    }
  }
  return index;
}

const DEFAULT_INDEX = buildConformanceClassIndex(CONFORMANCE_CLASSES);

/** Finds the class meant by a URI, accepting aliases, `/req/` spellings, http/https and trailing slashes. */
export function resolveConformanceClassUri(
  uri: string,
  index: ReadonlyMap<string, ConformanceClassSeed> = DEFAULT_INDEX,
): ConformanceClassSeed | undefined {
  return index.get(normalizeConformanceClassUri(uri));
}

/** A class as stored (ConformanceClass row): its aliases are a JSON array, decision 002. */
export interface StoredClassAliases {
  readonly uri: string;
  readonly aliases: string;
}

/** The aliases of a stored class; a malformed column reads as none rather than breaking a page. */
export function parseStoredAliases(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((alias): alias is string => typeof alias === "string") : [];
  } catch {
    return [];
  }
}

/**
 * Maps any spelling of a class (canonical URI, alias, `/req/` form, 1.1 for 1.0, http/https, trailing slash) to the
 * canonical URI of the stored catalogue, so results, declarations and clauses written with different spellings meet.
 * A URI the catalogue does not know is kept, normalized: it can still match itself.
 */
export function canonicalClassUriResolver(classes: readonly StoredClassAliases[]): (uri: string) => string {
  // Canonical URIs first, so that another class's alias never shadows one, whatever the rows' order.
  const index = new Map(classes.map((stored) => [normalizeConformanceClassUri(stored.uri), stored.uri]));
  for (const stored of classes) {
    for (const alias of parseStoredAliases(stored.aliases)) {
      const key = normalizeConformanceClassUri(alias);
      if (!index.has(key)) index.set(key, stored.uri);
    }
  }
  return (uri) => {
    const key = normalizeConformanceClassUri(uri);
    return index.get(key) ?? key;
  };
}
