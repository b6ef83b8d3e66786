// The Meilisearch adapter, used when MEILI_URL is set (several replicas sharing one search engine). Settings are
// applied at open() and versioned: the version lives in a small companion index, so a change in settings.ts is
// applied once by whichever replica starts first. Every write waits for its task, so a resolved upsert is
// searchable, and a failed task or an unreachable server surfaces as SearchEngineError (the outbox retries).
import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type EnqueuedTaskPromise,
  type Index,
  type SearchParams,
  type Settings,
} from "meilisearch";
import {
  audienceKeys,
  FACET_FIELDS,
  FILTER_FIELDS,
  PUBLIC_AUDIENCE,
  type FacetField,
  type SearchDocument,
  type SearchDocumentType,
} from "./search-document";
import {
  SearchEngineError,
  type FacetCount,
  type OpenedIndex,
  type SearchIndex,
  type SearchRequest,
  type SearchResults,
} from "./search-index";
import {
  FRENCH_STOP_WORDS,
  MAX_PAGE_SIZE,
  MIN_WORD_LENGTH_FOR_TYPO,
  RESULT_WINDOW,
  SEARCH_SETTINGS_VERSION,
  synonymMap,
} from "./settings";
import { escapeHtml } from "./text";

export interface MeilisearchIndexOptions {
  url: string;
  apiKey?: string;
  /** Index name; tests use a unique one per run. */
  indexUid?: string;
  /** How long to wait for a task (settings on a large index take a while). */
  taskTimeoutMs?: number;
}

/** What is stored in Meilisearch: the document with an id the engine accepts and dates as numbers. */
interface StoredDocument extends Omit<SearchDocument, "updatedAt" | "audience" | "categoryId" | "status"> {
  uid: string;
  updatedAt: number;
  audience: string[];
  categoryId: string | null;
  status: string | null;
}

// Control characters never found in indexed text: they mark matches, then the text is escaped and they become <mark>.
const MARK_START = "\u0001";
const MARK_END = "\u0002";

/** The settings applied at open(); searchable order gives title matches the upper hand (the attribute rule). */
export function meilisearchSettings(): Settings {
  return {
    searchableAttributes: ["title", "body"],
    filterableAttributes: [...FILTER_FIELDS, "audience", "updatedAt"],
    sortableAttributes: ["updatedAt", "votes"],
    rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness", "updatedAt:desc"],
    stopWords: [...FRENCH_STOP_WORDS],
    synonyms: synonymMap(),
    typoTolerance: {
      enabled: true,
      disableOnNumbers: true,
      // One typo from five letters, never two (255 is the largest size Meilisearch accepts): as the embedded engine.
      minWordSizeForTypos: { oneTypo: MIN_WORD_LENGTH_FOR_TYPO, twoTypos: 255 },
    },
    pagination: { maxTotalHits: RESULT_WINDOW },
    faceting: { maxValuesPerFacet: 100 },
    localizedAttributes: [{ attributePatterns: ["*"], locales: ["fra"] }],
  };
}

export function createMeilisearchIndex(options: MeilisearchIndexOptions): SearchIndex {
  return new MeilisearchSearchIndex(options);
}

class MeilisearchSearchIndex implements SearchIndex {
  readonly engine = "meilisearch" as const;
  private readonly client: Meilisearch;
  private readonly indexUid: string;
  private readonly metaIndexUid: string;
  private readonly waitOptions: { timeout: number };

  constructor(options: MeilisearchIndexOptions) {
    this.client = new Meilisearch({ host: options.url, ...(options.apiKey ? { apiKey: options.apiKey } : {}) });
    this.indexUid = options.indexUid ?? "cicclo_search";
    this.metaIndexUid = `${this.indexUid}_meta`;
    this.waitOptions = { timeout: options.taskTimeoutMs ?? 60_000 };
  }

  private get index(): Index<StoredDocument> {
    return this.client.index<StoredDocument>(this.indexUid);
  }

  async open(): Promise<OpenedIndex> {
    return this.guard(async () => {
      const existed = await this.indexExists(this.indexUid);
      if (!existed) await this.waitFor(this.client.createIndex(this.indexUid, { primaryKey: "uid" }));
      if (!(await this.indexExists(this.metaIndexUid))) {
        await this.waitFor(this.client.createIndex(this.metaIndexUid, { primaryKey: "key" }));
      }
      const meta = this.client.index<{ key: string; version: number }>(this.metaIndexUid);
      const stored = await meta.getDocument("settings").catch((error: unknown) => {
        if (error instanceof MeilisearchApiError && error.cause?.code === "document_not_found") return null;
        throw error;
      });
      if (stored?.version !== SEARCH_SETTINGS_VERSION) {
        await this.waitFor(this.index.updateSettings(meilisearchSettings()));
        await this.waitFor(meta.addDocuments([{ key: "settings", version: SEARCH_SETTINGS_VERSION }]));
      }
      return { rebuildNeeded: !existed };
    });
  }

  async upsert(documents: readonly SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    await this.guard(() => this.waitFor(this.index.addDocuments(documents.map(toStoredDocument))));
  }

  async delete(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.guard(() => this.waitFor(this.index.deleteDocuments(ids.map(uidOf))));
  }

  async clear(): Promise<void> {
    await this.guard(() => this.waitFor(this.index.deleteAllDocuments()));
  }

  async close(): Promise<void> {
    // The client keeps no connection open.
  }

