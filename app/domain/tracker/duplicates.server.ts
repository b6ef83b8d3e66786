// Closing topic M as a duplicate of N: M's report (if any) is closed with reason "duplicate", M is closed, its
// watchers and open votes carry on to N, both timelines say so and N's watchers are told — all in one transaction.
import { enqueueSearchUpdate, searchDocumentId } from "~/domain/search/outbox.server";
import type { Db } from "~/infra/db.server";
import type { SignedInUser } from "~/domain/identity/viewer";
import { DomainError } from "~/domain/shared/errors";
import { readerOfUser, visibleCategoriesWhere, type Reader } from "~/domain/forum/permissions";
import { loadCategoryRules } from "~/domain/forum/posting.server";
import { readersAmong } from "~/domain/forum/notifications.server";
import { NotificationLevel } from "~/domain/forum/watch-levels";
import { addTimelineEvent } from "./events.server";
import { duplicateRefusal, refuse } from "./relation-rules";
import { duplicateTargetOf, loadActingTopic, loadOtherTopic } from "./relations.server";
import type { TopicRef } from "./references.server";
import { enqueueWebhookEvent } from "./webhooks.server";

export const STALE_REPORT_MESSAGE =
  "Ce rapport a été modifié entre-temps par quelqu'un d'autre. Rechargez la page pour voir sa dernière version.";

export interface DuplicateClosure {
  topicId: number;
  targetId: number;
  /** The report's revision the form was built from; ignored for topics without a report. */
  revision: number | null;
}

