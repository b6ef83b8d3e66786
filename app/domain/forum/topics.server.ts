import type { Db } from "~/infra/db.server";
import { notFound } from "~/domain/shared/errors";
import { canModifyPost, canReply, canRestorePost, visibleCategoriesWhere, type Reader } from "./permissions";
import { loadCategoryRules } from "./posting.server";

export const POSTS_PER_PAGE = 20;

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
  reader: Reader,
  options: { cursor?: string | null; limit?: number; categoryId?: number } = {},
): Promise<TopicListPage> {
  const limit = Math.min(Math.max(options.limit ?? 30, 1), 100);
  const after = decodeCursor(options.cursor);
  const rows = await db.topic.findMany({
    where: {
      deletedAt: null,
      category: visibleCategoriesWhere(reader),
      ...(options.categoryId && { categoryId: options.categoryId }),
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
  raw: string;
  cooked: string;
  version: number;
  author: { username: string; displayName: string; organisation: string | null };
  replyToPostNumber: number | null;
  createdAt: string;
  updatedAt: string;
  deleted: boolean;
  canEdit: boolean;
  canDelete: boolean;
  canRestore: boolean;
}

export interface TopicView {
  id: number;
  slug: string;
  title: string;
  category: { id: number; slug: string; name: string; color: string };
  postsCount: number;
  highestPostNumber: number;
  closed: boolean;
  createdAt: string;
  bumpedAt: string;
  canReply: boolean;
  posts: TopicPost[];
  /** Post numbers that start the previous and next pages, or null at either end. */
  previousPageFrom: number | null;
  nextPageFrom: number | null;
}

/** A topic and one page of its posts, starting at `fromPostNumber` (Discourse's /t/:slug/:id/:postNumber). Deleted
 * posts are shown to those who may restore them, as a marked placeholder; others do not see them. */
export async function getTopic(db: Db, reader: Reader, topicId: number, fromPostNumber = 1): Promise<TopicView> {
  const topic = await db.topic.findFirst({
    where: { id: topicId, deletedAt: null, category: visibleCategoriesWhere(reader) },
    include: { category: { select: { id: true, slug: true, name: true, color: true } } },
  });
  // A restricted topic answers exactly like a missing one, so outsiders learn nothing from the status.
  if (!topic) throw notFound("Ce sujet", { topicId });
  const staff = reader.role === "moderator" || reader.role === "admin";
  const postFilter = {
    topicId,
    ...(staff ? {} : { OR: [{ deletedAt: null }, ...(reader.userId ? [{ deletedById: reader.userId }] : [])] }),
  };
  const start = Math.max(1, Math.min(fromPostNumber, topic.highestPostNumber));
  const [posts, previous] = await Promise.all([
    db.post.findMany({
      where: { ...postFilter, postNumber: { gte: start } },
      orderBy: { postNumber: "asc" },
      take: POSTS_PER_PAGE + 1,
      include: {
        user: {
          select: { username: true, givenName: true, usualName: true, organisation: { select: { label: true } } },
        },
      },
    }),
    db.post.findMany({
      where: { ...postFilter, postNumber: { lt: start } },
      orderBy: { postNumber: "desc" },
      take: POSTS_PER_PAGE,
      select: { postNumber: true },
    }),
  ]);
  const rules = (await loadCategoryRules(db, topic.categoryId))!.rules;
  const page = posts.slice(0, POSTS_PER_PAGE);
  return {
    id: topic.id,
    slug: topic.slug,
    title: topic.title,
    category: topic.category,
    postsCount: topic.postsCount,
    highestPostNumber: topic.highestPostNumber,
    closed: topic.closed,
    createdAt: topic.createdAt.toISOString(),
    bumpedAt: topic.bumpedAt.toISOString(),
    canReply: canReply(reader, rules, topic),
    previousPageFrom: previous.at(-1)?.postNumber ?? null,
    nextPageFrom: posts.length > POSTS_PER_PAGE ? posts[POSTS_PER_PAGE]!.postNumber : null,
    posts: page.map((post) => ({
      id: post.id,
      postNumber: post.postNumber,
      raw: post.raw,
      cooked: post.deletedAt ? "" : post.cooked,
      version: post.version,
      replyToPostNumber: post.replyToPostNumber,
      createdAt: post.createdAt.toISOString(),
      updatedAt: post.updatedAt.toISOString(),
      deleted: post.deletedAt !== null,
      canEdit: !post.deletedAt && canModifyPost(reader, post),
      canDelete: !post.deletedAt && canModifyPost(reader, post),
      canRestore: post.deletedAt !== null && canRestorePost(reader, post),
      author: {
        username: post.user.username,
        displayName: `${post.user.givenName} ${post.user.usualName}`.trim(),
        organisation: post.user.organisation?.label ?? null,
      },
    })),
  };
}

export interface CategorySummary {
  id: number;
  slug: string;
  name: string;
  description: string;
  color: string;
  position: number;
  topicCount: number;
  postCount: number;
  readRestricted: boolean;
}

export async function listCategories(db: Db, reader: Reader): Promise<CategorySummary[]> {
  return db.category.findMany({
    where: visibleCategoriesWhere(reader),
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      color: true,
      position: true,
      topicCount: true,
      postCount: true,
      readRestricted: true,
    },
  });
}

export async function getCategory(db: Db, reader: Reader, categoryId: number): Promise<CategorySummary> {
  const [category] = await db.category.findMany({
    where: { id: categoryId, ...visibleCategoriesWhere(reader) },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      color: true,
      position: true,
      topicCount: true,
      postCount: true,
      readRestricted: true,
    },
  });
  if (!category) throw notFound("Cette catégorie", { categoryId });
  return category;
}
