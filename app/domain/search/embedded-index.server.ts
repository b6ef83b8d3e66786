// The embedded search engine: SQLite FTS5 in its own file (e.g. data/search.db), through better-sqlite3.
//
// Why this engine: it needs no server, persists across restarts (WAL, transactions per batch; nothing is rebuilt at
// start), and handles a million posts on one machine. It lives in a file of its own, apart from the main database,
// so a single-machine PostgreSQL deployment uses it as well, and rebuilding it never touches the forum's data.
//
// How it matches like Meilisearch does:
// - accents and case: the `unicode61 remove_diacritics 2` tokenizer, mirrored in JavaScript by text.ts;
// - plural and singular: a French light stemmer (text.ts). FTS5 cannot run a JavaScript tokenizer, so each text is
//   indexed twice: as written (title, body: for prefixes, phrases and snippets) and as the stems that differ from
//   their word (title_stems, body_stems). A query word matches as written or as its stem in any of them, without
//   a column filter (checking columns means decoding positions, the costliest step for a common word);
// - one typo in words of 5+ letters: when the exact query finds nothing the viewer may see, each long word also
//   matches the indexed words one edit away (same first letter), taken from a vocabulary table (fts5vocab would
//   count documents for every term in the range, far too slow at this size);
// - prefix as you type: the word being typed stands for the MAX_PREFIX_COMPLETIONS most frequent vocabulary words
//   it begins (the vocabulary counts occurrences as documents are written), OR-ed in the MATCH. FTS5's own prefix
//   query (`pagi*`) merges the whole posting list of every such word before returning a row (100+ ms for a common
//   prefix at a million posts), and a `prefix=` index doubled indexing time and size; an OR of a few words is
//   merged lazily and stops with the window. Like Meilisearch's bounded derivations, a rare completion of a very
//   short prefix may be left out;
// - filters and audience: every filter value and audience key is indexed as a token of a fifth FTS column
//   (`filters`: a field code and the lower-cased value in hex, so any value is one token and matching ignores case).
//   A request's filters become part of the MATCH expression (`AND`, and `NOT` for exclusions), so FTS5 intersects
//   the posting lists itself. The audience is checked twice over, both before anything is counted: the window
//   queries test it on the document row they join anyway (null for public documents, else the keys), and the count
//   excludes, in the MATCH, the private documents (token PRIVATE_TOKEN) whose keys the viewer lacks. Private
//   documents thus never reach hits, totals or facet numbers for outsiders;
// - ranking: Meilisearch-like attribute ranking rather than bm25() (whose IDF pass walks the whole posting list of
//   every phrase on every query: 25-50 ms for a common word at a million posts). A match scores by the share of the
//   query's words and phrases found in its title (computed in JavaScript from the title, once per distinct title),
//   from 1 (body only) to TITLE_WEIGHT, times a recency boost. To stay fast at a million posts, a query ranks and
//   facets the RESULT_WINDOW most recently indexed matches (rowids grow with every write, so rowid order is activity
//   order) plus the TITLE_WINDOW most recent title matches beyond them. The total is counted exactly over every
//   match up to `countLimit` (EXACT_COUNT_LIMIT by default); beyond it the total is a lower bound
//   (`totalIsExact: false`), as Meilisearch's estimatedTotalHits is. Facets are exact whenever the matches fit in
//   the window (the common case once a query is specific or filtered); for broader queries they count the window.
//
// Storage: the FTS tables are contentless (`content=''`, `contentless_delete=1`, no prefix index) and hold posting
// lists only: search_text for everything, search_titles for titles (and filters) alone. search_documents keeps the
// narrow fields the window reads for each match (dates, votes, facet values, audience, title), search_bodies the
// rest, read for the page's hits only.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import path from "node:path";
import {
  audienceKeys,
  FACET_FIELDS,
  FILTER_FIELDS,
  filterValues,
  PUBLIC_AUDIENCE,
  type FacetField,
  type FilterField,
  type SearchDocument,
  type SearchDocumentType,
} from "./search-document";
import type {
  FacetCount,
  OpenedIndex,
  SearchHit,
  SearchIndex,
  SearchRequest,
  SearchResults,
  SearchViewer,
} from "./search-index";
import { SearchEngineError } from "./search-index";
import { buildQueryPlan, type QueryPlan } from "./query-plan";
import { MAX_PAGE_SIZE, MIN_WORD_LENGTH_FOR_TYPO, RESULT_WINDOW } from "./settings";
import { highlightHtml, snippetHtml, stemFrench, tokenize, withinOneEdit } from "./text";

