import { readRows, sql, type Db, type DbOrTx } from "~/infra/db.server";
import type { Role } from "~/domain/identity/viewer";
import { extractMentions, extractQuotedUsers } from "./mentions";
import { canSeeCategory, type CategoryRules } from "./permissions";

import { NotificationLevel } from "./watch-levels";
export type NotificationKind =
  | "mention"
  | "group_mention"
  | "reply"
  | "quote"
  | "reaction"
  | "posted"
  // The tracker's (app/domain/tracker): put in charge of a topic, reminded of a quiet one, answer accepted.
  | "assigned"
  | "reminder"
  | "answer_accepted"
  /** A tracked report changed status (app/domain/tracker/workflow.server.ts). */
  | "status_changed"
  /** A later conformance run flipped a test linked to the topic (app/domain/conformance/triage.server.ts). */
  | "test_flipped";

// When a post gives one person several reasons to be told, they get the most personal one only.
const PRIORITY: NotificationKind[] = ["mention", "reply", "quote", "group_mention", "posted"];

export interface NewPostEvent {
  topic: { id: number; title: string; slug: string; categoryId: number };
  rules: CategoryRules;
  post: { postNumber: number; raw: string; replyToPostNumber: number | null };
  author: { id: number; username: string; displayName: string };
  isFirstPost: boolean;
}

/** Notifications for a new post, and the author's own read state and watching level, in the post's transaction.
 * Nobody is told about a post they could not read. */
export async function recordNewPost(tx: DbOrTx, event: NewPostEvent): Promise<void> {
  const { topic, post, author } = event;
  const reasons = new Map<number, NotificationKind>();
  const give = (userId: number, kind: NotificationKind) => {
    const current = reasons.get(userId);
    if (userId !== author.id && (!current || PRIORITY.indexOf(kind) < PRIORITY.indexOf(current))) {
      reasons.set(userId, kind);
    }
  };

  const handles = extractMentions(post.raw);
  const [mentioned, groups, quoted, repliedTo, topicWatchers, categoryWatchers, tagWatchers] = await Promise.all([
    tx.user.findMany({ where: { username: { in: handles } }, select: { id: true } }),
    tx.group.findMany({ where: { name: { in: handles } }, select: { memberships: { select: { userId: true } } } }),
    tx.user.findMany({ where: { username: { in: extractQuotedUsers(post.raw) } }, select: { id: true } }),
    post.replyToPostNumber
      ? tx.post.findUnique({
          where: { topicId_postNumber: { topicId: topic.id, postNumber: post.replyToPostNumber } },
          select: { userId: true },
        })
      : null,
    tx.topicUser.findMany({ where: { topicId: topic.id, notificationLevel: NotificationLevel.watching } }),
    tx.categoryUser.findMany({
      where: { categoryId: topic.categoryId, notificationLevel: NotificationLevel.watching },
    }),
    tx.tagUser.findMany({
      where: { notificationLevel: NotificationLevel.watching, tag: { topics: { some: { topicId: topic.id } } } },
    }),
  ]);
  for (const user of mentioned) give(user.id, "mention");
  for (const group of groups) for (const member of group.memberships) give(member.userId, "group_mention");
  for (const user of quoted) give(user.id, "quote");
  if (repliedTo) give(repliedTo.userId, "reply");
  for (const watcher of [...topicWatchers, ...categoryWatchers, ...tagWatchers]) give(watcher.userId, "posted");

  const muted = await tx.topicUser.findMany({
    where: { topicId: topic.id, notificationLevel: NotificationLevel.muted, userId: { in: [...reasons.keys()] } },
    select: { userId: true },
  });
  for (const { userId } of muted) reasons.delete(userId);
  const recipients = await readersAmong(tx, [...reasons.keys()], event.rules);
  if (recipients.length) {
    await tx.notification.createMany({
      data: recipients.map((userId) => ({
        userId,
        kind: reasons.get(userId)!,
        topicId: topic.id,
        postNumber: post.postNumber,
        actorId: author.id,
        data: JSON.stringify({
          topicTitle: topic.title,
          topicSlug: topic.slug,
          actor: author.displayName,
          actorUsername: author.username,
        }),
      })),
    });
  }

  // Discourse's defaults: you watch the topics you start and track those you reply to; you have read your own post.
  const level = event.isFirstPost ? NotificationLevel.watching : NotificationLevel.tracking;
  const state = await tx.topicUser.findUnique({ where: { userId_topicId: { userId: author.id, topicId: topic.id } } });
  await tx.topicUser.upsert({
    where: { userId_topicId: { userId: author.id, topicId: topic.id } },
    create: { userId: author.id, topicId: topic.id, lastReadPostNumber: post.postNumber, notificationLevel: level },
    update: {
      lastReadPostNumber: Math.max(state?.lastReadPostNumber ?? 0, post.postNumber),
      ...(state && state.notificationLevel === NotificationLevel.normal && { notificationLevel: level }),
    },
  });
}

