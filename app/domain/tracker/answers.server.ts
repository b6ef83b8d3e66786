// Discourse "solved": the reporter, a maintainer of an involved solution or a moderator marks the reply that
// answered the topic. One transaction: the topic's pointer, a timeline event and the answer's author's notification.
import { excerptFromMarkdown } from "~/domain/forum/markdown";
import { canSeeCategory } from "~/domain/forum/permissions";
import type { SignedInUser } from "~/domain/identity/viewer";
import { DomainError } from "~/domain/shared/errors";
import type { Db, DbOrTx } from "~/infra/db.server";
import { displayName } from "~/domain/forum/topics.server";
import { canBeAcceptedAnswer } from "./answers";
import { addTimelineEvent } from "./events.server";
import { canAcceptAnswer } from "./permissions";
import { loadTopicForActor, readerOfRow, readerRowSelect } from "./topic-access.server";

export interface AcceptedAnswer {
  postId: number;
  postNumber: number;
  username: string;
  name: string;
  excerpt: string;
}

const refuseAccept = () =>
  new DomainError(
    403,
    "Seuls l'auteur du sujet, les mainteneurs des solutions concernées et les modérateurs choisissent la solution.",
  );

/** Marks a reply as the topic's answer, replacing any previous one. */
export async function acceptAnswer(db: Db, actor: SignedInUser, topicId: number, postId: number) {
  return db.$transaction(async (tx) => {
    const { topic, rules, role } = await loadTopicForActor(tx, actor, topicId);
    if (!canAcceptAnswer(role)) throw refuseAccept();
    const post = await tx.post.findFirst({
      where: { id: postId, topicId },
      select: {
        id: true,
        postNumber: true,
        postType: true,
        deletedAt: true,
        hiddenAt: true,
        user: { select: readerRowSelect },
      },
    });
    if (!post || !canBeAcceptedAnswer({ ...post, deleted: post.deletedAt !== null, hidden: post.hiddenAt !== null })) {
      throw new DomainError(
        422,
        "Seule une réponse visible (pas le premier message ni un événement) peut être la solution.",
      );
    }
    if (topic.acceptedAnswerPostId === post.id) return { changed: false };
    await tx.topic.update({ where: { id: topicId }, data: { acceptedAnswerPostId: post.id } });
    const { postNumber } = await addTimelineEvent(tx, {
      topicId,
      actorId: actor.id,
      action: "answer_accepted",
      text: `a marqué le message #${post.postNumber} comme solution`,
      data: { postNumber: post.postNumber, previousPostId: topic.acceptedAnswerPostId },
    });
    const author = readerOfRow(post.user);
    if (post.user.id !== actor.id && canSeeCategory(author, rules)) {
      await tx.notification.create({
        data: {
          userId: post.user.id,
          kind: "answer_accepted",
          topicId,
          postNumber: post.postNumber,
          actorId: actor.id,
          data: JSON.stringify({
            topicTitle: topic.title,
            topicSlug: topic.slug,
            actor: actor.displayName,
            actorUsername: actor.username,
            eventPostNumber: postNumber,
          }),
        },
      });
    }
    return { changed: true };
  });
}

/** Removes the topic's answer: the topic is unsolved again. */
export async function unacceptAnswer(db: Db, actor: SignedInUser, topicId: number) {
  return db.$transaction(async (tx) => {
    const { topic, role } = await loadTopicForActor(tx, actor, topicId);
    if (!canAcceptAnswer(role)) throw refuseAccept();
    if (topic.acceptedAnswerPostId === null) return { changed: false };
    const post = await tx.post.findUnique({ where: { id: topic.acceptedAnswerPostId }, select: { postNumber: true } });
    await tx.topic.update({ where: { id: topicId }, data: { acceptedAnswerPostId: null } });
    await addTimelineEvent(tx, {
      topicId,
      actorId: actor.id,
      action: "answer_unaccepted",
      text: post ? `a retiré la solution (message #${post.postNumber})` : "a retiré la solution",
      data: { postNumber: post?.postNumber ?? null },
    });
    return { changed: true };
  });
}

/** The answer of a topic the reader sees, or null. A deleted or hidden answer is shown to nobody here. */
export async function loadAcceptedAnswer(db: DbOrTx, postId: number | null): Promise<AcceptedAnswer | null> {
  if (postId === null) return null;
  const post = await db.post.findFirst({
    where: { id: postId, deletedAt: null, hiddenAt: null },
    select: {
      id: true,
      postNumber: true,
      raw: true,
      user: { select: { username: true, givenName: true, usualName: true } },
    },
  });
  if (!post) return null;
  return {
    postId: post.id,
    postNumber: post.postNumber,
    username: post.user.username,
    name: displayName(post.user),
    excerpt: excerptFromMarkdown(post.raw, 300),
  };
}
