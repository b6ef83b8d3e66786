import type { Db } from "~/infra/db.server";
import type { SignedInUser } from "~/domain/identity/viewer";
import { DomainError, notFound } from "~/domain/shared/errors";
import { canSeeCategory, readerOfUser } from "./permissions";
import { loadCategoryRules } from "./posting.server";
import { notifyReaction } from "./notifications.server";
import { isReactionKind, parseReactionChoice, type ReactionKind } from "./reactions";

/** Sets the user's reaction on a post, or removes it when it is the one they already chose (one per post). The
 * choice is a reaction button's value (`<postId>:<kind>`, parseReactionChoice). */
export async function toggleReaction(db: Db, user: SignedInUser, choice: unknown) {
  const parsed = parseReactionChoice(choice);
  if (!parsed) throw new DomainError(422, "Réaction inconnue.");
  const { postId, kind } = parsed;
  return db.$transaction(async (tx) => {
    const post = await tx.post.findFirst({
      // Events of the timeline (postType 3) take no reactions.
      where: { id: postId, deletedAt: null, postType: { not: 3 }, topic: { deletedAt: null } },
      include: { topic: true },
    });
    const loaded = post && (await loadCategoryRules(tx, post.topic.categoryId));
    if (!post || !loaded || !canSeeCategory(readerOfUser(user), loaded.rules)) throw notFound("Ce message", { postId });
    if (post.userId === user.id) throw new DomainError(403, "Vous ne pouvez pas réagir à votre propre message.");
    const existing = await tx.reaction.findUnique({ where: { postId_userId: { postId, userId: user.id } } });
    if (existing?.kind === kind) {
      await tx.reaction.delete({ where: { postId_userId: { postId, userId: user.id } } });
      return { kind: null };
    }
    await tx.reaction.upsert({
      where: { postId_userId: { postId, userId: user.id } },
      create: { postId, userId: user.id, kind },
      update: { kind, createdAt: new Date() },
    });
    if (!existing) {
      await notifyReaction(tx, {
        recipientId: post.userId,
        actor: user,
        topic: post.topic,
        postNumber: post.postNumber,
        kind,
      });
    }
    return { kind: kind as ReactionKind };
  });
}

export interface PostReactions {
  counts: Partial<Record<ReactionKind, number>>;
  mine: ReactionKind | null;
}

/** Reaction counts of a page of posts, and the reader's own choice on each. */
export interface ReactionRow {
  postId: number;
  userId: number;
  kind: string;
}

/** Every reaction to a page of posts: one query, for counts and each reader's own choice alike (a page holds 20 posts
 * with a handful of reactions each), so the rows can be shared between readers. */
export async function reactionRowsFor(db: Db, postIds: number[]): Promise<ReactionRow[]> {
  if (postIds.length === 0) return [];
  return db.reaction.findMany({
    where: { postId: { in: postIds } },
    select: { postId: true, userId: true, kind: true },
  });
}

/** Counts per post and kind, and the reader's own reaction. */
export function tallyReactions(postIds: number[], reactions: readonly ReactionRow[], userId: number | null) {
  const result = new Map<number, PostReactions>(postIds.map((id) => [id, { counts: {}, mine: null }]));
  for (const reaction of reactions) {
    if (!isReactionKind(reaction.kind)) continue;
    const post = result.get(reaction.postId)!;
    post.counts[reaction.kind] = (post.counts[reaction.kind] ?? 0) + 1;
    if (reaction.userId === userId) post.mine = reaction.kind;
  }
  return result;
}
