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
//   their word (title_stems, body_stems). A query word matches its prefix in the first and its stem in both;
// - one typo in words of 5+ letters: when the exact query finds nothing the viewer may see, each long word also
//   matches the indexed words one edit away (same first letter), taken from a vocabulary table (fts5vocab would
//   count documents for every term in the range, far too slow at this size);
// - ranking: bm25 with title columns weighing 10 against 1 for the body, times a recency boost. To stay fast at a
//   million posts, a query ranks, counts and facets the RESULT_WINDOW most recently indexed matches (rowids grow
//   with every write, so rowid order is activity order) plus the most recent title matches; beyond that window the
//   total is a lower bound (`totalIsExact: false`), as Meilisearch's estimatedTotalHits is;
// - filters and audience: a companion table of (field, value) rows per document, checked per match before
//   anything is counted, so private documents never show in totals or facet numbers for outsiders.
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
  type SearchDocument,
  type SearchDocumentType,
} from "./search-document";
import type {
  FacetCount,
  OpenedIndex,
  SearchFilter,
  SearchHit,
  SearchIndex,
  SearchRequest,
  SearchResults,
} from "./search-index";
import { SearchEngineError } from "./search-index";
import { buildQueryPlan, type QueryPlan } from "./query-plan";
import { MAX_PAGE_SIZE, MIN_WORD_LENGTH_FOR_TYPO, RESULT_WINDOW } from "./settings";
import { changedStems, highlightHtml, snippetHtml, tokenize, withinOneEdit } from "./text";

/** Bump when the schema or the stemmer changes: an older file is emptied and reported as needing a rebuild. */
const EMBEDDED_FORMAT_VERSION = "1";

/** Title matches weigh ten times body matches (same weight for the stem columns). */
const COLUMN_WEIGHTS = "10.0, 1.0, 10.0, 1.0";
/** How many recent title matches join the window, so a strong title match from long ago can still rank first. */
const TITLE_WINDOW = 200;
/** Recency boost: up to +50% for a document active today, halving about every two months. */
const RECENCY_BOOST = 0.5;
const RECENCY_HALF_LIFE_DAYS = 60;
const MAX_TYPO_CANDIDATES = 12;
const SNIPPET_WORDS = 30;
/** The vocabulary only needs words long enough to be typo candidates. */
const MIN_VOCABULARY_LENGTH = MIN_WORD_LENGTH_FOR_TYPO - 1;

export interface EmbeddedSearchIndexOptions {
  /** The SQLite file of the index, created with its folder if missing. */
  file: string;
  /** The clock for the recency boost (tests pin it). */
  now?: () => Date;
}

interface WindowRow {
  rowid: number;
  relevance: number;
  updated_at: number;
  votes: number;
}

export function createEmbeddedSearchIndex(options: EmbeddedSearchIndexOptions): SearchIndex {
  return new EmbeddedSearchIndex(options);
}

class EmbeddedSearchIndex implements SearchIndex {
  readonly engine = "embedded" as const;
  private database: Database.Database | null = null;
  private readonly now: () => Date;
  /** Vocabulary words already stored by this process: saves an INSERT per word of every document. */
  private readonly knownTerms = new Set<string>();
  private statements: ReturnType<typeof prepareStatements> | null = null;