/** Bump when the schema or the stemmer changes: an older file is emptied and reported as needing a rebuild. */
const EMBEDDED_FORMAT_VERSION = "5";

/** A document matching every query word in its title outranks one matching them in its body only by this much. */
const TITLE_WEIGHT = 10;
/** How many indexed words a prefix stands for at most: the most frequent ones, as Meilisearch bounds derivations. */
const MAX_PREFIX_COMPLETIONS = 16;
/** How many recent title matches join the window, so a strong title match from long ago can still rank first. */
const TITLE_WINDOW = 200;
/**
 * Totals are exact up to this many matches (five times the old ranked window); beyond it they are a lower bound.
 * Counting walks the posting lists in C: 0.2 to 1 µs per match for a word at a million posts on a loaded 2-core
 * machine, several µs for a phrase or an OR of prefix completions (each candidate is checked), so 10,000 cost up
 * to 60 ms there.
 */
export const EXACT_COUNT_LIMIT = 5_000;
/** Recency boost: up to +50% for a document active today, halving about every two months. */
const RECENCY_BOOST = 0.5;
const RECENCY_HALF_LIFE_DAYS = 60;
const MAX_TYPO_CANDIDATES = 12;
const SNIPPET_WORDS = 30;
/** The vocabulary (typo candidates, prefix completions) keeps words of two letters or more. */
const MIN_VOCABULARY_LENGTH = 2;
/** FTS5 keeps this much of a write batch in memory before flushing a segment (default 1 MiB: many tiny segments). */
const FTS_HASH_SIZE = 64 * 1024 * 1024;
const MAX_ROWID = Number.MAX_SAFE_INTEGER;

/**
 * Filter tokens: a two-letter field code, then the lower-cased value in hex (letters and digits only, so the
 * unicode61 tokenizer keeps it as one token whatever the value holds). Query words of that shape are kept to the text
 * columns (query-plan.ts), so typing "qz" never matches every document.
 */
const FIELD_CODES: Record<FilterField | "audience", string> = {
  type: "qt",
  categoryId: "qc",
  tags: "qg",
  solutions: "qs",
  status: "qu",
  classUris: "qk",
  assignees: "qa",
  audience: "qv",
};
/** Every document carries it: the base of a query without words nor positive filters. */
const EVERY_DOCUMENT_TOKEN = "qz";
/** Private documents carry it, beside their audience keys. */
const PRIVATE_TOKEN = "qp";

export interface EmbeddedSearchIndexOptions {
  /** The SQLite file of the index, created with its folder if missing. */
  file: string;
  /** The clock for the recency boost (tests pin it). */
  now?: () => Date;
  /** Totals are exact up to this many matches, a lower bound beyond (default EXACT_COUNT_LIMIT). */
  countLimit?: number;
}

interface WindowRow {
  rowid: number;
  /** How many of the query's words and phrases match in the title columns (set after the window query). */
  relevance: number;
  updated_at: number;
  votes: number;
  /** JSON: [facet field index, value] pairs. */
  facets: string;
  title: string;
}

export function createEmbeddedSearchIndex(options: EmbeddedSearchIndexOptions): SearchIndex {
  return new EmbeddedSearchIndex(options);
}

class EmbeddedSearchIndex implements SearchIndex {
  readonly engine = "embedded" as const;
  private database: Database.Database | null = null;
  private readonly now: () => Date;
  private readonly countLimit: number;
  private statements: ReturnType<typeof prepareStatements> | null = null;

  constructor(private readonly options: EmbeddedSearchIndexOptions) {
    this.now = options.now ?? (() => new Date());
    this.countLimit = Math.max(RESULT_WINDOW, options.countLimit ?? EXACT_COUNT_LIMIT);
  }

