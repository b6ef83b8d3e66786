import { readRows, sql, sqlList, type Db } from "~/infra/db.server";
import { DomainError } from "~/domain/shared/errors";
import { visibleCategoriesWhere, type Reader } from "./permissions";
import { NotificationLevel } from "./watch-levels";

/** A signed-in reader saw posts up to `lastPostNumber`: move their read marker forward (never back) and mark the
 * notifications about those posts read. */
/** Marks the topic read up to `lastPostNumber` and its notifications read; answers the reader's watching level of the
 * topic, which the visit has just read anyway. */
export async function recordTopicVisit(
  db: Db,
  userId: number,
  topicId: number,
  lastPostNumber: number,
): Promise<number> {
  // Every signed-in topic view runs this read, one statement of hand-written SQL (see readRows): the reader's state
  // in the topic, and whether any notification of it waits unread on the (userId, topicId, readAt) index. Most views
  // have nothing to write; the rare writes stay in Prisma. One row always: the LEFT JOIN keeps it when the reader
  // has no state in the topic yet.
  const [row] = await readRows<{
    lastReadPostNumber: number | null;
    notificationLevel: number | null;
    unread: number | boolean;
  }>(
    db,
    sql`
    SELECT "state"."lastReadPostNumber", "state"."notificationLevel",
      EXISTS (
        SELECT 1 FROM "Notification"
        WHERE "userId" = ${userId} AND "topicId" = ${topicId} AND "readAt" IS NULL AND "postNumber" <= ${lastPostNumber}
      ) AS "unread"
    FROM (SELECT 1 AS "one") AS "visit"
    LEFT JOIN "TopicUser" AS "state" ON "state"."userId" = ${userId} AND "state"."topicId" = ${topicId}`,
  );
  const state = row ?? { lastReadPostNumber: null, notificationLevel: null, unread: 0 };
  const known = state.lastReadPostNumber !== null;
  if (!known || Number(state.lastReadPostNumber) < lastPostNumber) {
    await db.topicUser.upsert({
      where: { userId_topicId: { userId, topicId } },
      create: { userId, topicId, lastReadPostNumber: lastPostNumber },
      update: { lastReadPostNumber: lastPostNumber },
    });
  }
  if (Number(state.unread) === 1) {
    await db.notification.updateMany({
      where: { userId, topicId, readAt: null, postNumber: { lte: lastPostNumber } },
      data: { readAt: new Date() },
    });
  }
  return known ? Number(state.notificationLevel) : NotificationLevel.normal;
}

export function parseLevel(value: unknown): number {
  const level = Number(value);
  if (![0, 1, 2, 3].includes(level) || value === "" || value === null) {
    throw new DomainError(422, "Niveau de suivi inconnu.");
  }
  return level;
}

export async function setTopicLevel(db: Db, reader: Reader, topicId: number, level: number): Promise<void> {
  if (!reader.userId) throw new DomainError(401, "Connectez-vous pour suivre ce sujet.");
  const topic = await db.topic.findFirst({
    where: { id: topicId, deletedAt: null, category: visibleCategoriesWhere(reader) },
  });
  if (!topic) throw new DomainError(404, "Ce sujet est introuvable.");
  await db.topicUser.upsert({
    where: { userId_topicId: { userId: reader.userId, topicId } },
    create: { userId: reader.userId, topicId, notificationLevel: level },
    update: { notificationLevel: level },
  });
}

export async function setCategoryLevel(db: Db, reader: Reader, categoryId: number, level: number): Promise<void> {
  if (!reader.userId) throw new DomainError(401, "Connectez-vous pour suivre cette catégorie.");
  const [category] = await db.category.findMany({ where: { id: categoryId, ...visibleCategoriesWhere(reader) } });
  if (!category) throw new DomainError(404, "Cette catégorie est introuvable.");
  await db.categoryUser.upsert({
    where: { userId_categoryId: { userId: reader.userId, categoryId } },
    create: { userId: reader.userId, categoryId, notificationLevel: level },
    update: { notificationLevel: level },
  });
}

export async function setTagLevel(db: Db, reader: Reader, tagName: string, level: number): Promise<void> {
  if (!reader.userId) throw new DomainError(401, "Connectez-vous pour suivre cette étiquette.");
  const tag = await db.tag.findUnique({ where: { name: tagName } });
  if (!tag) throw new DomainError(404, "Cette étiquette est introuvable.");
  await db.tagUser.upsert({
    where: { userId_tagId: { userId: reader.userId, tagId: tag.id } },
    create: { userId: reader.userId, tagId: tag.id, notificationLevel: level },
    update: { notificationLevel: level },
  });
}

/** What a signed-in reader's list rows add to the shared page: how far they read each topic (absent when they never
 * opened it) and which ones they vote for. One hand-written statement, on every list page (see readRows). */
export async function listOverlayFor(
  db: Db,
  userId: number,
  topicIds: number[],
): Promise<{ lastRead: Map<number, number>; voted: Set<number> }> {
  const lastRead = new Map<number, number>();
  const voted = new Set<number>();
  if (topicIds.length === 0) return { lastRead, voted };
  const rows = await readRows<{ topicId: number; lastReadPostNumber: number | null }>(
    db,
    sql`
    SELECT "topicId", "lastReadPostNumber" FROM "TopicUser"
    WHERE "userId" = ${userId} AND "topicId" IN (${sqlList(topicIds)})
    UNION ALL
    SELECT "topicId", NULL FROM "TopicVote"
    WHERE "userId" = ${userId} AND "topicId" IN (${sqlList(topicIds)}) AND "releasedAt" IS NULL`,
  );
  for (const row of rows) {
    if (row.lastReadPostNumber === null) voted.add(Number(row.topicId));
    else lastRead.set(Number(row.topicId), Number(row.lastReadPostNumber));
  }
  return { lastRead, voted };
}

/** Topics the reader tracks or watches that have posts they have not read, most recent activity first. */
export async function listUnreadTopicIds(db: Db, userId: number, limit = 100): Promise<number[]> {
  const states = await db.topicUser.findMany({
    where: { userId, notificationLevel: { gte: 2 }, topic: { deletedAt: null } },
    include: { topic: { select: { id: true, highestPostNumber: true, bumpedAt: true } } },
    orderBy: { topic: { bumpedAt: "desc" } },
    take: 500,
  });
  return states
    .filter((state) => state.topic.highestPostNumber > state.lastReadPostNumber)
    .slice(0, limit)
    .map((state) => state.topic.id);
}

export type WatchTarget = { topicId: number } | { categoryId: number } | { tagId: number };

/** How closely a signed-in reader follows a topic, category or tag (normal when never set); null for anonymous. */
export async function watchLevelOf(db: Db, userId: number | null, target: WatchTarget): Promise<number | null> {
  if (!userId) return null;
  const row =
    "topicId" in target
      ? await db.topicUser.findUnique({ where: { userId_topicId: { userId, topicId: target.topicId } } })
      : "categoryId" in target
        ? await db.categoryUser.findUnique({ where: { userId_categoryId: { userId, categoryId: target.categoryId } } })
        : await db.tagUser.findUnique({ where: { userId_tagId: { userId, tagId: target.tagId } } });
  return row?.notificationLevel ?? NotificationLevel.normal;
}
