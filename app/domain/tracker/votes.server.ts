// Roadmap votes (Discourse's voting plugin): a member holds a limited number of open votes per voting category.
// Topic.voteCount counts the open votes and changes in the same transaction as the TopicVote rows. Closing a topic
// releases its votes (the members get them back), reopening restores them.
import { enqueueSearchUpdate, searchDocumentId } from "~/domain/search/outbox.server";
import { readerOfUser, type Reader } from "~/domain/forum/permissions";
import type { SignedInUser } from "~/domain/identity/viewer";
import { DomainError } from "~/domain/shared/errors";
import { readRows, sql, type Db, type DbOrTx } from "~/infra/db.server";
import { loadTopicForTracker } from "./topic-access.server";
import { canVote, voteLimitMessage, votesLeft, type VotingCategory } from "./votes";

export interface TopicVoting {
  votingEnabled: boolean;
  voteCount: number;
  canVote: boolean;
  /** Null for anonymous readers. */
  userVoted: boolean | null;
  /** Votes the reader still has in the category; null for anonymous readers. */
  votesLeft: number | null;
  votesPerUser: number;
}

/** Whether the reader's vote for the topic stands, and how many of their votes stand in its category. Read on every
 * signed-in view of a topic in a voting category, and by voting: one hand-written statement (see readRows). */
async function readerVotes(db: DbOrTx, userId: number, topicId: number, categoryId: number) {
  const [row] = await readRows<{ voted: number | bigint | string; open: number | bigint | string }>(
    db,
    sql`
    SELECT
      (SELECT COUNT(*) FROM "TopicVote"
       WHERE "topicId" = ${topicId} AND "userId" = ${userId} AND "releasedAt" IS NULL) AS "voted",
      (SELECT COUNT(*) FROM "TopicVote" AS "vote" JOIN "Topic" AS "topic" ON "topic"."id" = "vote"."topicId"
       WHERE "vote"."userId" = ${userId} AND "vote"."releasedAt" IS NULL
         AND "topic"."categoryId" = ${categoryId} AND "topic"."deletedAt" IS NULL) AS "open"`,
  );
  return { voted: Number(row?.voted ?? 0) > 0, open: Number(row?.open ?? 0) };
}

/** The voting facts of a topic for a reader who may see it. */
export async function topicVoting(
  db: DbOrTx,
  reader: Reader,
  topic: { id: number; closed: boolean; voteCount: number; category: VotingCategory & { id: number } },
  rules: Parameters<typeof canVote>[1],
): Promise<TopicVoting> {
  const { category } = topic;
  const signedIn = reader.userId !== null;
  const { voted, open } =
    signedIn && category.votingEnabled
      ? await readerVotes(db, reader.userId!, topic.id, category.id)
      : { voted: false, open: 0 };
  return {
    votingEnabled: category.votingEnabled,
    voteCount: topic.voteCount,
    canVote: canVote(reader, rules, category, topic),
    userVoted: signedIn ? voted : null,
    votesLeft: signedIn ? votesLeft(category, open) : null,
    votesPerUser: category.votesPerUser,
  };
}

/** Votes for a topic, within the member's limit in its category. Voting twice changes nothing. */
export async function voteOnTopic(db: Db, actor: SignedInUser, topicId: number) {
  const reader = readerOfUser(actor);
  return db.$transaction(async (tx) => {
    const { topic, rules } = await loadTopicForTracker(tx, reader, topicId);
    if (!topic.category.votingEnabled) throw new DomainError(422, "On ne vote pas dans cette catégorie.");
    if (topic.closed) throw new DomainError(422, "Ce sujet est fermé : les votes sont clos.");
    if (!canVote(reader, rules, topic.category, topic)) {
      throw new DomainError(403, "Vous ne pouvez pas voter dans cette catégorie.");
    }
    const before = await readerVotes(tx, actor.id, topicId, topic.category.id);
    if (before.voted) return { changed: false };
    const refusal = voteLimitMessage(topic.category, before.open);
    if (refusal) throw new DomainError(422, refusal);
    await tx.topicVote.upsert({
      where: { topicId_userId: { topicId, userId: actor.id } },
      create: { topicId, userId: actor.id },
      update: { releasedAt: null, createdAt: new Date() },
    });
    await tx.topic.update({ where: { id: topicId }, data: { voteCount: { increment: 1 } } });
    // Two votes sent at once both counted the limit before either was written: the later commit checks again.
    if (voteLimitMessage(topic.category, (await readerVotes(tx, actor.id, topicId, topic.category.id)).open - 1)) {
      throw new DomainError(422, voteLimitMessage(topic.category, topic.category.votesPerUser)!);
    }
    await enqueueSearchUpdate(tx, [searchDocumentId.topic(topicId)]);
    return { changed: true };
  });
}

/** Withdraws the member's open vote on a topic, giving it back to them. */
export async function withdrawVote(db: Db, actor: SignedInUser, topicId: number) {
  return db.$transaction(async (tx) => {
    await loadTopicForTracker(tx, readerOfUser(actor), topicId);
    const { count } = await tx.topicVote.deleteMany({ where: { topicId, userId: actor.id, releasedAt: null } });
    if (count) await tx.topic.update({ where: { id: topicId }, data: { voteCount: { decrement: count } } });
    if (count) await enqueueSearchUpdate(tx, [searchDocumentId.topic(topicId)]);
    return { changed: count > 0 };
  });
}

/** The topic closes: its open votes go back to their members (kept, marked released) and the count drops to 0. In
 * the caller's transaction (forum moderation, a report's status change). */
export async function releaseTopicVotes(tx: DbOrTx, topicId: number, now = new Date()): Promise<number> {
  const { count } = await tx.topicVote.updateMany({ where: { topicId, releasedAt: null }, data: { releasedAt: now } });
  if (count) await tx.topic.update({ where: { id: topicId }, data: { voteCount: 0 } });
  if (count) await enqueueSearchUpdate(tx, [searchDocumentId.topic(topicId)]);
  return count;
}

/** The topic reopens: its released votes count again, even if a member has since used them elsewhere (as
 * Discourse's voting plugin does); they then vote again only once under their limit. */
export async function restoreTopicVotes(tx: DbOrTx, topicId: number): Promise<number> {
  const { count } = await tx.topicVote.updateMany({
    where: { topicId, releasedAt: { not: null } },
    data: { releasedAt: null },
  });
  const open = await tx.topicVote.count({ where: { topicId, releasedAt: null } });
  await tx.topic.update({ where: { id: topicId }, data: { voteCount: open } });
  if (count) await enqueueSearchUpdate(tx, [searchDocumentId.topic(topicId)]);
  return count;
}
