import type { Db } from "~/infra/db.server";
import type { Role } from "~/domain/identity/viewer";
import { notFound } from "~/domain/shared/errors";
import { canModifyPost, canRestorePost, visibleCategoriesWhere, type Reader } from "./permissions";
import { displayName, postsSharedByAudience, visiblePostsWhere } from "./topics.server";
import { noReadCache, type ReadModels } from "~/domain/shared/read-cache";

export interface UserRef {
  id: number;
  username: string;
  name: string;
}

export interface PostView {
  id: number;
  postNumber: number;
  /** 1 a regular post, 3 a timeline event (Discourse's small action), whose `action` says what happened. */
  postType: number;
  action: string | null;
  raw: string;
  cooked: string;
  version: number;
  replyToPostNumber: number | null;
  /** Visible posts answering this one. */
  replyCount: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  author: UserRef & { role: Role };
  topic: { id: number; slug: string; title: string; postsCount: number; categoryId: number };
  canEdit: boolean;
  canDelete: boolean;
  canRestore: boolean;
}

const userSelect = { id: true, username: true, givenName: true, usualName: true } as const;

/** One post (Discourse's /posts/:id), seen exactly as in its topic: a hidden category or a deleted topic answers
 * like a missing post, and a deleted post is only shown to staff and to whoever deleted it. */
export async function getPost(db: Db, reader: Reader, postId: number): Promise<PostView> {
  const post = await db.post.findFirst({
    where: {
      id: postId,
      ...visiblePostsWhere(reader),
      topic: { deletedAt: null, category: visibleCategoriesWhere(reader) },
    },
    include: {
      user: { select: { ...userSelect, role: true } },
      topic: { select: { id: true, slug: true, title: true, postsCount: true, categoryId: true } },
    },
  });
  if (!post) throw notFound("Ce message", { postId });
  const staff = reader.role === "moderator" || reader.role === "admin";
  const withheld = post.hiddenAt !== null && !staff && post.userId !== reader.userId;
  const replyCount = await db.post.count({
    where: { topicId: post.topicId, replyToPostNumber: post.postNumber, deletedAt: null },
  });
  const regular = post.postType !== 3;
  return {
    id: post.id,
    postNumber: post.postNumber,
    postType: post.postType,
    action: post.action,
    // A post hidden by moderation keeps its text for staff and its author only.
    raw: withheld ? "" : post.raw,
    cooked: post.deletedAt || withheld ? "" : post.cooked,
    version: post.version,
    replyToPostNumber: post.replyToPostNumber,
    replyCount,
    createdAt: post.createdAt.toISOString(),
    updatedAt: post.updatedAt.toISOString(),
    deletedAt: post.deletedAt?.toISOString() ?? null,
    author: {
      id: post.user.id,
      username: post.user.username,
      name: displayName(post.user),
      role: post.user.role as Role,
    },
    topic: post.topic,
    canEdit: regular && !post.deletedAt && canModifyPost(reader, post),
    canDelete: regular && !post.deletedAt && canModifyPost(reader, post),
    canRestore: regular && post.deletedAt !== null && canRestorePost(reader, post),
  };
}

export interface TopicStream {
  /** Ids of every post of the topic the reader sees, in order (Discourse's post_stream.stream). */
  postIds: number[];
  /** Visible replies to each post, by post number. */
  replyCounts: Map<number, number>;
  /** People who wrote a visible post (events of the timeline are not writing). */
  participantCount: number;
  /** Whether the stream holds a deleted post (shown to staff and to whoever deleted it). */
  hasDeleted: boolean;
}

/** The whole post stream of a topic the reader may see (the caller checked, as getTopicWithFacts does), where a
 * topic page holds only one page of posts. Shared by audience through the read cache. */
export async function getTopicStream(
  db: Db,
  reader: Reader,
  topicId: number,
  options: { readCache?: ReadModels } = {},
): Promise<TopicStream> {
  return postsSharedByAudience(db, reader, topicId, "post-stream", options.readCache, async (audience) =>
    streamOf(
      await db.post.findMany({
        where: { topicId, ...visiblePostsWhere(audience) },
        orderBy: { postNumber: "asc" },
        select: { id: true, userId: true, replyToPostNumber: true, deletedAt: true, postType: true },
      }),
    ),
  );
}

function streamOf(
  posts: { id: number; userId: number; replyToPostNumber: number | null; deletedAt: Date | null; postType: number }[],
): TopicStream {
  const replyCounts = new Map<number, number>();
  const participants = new Set<number>();
  for (const post of posts) {
    if (post.deletedAt) continue;
    if (post.postType !== 3) participants.add(post.userId);
    if (post.replyToPostNumber)
      replyCounts.set(post.replyToPostNumber, (replyCounts.get(post.replyToPostNumber) ?? 0) + 1);
  }
  return {
    postIds: posts.map((post) => post.id),
    replyCounts,
    participantCount: participants.size,
    hasDeleted: posts.some((post) => post.deletedAt !== null),
  };
}

/** The author of each topic's latest visible post, for topics the caller already knows the reader may see. The same
 * for every reader (deleted posts do not count), so shared through the read cache. */
export async function getLastPosters(
  db: Db,
  topics: { id: number; highestPostNumber: number }[],
  options: { readCache?: ReadModels } = {},
): Promise<Map<number, UserRef>> {
  if (topics.length === 0) return new Map();
  const key = topics.map((topic) => `${topic.id}.${topic.highestPostNumber}`).join(",");
  return (options.readCache ?? noReadCache).remember(`last-posters:${key}`, () => readLastPosters(db, topics));
}

async function readLastPosters(
  db: Db,
  topics: { id: number; highestPostNumber: number }[],
): Promise<Map<number, UserRef>> {
  const toRef = (user: { id: number; username: string; givenName: string; usualName: string }): UserRef => ({
    id: user.id,
    username: user.username,
    name: displayName(user),
  });
  const lastPosters = new Map<number, UserRef>();
  // Usually the highest-numbered post; when it was deleted or is an event of the timeline (which is not writing),
  // the latest post still standing.
  const highest = await db.post.findMany({
    where: {
      deletedAt: null,
      postType: { not: 3 },
      OR: topics.map((topic) => ({ topicId: topic.id, postNumber: topic.highestPostNumber })),
    },
    select: { topicId: true, user: { select: userSelect } },
  });
  for (const post of highest) lastPosters.set(post.topicId, toRef(post.user));
  for (const topic of topics.filter((topic) => !lastPosters.has(topic.id))) {
    const post = await db.post.findFirst({
      where: { topicId: topic.id, deletedAt: null, postType: { not: 3 } },
      orderBy: { postNumber: "desc" },
      select: { user: { select: userSelect } },
    });
    if (post) lastPosters.set(topic.id, toRef(post.user));
  }
  return lastPosters;
}
