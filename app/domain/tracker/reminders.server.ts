// Inactivity reminders: the assignees of an open report whose topic has been quiet for N days
// (TRACKER_REMINDER_DAYS) are reminded, then again at most every N days. Each topic is claimed (remindedAt set) in
// the transaction that writes its notifications, so several replicas never remind twice.
import { canSeeCategory } from "~/domain/forum/permissions";
import { categoryRulesOf } from "~/domain/forum/posting.server";
import type { Db } from "~/infra/db.server";
import { getEnv } from "~/infra/env.server";
import { readerOfRow, readerRowSelect } from "./topic-access.server";

const DAY = 86_400_000;

/** Sends the reminders due at `now`; returns how many topics were reminded. */
export async function sendInactivityReminders(
  db: Db,
  now: Date,
  days = getEnv().TRACKER_REMINDER_DAYS,
  batch = 100,
): Promise<number> {
  const quietSince = new Date(now.getTime() - days * DAY);
  const due = await db.interopReport.findMany({
    where: {
      status: { notIn: ["fixed", "closed"] },
      OR: [{ remindedAt: null }, { remindedAt: { lte: quietSince } }],
      topic: { deletedAt: null, closed: false, bumpedAt: { lte: quietSince }, assignments: { some: {} } },
    },
    orderBy: { topicId: "asc" },
    take: batch,
    select: { topicId: true },
  });
  let reminded = 0;
  for (const { topicId } of due) {
    const sent = await db.$transaction(async (tx) => {
      // The claim: only one worker moves remindedAt past the threshold for this topic.
      const { count } = await tx.interopReport.updateMany({
        where: { topicId, OR: [{ remindedAt: null }, { remindedAt: { lte: quietSince } }] },
        data: { remindedAt: now },
      });
      if (count === 0) return false;
      const topic = await tx.topic.findUniqueOrThrow({
        where: { id: topicId },
        select: {
          id: true,
          title: true,
          slug: true,
          highestPostNumber: true,
          category: {
            select: {
              readRestricted: true,
              permissions: {
                select: { canSee: true, canReply: true, canCreate: true, group: { select: { name: true } } },
              },
            },
          },
          assignments: {
            select: {
              user: { select: readerRowSelect },
              group: { select: { memberships: { select: { user: { select: readerRowSelect } } } } },
            },
          },
        },
      });
      const rules = categoryRulesOf(topic.category);
      const people = topic.assignments.flatMap((row) =>
        row.user ? [row.user] : (row.group?.memberships.map((membership) => membership.user) ?? []),
      );
      const recipients = [...new Map(people.map((user) => [user.id, user])).values()].filter((user) =>
        canSeeCategory(readerOfRow(user), rules),
      );
      if (recipients.length === 0) return true;
      await tx.notification.createMany({
        data: recipients.map((user) => ({
          userId: user.id,
          kind: "reminder",
          topicId: topic.id,
          postNumber: topic.highestPostNumber,
          actorId: null,
          data: JSON.stringify({
            topicTitle: topic.title,
            topicSlug: topic.slug,
            actor: "CICCLO Interop",
            days,
          }),
        })),
      });
      return true;
    });
    if (sent) reminded++;
  }
  return reminded;
}
