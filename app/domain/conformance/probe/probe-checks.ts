/**
 * The checks of the live probe, as data: what each verifies, in French for the UI, and the OGC requirement or
 * recommendation it stands for, so a failing check links to the same clause as a TEAM Engine result would.
 *
 * Requirement paths come from OGC API - Features Part 1 1.0 (OGC 17-069r4) and Part 2 1.0 (OGC 18-058). Only the
 * class URIs are written in /work/shared/docs/conformance-reports.md; the `/req/...` and `/rec/...` paths below were
 * NOT verified against the project's docs (they are quoted from the published standards from memory). The ones
 * marked "UNVERIFIED" are the least certain: an admin should check them before a clause relies on them.
 */

const FEATURES_1 = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf";

export const PROBED_CLASS_URIS = {
  core: `${FEATURES_1}/core`,
  geojson: `${FEATURES_1}/geojson`,
  oas30: `${FEATURES_1}/oas30`,
  crs: "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
} as const;

export type ProbedClass = keyof typeof PROBED_CLASS_URIS;

const GROUP_OF_CLASS: Record<ProbedClass, string> = {
  core: "Partie 1 — Socle",
  geojson: "Partie 1 — GeoJSON",
  oas30: "Partie 1 — OpenAPI 3.0",
  crs: "Partie 2 — Systèmes de coordonnées",
};

export interface ProbeCheck {
  /** Stable across runs, so an issue linked to a check keeps matching later probes. */
  readonly key: string;
  /** French label shown in the run. */
  readonly name: string;
  readonly probedClass: ProbedClass;
  readonly requirements: readonly string[];
  /** Whether the check runs once per collection (its results then carry the collection id as parameter). */
  readonly perCollection: boolean;
}

function check(
  key: string,
  name: string,
  probedClass: ProbedClass,
  requirements: readonly string[],
  perCollection = false,
): ProbeCheck {
  return { key, name, probedClass, requirements, perCollection };
}

export const PROBE_CHECKS = {
  landingPage: check("landing-page", "Page d'accueil accessible en JSON", "core", [
    "/req/core/root-op",
    "/req/core/root-success",
  ]),
  // "self" on the landing page comes from OGC API - Common and the examples of Part 1; root-success itself names the
  // service-desc/service-doc, conformance and data links.
  landingPageLinks: check("landing-page-links", "Liens de la page d'accueil (self, API, conformance, data)", "core", [
    "/req/core/root-success",
  ]),
  conformance: check("conformance", "Déclaration des classes de conformité (/conformance)", "core", [
    "/req/core/conformance-op",
    "/req/core/conformance-success",
  ]),
  apiDefinition: check("api-definition", "Définition de l'API accessible (service-desc)", "core", [
    "/req/core/api-definition-op",
    "/req/core/api-definition-success",
  ]),
  openApi30: check("openapi-3-0", "Document OpenAPI 3.0 lisible", "oas30", [
    "/req/oas30/oas-definition-1",
    "/req/oas30/oas-impl",
  ]),
  collections: check("collections", "Liste des collections (/collections)", "core", [
    "/req/core/fc-md-op",
    "/req/core/fc-md-success",
    "/req/core/fc-md-links",
  ]),
  collection: check(
    "collection",
    "Description de la collection et ses liens",
    "core",
    ["/req/core/fc-md-items", "/req/core/fc-md-items-links", "/req/core/sfc-md-op", "/req/core/sfc-md-success"],
    true,
  ),
  items: check("items", "Entités de la collection (items)", "core", ["/req/core/fc-op", "/req/core/fc-response"], true),
  itemsMediaType: check(
    "items-media-type",
    "Type de média GeoJSON des entités (application/geo+json)",
    "geojson",
    ["/req/geojson/definition", "/req/geojson/content"],
    true,
  ),
  itemsLimit: check(
    "items-limit",
    "Paramètre limit respecté",
    "core",
    ["/req/core/fc-limit-definition", "/req/core/fc-limit-response"],
    true,
  ),
  itemsCounts: check(
    "items-counts",
    "Cohérence de numberMatched et numberReturned",
    "core",
    ["/req/core/fc-numberMatched", "/req/core/fc-numberReturned"],
    true,
  ),
  // UNVERIFIED: in 1.0 paging is a recommendation (/rec/core/fc-next-1…3); the third one asks that the next link keep
  // the query parameters of the original request.
  pagingKeepsParameters: check(
    "paging-keeps-parameters",
    "Le lien next conserve tous les paramètres de la requête",
    "core",
    ["/rec/core/fc-next-1", "/rec/core/fc-next-3"],
    true,
  ),
  pagingNoRepeat: check(
    "paging-no-repeat",
    "La pagination ne renvoie jamais deux fois la même entité",
    "core",
    ["/rec/core/fc-next-2"],
    true,
  ),
  bbox: check(
    "bbox",
    "Filtre bbox : les entités renvoyées intersectent l'emprise",
    "core",
    ["/req/core/fc-bbox-definition", "/req/core/fc-bbox-response"],
    true,
  ),
  feature: check("feature", "Entité unique (/items/{id})", "core", ["/req/core/f-op", "/req/core/f-success"], true),
  featureMediaType: check(
    "feature-media-type",
    "Type de média GeoJSON d'une entité (application/geo+json)",
    "geojson",
    ["/req/geojson/definition", "/req/geojson/content"],
    true,
  ),
  // UNVERIFIED: Part 1 has no requirement of its own for this; 404 comes from its table of HTTP status codes (§7.5.1)
  // and /req/core/http, hence the link to f-op.
  missingFeature: check("missing-feature", "Erreur 404 pour une entité inexistante", "core", ["/req/core/f-op"], true),
  invalidLimit: check(
    "invalid-limit",
    "Erreur 400 pour limit=abc",
    "core",
    ["/req/core/query-param-invalid", "/req/core/fc-limit-definition"],
    true,
  ),
  invalidBbox: check(
    "invalid-bbox",
    "Erreur 400 pour un bbox mal formé",
    "core",
    ["/req/core/query-param-invalid", "/req/core/fc-bbox-definition"],
    true,
  ),
  // Part 1 1.0 requires 400 for an unknown parameter; many servers ignore it instead, which the probe reports.
  unknownParameter: check(
    "unknown-parameter",
    "Erreur 400 pour un paramètre inconnu",
    "core",
    ["/req/core/query-param-unknown"],
    true,
  ),
  crsList: check(
    "crs-list",
    "Liste des systèmes de coordonnées de la collection (crs)",
    "crs",
    ["/req/crs/fc-md-crs-list", "/req/crs/crs-uri"],
    true,
  ),
  // UNVERIFIED paths: Part 2's parameter and header requirements as remembered from OGC 18-058.
  crsItems: check(
    "crs-items",
    "Paramètre crs accepté et en-tête Content-Crs",
    "crs",
    ["/req/crs/fc-crs-definition", "/req/crs/fc-crs-valid-value", "/req/crs/ogc-crs-header"],
    true,
  ),
} as const satisfies Record<string, ProbeCheck>;

export function classUriOf(checkDefinition: ProbeCheck): string {
  return PROBED_CLASS_URIS[checkDefinition.probedClass];
}

export function groupOf(checkDefinition: ProbeCheck): string {
  return GROUP_OF_CLASS[checkDefinition.probedClass];
}
