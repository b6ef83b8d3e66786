/**
 * The live probe for OGC API - Features: it walks a server's landing page, conformance, collections and items, and
 * records each check as a test result, so a probe run is a `ConformanceRun` like any imported TEAM Engine report.
 * Requests go through the guarded HTTP client (timeouts, size cap, same host, no private address).
 *
 * Statuses: "failed" when the server answered against the standard; "error" when the probe could not conclude
 * (timeout, oversize response, refused redirect); "skipped" when the check does not apply (class not declared, no
 * feature to test), with `skipCause: "dependency"` when an earlier failure prevented it.
 */

import { DomainError } from "~/domain/shared/errors";
import { parse as parseYaml } from "yaml";
import { resolveConformanceClassUri } from "../class-catalogue";
import { declaredClassesSummary } from "../declared-classes";
import { assembleRun, TestIdAllocator, type ConformanceRun, type ConformanceTestResult } from "../run-model";
import { envelopeOf, envelopesIntersect, type Envelope } from "./geojson-envelope";
import {
  assertPublicHost,
  createGuardedHttpClient,
  defaultLookup,
  GuardedRequestError,
  parseHttpUrl,
  type GuardedHttpClient,
  type GuardedHttpOptions,
  type GuardedResponse,
} from "./guarded-http.server";
import {
  classUriOf,
  groupOf,
  PROBE_CHECKS,
  PROBED_CLASS_URIS,
  type ProbeCheck,
  type ProbedClass,
} from "./probe-checks";

export const PROBE_SUITE = { name: "CICCLO live probe", version: "1.0" } as const;

export interface ProbeOptions extends GuardedHttpOptions {
  /** Collections whose items are checked; the others are only listed (each costs ~15 requests). */
  readonly maxCollections?: number;
  /** Pages walked through `next` links. */
  readonly maxPages?: number;
  /** `limit` used for the limit and paging checks: small, so a few pages cover few features. */
  readonly pageSize?: number;
  readonly now?: () => Date;
}

export const DEFAULT_PROBE_OPTIONS = { maxCollections: 5, maxPages: 5, pageSize: 2 } as const;

const ACCEPT_JSON = "application/json";
const ACCEPT_GEOJSON = "application/geo+json, application/json;q=0.8";
const ACCEPT_OPENAPI = "application/vnd.oai.openapi+json;version=3.0, application/json;q=0.9, */*;q=0.5";
const GEOJSON_MEDIA_TYPE = "application/geo+json";
const OPENAPI_30_MEDIA_TYPE = "application/vnd.oai.openapi+json;version=3.0";
const WORLD_BBOX = "-180,-90,180,90";
/** Captured bodies are excerpts: enough to read an error document, not a copy of the dataset. */
const CAPTURED_BODY_CHARACTERS = 2_000;

/**
 * Runs every check against `endpoint` (the landing page URL). A malformed, non-http(s) or private endpoint is refused
 * with a DomainError 422 before any request; problems found afterwards become test results.
 */
export async function probeOgcApiFeatures(endpoint: string, options: ProbeOptions = {}): Promise<ConformanceRun> {
  const endpointUrl = await vetEndpoint(endpoint, options);
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const session = new ProbeSession(endpointUrl, createGuardedHttpClient(endpointUrl, options), options, now);
  await session.run();
  return assembleRun({
    format: "probe",
    suite: { name: PROBE_SUITE.name, version: PROBE_SUITE.version },
    subject: endpointUrl.href,
    startedAt,
    finishedAt: now(),
    tests: session.results,
    warnings: session.warnings,
    declaredClasses: session.declaredClasses,
  });
}