  async open(): Promise<OpenedIndex> {
    if (this.database) return { rebuildNeeded: false };
    mkdirSync(path.dirname(path.resolve(this.options.file)), { recursive: true });
    const database = new Database(this.options.file);
    database.pragma("journal_mode = WAL");
    // NORMAL in WAL mode: a power cut may lose the last transactions but never corrupts; the outbox replays them.
    // Commits do not wait for the disk then, only checkpoints do.
    database.pragma("synchronous = NORMAL");
    database.pragma("busy_timeout = 5000");
    database.pragma("cache_size = -131072");
    database.pragma("temp_store = MEMORY");
    // Reads straight from the page cache of the OS: the index of a million posts is about 1 GiB.
    database.pragma("mmap_size = 4294967296");
    // Fewer, larger checkpoints while a rebuild writes thousands of pages per batch.
    database.pragma("wal_autocheckpoint = 10000");
    database.exec("CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    const stored = database.prepare("SELECT value FROM search_meta WHERE key = 'format_version'").pluck().get() as
      string | undefined;
    let rebuildNeeded = stored !== EMBEDDED_FORMAT_VERSION;
    if (stored !== undefined && stored !== EMBEDDED_FORMAT_VERSION) dropSchema(database);
    createSchema(database);
    if (stored === undefined) {
      // A file created by an earlier open that crashed before writing its version holds no documents either way.
      rebuildNeeded = true;
    }
    database
      .prepare("INSERT OR REPLACE INTO search_meta (key, value) VALUES ('format_version', ?)")
      .run(EMBEDDED_FORMAT_VERSION);
    this.database = database;
    this.statements = prepareStatements(database);
    return { rebuildNeeded };
  }

  async upsert(documents: readonly SearchDocument[]): Promise<void> {
    const { database, statements } = this.ready();
    const write = database.transaction((batch: readonly SearchDocument[]) => {
      const occurrences = new Map<string, number>();
      // A topic's posts carry its title: tokenise and stem it once per run of equal titles.
      let lastTitle: string | null = null;
      let titleStems = "";
      for (const document of batch) {
        this.deleteOne(document.id);
        const rowid = Number(
          statements.insertDocument.run(
            document.id,
            document.updatedAt.getTime(),
            document.votes,
            facetsOf(document),
            document.audience === PUBLIC_AUDIENCE ? null : JSON.stringify(audienceKeys(document)),
            document.title,
          ).lastInsertRowid,
        );
        statements.insertBody.run(rowid, document.type, document.url, document.parentId ?? null, document.body);
        if (document.title !== lastTitle) {
          lastTitle = document.title;
          titleStems = this.stemsOf(document.title, occurrences);
        }
        const filterTokens = filterTokensOf(document);
        statements.insertText.run(
          rowid,
          document.title,
          document.body,
          titleStems,
          this.stemsOf(document.body, occurrences),
          filterTokens,
        );
        statements.insertTitle.run(rowid, document.title, titleStems, filterTokens);
      }
      for (const [term, count] of occurrences) statements.countTerm.run(term, count);
    });
    this.guard(() => write(documents));
  }

  async delete(ids: readonly string[]): Promise<void> {
    const { database } = this.ready();
    const remove = database.transaction((batch: readonly string[]) => {
      for (const id of batch) this.deleteOne(id);
    });
    this.guard(() => remove(ids));
  }

  async clear(): Promise<void> {
    const { database } = this.ready();
    this.guard(() =>
      database.transaction(() => {
        database.exec("INSERT INTO search_text (search_text) VALUES ('delete-all')");
        database.exec("INSERT INTO search_titles (search_titles) VALUES ('delete-all')");
        database.exec("DELETE FROM search_documents; DELETE FROM search_bodies; DELETE FROM search_terms");
      })(),
    );
  }

  async close(): Promise<void> {
    if (this.database?.open) {
      // Leaves the file compact and the WAL empty for the next open.
      this.database.pragma("wal_checkpoint(TRUNCATE)");
      this.database.close();
    }
    this.database = null;
    this.statements = null;
  }

  async search(request: SearchRequest): Promise<SearchResults> {
    const limit = Math.max(0, Math.min(request.limit ?? 20, MAX_PAGE_SIZE));
    const offset = Math.max(0, Math.min(request.offset ?? 0, RESULT_WINDOW));
    this.ready();
    const completions = (prefix: string) => this.guard(() => this.completions(prefix));
    let plan = buildQueryPlan(request, undefined, completions);
    const filtersAndAudience = constraints(request);
    if (filtersAndAudience === null) return { hits: [], total: 0, totalIsExact: true, facets: emptyFacets() };
    let window = this.guard(() => this.matchWindow(plan, filtersAndAudience));
    // Typos only when the exact words find nothing this viewer may see: exact matches always come first, and
    // what is tried next depends on visible results only, so it reveals nothing about private documents.
    if (window.rows.length === 0 && plan.words.some((word) => word.text.length >= MIN_WORD_LENGTH_FOR_TYPO)) {
      const typoPlan = buildQueryPlan(request, (word) => this.guard(() => this.typoCandidates(word)), completions);
      if (typoPlan.matchExpression !== plan.matchExpression) {
        plan = typoPlan;
        window = this.guard(() => this.matchWindow(plan, filtersAndAudience));
      }
    }
    const ranked = this.rank(window.rows, request.order ?? "relevance");
    const page = ranked.slice(offset, offset + limit);
    return {
      hits: this.guard(() => this.hitsFor(page, plan)),
      total: window.total,
      totalIsExact: window.exact,
      facets: countFacets(window.rows),
    };
  }

  private ready() {
    if (!this.database || !this.statements) {
      throw new SearchEngineError("The embedded search index is not open: call open() first.", false);
    }
    return { database: this.database, statements: this.statements };
  }

  /** SQLite errors (disk full, locked file) become SearchEngineError, so the outbox worker retries them. */
  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof SearchEngineError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new SearchEngineError(`Embedded search index: ${message}`, true, { cause: error });
    }
  }

  private deleteOne(id: string): void {
    const statements = this.statements!;
    const rowid = statements.findRowid.get(id) as number | undefined;
    if (rowid === undefined) return;
    statements.deleteText.run(rowid);
    statements.deleteTitle.run(rowid);
    statements.deleteDocument.run(rowid);
    statements.deleteBody.run(rowid);
  }

  /**
   * The stems of a text that differ from their word (what the stem columns index, as `changedStems` gives them),
   * counting its words for the vocabulary on the way (stemFrench remembers the stems of frequent words).
   */
  private stemsOf(text: string, occurrences: Map<string, number>): string {
    const stems: string[] = [];
    for (const token of tokenize(text)) {
      const stem = stemFrench(token);
      if (stem !== token) stems.push(stem);
      if (token.length >= MIN_VOCABULARY_LENGTH) occurrences.set(token, (occurrences.get(token) ?? 0) + 1);
    }
    return stems.join(" ");
  }

  /** The most frequent indexed words starting with a prefix (the prefix itself included when it is a word). */
  private completions(prefix: string): string[] {
    const last = prefix.codePointAt(prefix.length - 1)!;
    const following = prefix.slice(0, -1) + String.fromCodePoint(last + 1);
    return this.statements!.completions.all(prefix, following, MAX_PREFIX_COMPLETIONS) as string[];
  }

  /** Indexed words one edit away from a query word, sharing its first letter (as Meilisearch counts such a typo twice). */
  private typoCandidates(word: string): string[] {
    const first = word[0]!;
    const following = String.fromCodePoint(first.codePointAt(0)! + 1);
    const terms = this.statements!.termsInRange.all(first, following, word.length - 1, word.length + 1) as string[];
    return terms
      .filter((term) => term !== word && !/^\d+$/.test(term) && withinOneEdit(term, word))
      .slice(0, MAX_TYPO_CANDIDATES);
  }

  /**
   * The RESULT_WINDOW most recent matches, plus the TITLE_WINDOW most recent title matches beyond them, each scored
   * by how many of the query's words and phrases it matches in the title columns; and the total, exact up to the
   * count limit. No bm25(): its IDF pass walks the whole posting list of every phrase on each query, tens of
   * milliseconds for a common word at a million posts, where these queries stop after the window.
   */
  private matchWindow(plan: QueryPlan, constraints: Constraints): { rows: WindowRow[]; total: number; exact: boolean } {
    const statements = this.statements!;
    const { required, excluded, hidden, viewer } = constraints;
    // The window queries check the audience on the document row they join anyway (a flag, and the keys of the rare
    // private documents): cheaper than FTS5's NOT, which seeks in another posting list for every match. Counting
    // joins nothing, so there the audience is part of the expression.
    const combine = (base: string | undefined, counting = false) => {
      const [first = inFilters(EVERY_DOCUMENT_TOKEN), ...others] = base === undefined ? required : [base, ...required];
      let expression = [first, ...others].join(" AND ");
      for (const exclusion of counting && hidden ? [...excluded, hidden] : excluded) {
        expression = `(${expression}) NOT ${exclusion}`;
      }
      return expression;
    };
    const audience = [
      viewer.seesEverything ? 1 : 0,
      JSON.stringify(viewer.audienceKeys.filter((key) => key !== PUBLIC_AUDIENCE)),
    ] as const;
    const base = plan.matchExpression === null ? undefined : `(${plan.matchExpression})`;
    const fetched = statements.window.all(combine(base), MAX_ROWID, ...audience, RESULT_WINDOW + 1) as WindowRow[];
    const result = this.counted(fetched, combine(base, true));
    const rows = result.rows;
    if (rows.length === 0 || plan.matchExpression === null) return result;
    if (!result.exact || result.total > RESULT_WINDOW) {
      // Older documents matching every word in their title still compete for the first places.
      // From the titles' own index: a word common in bodies but rare in titles does not walk its body postings.
      const titleRows = statements.titleWindow.all(
        combine(base),
        rows.at(-1)!.rowid - 1,
        ...audience,
        TITLE_WINDOW,
      ) as WindowRow[];
      rows.push(...titleRows);
    }
    // Which words match in each title: computed here from the (short) titles, once per distinct title, rather than
    // by one more FTS query per word.
    const scoreTitle = titleScorer(plan);
    const scores = new Map<string, number>();
    for (const row of rows) {
      let score = scores.get(row.title);
      if (score === undefined) {
        score = scoreTitle(row.title);
        scores.set(row.title, score);
      }
      row.relevance = score;
    }
    return result;
  }

  /** The window (at most RESULT_WINDOW rows of the RESULT_WINDOW + 1 fetched) and the total of an expression. */
  private counted(rows: WindowRow[], expression: string): { rows: WindowRow[]; total: number; exact: boolean } {
    if (rows.length <= RESULT_WINDOW) return { rows, total: rows.length, exact: true };
    const counted = this.statements!.count.get(expression, this.countLimit + 1) as number;
    return {
      rows: rows.slice(0, RESULT_WINDOW),
      total: Math.min(counted, this.countLimit),
      exact: counted <= this.countLimit,
    };
  }

  private rank(rows: WindowRow[], order: NonNullable<SearchRequest["order"]>): WindowRow[] {
    const byActivity = (a: WindowRow, b: WindowRow) => b.updated_at - a.updated_at || b.rowid - a.rowid;
    if (order === "latest") return [...rows].sort(byActivity);
    if (order === "votes") return [...rows].sort((a, b) => b.votes - a.votes || byActivity(a, b));
    const now = this.now().getTime();
    const score = (row: WindowRow) => {
      const ageDays = Math.max(0, (now - row.updated_at) / 86_400_000);
      // From 1 (every word in the body only) to TITLE_WEIGHT (every word in the title).
      const relevance = 1 + (TITLE_WEIGHT - 1) * row.relevance;
      return relevance * (1 + RECENCY_BOOST * Math.pow(0.5, ageDays / RECENCY_HALF_LIFE_DAYS));
    };
    return rows
      .map((row) => ({ row, score: score(row) }))
      .sort((a, b) => b.score - a.score || byActivity(a.row, b.row))
      .map(({ row }) => row);
  }

  private hitsFor(rows: WindowRow[], plan: QueryPlan): SearchHit[] {
    if (rows.length === 0) return [];
    const details = this.statements!.details.all(JSON.stringify(rows.map((row) => row.rowid))) as {
      rowid: number;
      doc_id: string;
      type: SearchDocumentType;
      url: string;
      updated_at: number;
      parent_id: string | null;
      title: string;
      body: string;
    }[];
    const byRowid = new Map(details.map((detail) => [detail.rowid, detail]));
    return rows.flatMap((row) => {
      const detail = byRowid.get(row.rowid);
      if (!detail) return [];
      return [
        {
          id: detail.doc_id,
          type: detail.type,
          url: detail.url,
          title: detail.title,
          titleHtml: highlightHtml(detail.title, plan.highlight),
          snippetHtml: snippetHtml(detail.body, plan.highlight, { words: SNIPPET_WORDS }),
          updatedAt: new Date(detail.updated_at),
          parentId: detail.parent_id,
        },
      ];
    });
  }
}