export async function closeAsDuplicate(db: Db, actor: SignedInUser, input: DuplicateClosure) {
  const reader = readerOfUser(actor);
  return db.$transaction(async (tx) => {
    const { topic, role } = await loadActingTopic(tx, reader, input.topicId);
    if (Number.isNaN(input.targetId)) throw refuse("Indiquez le numéro d'un sujet, par exemple #42.");
    const other = await loadOtherTopic(tx, reader, input.targetId);
    const refusal = duplicateRefusal({
      role,
      topic: { id: topic.id, readRestricted: topic.category.readRestricted },
      otherId: input.targetId,
      other,
      alreadyDuplicateOf: await duplicateTargetOf(tx, topic),
    });
    if (refusal) throw refusal;
    const target = await tx.topic.findUniqueOrThrow({
      where: { id: input.targetId },
      select: { id: true, slug: true, title: true, categoryId: true },
    });
    const now = new Date();

    const report = topic.interopReport;
    if (report) {
      const { count } = await tx.interopReport.updateMany({
        where: { topicId: topic.id, revision: input.revision ?? -1 },
        data: {
          status: "closed",
          closeReason: "duplicate",
          duplicateOfTopicId: target.id,
          revision: { increment: 1 },
          statusChangedAt: now,
        },
      });
      if (count === 0)
        throw new DomainError(409, STALE_REPORT_MESSAGE, { fieldErrors: { target: STALE_REPORT_MESSAGE } });
    }
    await tx.topic.update({ where: { id: topic.id }, data: { closed: true } });

    // Watchers carry on to N, unless they cannot read it or muted it there. Having only read N (a row at the normal
    // or tracking level) does not stop them: watching is what they asked for on the duplicate.
    const targetRules = (await loadCategoryRules(tx, target.categoryId))!.rules;
    const watchers = await tx.topicUser.findMany({
      where: { topicId: topic.id, notificationLevel: NotificationLevel.watching },
      select: { userId: true },
    });
    const readers = await readersAmong(
      tx,
      watchers.map((watcher) => watcher.userId),
      targetRules,
    );
    const onTarget = new Map(
      (
        await tx.topicUser.findMany({
          where: { topicId: target.id, userId: { in: readers } },
          select: { userId: true, notificationLevel: true },
        })
      ).map((row) => [row.userId, row.notificationLevel]),
    );
    const moving = readers.filter((userId) => !onTarget.has(userId));
    if (moving.length) {
      await tx.topicUser.createMany({
        data: moving.map((userId) => ({ userId, topicId: target.id, notificationLevel: NotificationLevel.watching })),
      });
    }
    const raising = readers.filter((userId) => {
      const level = onTarget.get(userId);
      return level === NotificationLevel.normal || level === NotificationLevel.tracking;
    });
    if (raising.length) {
      await tx.topicUser.updateMany({
        where: { topicId: target.id, userId: { in: raising } },
        data: { notificationLevel: NotificationLevel.watching },
      });
    }
    if (readers.length) {
      await tx.topicUser.updateMany({
        where: { topicId: topic.id, userId: { in: readers } },
        data: { notificationLevel: NotificationLevel.normal },
      });
    }

    // Open votes move to N; someone who already voted on N gets the vote on M back instead.
    const votes = await tx.topicVote.findMany({
      where: { topicId: topic.id, releasedAt: null },
      select: { userId: true },
    });
    const votedOnTarget = new Set(
      (
        await tx.topicVote.findMany({
          where: { topicId: target.id, userId: { in: votes.map((vote) => vote.userId) } },
          select: { userId: true },
        })
      ).map((row) => row.userId),
    );
    for (const vote of votes) {
      if (votedOnTarget.has(vote.userId)) {
        await tx.topicVote.update({
          where: { topicId_userId: { topicId: topic.id, userId: vote.userId } },
          data: { releasedAt: now },
        });
      } else {
        await tx.topicVote.update({
          where: { topicId_userId: { topicId: topic.id, userId: vote.userId } },
          data: { topicId: target.id },
        });
      }
    }
    for (const id of [topic.id, target.id]) {
      const open = await tx.topicVote.count({ where: { topicId: id, releasedAt: null } });
      await tx.topic.update({ where: { id }, data: { voteCount: open } });
    }

    await addTimelineEvent(tx, {
      topicId: topic.id,
      actorId: actor.id,
      action: "closed_duplicate",
      text: `a fermé ce sujet comme doublon de #${target.id}`,
      data: { duplicateOf: target.id },
      createdAt: now,
    });
    // A private duplicate of a public topic is not named on the public one.
    const named = !topic.category.readRestricted || other!.readRestricted;
    const received = await addTimelineEvent(tx, {
      topicId: target.id,
      actorId: actor.id,
      action: "duplicate_received",
      text: named
        ? `#${topic.id} a été fermé comme doublon de ce sujet`
        : "Un sujet a été fermé comme doublon de celui-ci",
      data: named ? { duplicate: topic.id } : {},
      createdAt: now,
    });

    const targetWatchers = await tx.topicUser.findMany({
      where: { topicId: target.id, notificationLevel: NotificationLevel.watching, userId: { not: actor.id } },
      select: { userId: true },
    });
    const recipients = await readersAmong(
      tx,
      targetWatchers.map((watcher) => watcher.userId),
      targetRules,
    );
    if (recipients.length) {
      await tx.notification.createMany({
        data: recipients.map((userId) => ({
          userId,
          kind: "posted",
          topicId: target.id,
          postNumber: received.postNumber,
          actorId: actor.id,
          data: JSON.stringify({
            topicTitle: target.title,
            topicSlug: target.slug,
            actor: actor.displayName,
            actorUsername: actor.username,
          }),
        })),
      });
    }
    if (report && !topic.category.readRestricted) {
      await enqueueWebhookEvent(tx, "status_changed", {
        topic: { id: topic.id, title: topic.title, url: `/t/${topic.slug}/${topic.id}` },
        from: report.status,
        to: "closed",
        close_reason: "duplicate",
        duplicate_of: target.id,
      });
    }
    await enqueueSearchUpdate(tx, [searchDocumentId.topic(topic.id), searchDocumentId.topic(target.id)]);
    return { targetId: target.id, targetSlug: target.slug };
  });
}

/** The notice a closed duplicate shows at the top: the topic it points at, when the reader may see it. */
export async function duplicateNoticeFor(
  db: Db,
  reader: Reader,
  topic: {
    id: number;
    closed: boolean;
    interopReport: { closeReason: string | null; duplicateOfTopicId: number | null } | null;
  },
): Promise<TopicRef | null> {
  const targetId = await duplicateTargetOf(db, topic);
  if (targetId === null) return null;
  return db.topic.findFirst({
    where: { id: targetId, deletedAt: null, category: visibleCategoriesWhere(reader) },
    select: { id: true, slug: true, title: true },
  });
}