async function vetEndpoint(endpoint: string, options: ProbeOptions): Promise<URL> {
  const refuse = (detail: string) =>
    new DomainError(422, `Le point d'accès OGC API Features est refusé. ${detail}`, { endpoint });
  try {
    const url = parseHttpUrl(endpoint.trim());
    url.hash = "";
    await assertPublicHost(url, options.lookup ?? defaultLookup, options.allowPrivateAddresses ?? false);
    return url;
  } catch (error) {
    if (error instanceof GuardedRequestError) throw refuse(error.message);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Fetching and reading responses
// ---------------------------------------------------------------------------------------------------------------

/** One request as the checks see it: the response with its JSON, or why there is none. */
type Exchange =
  | { readonly ok: true; readonly url: string; readonly response: GuardedResponse; readonly json: unknown }
  | { readonly ok: false; readonly url: string; readonly error: GuardedRequestError };

type JsonObject = Record<string, unknown>;

interface Link {
  readonly href: string;
  readonly rel: string;
  readonly type: string | null;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** "application/geo+json; charset=utf-8" → "application/geo+json". */
function baseMediaType(contentType: string | null): string | null {
  const base = contentType?.split(";")[0]?.trim().toLowerCase();
  return base ? base : null;
}

/** Links of a JSON document with their href resolved against the URL that served it. */
function linksOf(document: unknown, baseUrl: string): Link[] {
  if (!isObject(document) || !Array.isArray(document.links)) return [];
  const links: Link[] = [];
  for (const link of document.links) {
    if (!isObject(link) || typeof link.href !== "string" || typeof link.rel !== "string") continue;
    try {
      const href = new URL(link.href, baseUrl).href;
      links.push({ href, rel: link.rel, type: typeof link.type === "string" ? link.type : null });
    } catch {
      // An unusable href is reported by the checks that need the link, not here.
    }
  }
  return links;
}

/** The link of a relation in the preferred media type, then untyped, then any JSON flavour; never HTML. */
function pickLink(links: readonly Link[], rel: string, preferredTypes: readonly string[]): Link | undefined {
  const candidates = links.filter((link) => link.rel === rel);
  for (const type of preferredTypes) {
    const match = candidates.find((link) => baseMediaType(link.type) === type);
    if (match) return match;
  }
  return (
    candidates.find((link) => link.type === null) ??
    candidates.find((link) => /json|openapi/i.test(link.type ?? "")) ??
    undefined
  );
}

/** `base` + extra query parameters, keeping those already in `base` (MapServer's links carry `f=json`). */
function withQuery(base: string, parameters: Record<string, string>): string {
  const url = new URL(base);
  for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
  return url.href;
}

/** A path below the endpoint, for servers whose landing page lacks the link (the standard paths of Part 1). */
function conventionalUrl(endpoint: URL, path: string): string {
  const url = new URL(endpoint.href);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/${path}`;
  url.search = "";
  return url.href;
}

function describeExchangeProblem(exchange: Exchange, expectedStatus = 200): string | null {
  if (!exchange.ok) return exchange.error.message;
  if (exchange.response.status !== expectedStatus) {
    return `Statut HTTP ${exchange.response.status} au lieu de ${expectedStatus} pour ${exchange.url}.`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------------------------

interface Outcome {
  readonly status: ConformanceTestResult["status"];
  readonly message: string | null;
  readonly exchange?: Exchange;
  readonly skipCause?: "dependency";
}

const passed = (exchange?: Exchange, message: string | null = null): Outcome => ({
  status: "passed",
  message,
  exchange,
});
const failed = (message: string, exchange?: Exchange): Outcome => ({ status: "failed", message, exchange });
const skipped = (reason: string, exchange?: Exchange): Outcome => ({ status: "skipped", message: reason, exchange });
const skippedByDependency = (reason: string): Outcome => ({
  status: "skipped",
  message: reason,
  skipCause: "dependency",
});

/**
 * The verdict of a check built on a request: "error" when the guard refused or gave up (nothing can be concluded
 * about the server), "failed" on an unexpected status or non-JSON body, otherwise whatever `judge` decides.
 */
function judgeJson(exchange: Exchange, judge: (json: unknown, response: GuardedResponse) => Outcome): Outcome {
  if (!exchange.ok) return { status: "error", message: exchange.error.message, exchange };
  const problem = describeExchangeProblem(exchange);
  if (problem) return failed(problem, exchange);
  if (exchange.json === undefined) {
    return failed(
      `La réponse de ${exchange.url} n'est pas du JSON lisible (Content-Type : ${exchange.response.contentType ?? "absent"}).`,
      exchange,
    );
  }
  return judge(exchange.json, exchange.response);
}

/** Like EARL's captured HTTP: the request, the status, and the content type and an excerpt of the body. */
function captureHttp(exchange: Exchange): ConformanceTestResult["http"] {
  const request = { method: "GET", uri: exchange.url, body: null };
  if (!exchange.ok) return { request, response: null };
  const { response } = exchange;
  const redirected = response.redirects.length > 0 ? `Redirections : ${response.redirects.join(" → ")}\n` : "";
  const excerpt =
    response.body.length > CAPTURED_BODY_CHARACTERS
      ? `${response.body.slice(0, CAPTURED_BODY_CHARACTERS)}… (${response.body.length} caractères)`
      : response.body;
  return {
    request,
    response: {
      status: response.status,
      body: `${redirected}Content-Type: ${response.contentType ?? "(absent)"}\n\n${excerpt}`,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The probe run
// ---------------------------------------------------------------------------------------------------------------

interface CollectionUnderTest {
  readonly id: string;
  readonly document: JsonObject;
  readonly links: readonly Link[];
}

class ProbeSession {
  readonly results: ConformanceTestResult[] = [];
  readonly warnings: string[] = [];
  readonly #ids = new TestIdAllocator();
  /** Classes the server declares, canonical URIs; null until /conformance was read. */
  #declaredClasses: Set<string> | null = null;
  /** The same, as the server spelled them: what the run records. */
  declaredClasses: string[] | null = null;
  readonly #maxCollections: number;
  readonly #maxPages: number;
  readonly #pageSize: number;

  constructor(
    private readonly endpoint: URL,
    private readonly http: GuardedHttpClient,
    options: ProbeOptions,
    private readonly now: () => Date,
  ) {
    this.#maxCollections = options.maxCollections ?? DEFAULT_PROBE_OPTIONS.maxCollections;
    this.#maxPages = options.maxPages ?? DEFAULT_PROBE_OPTIONS.maxPages;
    this.#pageSize = options.pageSize ?? DEFAULT_PROBE_OPTIONS.pageSize;
  }

  async #get(url: string, accept: string): Promise<Exchange> {
    try {
      const response = await this.http.get(url, accept);
      return { ok: true, url, response, json: parseJsonOrUndefined(response.body) };
    } catch (error) {
      if (error instanceof GuardedRequestError) return { ok: false, url, error };
      throw error;
    }
  }

  /** Runs one check and records its result; `collectionId` marks per-collection checks. */
  async #check(definition: ProbeCheck, evaluate: () => Promise<Outcome> | Outcome, collectionId?: string) {
    const startedAt = this.now();
    const outcome = await evaluate();
    const parameters = collectionId === undefined ? [] : [collectionId];
    this.#record(definition, outcome, parameters, startedAt);
    return outcome;
  }

  #record(definition: ProbeCheck, outcome: Outcome, parameters: readonly string[], startedAt: Date): void {
    const caseKey = `cicclo-probe#${definition.key}`;
    const suffix = parameters.length > 0 ? `[${parameters.join(",")}]` : "";
    this.results.push({
      id: this.#ids.allocate(`${caseKey}${suffix}`),
      caseKey,
      name: definition.name,
      group: groupOf(definition),
      tags: [definition.probedClass],
      implementationClass: null,
      classUri: classUriOf(definition),
      status: outcome.status,
      skipCause: outcome.skipCause ?? null,
      message: outcome.message,
      description: `Exigences : ${definition.requirements.join(", ")}`,
      requirements: definition.requirements,
      durationMs: this.now().getTime() - startedAt.getTime(),
      startedAt,
      parameters,
      subject: outcome.exchange?.url ?? this.endpoint.href,
      http: outcome.exchange ? captureHttp(outcome.exchange) : null,
      findings: [],
    });
  }

  #skipAll(definitions: readonly ProbeCheck[], reason: string, collectionId?: string): void {
    const startedAt = this.now();
    for (const definition of definitions) {
      this.#record(
        definition,
        skippedByDependency(reason),
        collectionId === undefined ? [] : [collectionId],
        startedAt,
      );
    }
  }

  /** Null when /conformance could not be read: checks of optional classes are then skipped as dependent. */
  #declares(probedClass: ProbedClass): boolean | null {
    if (this.#declaredClasses === null) return null;
    return this.#declaredClasses.has(PROBED_CLASS_URIS[probedClass]);
  }

  #notDeclared(probedClass: ProbedClass): Outcome | null {
    const declared = this.#declares(probedClass);
    if (declared === null) {
      return skippedByDependency("Classes de conformité inconnues : /conformance n'a pas pu être lu.");
    }
    return declared ? null : skipped(`La classe ${PROBED_CLASS_URIS[probedClass]} n'est pas déclarée par le serveur.`);
  }

  async run(): Promise<void> {
    const landing = await this.#get(this.endpoint.href, ACCEPT_JSON);
    const landingOutcome = await this.#check(PROBE_CHECKS.landingPage, () =>
      judgeJson(landing, (json) =>
        isObject(json) && Array.isArray(json.links)
          ? passed(landing)
          : failed("La page d'accueil ne contient pas de tableau « links ».", landing),
      ),
    );
    const remainingTopLevel = [
      PROBE_CHECKS.landingPageLinks,
      PROBE_CHECKS.conformance,
      PROBE_CHECKS.apiDefinition,
      PROBE_CHECKS.openApi30,
      PROBE_CHECKS.collections,
    ];
    if (landingOutcome.status !== "passed" || !landing.ok) {
      this.#skipAll(remainingTopLevel, "La page d'accueil n'a pas pu être lue.");
      return;
    }
    const landingLinks = linksOf(landing.json, landing.response.finalUrl);
    await this.#check(PROBE_CHECKS.landingPageLinks, () => judgeLandingLinks(landingLinks, landing));

    await this.#checkConformance(landingLinks);
    await this.#checkApiDefinition(landingLinks);
    const collections = await this.#checkCollections(landingLinks);
    for (const collection of collections) await this.#checkCollection(collection);
  }

  async #checkConformance(landingLinks: readonly Link[]): Promise<void> {
    const url =
      pickLink(landingLinks, "conformance", [ACCEPT_JSON])?.href ?? conventionalUrl(this.endpoint, "conformance");
    const exchange = await this.#get(url, ACCEPT_JSON);
    await this.#check(PROBE_CHECKS.conformance, () =>
      judgeJson(exchange, (json) => {
        const conformsTo = isObject(json) ? json.conformsTo : undefined;
        if (!Array.isArray(conformsTo) || !conformsTo.every((uri) => typeof uri === "string")) {
          return failed("La réponse de /conformance ne contient pas de tableau « conformsTo » de chaînes.", exchange);
        }
        // Canonical URIs, so a server declaring the 1.1 or /req/ spelling still counts as declaring the class.
        const declared = conformsTo.map((uri) => resolveConformanceClassUri(uri)?.uri ?? uri);
        this.#declaredClasses = new Set(declared);
        this.declaredClasses = conformsTo as string[];
        const summary = declaredClassesSummary(conformsTo as string[]);
        if (!this.#declaredClasses.has(PROBED_CLASS_URIS.core)) {
          return failed(`Le serveur ne déclare pas la classe ${PROBED_CLASS_URIS.core}. ${summary}`, exchange);
        }
        return passed(exchange, summary);
      }),
    );
  }

  async #checkApiDefinition(landingLinks: readonly Link[]): Promise<void> {
    const serviceDesc = pickLink(landingLinks, "service-desc", [OPENAPI_30_MEDIA_TYPE, ACCEPT_JSON]);
    if (!serviceDesc) {
      await this.#check(PROBE_CHECKS.apiDefinition, () =>
        landingLinks.some((link) => link.rel === "service-doc")
          ? skipped("Pas de lien service-desc exploitable (seulement service-doc) : le document n'est pas lu.")
          : failed("La page d'accueil n'a pas de lien service-desc vers la définition de l'API."),
      );
      this.#skipAll([PROBE_CHECKS.openApi30], "Aucun document OpenAPI à lire.");
      return;
    }
    const exchange = await this.#get(serviceDesc.href, ACCEPT_OPENAPI);
    let document: unknown;
    const apiOutcome = await this.#check(PROBE_CHECKS.apiDefinition, () => {
      if (!exchange.ok) return { status: "error", message: exchange.error.message, exchange };
      const problem = describeExchangeProblem(exchange);
      if (problem) return failed(problem, exchange);
      // OpenAPI documents may be YAML; JSON is YAML too, so one parser reads both.
      document = exchange.json ?? parseYamlOrUndefined(exchange.response.body);
      return isObject(document)
        ? passed(exchange)
        : failed("La définition de l'API n'est ni du JSON ni du YAML lisible.", exchange);
    });
    await this.#check(PROBE_CHECKS.openApi30, () => {
      const notDeclared = this.#notDeclared("oas30");
      if (notDeclared) return notDeclared;
      if (apiOutcome.status !== "passed" || !exchange.ok || !isObject(document)) {
        return skippedByDependency("La définition de l'API n'a pas pu être lue.");
      }
      const version = document.openapi;
      if (typeof version !== "string" || !version.startsWith("3.0")) {
        return failed(`Le document déclare « openapi: ${String(version)} » au lieu d'une version 3.0.x.`, exchange);
      }
      if (!isObject(document.paths) || Object.keys(document.paths).length === 0) {
        return failed("Le document OpenAPI ne décrit aucun chemin (« paths » vide ou absent).", exchange);
      }
      const mediaType = exchange.response.contentType?.replace(/\s+/g, "").toLowerCase() ?? "";
      if (exchange.json !== undefined && !mediaType.startsWith(OPENAPI_30_MEDIA_TYPE)) {
        return failed(
          `Le document OpenAPI JSON est servi en « ${exchange.response.contentType ?? "absent"} » au lieu de « ${OPENAPI_30_MEDIA_TYPE} ».`,
          exchange,
        );
      }
      return passed(exchange, `OpenAPI ${version}, ${Object.keys(document.paths).length} chemins.`);
    });
  }

  async #checkCollections(landingLinks: readonly Link[]): Promise<CollectionUnderTest[]> {
    const url = pickLink(landingLinks, "data", [ACCEPT_JSON])?.href ?? conventionalUrl(this.endpoint, "collections");
    const exchange = await this.#get(url, ACCEPT_JSON);
    const collections: CollectionUnderTest[] = [];
    await this.#check(PROBE_CHECKS.collections, () =>
      judgeJson(exchange, (json) => {
        if (!isObject(json) || !Array.isArray(json.collections)) {
          return failed("La réponse de /collections ne contient pas de tableau « collections ».", exchange);
        }
        const baseUrl = exchange.ok ? exchange.response.finalUrl : url;
        const problems: string[] = [];
        if (!linksOf(json, baseUrl).some((link) => link.rel === "self")) {
          problems.push("pas de lien « self »");
        }
        json.collections.forEach((entry, index) => {
          if (!isObject(entry) || typeof entry.id !== "string" || entry.id === "") {
            problems.push(`la collection n° ${index + 1} n'a pas d'identifiant « id »`);
            return;
          }
          collections.push({ id: entry.id, document: entry, links: linksOf(entry, baseUrl) });
        });
        if (collections.length === 0) problems.push("aucune collection");
        return problems.length > 0
          ? failed(`/collections : ${problems.join(" ; ")}.`, exchange)
          : passed(exchange, `${collections.length} collection(s) : ${collections.map(({ id }) => id).join(", ")}`);
      }),
    );
    if (collections.length > this.#maxCollections) {
      this.warnings.push(
        `${collections.length} collections : seules les ${this.#maxCollections} premières ont été sondées.`,
      );
    }
    return collections.slice(0, this.#maxCollections);
  }

  async #checkCollection(collection: CollectionUnderTest): Promise<void> {
    const { id } = collection;
    const itemsLink = pickLink(collection.links, "items", [GEOJSON_MEDIA_TYPE, ACCEPT_JSON]);
    await this.#checkCollectionDescription(collection, itemsLink);
    const itemChecks = [
      PROBE_CHECKS.items,
      PROBE_CHECKS.itemsMediaType,
      PROBE_CHECKS.itemsLimit,
      PROBE_CHECKS.itemsCounts,
      PROBE_CHECKS.pagingKeepsParameters,
      PROBE_CHECKS.pagingNoRepeat,
      PROBE_CHECKS.bbox,
      PROBE_CHECKS.feature,
      PROBE_CHECKS.featureMediaType,
      PROBE_CHECKS.missingFeature,
      PROBE_CHECKS.invalidLimit,
      PROBE_CHECKS.invalidBbox,
      PROBE_CHECKS.unknownParameter,
      PROBE_CHECKS.crsList,
      PROBE_CHECKS.crsItems,
    ];
    if (!itemsLink) {
      this.#skipAll(itemChecks, "La collection n'a pas de lien « items » utilisable.", id);
      return;
    }
    const itemsUrl = itemsLink.href;

    const firstPage = await this.#get(itemsUrl, ACCEPT_GEOJSON);
    let features: unknown[] = [];
    let firstPageJson: JsonObject | null = null;
    const itemsOutcome = await this.#check(
      PROBE_CHECKS.items,
      () =>
        judgeJson(firstPage, (json) => {
          if (!isObject(json) || json.type !== "FeatureCollection" || !Array.isArray(json.features)) {
            return failed(
              "La réponse n'est pas une FeatureCollection GeoJSON avec un tableau « features ».",
              firstPage,
            );
          }
          firstPageJson = json;
          features = json.features;
          return passed(firstPage, `${features.length} entité(s) sur la première page.`);
        }),
      id,
    );
    await this.#check(
      PROBE_CHECKS.itemsMediaType,
      () => judgeGeoJsonMediaType(this.#notDeclared("geojson"), firstPage, itemsOutcome),
      id,
    );

    const limited = await this.#get(withQuery(itemsUrl, { limit: String(this.#pageSize) }), ACCEPT_GEOJSON);
    await this.#check(
      PROBE_CHECKS.itemsLimit,
      () =>
        judgeJson(limited, (json) => {
          const count = isObject(json) && Array.isArray(json.features) ? json.features.length : null;
          if (count === null) return failed("La réponse n'a pas de tableau « features ».", limited);
          return count <= this.#pageSize
            ? passed(limited, `${count} entité(s) pour limit=${this.#pageSize}.`)
            : failed(`${count} entités renvoyées pour limit=${this.#pageSize}.`, limited);
        }),
      id,
    );

    const walk = await this.#walkPages(itemsUrl);
    await this.#check(PROBE_CHECKS.itemsCounts, () => judgeCounts(firstPage, firstPageJson, walk), id);
    await this.#check(PROBE_CHECKS.pagingKeepsParameters, () => judgeParametersKept(walk), id);
    await this.#check(PROBE_CHECKS.pagingNoRepeat, () => judgeNoRepeat(walk, this.#maxPages), id);

    await this.#checkBbox(itemsUrl, features, itemsOutcome, id);
    await this.#checkFeature(itemsUrl, features, itemsOutcome, id);
    await this.#checkErrorStatus(
      PROBE_CHECKS.missingFeature,
      featureUrl(itemsUrl, `cicclo-probe-absent-${Math.random().toString(36).slice(2, 10)}`),
      404,
      "une entité inexistante",
      id,
    );
    await this.#checkErrorStatus(
      PROBE_CHECKS.invalidLimit,
      withQuery(itemsUrl, { limit: "abc" }),
      400,
      "limit=abc",
      id,
    );
    await this.#checkErrorStatus(
      PROBE_CHECKS.invalidBbox,
      withQuery(itemsUrl, { bbox: "1,2,3" }),
      400,
      "bbox=1,2,3",
      id,
    );
    await this.#checkErrorStatus(
      PROBE_CHECKS.unknownParameter,
      withQuery(itemsUrl, { "cicclo-probe-unknown": "1" }),
      400,
      "un paramètre inconnu (cicclo-probe-unknown=1)",
      id,
    );
    await this.#checkCrs(collection, itemsUrl);
  }

  async #checkCollectionDescription(collection: CollectionUnderTest, itemsLink: Link | undefined): Promise<void> {
    const selfUrl =
      pickLink(collection.links, "self", [ACCEPT_JSON])?.href ??
      conventionalUrl(this.endpoint, `collections/${encodeURIComponent(collection.id)}`);
    const exchange = await this.#get(selfUrl, ACCEPT_JSON);
    await this.#check(
      PROBE_CHECKS.collection,
      () => {
        if (!itemsLink)
          return failed(`La collection « ${collection.id} » n'a pas de lien « items » (JSON ou GeoJSON).`);
        return judgeJson(exchange, (json) => {
          if (!isObject(json) || json.id !== collection.id) {
            return failed(
              `${selfUrl} ne décrit pas la collection « ${collection.id} » (id lu : ${isObject(json) ? String(json.id) : "aucun"}).`,
              exchange,
            );
          }
          return passed(exchange);
        });
      },
      collection.id,
    );
  }

  /** Follows `next` links from `?limit=<pageSize>&bbox=<world>`: the bbox is a parameter every page must keep. */
  async #walkPages(itemsUrl: string): Promise<PageWalk> {
    const firstUrl = withQuery(itemsUrl, { limit: String(this.#pageSize), bbox: WORLD_BBOX });
    const expectedParameters = [...new URL(firstUrl).searchParams.entries()];
    const pages: WalkedPage[] = [];
    let url: string | null = firstUrl;
    let stopReason: Exchange | null = null;
    while (url && pages.length < this.#maxPages) {
      const exchange = await this.#get(url, ACCEPT_GEOJSON);
      const json = exchange.ok && exchange.response.status === 200 ? exchange.json : undefined;
      if (!isObject(json) || !Array.isArray(json.features)) {
        stopReason = exchange;
        break;
      }
      const nextLink = pickLink(linksOf(json, exchange.ok ? exchange.response.finalUrl : url), "next", [
        GEOJSON_MEDIA_TYPE,
        ACCEPT_JSON,
      ]);
      pages.push({
        exchange,
        features: json.features,
        numberMatched: json.numberMatched,
        next: nextLink?.href ?? null,
      });
      url = nextLink?.href ?? null;
    }
    return { expectedParameters, pages, stopReason, complete: url === null && stopReason === null };
  }

  async #checkBbox(itemsUrl: string, features: readonly unknown[], itemsOutcome: Outcome, id: string): Promise<void> {
    const seed = features.map(featureSummary).find((feature) => feature.envelope !== null);
    if (itemsOutcome.status !== "passed" || !seed?.envelope) {
      await this.#check(
        PROBE_CHECKS.bbox,
        () =>
          itemsOutcome.status !== "passed"
            ? skippedByDependency("Les entités de la collection n'ont pas pu être lues.")
            : skipped("Aucune entité avec géométrie pour construire un bbox."),
        id,
      );
      return;
    }
    const bbox = seed.envelope;
    const exchange = await this.#get(withQuery(itemsUrl, { bbox: bbox.join(",") }), ACCEPT_GEOJSON);
    await this.#check(
      PROBE_CHECKS.bbox,
      () =>
        judgeJson(exchange, (json) => {
          if (!isObject(json) || !Array.isArray(json.features)) {
            return failed("La réponse n'a pas de tableau « features ».", exchange);
          }
          const returned = json.features.map(featureSummary);
          const outside = returned.filter(({ envelope }) => envelope !== null && !envelopesIntersect(envelope, bbox));
          if (outside.length > 0) {
            return failed(
              `${outside.length} entité(s) hors de l'emprise ${bbox.join(",")} : ${outside.map(describeFeature).join(", ")}.`,
              exchange,
            );
          }
          const hasNext = linksOf(json, exchange.ok ? exchange.response.finalUrl : itemsUrl).some(
            (link) => link.rel === "next",
          );
          if (seed.id !== null && !hasNext && !returned.some((feature) => feature.id === seed.id)) {
            return failed(`L'entité « ${seed.id} », dans l'emprise ${bbox.join(",")}, n'est pas renvoyée.`, exchange);
          }
          return passed(exchange, `${returned.length} entité(s) dans l'emprise ${bbox.join(",")}.`);
        }),
      id,
    );
  }

  async #checkFeature(
    itemsUrl: string,
    features: readonly unknown[],
    itemsOutcome: Outcome,
    id: string,
  ): Promise<void> {
    const featureId = features.map(featureSummary).find((feature) => feature.id !== null)?.id ?? null;
    if (itemsOutcome.status !== "passed" || featureId === null) {
      const outcome =
        itemsOutcome.status !== "passed"
          ? skippedByDependency("Les entités de la collection n'ont pas pu être lues.")
          : skipped("Aucune entité avec un identifiant « id » sur la première page.");
      await this.#check(PROBE_CHECKS.feature, () => outcome, id);
      await this.#check(PROBE_CHECKS.featureMediaType, () => ({ ...outcome, skipCause: "dependency" }), id);
      return;
    }
    const exchange = await this.#get(featureUrl(itemsUrl, featureId), ACCEPT_GEOJSON);
    const featureOutcome = await this.#check(
      PROBE_CHECKS.feature,
      () =>
        judgeJson(exchange, (json) => {
          if (!isObject(json) || json.type !== "Feature")
            return failed("La réponse n'est pas une Feature GeoJSON.", exchange);
          if (json.id !== undefined && String(json.id) !== featureId) {
            return failed(`L'entité renvoyée a l'id « ${String(json.id)} » au lieu de « ${featureId} ».`, exchange);
          }
          return passed(exchange);
        }),
      id,
    );
    await this.#check(
      PROBE_CHECKS.featureMediaType,
      () => judgeGeoJsonMediaType(this.#notDeclared("geojson"), exchange, featureOutcome),
      id,
    );
  }

  async #checkErrorStatus(definition: ProbeCheck, url: string, expected: 400 | 404, what: string, id: string) {
    const exchange = await this.#get(url, ACCEPT_JSON);
    await this.#check(
      definition,
      () => {
        if (!exchange.ok) return { status: "error", message: exchange.error.message, exchange };
        const { status } = exchange.response;
        if (status === expected) return passed(exchange);
        const tolerated = status >= 400 && status < 500 ? " (une autre erreur client)" : "";
        return failed(`Statut HTTP ${status}${tolerated} au lieu de ${expected} pour ${what}.`, exchange);
      },
      id,
    );
  }

  async #checkCrs(collection: CollectionUnderTest, itemsUrl: string): Promise<void> {
    const { id } = collection;
    const notDeclared = this.#notDeclared("crs");
    if (notDeclared) {
      await this.#check(PROBE_CHECKS.crsList, () => notDeclared, id);
      await this.#check(PROBE_CHECKS.crsItems, () => ({ ...notDeclared }), id);
      return;
    }
    const crsList = Array.isArray(collection.document.crs) ? collection.document.crs : null;
    const crsUris = (crsList ?? []).filter((crs): crs is string => typeof crs === "string" && crs !== "#/crs");
    const listOutcome = await this.#check(
      PROBE_CHECKS.crsList,
      () => {
        if (!crsList || crsList.length === 0) {
          return failed(`La collection « ${id} » ne publie pas de liste « crs » alors que la Partie 2 est déclarée.`);
        }
        const notUris = crsUris.filter((crs) => !/^(https?:\/\/|urn:ogc:def:crs:)/.test(crs));
        if (notUris.length > 0)
          return failed(`Ces systèmes de coordonnées ne sont pas des URI : ${notUris.join(", ")}.`);
        return passed(undefined, `Systèmes de coordonnées : ${crsList.map(String).join(", ")}`);
      },
      id,
    );
    // Prefer a CRS other than the default CRS84, where Content-Crs and coordinates actually change.
    const target = crsUris.find((crs) => !/CRS84$/i.test(crs)) ?? crsUris[0];
    if (listOutcome.status !== "passed" || !target) {
      await this.#check(
        PROBE_CHECKS.crsItems,
        () => skippedByDependency("Aucun système de coordonnées à demander."),
        id,
      );
      return;
    }
    const exchange = await this.#get(withQuery(itemsUrl, { crs: target, limit: "1" }), ACCEPT_GEOJSON);
    await this.#check(
      PROBE_CHECKS.crsItems,
      () =>
        judgeJson(exchange, (_json, response) => {
          const header = response.headers.get("content-crs")?.trim() ?? null;
          if (header === null) return failed(`Pas d'en-tête Content-Crs pour crs=${target}.`, exchange);
          return header.replace(/^<|>$/g, "") === target
            ? passed(exchange, `Content-Crs: ${header}`)
            : failed(`En-tête Content-Crs « ${header} » au lieu de « <${target}> ».`, exchange);
        }),
      id,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Judgements that need no request of their own
