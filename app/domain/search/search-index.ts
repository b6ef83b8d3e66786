// The one search interface of the app. Two adapters implement it: the embedded engine (SQLite FTS5 in its own file,
// the default) and Meilisearch (when MEILI_URL is set). Both pass the same contract suite (search-contract.ts).
import type { FacetField, FilterField, SearchDocument, SearchDocumentType } from "./search-document";

export type SearchOrder = "relevance" | "latest" | "votes";

/** Documents whose `field` holds any of `anyOf` (or, negated, none of them). Filters combine with AND. */
export interface SearchFilter {
  field: FilterField;
  anyOf: readonly string[];
  negate?: boolean;
}

/**
 * Who is searching: the audience keys they hold (the same keys documents list in `audience`). "public" is implied.
 * Staff who may read everything pass `seesEverything`.
 */
export interface SearchViewer {
  audienceKeys: readonly string[];
  seesEverything?: boolean;
}

export const anonymousSearchViewer: SearchViewer = { audienceKeys: [] };

export interface SearchRequest {
  /** Free text; the last word matches as a prefix, as the user types (unless the text ends with a space). */
  text: string;
  /** Exact phrases (matched word for word, accents and case aside). */
  phrases?: readonly string[];
  filters?: readonly SearchFilter[];
  viewer: SearchViewer;
  order?: SearchOrder;
  /** Page size (at most MAX_PAGE_SIZE) and offset, within the ranked window. */
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  id: string;
  type: SearchDocumentType;
  url: string;
  title: string;
  /** The title as HTML: escaped, matched words in <mark>. */
  titleHtml: string;
  /** A few dozen words of the body around the matches, as HTML: escaped, matched words in <mark>. */
  snippetHtml: string;
  updatedAt: Date;
  parentId: string | null;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchResults {
  hits: SearchHit[];
  /**
   * Matching documents the viewer may see; a lower bound when `totalIsExact` is false (Meilisearch: beyond
   * RESULT_WINDOW; the embedded engine: beyond its count limit, EXACT_COUNT_LIMIT by default).
   */
  total: number;
  totalIsExact: boolean;
  /**
   * Per facet field, value counts over the matching documents the viewer may see, most frequent first. Exact while
   * the matches fit in RESULT_WINDOW; beyond, counted over the ranked window only.
   */
  facets: Record<FacetField, FacetCount[]>;
}

export interface OpenedIndex {
  /** The stored index predates a format change and was emptied: every document must be indexed again. */
  rebuildNeeded: boolean;
}

export interface SearchIndex {
  readonly engine: "embedded" | "meilisearch";
  /** Creates the storage or applies versioned settings; call once at start, before anything else. Idempotent. */
  open(): Promise<OpenedIndex>;
  /** Adds or replaces documents (by id). Resolves once they are searchable. */
  upsert(documents: readonly SearchDocument[]): Promise<void>;
  /** Removes documents by id; unknown ids are ignored. Resolves once they are gone from results. */
  delete(ids: readonly string[]): Promise<void>;
  search(request: SearchRequest): Promise<SearchResults>;
  /** Removes every document (before a full rebuild, and in tests). */
  clear(): Promise<void>;
  close(): Promise<void>;
}

/** The engine cannot be reached or refused the work; the outbox keeps the change and retries later. */
export class SearchEngineError extends Error {
  override name = "SearchEngineError";
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