/**
 * The share (0 to 1) of a query's words and phrases found in a title, matched as FTS5 matches them: a word by any
 * of its forms or their stems (or as the prefix being typed), a phrase or multi-word synonym word for word.
 */
function titleScorer(plan: QueryPlan): (title: string) => number {
  const parts = plan.words.length + plan.phrases.length;
  if (parts === 0) return () => 0;
  const contains = (tokens: readonly string[], sequence: readonly string[]) => {
    for (let start = 0; start + sequence.length <= tokens.length; start++) {
      if (sequence.every((token, offset) => tokens[start + offset] === token)) return true;
    }
    return false;
  };
  const words = plan.words.map((word) => {
    const forms = new Set([word.text, ...word.alternatives]);
    const stems = new Set([...forms].map(stemFrench));
    return (tokens: readonly string[], tokenStems: readonly string[]) =>
      tokens.some(
        (token, index) =>
          forms.has(token) ||
          stems.has(token) ||
          stems.has(tokenStems[index]!) ||
          (word.prefix && token.startsWith(word.text)),
      ) || word.synonymPhrases.some((phrase) => contains(tokens, phrase));
  });
  return (title) => {
    const tokens = tokenize(title);
    const tokenStems = tokens.map(stemFrench);
    let matched = 0;
    for (const word of words) if (word(tokens, tokenStems)) matched++;
    for (const phrase of plan.phrases) if (contains(tokens, phrase)) matched++;
    return matched / parts;
  };
}

