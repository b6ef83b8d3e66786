// Small event posts in a topic's timeline ("a confirmé le problème", "a assigné l'équipe Prodige"), as Discourse's
// small actions: numbered like posts so the timeline keeps its order, but not counted as replies.
import type { DbOrTx } from "~/infra/db.server";
import { escapeHtml } from "~/domain/shared/html";

export interface TimelineEvent {
  topicId: number;
  actorId: number;
  /** status_changed | assigned | unassigned | closed_duplicate | duplicate_received | fields_edited | answer_accepted
   * | relation_added | relation_removed | test_flipped … */
  action: string;
  /** What the timeline shows, in French, without the actor's name (the page shows it): "a confirmé le problème". */
  text: string;
  /** Structured details for JSON clients and for rendering links (from, to, reason, target topic…). */
  data?: Record<string, unknown>;
  createdAt?: Date;
}

/** Appends an event post to the topic, in the caller's transaction, and bumps the topic's activity. */
export async function addTimelineEvent(tx: DbOrTx, event: TimelineEvent): Promise<{ postNumber: number }> {
  const createdAt = event.createdAt ?? new Date();
  const topic = await tx.topic.update({
    where: { id: event.topicId },
    data: { highestPostNumber: { increment: 1 }, bumpedAt: createdAt },
    select: { highestPostNumber: true },
  });
  await tx.post.create({
    data: {
      topicId: event.topicId,
      postNumber: topic.highestPostNumber,
      userId: event.actorId,
      postType: 3,
      action: event.action,
      actionData: JSON.stringify(event.data ?? {}),
      raw: event.text,
      cooked: `<p>${escapeHtml(event.text)}</p>`,
      createdAt,
    },
  });
  return { postNumber: topic.highestPostNumber };
}
