// Applies the search outbox to the index. Every write that changes something searchable adds an outbox row in its
// own transaction; this worker reads them in batches, applies them (upserts and deletes), and marks them done only
// once the engine has them. When the engine is down it keeps the rows, waits with exponential backoff and tries
// again, so a search outage loses nothing and the index catches up when the engine returns.
// Framework-free: the outbox storage is given as functions (the lead wires them to the search_outbox table).
import { ZodError } from "zod";
import { searchDocumentSchema, type SearchDocument } from "./search-document";
import { SearchEngineError, type SearchIndex } from "./search-index";

export type OutboxChange = { op: "upsert"; document: unknown } | { op: "delete"; documentId: string };

export interface OutboxEntry {
  /** The outbox row id, increasing with write order. */
  id: number;
  change: OutboxChange;
}

export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  factor: number;
}

export const defaultBackoff: BackoffOptions = { initialDelayMs: 500, maxDelayMs: 60_000, factor: 2 };

export interface OutboxWorkerOptions {
  /** The oldest pending entries, in id order (claimed with SKIP LOCKED on PostgreSQL). */
  fetchBatch: (limit: number) => Promise<OutboxEntry[]>;
  markDone: (ids: number[]) => Promise<void>;
  /**
   * Records a failure. `permanent` entries (a document the schema refuses) will never apply and should leave the
   * queue (kept for inspection); the others stay pending and come back in the next batch.
   */
  markFailed: (ids: number[], error: Error, details: { permanent: boolean; attempt: number }) => Promise<void>;
  index: SearchIndex;
  backoff?: Partial<BackoffOptions>;
  batchSize?: number;
  /** Pause between polls when the outbox is empty. */
  idleDelayMs?: number;
  /** Injected so tests do not wait for real. */
  sleep?: (ms: number) => Promise<void>;
  onError?: (error: Error, details: { attempt: number; retryInMs: number }) => void;
}

export interface OutboxWorker {
  /** Applies one batch; returns how many entries it applied (0 when the outbox is empty). Throws on engine errors. */
  runOnce(): Promise<number>;
  /** Applies batches until the outbox is empty, retrying with backoff through engine outages. */
  drain(): Promise<number>;
  /** Runs in the background until stop(): drains, then polls every `idleDelayMs`. */
  start(): void;
  stop(): Promise<void>;
  /** Consecutive failed attempts since the last success (0 when healthy), for a health page. */
  readonly consecutiveFailures: number;
}

/** The delay before retry number `attempt` (1-based): initial × factor^(attempt − 1), capped. */
export function backoffDelay(attempt: number, backoff: BackoffOptions): number {
  return Math.min(backoff.maxDelayMs, backoff.initialDelayMs * Math.pow(backoff.factor, Math.max(0, attempt - 1)));
}

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const backoff: BackoffOptions = { ...defaultBackoff, ...options.backoff };
  const batchSize = options.batchSize ?? 500;
  const idleDelayMs = options.idleDelayMs ?? 1_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let consecutiveFailures = 0;
  let running: Promise<void> | null = null;
  let stopping = false;

  async function runOnce(): Promise<number> {
    const entries = await options.fetchBatch(batchSize);
    if (entries.length === 0) return 0;

    const { latest, entryIdsByDocument, invalid } = coalesce(entries);
    for (const { entryId, error } of invalid) {
      await options.markFailed([entryId], error, { permanent: true, attempt: 1 });
    }
    try {
      await apply(options.index, [...latest]);
      await options.markDone([...entryIdsByDocument.values()].flat());
    } catch (error) {
      const failure = asError(error);
      if (isRetryable(failure)) return failBatch([...entryIdsByDocument.values()].flat(), failure);
      // The engine refused something retrying cannot fix: apply document by document, so only the culprit leaves
      // the queue (as a permanent failure) and the others go through.
      const settled = new Set<string>();
      for (const [documentId, change] of latest) {
        const entryIds = entryIdsByDocument.get(documentId)!;
        try {
          await apply(options.index, [[documentId, change]]);
          await options.markDone(entryIds);
        } catch (singleError) {
          const singleFailure = asError(singleError);
          if (isRetryable(singleFailure)) {
            const pending = [...entryIdsByDocument].filter(([id]) => !settled.has(id)).flatMap(([, ids]) => ids);
            return failBatch(pending, singleFailure);
          }
          await options.markFailed(entryIds, singleFailure, { permanent: true, attempt: 1 });
        }
        settled.add(documentId);
      }
    }
    consecutiveFailures = 0;
    return entries.length;
  }

  async function failBatch(entryIds: number[], failure: Error): Promise<never> {
    consecutiveFailures++;
    await options.markFailed(entryIds, failure, { permanent: false, attempt: consecutiveFailures });
    throw failure;
  }

  async function drain(): Promise<number> {
    let applied = 0;
    while (!stopping) {
      try {
        const count = await runOnce();
        if (count === 0) return applied;
        applied += count;
      } catch (error) {
        const failure = asError(error);
        const retryInMs = backoffDelay(consecutiveFailures, backoff);
        options.onError?.(failure, { attempt: consecutiveFailures, retryInMs });
        await sleep(retryInMs);
      }
    }
    return applied;
  }

  return {
    runOnce,
    drain,
    start() {
      if (running) return;
      stopping = false;
      running = (async () => {
        while (!stopping) {
          try {
            await drain();
          } catch (error) {
            const failure = asError(error);
            consecutiveFailures++;
            options.onError?.(failure, { attempt: consecutiveFailures, retryInMs: backoff.maxDelayMs });
            await sleep(backoff.maxDelayMs);
            continue;
          }
          if (!stopping) await sleep(idleDelayMs);
        }
      })();
    },
    async stop() {
      stopping = true;
      await running;
      running = null;
    },
    get consecutiveFailures() {
      return consecutiveFailures;
    },
  };
}

type LatestChange = { op: "upsert"; document: SearchDocument } | { op: "delete" };

/** The latest change per document id (a later entry replaces an earlier one), and the entries behind each. */
function coalesce(entries: OutboxEntry[]) {
  const latest = new Map<string, LatestChange>();
  const entryIdsByDocument = new Map<string, number[]>();
  const invalid: { entryId: number; error: Error }[] = [];
  for (const entry of entries) {
    let documentId: string;
    if (entry.change.op === "delete") {
      documentId = entry.change.documentId;
      latest.set(documentId, { op: "delete" });
    } else {
      const parsed = searchDocumentSchema.safeParse(entry.change.document);
      if (!parsed.success) {
        invalid.push({ entryId: entry.id, error: new ZodError(parsed.error.issues) });
        continue;
      }
      documentId = parsed.data.id;
      latest.set(documentId, { op: "upsert", document: parsed.data });
    }
    entryIdsByDocument.set(documentId, [...(entryIdsByDocument.get(documentId) ?? []), entry.id]);
  }
  return { latest, entryIdsByDocument, invalid };
}

async function apply(index: SearchIndex, changes: [string, LatestChange][]): Promise<void> {
  const deletes = changes.flatMap(([id, change]) => (change.op === "delete" ? [id] : []));
  const upserts = changes.flatMap(([, change]) => (change.op === "upsert" ? [change.document] : []));
  // An id sits in one list only (its latest change), so the order between the two calls does not matter.
  if (deletes.length) await index.delete(deletes);
  if (upserts.length) await index.upsert(upserts);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** Engine errors say whether retrying can help; anything else (a network error thrown raw) is worth retrying. */
function isRetryable(error: Error): boolean {
  return error instanceof SearchEngineError ? error.retryable : true;
}