/** Filter values repeat across documents (types, categories, tags): each is encoded once per process. */
const filterTokens = new Map<string, string>();

function filterToken(field: FilterField | "audience", value: string): string {
  const key = `${FIELD_CODES[field]}${value}`;
  let token = filterTokens.get(key);
  if (token === undefined) {
    token = FIELD_CODES[field] + Buffer.from(value.toLowerCase(), "utf8").toString("hex");
    if (filterTokens.size >= 100_000) filterTokens.clear();
    filterTokens.set(key, token);
  }
  return token;
}

/** What a document's `filters` column indexes: its filter values, and its audience when private. */
function filterTokensOf(document: SearchDocument): string {
  const tokens = [EVERY_DOCUMENT_TOKEN];
  for (const field of FILTER_FIELDS) {
    for (const value of filterValues(document, field)) tokens.push(filterToken(field, value));
  }
  if (document.audience !== PUBLIC_AUDIENCE) {
    tokens.push(PRIVATE_TOKEN);
    for (const key of audienceKeys(document)) tokens.push(filterToken("audience", key));
  }
  return tokens.join(" ");
}

/** The facet values of a document, as stored beside it: [index in FACET_FIELDS, value] pairs in JSON. */
function facetsOf(document: SearchDocument): string {
  const pairs: [number, string][] = [];
  FACET_FIELDS.forEach((field, fieldIndex) => {
    for (const value of filterValues(document, field)) pairs.push([fieldIndex, value]);
  });
  return JSON.stringify(pairs);
}

