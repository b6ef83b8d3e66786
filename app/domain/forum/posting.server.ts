import type { Db } from "~/infra/db.server";
import { renderPostMarkdown } from "./markdown";
import { slugify } from "./slug";

export interface NewTopic {
  authorId: number;
  categoryId: number;
  title: string;
  raw: string;
  /** Backdating is for imports and demo content; live posts are stamped now. */
  createdAt?: Date;
}

/** A topic and its first post, with the category counters, in one transaction. */
export async function createTopic(db: Db, input: NewTopic): Promise<{ topicId: number; slug: string }> {
  const createdAt = input.createdAt ?? new Date();
  return db.$transaction(async (tx) => {
    const topic = await tx.topic.create({
      data: {
        title: input.title.trim(),
        slug: slugify(input.title),
        categoryId: input.categoryId,
        userId: input.authorId,
        postsCount: 1,
        createdAt,
        bumpedAt: createdAt,
        lastPostedAt: createdAt,
      },
    });
    await tx.post.create({
      data: {
        topicId: topic.id,
        postNumber: 1,
        userId: input.authorId,
        raw: input.raw,
        cooked: renderPostMarkdown(input.raw),
        createdAt,
      },
    });
    await tx.category.update({
      where: { id: input.categoryId },
      data: { topicCount: { increment: 1 }, postCount: { increment: 1 } },
    });
    return { topicId: topic.id, slug: topic.slug };
  });
}

export interface NewReply {
  authorId: number;
  topicId: number;
  raw: string;
  replyToPostNumber?: number;
  createdAt?: Date;
}

/** A reply numbered after the topic's last post, with topic and category counters, in one transaction. */
export async function createReply(db: Db, input: NewReply): Promise<{ postId: number; postNumber: number }> {
  const createdAt = input.createdAt ?? new Date();
  return db.$transaction(async (tx) => {
    const topic = await tx.topic.update({
      where: { id: input.topicId },
      data: { postsCount: { increment: 1 }, bumpedAt: createdAt, lastPostedAt: createdAt },
      select: { postsCount: true, categoryId: true },
    });
    const post = await tx.post.create({
      data: {
        topicId: input.topicId,
        postNumber: topic.postsCount,
        userId: input.authorId,
        raw: input.raw,
        cooked: renderPostMarkdown(input.raw),
        replyToPostNumber: input.replyToPostNumber ?? null,
        createdAt,
      },
    });
    await tx.category.update({ where: { id: topic.categoryId }, data: { postCount: { increment: 1 } } });
    return { postId: post.id, postNumber: post.postNumber };
  });
}