  async search(request: SearchRequest): Promise<SearchResults> {
    const limit = Math.max(0, Math.min(request.limit ?? 20, MAX_PAGE_SIZE));
    const offset = Math.max(0, Math.min(request.offset ?? 0, RESULT_WINDOW));
    const filter = filterExpressions(request);
    if (filter === null) return emptyResults();
    // Phrases first: Meilisearch matches only the query's last word as a prefix, and that must stay the typed word.
    const phrases = (request.phrases ?? []).map((phrase) => `"${phrase.replace(/"/g, " ")}"`);
    const query = [...phrases, request.text].join(" ").trimStart();
    const order = request.order ?? "relevance";
    const parameters: SearchParams = {
      filter,
      facets: [...FACET_FIELDS],
      // page/hitsPerPage makes Meilisearch count exhaustively (up to maxTotalHits), as the embedded window does.
      page: 1,
      hitsPerPage: offset + limit,
      matchingStrategy: "all",
      attributesToHighlight: ["title", "body"],
      attributesToCrop: ["body"],
      cropLength: 30,
      cropMarker: "…",
      highlightPreTag: MARK_START,
      highlightPostTag: MARK_END,
      ...(order === "latest" ? { sort: ["updatedAt:desc"] } : {}),
      ...(order === "votes" ? { sort: ["votes:desc", "updatedAt:desc"] } : {}),
    };
    const response = await this.guard(() => this.index.search(query, parameters));
    const total = "totalHits" in response && typeof response.totalHits === "number" ? response.totalHits : 0;
    const facets = Object.fromEntries(
      FACET_FIELDS.map((field) => [field, facetCounts(response.facetDistribution?.[field])]),
    ) as Record<FacetField, FacetCount[]>;
    return {
      hits: response.hits.slice(offset).map((hit) => ({
        id: hit.id,
        type: hit.type as SearchDocumentType,
        url: hit.url,
        title: hit.title,
        titleHtml: markedHtml(String(hit._formatted?.title ?? hit.title)),
        snippetHtml: markedHtml(String(hit._formatted?.body ?? "")),
        updatedAt: new Date(hit.updatedAt),
        parentId: hit.parentId ?? null,
      })),
      total,
      totalIsExact: total < RESULT_WINDOW,
      facets,
    };
  }

  private async indexExists(uid: string): Promise<boolean> {
    try {
      await this.client.getRawIndex(uid);
      return true;
    } catch (error) {
      if (error instanceof MeilisearchApiError && error.cause?.code === "index_not_found") return false;
      throw error;
    }
  }

  /** Waits for a task and turns a failed one into an error carrying Meilisearch's own message. */
  private async waitFor(enqueued: EnqueuedTaskPromise): Promise<void> {
    const task = await enqueued.waitTask(this.waitOptions);
    if (task.status === "failed" || task.status === "canceled") {
      const retryable = task.error?.type === "internal" || task.error?.type === "system";
      throw new SearchEngineError(
        `Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? "no reason given"}`,
        retryable,
      );
    }
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toSearchEngineError(error);
    }
  }
}

function toSearchEngineError(error: unknown): SearchEngineError {
  if (error instanceof SearchEngineError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (
    error instanceof MeilisearchRequestError ||
    error instanceof MeilisearchRequestTimeOutError ||
    error instanceof MeilisearchTaskTimeOutError
  ) {
    return new SearchEngineError(`Meilisearch unreachable: ${message}`, true, { cause: error });
  }
  if (error instanceof MeilisearchApiError) {
    const status = error.response.status;
    return new SearchEngineError(
      `Meilisearch refused the request (${status}): ${message}`,
      status >= 500 || status === 429,
      {
        cause: error,
      },
    );
  }
  return new SearchEngineError(`Meilisearch: ${message}`, false, { cause: error });
}

/** Meilisearch ids allow letters, digits, "-" and "_" only: "topic:12" is stored under its base64url form. */
function uidOf(id: string): string {
  return Buffer.from(id, "utf8").toString("base64url");
}

function toStoredDocument(document: SearchDocument): StoredDocument {
  return {
    ...document,
    uid: uidOf(document.id),
    categoryId: document.categoryId ?? null,
    status: document.status ?? null,
    updatedAt: document.updatedAt.getTime(),
    audience: audienceKeys(document),
  };
}

const filterValue = (value: string) => `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/** The filter expressions (ANDed by Meilisearch), or null when a filter can match nothing. */
function filterExpressions(request: SearchRequest): string[] | null {
  const expressions: string[] = [];
  if (!request.viewer.seesEverything) {
    const keys = [PUBLIC_AUDIENCE, ...request.viewer.audienceKeys.filter((key) => key !== PUBLIC_AUDIENCE)];
    expressions.push(`audience IN [${keys.map(filterValue).join(", ")}]`);
  }
  for (const filter of request.filters ?? []) {
    if (filter.anyOf.length === 0) {
      if (filter.negate) continue;
      return null;
    }
    const expression = `${filter.field} IN [${filter.anyOf.map(filterValue).join(", ")}]`;
    expressions.push(filter.negate ? `NOT ${expression}` : expression);
  }
  return expressions;
}

function facetCounts(distribution: Record<string, number> | undefined): FacetCount[] {
  return Object.entries(distribution ?? {})
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

function markedHtml(formatted: string): string {
  return escapeHtml(formatted)
    .replaceAll(MARK_START, "<mark>")
    .replaceAll(MARK_END, "</mark>")
    .replace(/\s+/g, " ")
    .trim();
}

function emptyResults(): SearchResults {
  return {
    hits: [],
    total: 0,
    totalIsExact: true,
    facets: Object.fromEntries(FACET_FIELDS.map((field) => [field, []])) as unknown as Record<FacetField, FacetCount[]>,
  };
}
