// The hand-written reads of every signed-in page run on the driver, without Prisma (readRows, docs/decisions/026),
// on SQLite as on PostgreSQL: same rows as through Prisma, committed data only, and a transaction reads its own
// writes through Prisma.
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb, readRows, sql } from "../../app/infra/db.server";
import { getEnv } from "../../app/infra/env.server";

afterEach(() => {
  vi.restoreAllMocks();
});

async function someUser() {
  const db = await getDb();
  return db.user.findFirstOrThrow({ where: { username: "julien.roux" }, select: { id: true } });
}

async function mentionOf(userId: number) {
  const topic = await (await getDb()).topic.findFirstOrThrow({ select: { id: true } });
  return { userId, kind: "mention", topicId: topic.id, postNumber: 1 };
}

const unreadCount = (userId: number) =>
  sql`SELECT COUNT(*) AS "unread" FROM "Notification" WHERE "userId" = ${userId} AND "readAt" IS NULL`;

describe("readRows", () => {
  it("reads through the driver the same rows Prisma reads", async () => {
    const db = await getDb();
    const { id } = await someUser();
    const query = sql`SELECT "id", "username", "role" FROM "User" WHERE "id" >= ${id} ORDER BY "id" LIMIT ${5}`;
    const throughPrisma = await db.$queryRaw<{ id: number | bigint; username: string; role: string }[]>(query);
    // Prisma runs its statements on the same drivers, so the spies check which way the statement went: prepared on
    // SQLite's second, query-only connection; on PostgreSQL's pool as plain text and values, where Prisma's adapter
    // passes a query object asking for rows as arrays.
    const postgres = getEnv().databaseProvider === "postgresql";
    const poolQuery = vi.spyOn(pg.Pool.prototype, "query");
    const prepare = vi.spyOn(Database.prototype, "prepare");
    const direct = await readRows<{ id: number | bigint; username: string; role: string }>(db, query);
    if (postgres) {
      expect(poolQuery).toHaveBeenCalledTimes(1);
      expect(poolQuery.mock.calls[0]![0]).toBe(query.text);
    } else {
      expect(prepare).toHaveBeenCalledTimes(1);
      expect((prepare.mock.contexts[0] as Database.Database).pragma("query_only", { simple: true })).toBe(1);
    }
    const plain = (rows: typeof direct) => rows.map((row) => ({ ...row, id: Number(row.id) }));
    expect(plain(direct)).toEqual(plain(throughPrisma));
    expect(direct.length).toBeGreaterThan(0);
  });

  it("sees what Prisma committed at once", async () => {
    const db = await getDb();
    const { id: userId } = await someUser();
    const before = Number((await readRows<{ unread: number }>(db, unreadCount(userId)))[0]!.unread);
    const notification = await db.notification.create({ data: await mentionOf(userId) });
    try {
      expect(Number((await readRows<{ unread: number }>(db, unreadCount(userId)))[0]!.unread)).toBe(before + 1);
    } finally {
      await db.notification.delete({ where: { id: notification.id } });
    }
  });

  it("reads a transaction's own writes, before they are committed, through the transaction", async () => {
    const db = await getDb();
    const { id: userId } = await someUser();
    const before = Number((await readRows<{ unread: number }>(db, unreadCount(userId)))[0]!.unread);
    const mention = await mentionOf(userId);
    const rollback = new Error("rolled back on purpose");
    await expect(
      db.$transaction(async (tx) => {
        await tx.notification.create({ data: mention });
        expect(Number((await readRows<{ unread: number }>(tx, unreadCount(userId)))[0]!.unread)).toBe(before + 1);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(Number((await readRows<{ unread: number }>(db, unreadCount(userId)))[0]!.unread)).toBe(before);
  });
});