function emptyFacets(): Record<FacetField, FacetCount[]> {
  return Object.fromEntries(FACET_FIELDS.map((field) => [field, [] as FacetCount[]])) as Record<
    FacetField,
    FacetCount[]
  >;
}

/** Facet counts over the window's rows; values differing only in case count as one (filters ignore case too). */
function countFacets(rows: readonly WindowRow[]): Record<FacetField, FacetCount[]> {
  const facets = emptyFacets();
  const counts = FACET_FIELDS.map(() => new Map<string, FacetCount>());
  // Posts of one topic mostly share their values: parse each distinct set once.
  const sets = new Map<string, number>();
  for (const row of rows) sets.set(row.facets, (sets.get(row.facets) ?? 0) + 1);
  for (const [set, times] of sets) {
    for (const [fieldIndex, value] of JSON.parse(set) as [number, string][]) {
      const byKey = counts[fieldIndex];
      if (!byKey) continue;
      const key = value.toLowerCase();
      const counted = byKey.get(key);
      if (counted) counted.count += times;
      else byKey.set(key, { value, count: times });
    }
  }
  FACET_FIELDS.forEach((field, fieldIndex) => {
    facets[field] = [...counts[fieldIndex]!.values()].sort(
      (a, b) => b.count - a.count || a.value.toLowerCase().localeCompare(b.value.toLowerCase()),
    );
  });
  return facets;
}

