import type { Db } from "~/infra/db.server";
import { recordAudit } from "~/domain/identity/audit.server";
import type { SignedInUser } from "~/domain/identity/viewer";
import { DomainError, notFound } from "~/domain/shared/errors";
import { enqueueSearchUpdate, searchDocumentId } from "~/domain/search/outbox.server";
import { isFlagReason, type FlagReason } from "./flags";
import { canSeeCategory, readerOfUser } from "./permissions";
import { loadCategoryRules } from "./posting.server";

const isStaff = (user: SignedInUser) => user.role === "moderator" || user.role === "admin";

/** A member reports a post to the moderators. */
export async function flagPost(db: Db, user: SignedInUser, postId: number, input: { reason: unknown; note: string }) {
  if (!isFlagReason(input.reason)) {
    throw new DomainError(422, "Choisissez une raison.", {
      fieldErrors: { reason: "Choisissez une raison dans la liste." },
    });
  }
  const note = input.note.trim().slice(0, 1000);
  if (input.reason === "other" && note.length < 5) {
    throw new DomainError(422, "Précisez la raison du signalement.", {
      fieldErrors: { note: "Précisez en quelques mots." },
    });
  }
  return db.$transaction(async (tx) => {
    // Events of the timeline (postType 3) are not flagged: they only record what happened.
    const post = await tx.post.findFirst({
      where: { id: postId, deletedAt: null, postType: { not: 3 } },
      include: { topic: true },
    });
    const loaded = post && (await loadCategoryRules(tx, post.topic.categoryId));
    if (!post || !loaded || !canSeeCategory(readerOfUser(user), loaded.rules)) throw notFound("Ce message", { postId });
    if (post.userId === user.id) throw new DomainError(403, "Vous ne pouvez pas signaler votre propre message.");
    const pending = await tx.flag.findFirst({ where: { postId, userId: user.id, status: "pending" } });
    if (pending) return { alreadyFlagged: true };
    await tx.flag.create({ data: { postId, userId: user.id, reason: input.reason as FlagReason, note } });
    return { alreadyFlagged: false };
  });
}

/** The moderators' review queue: pending flags, oldest first, with the post they are about. */
export async function listPendingFlags(db: Db, moderator: SignedInUser) {
  if (!isStaff(moderator)) throw new DomainError(403, "La file de modération est réservée aux modérateurs.");
  const flags = await db.flag.findMany({
    where: { status: "pending" },
    orderBy: { createdAt: "asc" },
    take: 100,
    include: {
      user: { select: { username: true } },
      post: {
        select: {
          id: true,
          postNumber: true,
          cooked: true,
          hiddenAt: true,
          user: { select: { username: true } },
          topic: { select: { id: true, slug: true, title: true } },
        },
      },
    },
  });
  return flags.map((flag) => ({
    id: flag.id,
    reason: flag.reason as FlagReason,
    note: flag.note,
    flaggedBy: flag.user.username,
    createdAt: flag.createdAt.toISOString(),
    post: {
      id: flag.post.id,
      postNumber: flag.post.postNumber,
      cooked: flag.post.cooked,
      hidden: flag.post.hiddenAt !== null,
      author: flag.post.user.username,
      topic: flag.post.topic,
    },
  }));
}

/** Agreeing hides the post; disagreeing dismisses every pending flag on it. Audited either way. */
export async function resolveFlag(db: Db, moderator: SignedInUser, flagId: number, decision: "agree" | "disagree") {
  if (!isStaff(moderator)) throw new DomainError(403, "La file de modération est réservée aux modérateurs.");
  return db.$transaction(async (tx) => {
    const flag = await tx.flag.findUnique({ where: { id: flagId } });
    if (!flag || flag.status !== "pending") throw notFound("Ce signalement", { flagId });
    const now = new Date();
    await tx.flag.updateMany({
      where: { postId: flag.postId, status: "pending" },
      data: { status: decision === "agree" ? "agreed" : "disagreed", handledById: moderator.id, handledAt: now },
    });
    if (decision === "agree") await tx.post.update({ where: { id: flag.postId }, data: { hiddenAt: now } });
    await enqueueSearchUpdate(tx, decision === "agree" ? [searchDocumentId.post(flag.postId)] : []);
    await recordAudit(tx, {
      actorId: moderator.id,
      action: decision === "agree" ? "flag.agreed" : "flag.disagreed",
      targetType: "post",
      targetId: flag.postId,
      details: { flagId, reason: flag.reason },
    });
  });
}

export async function setPostHidden(db: Db, moderator: SignedInUser, postId: number, hidden: boolean) {
  if (!isStaff(moderator)) throw new DomainError(403, "Seuls les modérateurs masquent des messages.");
  return db.$transaction(async (tx) => {
    const post = await tx.post.findUnique({ where: { id: postId } });
    if (!post) throw notFound("Ce message", { postId });
    await tx.post.update({ where: { id: postId }, data: { hiddenAt: hidden ? new Date() : null } });
    await enqueueSearchUpdate(tx, [searchDocumentId.post(postId)]);
    await recordAudit(tx, {
      actorId: moderator.id,
      action: hidden ? "post.hidden" : "post.unhidden",
      targetType: "post",
      targetId: postId,
    });
  });
}
