// The search outbox table (SearchOutbox): every write that changes something searchable adds the ids of the documents
// it touches, in its own transaction (enqueueSearchUpdate); the outbox worker (outbox-worker.ts) reads them in order,
// builds each document fresh from the database (documents.server.ts) and applies it to the index. Rows carry ids
// only, so a row applied late still indexes the latest state, and a document whose entity is gone becomes a delete.
import type { Db, DbOrTx, Prisma } from "~/infra/db.server";
import { buildSearchChanges } from "./documents.server";
import type { OutboxEntry } from "./outbox-worker";

/** The document ids of the app's searchable things, as the outbox and the index name them. */
export const searchDocumentId = {
  topic: (topicId: number) => `topic:${topicId}`,
  post: (postId: number) => `post:${postId}`,
  /**
   * What a change to a post re-indexes: the post (a first post's id re-indexes its topic, whose body it is), or with
   * `wholeTopic` the topic and all its replies (a deleted first post deletes the topic; a new title shows in replies).
   */
  ofPost: (post: { id: number; topicId: number; postNumber: number }, wholeTopic = post.postNumber === 1) =>
    wholeTopic ? `topic:${post.topicId}` : `post:${post.id}`,
  clauseVersion: (clauseId: string, version: string) => `clause:${clauseId}@${version}`,
  solution: (slug: string) => `solution:${slug}`,
  conformanceClass: (uri: string) => `conformance-class:${uri}`,
};

/**
 * Queues documents for re-indexing, in the caller's transaction: the change and its outbox rows commit together, so
 * a search outage (or a crash before the index is updated) loses nothing. A topic's id re-indexes its replies too
 * (they carry its title, category and tags).
 */
export async function enqueueSearchUpdate(tx: DbOrTx, documentIds: readonly string[]): Promise<void> {
  const unique = [...new Set(documentIds)];
  if (unique.length === 0) return;
  await tx.searchOutbox.createMany({ data: unique.map((documentId) => ({ documentId })) });
}

interface OutboxRow {
  id: number;
  documentId: string;
}

/**
 * The oldest pending rows. On PostgreSQL, inside the caller's transaction, rows another replica holds are skipped and
 * the ones returned stay locked until the transaction ends (FOR UPDATE SKIP LOCKED): replicas never apply the same
 * row twice at once, and a crashed replica's rows come back. On SQLite the app is the single writer: a plain read.
 */
export async function claimOutboxRows(
  db: DbOrTx,
  provider: "sqlite" | "postgresql",
  limit: number,
): Promise<OutboxRow[]> {
  if (provider === "postgresql") {
    const rows = await db.$queryRaw<OutboxRow[]>`
      SELECT "id", "documentId" FROM "SearchOutbox" WHERE "failedAt" IS NULL
      ORDER BY "id" LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
    return rows.map((row) => ({ id: Number(row.id), documentId: row.documentId }));
  }
  return db.searchOutbox.findMany({
    where: { failedAt: null },
    orderBy: { id: "asc" },
    take: limit,
    select: { id: true, documentId: true },
  });
}

/** Outbox rows as the worker's entries: each row's document built now (a topic row brings its replies along). */
export async function outboxEntriesFor(db: DbOrTx, rows: readonly OutboxRow[]): Promise<OutboxEntry[]> {
  const changes = await buildSearchChanges(
    db,
    rows.map((row) => row.documentId),
  );
  return rows.flatMap((row) =>
    (changes.get(row.documentId) ?? [{ op: "delete" as const, documentId: row.documentId }]).map((change) => ({
      id: row.id,
      change,
    })),
  );
}

export async function deleteOutboxRows(db: DbOrTx, ids: readonly number[]): Promise<void> {
  if (ids.length) await db.searchOutbox.deleteMany({ where: { id: { in: [...new Set(ids)] } } });
}

/** A failed attempt: the row stays pending (retried later) unless the failure is permanent. */
export async function recordOutboxFailure(
  db: DbOrTx,
  ids: readonly number[],
  error: Error,
  permanent: boolean,
): Promise<void> {
  if (ids.length === 0) return;
  await db.searchOutbox.updateMany({
    where: { id: { in: [...new Set(ids)] } },
    data: {
      attempts: { increment: 1 },
      lastError: `${error.name}: ${error.message}`.slice(0, 2_000),
      ...(permanent ? { failedAt: new Date() } : {}),
    },
  });
}

export interface SearchOutboxStatus {
  pending: number;
  /** Pending rows that failed at least once (the engine was down, or is). */
  retrying: number;
  /** The oldest pending row's creation: the index's lag. */
  oldestPendingAt: Date | null;
  failed: { id: number; documentId: string; attempts: number; lastError: string | null; failedAt: Date }[];
  failedCount: number;
}

export async function searchOutboxStatus(db: Db, failedShown = 20): Promise<SearchOutboxStatus> {
  const pendingWhere: Prisma.SearchOutboxWhereInput = { failedAt: null };
  const [pending, retrying, oldest, failedCount, failed] = await Promise.all([
    db.searchOutbox.count({ where: pendingWhere }),
    db.searchOutbox.count({ where: { failedAt: null, attempts: { gt: 0 } } }),
    db.searchOutbox.findFirst({ where: pendingWhere, orderBy: { id: "asc" }, select: { createdAt: true } }),
    db.searchOutbox.count({ where: { failedAt: { not: null } } }),
    db.searchOutbox.findMany({
      where: { failedAt: { not: null } },
      orderBy: { id: "desc" },
      take: failedShown,
      select: { id: true, documentId: true, attempts: true, lastError: true, failedAt: true },
    }),
  ]);
  return {
    pending,
    retrying,
    oldestPendingAt: oldest?.createdAt ?? null,
    failed: failed.map((row) => ({ ...row, failedAt: row.failedAt! })),
    failedCount,
  };
}