// ---------------------------------------------------------------------------------------------------------------

function parseYamlOrUndefined(text: string): unknown {
  try {
    return parseYaml(text) as unknown;
  } catch {
    return undefined;
  }
}

function featureUrl(itemsUrl: string, featureId: string): string {
  const url = new URL(itemsUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/${encodeURIComponent(featureId)}`;
  return url.href;
}

interface FeatureSummary {
  readonly id: string | null;
  readonly envelope: Envelope | null;
}

function featureSummary(feature: unknown): FeatureSummary {
  if (!isObject(feature)) return { id: null, envelope: null };
  const id = typeof feature.id === "string" || typeof feature.id === "number" ? String(feature.id) : null;
  return { id, envelope: envelopeOf(feature.geometry) };
}

function describeFeature({ id, envelope }: FeatureSummary): string {
  return `${id ?? "(sans id)"} [${envelope?.join(",") ?? "?"}]`;
}

function judgeLandingLinks(links: readonly Link[], landing: Exchange): Outcome {
  const has = (rel: string) => links.some((link) => link.rel === rel);
  const missing: string[] = [];
  if (!has("self")) missing.push("self");
  if (!has("service-desc") && !has("service-doc")) missing.push("service-desc ou service-doc");
  if (!has("conformance")) missing.push("conformance");
  if (!has("data")) missing.push("data");
  return missing.length === 0
    ? passed(landing)
    : failed(`Liens absents de la page d'accueil : ${missing.join(", ")}.`, landing);
}

function judgeGeoJsonMediaType(notDeclared: Outcome | null, exchange: Exchange, readOutcome: Outcome): Outcome {
  if (notDeclared) return notDeclared;
  if (readOutcome.status !== "passed" || !exchange.ok) {
    return skippedByDependency("La réponse GeoJSON n'a pas pu être lue.");
  }
  const mediaType = baseMediaType(exchange.response.contentType);
  return mediaType === GEOJSON_MEDIA_TYPE
    ? passed(exchange)
    : failed(
        `Les entités sont servies en « ${exchange.response.contentType ?? "absent"} » au lieu de « ${GEOJSON_MEDIA_TYPE} ».`,
        exchange,
      );
}

interface WalkedPage {
  readonly exchange: Exchange;
  readonly features: readonly unknown[];
  readonly numberMatched: unknown;
  readonly next: string | null;
}

interface PageWalk {
  /** Query parameters of the first request, which every `next` link must keep. */
  readonly expectedParameters: readonly (readonly [string, string])[];
  readonly pages: readonly WalkedPage[];
  /** The request that ended the walk early, when a page could not be read. */
  readonly stopReason: Exchange | null;
  /** True when the last page was reached (no `next`) within the page budget. */
  readonly complete: boolean;
}

function judgeCounts(firstPage: Exchange, json: JsonObject | null, walk: PageWalk): Outcome {
  if (!json) return skippedByDependency("Les entités de la collection n'ont pas pu être lues.");
  const features = Array.isArray(json.features) ? json.features : [];
  const { numberMatched, numberReturned } = json;
  if (numberMatched === undefined && numberReturned === undefined) {
    return skipped("La réponse ne contient ni numberMatched ni numberReturned (propriétés facultatives).", firstPage);
  }
  const problems: string[] = [];
  if (numberReturned !== undefined && numberReturned !== features.length) {
    problems.push(`numberReturned vaut ${String(numberReturned)} pour ${features.length} entité(s) renvoyée(s)`);
  }
  if (numberMatched !== undefined) {
    if (typeof numberMatched !== "number" || !Number.isInteger(numberMatched) || numberMatched < features.length) {
      problems.push(
        `numberMatched (${String(numberMatched)}) est inférieur au nombre d'entités renvoyées (${features.length})`,
      );
    }
    // The walk used a world bbox, which matches the same features: when it reached the end, it counted them all.
    const walkedTotal = walk.pages.reduce((total, page) => total + page.features.length, 0);
    if (walk.complete && typeof numberMatched === "number" && walkedTotal !== numberMatched) {
      problems.push(
        `la pagination complète a renvoyé ${walkedTotal} entité(s) alors que numberMatched vaut ${numberMatched}`,
      );
    }
  }
  return problems.length > 0 ? failed(`${problems.join(" ; ")}.`, firstPage) : passed(firstPage);
}

function judgeParametersKept(walk: PageWalk): Outcome {
  const [firstPage] = walk.pages;
  if (!firstPage) return stoppedWalkOutcome(walk);
  const pageWithNext = walk.pages.find((page) => page.next !== null);
  if (!pageWithNext) return skipped("Une seule page de résultats : aucun lien next à vérifier.", firstPage.exchange);
  for (const page of walk.pages) {
    if (page.next === null) continue;
    const nextParameters = new URL(page.next).searchParams;
    const lost = walk.expectedParameters.filter(
      ([name, value]) => !sameParameterValue(name, value, nextParameters.get(name)),
    );
    if (lost.length > 0) {
      const detail = lost
        .map(
          ([name, value]) =>
            `${name}=${value} (${nextParameters.has(name) ? `devenu ${nextParameters.get(name)}` : "absent"})`,
        )
        .join(", ");
      return failed(`Le lien next « ${page.next} » ne conserve pas : ${detail}.`, page.exchange);
    }
  }
  return passed(pageWithNext.exchange);
}

/** Equal values, comparing bbox numerically (a server may write "-180.0" for "-180"). */
function sameParameterValue(name: string, expected: string, actual: string | null): boolean {
  if (actual === null) return false;
  if (name !== "bbox") return actual === expected;
  const numbers = (text: string) => text.split(",").map(Number);
  const a = numbers(expected);
  const b = numbers(actual);
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function judgeNoRepeat(walk: PageWalk, maxPages: number): Outcome {
  const [firstPage] = walk.pages;
  if (!firstPage) return stoppedWalkOutcome(walk);
  if (walk.pages.length === 1 && firstPage.next === null) {
    return typeof firstPage.numberMatched === "number" && firstPage.numberMatched > firstPage.features.length
      ? failed(
          `numberMatched vaut ${firstPage.numberMatched} mais la première page (${firstPage.features.length} entités) n'a pas de lien next.`,
          firstPage.exchange,
        )
      : skipped("Une seule page de résultats : pas de pagination à vérifier.", firstPage.exchange);
  }
  const pageOfId = new Map<string, number>();
  for (const [index, page] of walk.pages.entries()) {
    for (const feature of page.features) {
      const { id } = featureSummary(feature);
      if (id === null) continue;
      const firstSeen = pageOfId.get(id);
      if (firstSeen !== undefined) {
        return failed(
          `L'entité « ${id} » est renvoyée en page ${firstSeen + 1} puis de nouveau en page ${index + 1}.`,
          page.exchange,
        );
      }
      pageOfId.set(id, index);
    }
  }
  if (walk.stopReason) return stoppedWalkOutcome(walk);
  const lastPage = walk.pages.at(-1) ?? firstPage;
  const scope = walk.complete ? "toutes les pages" : `les ${maxPages} premières pages`;
  return passed(lastPage.exchange, `${pageOfId.size} entités distinctes sur ${scope}.`);
}

function stoppedWalkOutcome(walk: PageWalk): Outcome {
  const exchange = walk.stopReason ?? undefined;
  if (exchange && !exchange.ok) return { status: "error", message: exchange.error.message, exchange };
  const detail = exchange ? (describeExchangeProblem(exchange) ?? "réponse sans tableau « features »") : "";
  return failed(`La pagination s'est interrompue : ${detail}`, exchange);
}