  constructor(private readonly options: EmbeddedSearchIndexOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async open(): Promise<OpenedIndex> {
    if (this.database) return { rebuildNeeded: false };
    mkdirSync(path.dirname(path.resolve(this.options.file)), { recursive: true });
    const database = new Database(this.options.file);
    database.pragma("journal_mode = WAL");
    // NORMAL in WAL mode: a power cut may lose the last transactions but never corrupts; the outbox replays them.
    database.pragma("synchronous = NORMAL");
    database.pragma("busy_timeout = 5000");
    database.pragma("cache_size = -65536");
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
      for (const document of batch) {
        this.deleteOne(document.id);
        const rowid = Number(
          statements.insertDocument.run(
            document.id,
            document.type,
            document.url,
            document.updatedAt.getTime(),
            document.votes,
            document.parentId ?? null,
            document.audience === PUBLIC_AUDIENCE ? 1 : 0,
          ).lastInsertRowid,
        );
        const titleTokens = tokenize(document.title);
        const bodyTokens = tokenize(document.body);
        statements.insertText.run(
          rowid,
          document.title,
          document.body,
          changedStems(titleTokens),
          changedStems(bodyTokens),
        );
        for (const field of FILTER_FIELDS) {
          for (const value of filterValues(document, field)) statements.insertValue.run(rowid, field, value);
        }
        if (document.audience !== PUBLIC_AUDIENCE) {
          for (const key of audienceKeys(document)) statements.insertValue.run(rowid, "audience", key);
        }
        this.rememberTerms(titleTokens, bodyTokens);
      }
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
        database.exec("DELETE FROM search_text; DELETE FROM search_document_values; DELETE FROM search_documents;");
        database.exec("DELETE FROM search_terms");
      })(),
    );
    this.knownTerms.clear();
  }

  async close(): Promise<void> {
    this.database?.close();
    this.database = null;
    this.statements = null;
  }

  async search(request: SearchRequest): Promise<SearchResults> {
    const limit = Math.max(0, Math.min(request.limit ?? 20, MAX_PAGE_SIZE));
    const offset = Math.max(0, Math.min(request.offset ?? 0, RESULT_WINDOW));
    let plan = buildQueryPlan(request);
    let window = this.guard(() => this.matchWindow(plan, request));
    // Typos only when the exact words find nothing this viewer may see: exact matches always come first, and
    // what is tried next depends on visible results only, so it reveals nothing about private documents.
    if (window.rows.length === 0 && plan.words.some((word) => word.text.length >= MIN_WORD_LENGTH_FOR_TYPO)) {
      const typoPlan = buildQueryPlan(request, (word) => this.typoCandidates(word));
      if (typoPlan.matchExpression !== plan.matchExpression) {
        plan = typoPlan;
        window = this.guard(() => this.matchWindow(plan, request));
      }
    }
    const ranked = this.rank(window.rows, request.order ?? "relevance");
    const page = ranked.slice(offset, offset + limit);
    return {
      hits: this.guard(() => this.hitsFor(page, plan)),
      total: window.matchCount,
      totalIsExact: window.exact,
      facets: this.guard(() => this.facetsOf(window.rows)),
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
    statements.deleteValues.run(rowid);
    statements.deleteDocument.run(rowid);
  }

  private rememberTerms(...tokenLists: string[][]): void {
    for (const tokens of tokenLists) {
      for (const token of tokens) {
        if (token.length < MIN_VOCABULARY_LENGTH || this.knownTerms.has(token) || /^\d+$/.test(token)) continue;
        this.knownTerms.add(token);
        this.statements!.insertTerm.run(token);
      }
    }
  }

  /** Indexed words one edit away from a query word, sharing its first letter (as Meilisearch counts such a typo twice). */
  private typoCandidates(word: string): string[] {
    const first = word[0]!;
    const following = String.fromCodePoint(first.codePointAt(0)! + 1);
    const terms = this.statements!.termsInRange.all(first, following, word.length - 1, word.length + 1) as string[];
    return terms.filter((term) => term !== word && withinOneEdit(term, word)).slice(0, MAX_TYPO_CANDIDATES);
  }

  private matchWindow(
    plan: QueryPlan,
    request: SearchRequest,
  ): { rows: WindowRow[]; matchCount: number; exact: boolean } {
    const { database } = this.ready();
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const viewer = request.viewer;
    if (!viewer.seesEverything) {
      conditions.push(
        `(d.is_public = 1 OR EXISTS (SELECT 1 FROM search_document_values v WHERE v.doc_rowid = d.rowid
           AND v.field = 'audience' AND v.value IN (SELECT value FROM json_each(?))))`,
      );
      parameters.push(JSON.stringify(viewer.audienceKeys.filter((key) => key !== PUBLIC_AUDIENCE)));
    }
    for (const filter of request.filters ?? []) {
      const condition = filterCondition(filter);
      if (!condition) continue;
      conditions.push(condition.sql);
      parameters.push(...condition.parameters);
    }
    const where = conditions.length ? ` AND ${conditions.join(" AND ")}` : "";
    let rows: WindowRow[];
    if (plan.matchExpression === null) {
      // No words: every document the filters and audience allow, most recent activity first.
      rows = database
        .prepare(
          `SELECT d.rowid AS rowid, 0 AS relevance, d.updated_at, d.votes FROM search_documents d
           WHERE 1 = 1${where} ORDER BY d.rowid DESC LIMIT ?`,
        )
        .all(...parameters, RESULT_WINDOW + 1) as WindowRow[];
    } else {
      const select = `SELECT t.rowid AS rowid, bm25(search_text, ${COLUMN_WEIGHTS}) AS relevance, d.updated_at, d.votes
        FROM search_text t JOIN search_documents d ON d.rowid = t.rowid
        WHERE search_text MATCH ?${where} ORDER BY t.rowid DESC LIMIT ?`;
      const statement = database.prepare(select);
      rows = statement.all(plan.matchExpression, ...parameters, RESULT_WINDOW + 1) as WindowRow[];
      if (rows.length > RESULT_WINDOW) {
        const titleRows = statement.all(
          `{title title_stems} : (${plan.matchExpression})`,
          ...parameters,
          TITLE_WINDOW,
        ) as WindowRow[];
        const seen = new Set(rows.slice(0, RESULT_WINDOW).map((row) => row.rowid));
        rows = [...rows.slice(0, RESULT_WINDOW), ...titleRows.filter((row) => !seen.has(row.rowid))];
        return { rows, matchCount: rows.length, exact: false };
      }
    }
    const exact = rows.length <= RESULT_WINDOW;
    rows = rows.slice(0, RESULT_WINDOW);
    return { rows, matchCount: rows.length, exact };
  }

  private rank(rows: WindowRow[], order: NonNullable<SearchRequest["order"]>): WindowRow[] {
    const byActivity = (a: WindowRow, b: WindowRow) => b.updated_at - a.updated_at || b.rowid - a.rowid;
    if (order === "latest") return [...rows].sort(byActivity);
    if (order === "votes") return [...rows].sort((a, b) => b.votes - a.votes || byActivity(a, b));
    const now = this.now().getTime();
    const score = (row: WindowRow) => {
      const ageDays = Math.max(0, (now - row.updated_at) / 86_400_000);
      // bm25() is negative, more negative for better matches.
      return -row.relevance * (1 + RECENCY_BOOST * Math.pow(0.5, ageDays / RECENCY_HALF_LIFE_DAYS));
    };
    const scores = new Map(rows.map((row) => [row.rowid, score(row)]));
    return [...rows].sort((a, b) => scores.get(b.rowid)! - scores.get(a.rowid)! || byActivity(a, b));
  }

  private hitsFor(rows: WindowRow[], plan: QueryPlan): SearchHit[] {
    if (rows.length === 0) return [];
    const { database } = this.ready();
    const rowids = JSON.stringify(rows.map((row) => row.rowid));
    const details = database
      .prepare(
        `SELECT d.rowid, d.doc_id, d.type, d.url, d.updated_at, d.parent_id, t.title, t.body
         FROM search_documents d JOIN search_text t ON t.rowid = d.rowid
         WHERE d.rowid IN (SELECT value FROM json_each(?))`,
      )
      .all(rowids) as {
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

  private facetsOf(rows: WindowRow[]): Record<FacetField, FacetCount[]> {
    const facets = Object.fromEntries(FACET_FIELDS.map((field) => [field, [] as FacetCount[]])) as Record<
      FacetField,
      FacetCount[]
    >;
    if (rows.length === 0) return facets;
    const counts = this.statements!.facetCounts.all(JSON.stringify(rows.map((row) => row.rowid))) as {
      field: FacetField;
      value: string;
      count: number;
    }[];
    for (const { field, value, count } of counts) facets[field].push({ value, count });
    return facets;
  }
}

function filterCondition(filter: SearchFilter): { sql: string; parameters: unknown[] } | null {
  if (filter.anyOf.length === 0) return filter.negate ? null : { sql: "0", parameters: [] };
  const exists = `EXISTS (SELECT 1 FROM search_document_values v WHERE v.doc_rowid = d.rowid AND v.field = ?
    AND v.value IN (SELECT value FROM json_each(?)))`;
  return {
    sql: filter.negate ? `NOT ${exists}` : exists,
    parameters: [filter.field, JSON.stringify(filter.anyOf)],
  };
}

function createSchema(database: Database.Database): void {
  database.exec(`
    CREATE TABLE IF NOT EXISTS search_documents (
      rowid INTEGER PRIMARY KEY,
      doc_id TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL,
      url TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      votes INTEGER NOT NULL DEFAULT 0,
      parent_id TEXT,
      is_public INTEGER NOT NULL
    );
    -- Filter values and audience keys, one row each; NOCASE so solution:georchestra finds "geOrchestra".
    CREATE TABLE IF NOT EXISTS search_document_values (
      doc_rowid INTEGER NOT NULL,
      field TEXT NOT NULL,
      value TEXT NOT NULL COLLATE NOCASE,
      PRIMARY KEY (doc_rowid, field, value)
    ) WITHOUT ROWID;
    -- The planner picks it for the per-match filter checks (measured faster than the primary key there).
    CREATE INDEX IF NOT EXISTS search_document_values_by_value ON search_document_values (field, value);
    CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5(
      title, body, title_stems, body_stems,
      tokenize = "unicode61 remove_diacritics 2",
      prefix = '2 3'
    );
    CREATE TABLE IF NOT EXISTS search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
  `);
}

function dropSchema(database: Database.Database): void {
  database.exec(`
    DROP TABLE IF EXISTS search_text;
    DROP TABLE IF EXISTS search_document_values;
    DROP TABLE IF EXISTS search_documents;
    DROP TABLE IF EXISTS search_terms;
  `);
}

function prepareStatements(database: Database.Database) {
  return {
    findRowid: database.prepare("SELECT rowid FROM search_documents WHERE doc_id = ?").pluck(),
    insertDocument: database.prepare(
      `INSERT INTO search_documents (doc_id, type, url, updated_at, votes, parent_id, is_public)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertText: database.prepare(
      "INSERT INTO search_text (rowid, title, body, title_stems, body_stems) VALUES (?, ?, ?, ?, ?)",
    ),
    insertValue: database.prepare(
      "INSERT OR IGNORE INTO search_document_values (doc_rowid, field, value) VALUES (?, ?, ?)",
    ),
    insertTerm: database.prepare("INSERT OR IGNORE INTO search_terms (term) VALUES (?)"),
    deleteText: database.prepare("DELETE FROM search_text WHERE rowid = ?"),
    deleteValues: database.prepare("DELETE FROM search_document_values WHERE doc_rowid = ?"),
    deleteDocument: database.prepare("DELETE FROM search_documents WHERE rowid = ?"),
    termsInRange: database
      .prepare("SELECT term FROM search_terms WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?")
      .pluck(),
    // CROSS JOIN keeps the window's rowids as the outer loop: otherwise SQLite scans every value of each field.
    facetCounts: database.prepare(
      `SELECT v.field AS field, v.value AS value, count(*) AS count
       FROM json_each(?) AS window CROSS JOIN search_document_values v ON v.doc_rowid = window.value
       WHERE v.field IN (${FACET_FIELDS.map((field) => `'${field}'`).join(", ")})
       GROUP BY v.field, v.value ORDER BY count DESC, v.value`,
    ),
  };
}
