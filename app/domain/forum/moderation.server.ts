import type { Db } from "~/infra/db.server";
import { recordAudit } from "~/domain/identity/audit.server";
import type { SignedInUser } from "~/domain/identity/viewer";
import { DomainError, notFound } from "~/domain/shared/errors";
import { enqueueSearchUpdate, searchDocumentId } from "~/domain/search/outbox.server";
import { releaseTopicVotes, restoreTopicVotes } from "~/domain/tracker/votes.server";

function requireStaff(actor: SignedInUser): void {
  if (actor.role !== "moderator" && actor.role !== "admin") {
    throw new DomainError(403, "Cette action est réservée aux modérateurs.");
  }
}

export type TopicModeration = { action: "close" | "open" | "pin" | "unpin" } | { action: "move"; categoryId: number };

/** Closes, reopens, pins, unpins or moves a topic, with its audit entry (and, closing or reopening, the release or
 * return of its votes), in one transaction. */
export async function moderateTopic(db: Db, actor: SignedInUser, topicId: number, change: TopicModeration) {
  requireStaff(actor);
  return db.$transaction(async (tx) => {
    const topic = await tx.topic.findFirst({ where: { id: topicId, deletedAt: null } });
    if (!topic) throw notFound("Ce sujet", { topicId });
    let details: Record<string, unknown> = {};
    switch (change.action) {
      case "close":
      case "open":
        await tx.topic.update({ where: { id: topicId }, data: { closed: change.action === "close" } });
        // Roadmap votes go back to their members while the topic is closed, and count again when it reopens.
        if (change.action === "close" && !topic.closed) await releaseTopicVotes(tx, topicId);
        if (change.action === "open" && topic.closed) await restoreTopicVotes(tx, topicId);
        break;
      case "pin":
      case "unpin":
        await tx.topic.update({ where: { id: topicId }, data: { pinned: change.action === "pin" } });
        break;
      case "move": {
        if (change.categoryId === topic.categoryId) return { changed: false };
        const target = await tx.category.findUnique({ where: { id: change.categoryId } });
        if (!target) {
          throw new DomainError(422, "Choisissez une catégorie existante.", {
            fieldErrors: { categoryId: "Catégorie inconnue." },
          });
        }
        await tx.topic.update({ where: { id: topicId }, data: { categoryId: target.id } });
        await enqueueSearchUpdate(tx, [searchDocumentId.topic(topicId)]);
        const counts = { topicCount: 1, postCount: topic.postsCount };
        await tx.category.update({
          where: { id: topic.categoryId },
          data: { topicCount: { decrement: counts.topicCount }, postCount: { decrement: counts.postCount } },
        });
        await tx.category.update({
          where: { id: target.id },
          data: { topicCount: { increment: counts.topicCount }, postCount: { increment: counts.postCount } },
        });
        details = { from: topic.categoryId, to: target.id };
        break;
      }
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: `topic.${change.action}`,
      targetType: "topic",
      targetId: topicId,
      details,
    });
    return { changed: true };
  });
}

/** The moderation form's fields, checked: an unknown action is a 422, not a silent no-op. */
export function parseTopicModeration(action: unknown, categoryId: unknown): TopicModeration {
  if (action === "move") return { action, categoryId: Number(categoryId) };
  if (action === "close" || action === "open" || action === "pin" || action === "unpin") return { action };
  throw new DomainError(422, "Action de modération inconnue.");
}