const inFilters = (token: string) => `filters : "${token}"`;

interface Constraints {
  /** FTS5 expressions every match must satisfy: one per filter (its values OR-ed). */
  required: string[];
  /** FTS5 expressions no match may satisfy: negated filters. */
  excluded: string[];
  /** The private documents the viewer may not see, as an FTS5 expression (null for staff). */
  hidden: string | null;
  viewer: SearchViewer;
}

/** A request's filters and its viewer's audience as FTS5 expressions; null when a filter can match nothing. */
function constraints(request: SearchRequest): Constraints | null {
  const required: string[] = [];
  const excluded: string[] = [];
  for (const filter of request.filters ?? []) {
    if (filter.anyOf.length === 0) {
      if (filter.negate) continue;
      return null;
    }
    const tokens = [...new Set(filter.anyOf.map((value) => inFilters(filterToken(filter.field, value))))];
    (filter.negate ? excluded : required).push(`(${tokens.join(" OR ")})`);
  }
  return { required, excluded, hidden: hiddenDocuments(request.viewer), viewer: request.viewer };
}

/** Private documents outside the viewer's audience keys (null for staff). */
function hiddenDocuments(viewer: SearchViewer): string | null {
  if (viewer.seesEverything) return null;
  const keys = [...new Set(viewer.audienceKeys.filter((key) => key !== PUBLIC_AUDIENCE))];
  if (keys.length === 0) return inFilters(PRIVATE_TOKEN);
  return `(${inFilters(PRIVATE_TOKEN)} NOT (${keys.map((key) => inFilters(filterToken("audience", key))).join(" OR ")}))`;
}

function createSchema(database: Database.Database): void {
  database.exec(`
    CREATE TABLE IF NOT EXISTS search_documents (
      rowid INTEGER PRIMARY KEY,
      doc_id TEXT NOT NULL UNIQUE,
      -- What the window reads for every match (ranking, facets, audience): narrow rows, many to a page.
      updated_at INTEGER NOT NULL,
      votes INTEGER NOT NULL DEFAULT 0,
      facets TEXT NOT NULL,
      -- Null for a public document, else its audience keys (JSON).
      audience TEXT,
      title TEXT NOT NULL
    );
    -- What only the page's hits read.
    CREATE TABLE IF NOT EXISTS search_bodies (
      rowid INTEGER PRIMARY KEY,
      type TEXT NOT NULL,
      url TEXT NOT NULL,
      parent_id TEXT,
      body TEXT NOT NULL
    );
    -- The vocabulary, with how often each word was indexed: typo candidates and prefix completions.
    CREATE TABLE IF NOT EXISTS search_terms (term TEXT PRIMARY KEY, occurrences INTEGER NOT NULL) WITHOUT ROWID;
  `);
  // search_text indexes everything; search_titles only the titles (body columns left empty, so that the same
  // expressions run on both), for the title matches beyond the window.
  for (const table of ["search_text", "search_titles"]) {
    const exists = database.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck().get(table);
    if (exists) continue;
    database.exec(`
      CREATE VIRTUAL TABLE ${table} USING fts5(
        title, body, title_stems, body_stems, filters,
        content = '', contentless_delete = 1,
        tokenize = "unicode61 remove_diacritics 2"
      );
    `);
    // As a literal: FTS5 refuses the value when better-sqlite3 binds it as a float.
    database.exec(`INSERT INTO ${table} (${table}, rank) VALUES ('hashsize', ${FTS_HASH_SIZE})`);
  }
}

