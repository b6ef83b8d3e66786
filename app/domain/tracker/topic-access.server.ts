// What every tracker action on one topic starts from: the topic as the actor may see it, its category's rules,
// and the actor's tracker role on it.
import { readerOfUser, visibleCategoriesWhere, type Reader } from "~/domain/forum/permissions";
import { categoryRulesOf } from "~/domain/forum/posting.server";
import type { Role, SignedInUser } from "~/domain/identity/viewer";
import { notFound } from "~/domain/shared/errors";
import type { DbOrTx } from "~/infra/db.server";
import { loadTrackedTopic } from "./context.server";
import { trackerRoleOf } from "./permissions";

/** The topic, if the reader may see it (a hidden topic answers 404, like a missing one), with the reader's role. */
export async function loadTopicForTracker(db: DbOrTx, reader: Reader, topicId: number) {
  const topic = await db.topic.findFirst({
    where: { id: topicId, deletedAt: null, category: visibleCategoriesWhere(reader) },
    select: {
      id: true,
      slug: true,
      title: true,
      closed: true,
      voteCount: true,
      acceptedAnswerPostId: true,
      category: {
        select: {
          id: true,
          readRestricted: true,
          votingEnabled: true,
          votesPerUser: true,
          permissions: {
            select: { canSee: true, canReply: true, canCreate: true, group: { select: { name: true } } },
          },
        },
      },
    },
  });
  if (!topic) throw notFound("Ce sujet", { topicId });
  const tracked = (await loadTrackedTopic(db, topicId))!;
  return { topic, rules: categoryRulesOf(topic.category), tracked, role: trackerRoleOf(reader, tracked) };
}

export const loadTopicForActor = (db: DbOrTx, actor: SignedInUser, topicId: number) =>
  loadTopicForTracker(db, readerOfUser(actor), topicId);

/** A stored user as the forum's rules see them. */
export function readerOfRow(user: { id: number; role: string; memberships: { group: { name: string } }[] }): Reader {
  return { role: user.role as Role, userId: user.id, groups: user.memberships.map((row) => row.group.name) };
}

export const readerRowSelect = {
  id: true,
  username: true,
  givenName: true,
  usualName: true,
  role: true,
  memberships: { select: { group: { select: { name: true } } } },
} as const;
