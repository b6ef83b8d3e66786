// The app's search engine: which index serves (embedded by default, Meilisearch when MEILI_URL is set), the outbox
// worker that keeps it up to date, and full rebuilds. One index per process, opened on first use.
//
// The worker applies the SearchOutbox table through createOutboxWorker (outbox-worker.ts): one batch at a time, the
// documents built fresh from the database. On PostgreSQL each batch runs in a transaction that holds its rows
// (FOR UPDATE SKIP LOCKED), so replicas share the queue without applying a row twice; on SQLite the app is the
// single writer and reads the rows plainly (a transaction there would block every write while the engine works).
import type { Db } from "~/infra/db.server";
import { getEnv } from "~/infra/env.server";
import { logger } from "~/infra/logger.server";
import { allSearchDocuments, hasSearchableContent, SEARCH_BATCH_SIZE } from "./documents.server";
import { createEmbeddedSearchIndex } from "./embedded-index.server";
import { createMeilisearchIndex } from "./meilisearch-index.server";
import { claimOutboxRows, deleteOutboxRows, outboxEntriesFor, recordOutboxFailure } from "./outbox.server";
import { backoffDelay, createOutboxWorker, defaultBackoff } from "./outbox-worker";
import type { SearchDocumentType } from "./search-document";
import type { SearchIndex } from "./search-index";

/** PostgreSQL: how long a batch may hold its rows (a Meilisearch task on a large batch takes a while). */
const BATCH_TRANSACTION_TIMEOUT_MS = 5 * 60_000;
const IDLE_DELAY_MS = 1_000;

/** The engine the configuration asks for (not opened). */
export function createConfiguredSearchIndex(): SearchIndex {
  const env = getEnv();
  if (env.MEILI_URL) {
    return createMeilisearchIndex({ url: env.MEILI_URL, apiKey: env.MEILI_MASTER_KEY, indexUid: env.MEILI_INDEX });
  }
  return createEmbeddedSearchIndex({ file: env.searchIndexPath });
}

/** Where the index lives, for operators: the embedded file, or the Meilisearch server and index. */
export function describeSearchEngine(): string {
  const env = getEnv();
  return env.MEILI_URL
    ? `meilisearch (${env.MEILI_URL}, index ${env.MEILI_INDEX})`
    : `embedded (SQLite FTS5, ${env.searchIndexPath})`;
}

let opened: Promise<{ index: SearchIndex; rebuildNeeded: boolean }> | null = null;

/** The process's index, opened once; `rebuildNeeded` says whether it was created or emptied by a format change. */
export function openSearchIndex(): Promise<{ index: SearchIndex; rebuildNeeded: boolean }> {
  opened ??= (async () => {
    const index = createConfiguredSearchIndex();
    const { rebuildNeeded } = await index.open();
    return { index, rebuildNeeded };
  })().catch((error: unknown) => {
    opened = null;
    throw error;
  });
  return opened;
}

export async function getSearchIndex(): Promise<SearchIndex> {
  return (await openSearchIndex()).index;
}

/**
 * Serves another index from now on (tests wrap the real one to simulate an outage), or, with null, goes back to the
 * configured one, opened again on next use. The replaced index is not closed: the caller owns it.
 */
export function useSearchIndex(index: SearchIndex | null): void {
  opened = index ? Promise.resolve({ index, rebuildNeeded: false }) : null;
}

export async function closeSearchIndex(): Promise<void> {
  const current = opened;
  opened = null;
  if (current) await (await current.catch(() => null))?.index.close();
}

// One batch at a time in this process: the background worker, an explicit drain and a rebuild never interleave, so
// a rebuild's older reading of a document never lands after the worker's fresher one.
let queue: Promise<unknown> = Promise.resolve();
function exclusive<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Applies one batch of the outbox; resolves with how many rows it applied (0: the outbox is empty). When the engine
 * fails, the rows stay in the outbox with their attempt count and last error, and the engine's error is thrown.
 */