function dropSchema(database: Database.Database): void {
  database.exec(`
    DROP TABLE IF EXISTS search_text;
    DROP TABLE IF EXISTS search_titles;
    DROP TABLE IF EXISTS search_document_values;
    DROP TABLE IF EXISTS search_documents;
    DROP TABLE IF EXISTS search_bodies;
    DROP TABLE IF EXISTS search_terms;
  `);
}

function windowStatement(database: Database.Database, table: "search_text" | "search_titles") {
  return database.prepare(
    `SELECT t.rowid AS rowid, 0 AS relevance, d.updated_at, d.votes, d.facets, d.title
     FROM ${table} t JOIN search_documents d ON d.rowid = t.rowid
     WHERE ${table} MATCH ? AND t.rowid <= ?
       AND (d.audience IS NULL OR ? OR EXISTS (SELECT 1 FROM json_each(d.audience) AS a
         WHERE a.value IN (SELECT value FROM json_each(?))))
     ORDER BY t.rowid DESC LIMIT ?`,
  );
}

function prepareStatements(database: Database.Database) {
  return {
    findRowid: database.prepare("SELECT rowid FROM search_documents WHERE doc_id = ?").pluck(),
    insertDocument: database.prepare(
      "INSERT INTO search_documents (doc_id, updated_at, votes, facets, audience, title) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    insertBody: database.prepare(
      "INSERT INTO search_bodies (rowid, type, url, parent_id, body) VALUES (?, ?, ?, ?, ?)",
    ),
    insertText: database.prepare(
      "INSERT INTO search_text (rowid, title, body, title_stems, body_stems, filters) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    countTerm: database.prepare(
      `INSERT INTO search_terms (term, occurrences) VALUES (?, ?)
       ON CONFLICT (term) DO UPDATE SET occurrences = occurrences + excluded.occurrences`,
    ),
    completions: database
      .prepare("SELECT term FROM search_terms WHERE term >= ? AND term < ? ORDER BY occurrences DESC, term LIMIT ?")
      .pluck(),
    insertTitle: database.prepare(
      "INSERT INTO search_titles (rowid, title, body, title_stems, body_stems, filters) VALUES (?, ?, '', ?, '', ?)",
    ),
    deleteText: database.prepare("DELETE FROM search_text WHERE rowid = ?"),
    deleteTitle: database.prepare("DELETE FROM search_titles WHERE rowid = ?"),
    deleteDocument: database.prepare("DELETE FROM search_documents WHERE rowid = ?"),
    deleteBody: database.prepare("DELETE FROM search_bodies WHERE rowid = ?"),
    termsInRange: database
      .prepare("SELECT term FROM search_terms WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?")
      .pluck(),
    // The most recent matches below a rowid that the viewer may see (seesEverything, audience keys as JSON), with
    // what ranking and facets need; from the whole index or from the titles' own.
    window: windowStatement(database, "search_text"),
    titleWindow: windowStatement(database, "search_titles"),
    count: database
      .prepare("SELECT count(*) FROM (SELECT 1 FROM search_text WHERE search_text MATCH ? LIMIT ?)")
      .pluck(),
    details: database.prepare(
      `SELECT d.rowid, d.doc_id, b.type, b.url, d.updated_at, b.parent_id, d.title, b.body
       FROM search_documents d JOIN search_bodies b ON b.rowid = d.rowid
       WHERE d.rowid IN (SELECT value FROM json_each(?))`,
    ),
  };
}
