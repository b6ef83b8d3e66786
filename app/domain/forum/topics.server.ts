import type { Db } from "~/infra/db.server";
import { isStaff, type Viewer } from "~/domain/identity/viewer";
import { notFound } from "~/domain/shared/errors";

// Anonymous visitors and members only see categories that are not read-restricted; the per-group permissions of
// the forum issue will refine this single rule.
function visibleCategoryFilter(viewer: Viewer) {
  return isStaff(viewer) ? {} : { readRestricted: false };
}

export interface TopicListItem {
  id: number;
  slug: string;
  title: string;
  category: { id: number; slug: string; name: string; color: string };
  author: { username: string };
  replyCount: number;
  postsCount: number;
  views: number;
  pinned: boolean;
  closed: boolean;
  createdAt: string;
  bumpedAt: string;
}

export interface TopicListPage {
  topics: TopicListItem[];
  /** Opaque cursor of the next page, or null on the last page. */
  nextCursor: string | null;
}

// Keyset pagination on (bumpedAt, id): every page costs the same, however deep (no OFFSET scan).
export function encodeCursor(bumpedAt: Date, id: number): string {
  return Buffer.from(`${bumpedAt.toISOString()}|${id}`).toString("base64url");
}

export function decodeCursor(cursor: string | null | undefined): { bumpedAt: Date; id: number } | null {
  if (!cursor) return null;
  const [iso, rawId] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const bumpedAt = new Date(iso ?? "");
  const id = Number(rawId);
  if (Number.isNaN(bumpedAt.getTime()) || !Number.isSafeInteger(id)) return null;
  return { bumpedAt, id };
}

export async function listLatestTopics(
  db: Db,
  viewer: Viewer,
  options: { cursor?: string | null; limit?: number } = {},
): Promise<TopicListPage> {
  const limit = Math.min(Math.max(options.limit ?? 30, 1), 100);
  const after = decodeCursor(options.cursor);
  const rows = await db.topic.findMany({
    where: {
      deletedAt: null,
      category: visibleCategoryFilter(viewer),
      ...(after && {
        OR: [{ bumpedAt: { lt: after.bumpedAt } }, { bumpedAt: after.bumpedAt, id: { lt: after.id } }],
      }),
    },
    orderBy: [{ bumpedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      slug: true,
      title: true,
      postsCount: true,
      views: true,
      pinned: true,
      closed: true,
      createdAt: true,
      bumpedAt: true,
      category: { select: { id: true, slug: true, name: true, color: true } },
      user: { select: { username: true } },
    },
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    topics: page.map((row) => ({
      id: row.id,
      slug: row.slug,
      title: row.title,
      category: row.category,
      author: row.user,
      postsCount: row.postsCount,
      replyCount: Math.max(row.postsCount - 1, 0),
      views: row.views,
      pinned: row.pinned,
      closed: row.closed,
      createdAt: row.createdAt.toISOString(),
      bumpedAt: row.bumpedAt.toISOString(),
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(new Date(last.bumpedAt), last.id) : null,
  };
}

export interface TopicPost {
  id: number;
  postNumber: number;
  cooked: string;
  author: { username: string; displayName: string; organisation: string | null };
  replyToPostNumber: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface TopicView {
  id: number;
  slug: string;
  title: string;
  category: { id: number; slug: string; name: string; color: string };
  postsCount: number;
  closed: boolean;
  createdAt: string;
  bumpedAt: string;
  posts: TopicPost[];
}

export async function getTopic(db: Db, viewer: Viewer, topicId: number): Promise<TopicView> {
  const topic = await db.topic.findFirst({
    where: { id: topicId, deletedAt: null, category: visibleCategoryFilter(viewer) },
    select: {
      id: true,
      slug: true,
      title: true,
      postsCount: true,
      closed: true,
      createdAt: true,
      bumpedAt: true,
      category: { select: { id: true, slug: true, name: true, color: true } },
      posts: {
        where: { deletedAt: null },
        orderBy: { postNumber: "asc" },
        take: 100,
        select: {
          id: true,
          postNumber: true,
          cooked: true,
          replyToPostNumber: true,
          createdAt: true,
          updatedAt: true,
          user: {
            select: { username: true, givenName: true, usualName: true, organisation: { select: { label: true } } },
          },
        },
      },
    },
  });
  // A restricted topic answers exactly like a missing one, so outsiders learn nothing from the status.
  if (!topic) throw notFound("Ce sujet", { topicId });
  return {
    ...topic,
    createdAt: topic.createdAt.toISOString(),
    bumpedAt: topic.bumpedAt.toISOString(),
    posts: topic.posts.map((post) => ({
      id: post.id,
      postNumber: post.postNumber,
      cooked: post.cooked,
      replyToPostNumber: post.replyToPostNumber,
      createdAt: post.createdAt.toISOString(),
      updatedAt: post.updatedAt.toISOString(),
      author: {
        username: post.user.username,
        displayName: `${post.user.givenName} ${post.user.usualName}`.trim(),
        organisation: post.user.organisation?.label ?? null,
      },
    })),
  };
}