export function processSearchOutbox(db: Db, batchSize = SEARCH_BATCH_SIZE): Promise<number> {
  return exclusive(async () => {
    const index = await getSearchIndex();
    const provider = getEnv().databaseProvider;
    const runBatch = async (handle: Parameters<typeof claimOutboxRows>[0]) => {
      const worker = createOutboxWorker({
        index,
        batchSize,
        fetchBatch: async (limit) => outboxEntriesFor(handle, await claimOutboxRows(handle, provider, limit)),
        markDone: (ids) => deleteOutboxRows(handle, ids),
        markFailed: (ids, error, { permanent }) => recordOutboxFailure(handle, ids, error, permanent),
      });
      try {
        return { applied: await worker.runOnce() };
      } catch (error) {
        // Returned, not thrown: the failure just recorded must commit with the transaction.
        return { applied: 0, error };
      }
    };
    const result =
      provider === "postgresql"
        ? await db.$transaction((tx) => runBatch(tx), { timeout: BATCH_TRANSACTION_TIMEOUT_MS, maxWait: 10_000 })
        : await runBatch(db);
    if (result.error !== undefined) throw result.error;
    return result.applied;
  });
}

/** Applies the outbox until it is empty (tests, and the worker between pauses). Throws on the first engine failure. */
export async function drainSearchOutbox(db: Db): Promise<number> {
  let applied = 0;
  for (;;) {
    const count = await processSearchOutbox(db);
    if (count === 0) return applied;
    applied += count;
  }
}

export interface RebuildReport {
  counts: Record<SearchDocumentType, number>;
  total: number;
  durationMs: number;
}

/**
 * Empties the index and indexes every searchable thing of the database again, in batches. Changes made meanwhile
 * have their outbox rows, applied after it (in this process) so the fresher state wins.
 */
export function rebuildSearchIndex(
  db: Db,
  options: { onBatch?: (type: SearchDocumentType, indexed: number, report: RebuildReport) => void } = {},
): Promise<RebuildReport> {
  return exclusive(async () => {
    const index = await getSearchIndex();
    const started = performance.now();
    const report: RebuildReport = {
      counts: { topic: 0, post: 0, clause: 0, solution: 0, "conformance-class": 0 },
      total: 0,
      durationMs: 0,
    };
    await index.clear();
    for await (const batch of allSearchDocuments(db)) {
      if (batch.documents.length) await index.upsert(batch.documents);
      report.counts[batch.type] += batch.documents.length;
      report.total += batch.documents.length;
      report.durationMs = performance.now() - started;
      options.onBatch?.(batch.type, batch.documents.length, report);
    }
    report.durationMs = performance.now() - started;
    return report;
  });
}

/** How many documents the index holds (a lower bound beyond the engine's exact count limit). */
export async function countIndexedDocuments(): Promise<{ total: number; exact: boolean }> {
  const results = await (
    await getSearchIndex()
  ).search({ text: "", viewer: { audienceKeys: [], seesEverything: true }, limit: 0 });
  return { total: results.total, exact: results.totalIsExact };
}

/** Rebuilds when the index was just created or emptied by a format change, or is empty beside a database with content. */
export async function rebuildSearchIndexIfNeeded(db: Db): Promise<RebuildReport | null> {
  const { rebuildNeeded } = await openSearchIndex();
  if (!rebuildNeeded && ((await countIndexedDocuments()).total > 0 || !(await hasSearchableContent(db)))) return null;
  return rebuildSearchIndex(db);
}

/**
 * The background worker of the app process: rebuilds the index if it needs it, then applies the outbox as it fills,
 * backing off exponentially while the engine is down. Returns the function that stops it.
 */
export function startSearchWorker(getDatabase: () => Promise<Db>): () => Promise<void> {
  let stopping = false;
  let wake: (() => void) | null = null;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const running = (async () => {
    let failures = 0;
    let ready = false;
    while (!stopping) {
      try {
        const db = await getDatabase();
        if (!ready) {
          const rebuilt = await rebuildSearchIndexIfNeeded(db);
          if (rebuilt) {
            logger.info(
              { counts: rebuilt.counts, durationMs: Math.round(rebuilt.durationMs) },
              "search index rebuilt from the database",
            );
          }
          ready = true;
        }
        const applied = await drainSearchOutbox(db);
        if (applied) logger.debug({ applied }, "search outbox applied");
        failures = 0;
        await pause(IDLE_DELAY_MS);
      } catch (error) {
        failures++;
        const retryInMs = backoffDelay(failures, defaultBackoff);
        logger.warn({ err: error, attempt: failures, retryInMs }, "search index update failed; retrying");
        await pause(retryInMs);
      }
    }
  })();
  return async () => {
    stopping = true;
    wake?.();
    await running;
  };
}