/** The users among `userIds` who may read a category with these rules. */
export async function readersAmong(tx: DbOrTx, userIds: number[], rules: CategoryRules): Promise<number[]> {
  if (userIds.length === 0) return [];
  const users = await tx.user.findMany({
    where: { id: { in: userIds } },
    select: { id: true, role: true, memberships: { select: { group: { select: { name: true } } } } },
  });
  return users
    .filter((user) =>
      canSeeCategory(
        { role: user.role as Role, userId: user.id, groups: user.memberships.map((m) => m.group.name) },
        rules,
      ),
    )
    .map((user) => user.id);
}

export async function notifyReaction(
  tx: DbOrTx,
  input: {
    recipientId: number;
    actor: { id: number; displayName: string; username: string };
    topic: { id: number; title: string; slug: string };
    postNumber: number;
    kind: string;
  },
): Promise<void> {
  await tx.notification.create({
    data: {
      userId: input.recipientId,
      kind: "reaction",
      topicId: input.topic.id,
      postNumber: input.postNumber,
      actorId: input.actor.id,
      data: JSON.stringify({
        topicTitle: input.topic.title,
        topicSlug: input.topic.slug,
        actor: input.actor.displayName,
        actorUsername: input.actor.username,
        reaction: input.kind,
      }),
    },
  });
}

export interface NotificationView {
  id: number;
  kind: NotificationKind;
  topicId: number;
  topicSlug: string;
  topicTitle: string;
  postNumber: number;
  actor: string;
  /** A team assignment: the team's label. */
  team: string | null;
  /** A reminder: the days without activity. */
  days: number | null;
  /** What changed, for a status change: "Nouveau → Confirmé". */
  detail: string | null;
  read: boolean;
  createdAt: string;
}

/** A user's notifications, newest first, keyset-paged. */
export async function listNotifications(db: Db, userId: number, options: { beforeId?: number; limit?: number } = {}) {
  const limit = Math.min(options.limit ?? 30, 100);
  const rows = await db.notification.findMany({
    where: { userId, ...(options.beforeId && { id: { lt: options.beforeId } }) },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  return {
    notifications: rows.slice(0, limit).map((row): NotificationView => {
      const data = JSON.parse(row.data) as {
        topicTitle: string;
        topicSlug: string;
        actor: string;
        team?: string;
        days?: number;
        detail?: string;
      };
      return {
        id: row.id,
        kind: row.kind as NotificationKind,
        topicId: row.topicId,
        topicSlug: data.topicSlug,
        topicTitle: data.topicTitle,
        postNumber: row.postNumber,
        actor: data.actor,
        team: data.team ?? null,
        days: data.days ?? null,
        detail: data.detail ?? null,
        read: row.readAt !== null,
        createdAt: row.createdAt.toISOString(),
      };
    }),
    nextBeforeId: rows.length > limit ? rows[limit - 1]!.id : null,
  };
}

/** On every signed-in page (the bell): hand-written SQL, see readRows. */
export async function countUnreadNotifications(db: Db, userId: number): Promise<number> {
  const [row] = await readRows<{ unread: number | bigint | string }>(
    db,
    sql`
    SELECT COUNT(*) AS "unread" FROM "Notification" WHERE "userId" = ${userId} AND "readAt" IS NULL`,
  );
  return Number(row?.unread ?? 0);
}

export async function markNotificationsRead(db: Db, userId: number, ids: number[] | "all"): Promise<void> {
  await db.notification.updateMany({
    where: { userId, readAt: null, ...(ids !== "all" && { id: { in: ids } }) },
    data: { readAt: new Date() },
  });
}
