import { interner } from "~/domain/shared/intern";
import { noReadCache, type ReadModels } from "~/domain/shared/read-cache";
import { readRows, sql, type Db, type Prisma } from "~/infra/db.server";
import { DomainError, notFound } from "~/domain/shared/errors";
import {
  canCreateTopic,
  canModifyPost,
  canReply,
  canRestorePost,
  visibleCategoriesWhere,
  anonymousReader,
  audienceKey,
  isStaff,
  type Reader,
} from "./permissions";
import type { Role } from "~/domain/identity/viewer";
import { categoryRulesOf, loadCategoryRules } from "./posting.server";
import { reactionRowsFor, tallyReactions, type PostReactions } from "./reactions.server";
import { listOverlayFor } from "./read-state.server";

export const POSTS_PER_PAGE = 20;

export const displayName = (user: { givenName: string; usualName: string }) =>
  `${user.givenName} ${user.usualName}`.trim();

/** The posts of a visible topic a reader sees: deleted ones only for staff and for whoever deleted them. */
export function visiblePostsWhere(reader: Reader) {
  const staff = reader.role === "moderator" || reader.role === "admin";
  return staff ? {} : { OR: [{ deletedAt: null }, ...(reader.userId ? [{ deletedById: reader.userId }] : [])] };
}

export interface TopicListItem {
  id: number;
  slug: string;
  title: string;
  category: { id: number; slug: string; name: string; color: string };
  author: { id: number; username: string; name: string };
  tags: string[];
  /** For a signed-in reader who opened the topic: posts not read yet, and where they stopped. */
  unreadCount: number | null;
  lastReadPostNumber: number | null;
  replyCount: number;
  postsCount: number;
  highestPostNumber: number;
  views: number;
  pinned: boolean;
  closed: boolean;
  createdAt: string;
  bumpedAt: string;
  lastPostedAt: string;
  /** Tracker: an accepted answer (Discourse "solved"), and the roadmap votes of a voting category. */
  hasAcceptedAnswer: boolean;
  votingEnabled: boolean;
  /** The typed interop report's status (app/domain/tracker), null for an untracked topic. */
  reportStatus: string | null;
  voteCount: number;
  /** Null for anonymous readers. */
  userVoted: boolean | null;
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

/** The orders of a topic list, each with its own keyset: (bumpedAt, id), (voteCount, id), (createdAt, id). */
export type TopicListOrder = "latest" | "votes" | "created";

type ListKey = { bumpedAt: Date; voteCount: number; createdAt: Date; id: number };

// "latest" keeps the original cursor format; the others carry their order, so a cursor of another order is ignored.
function encodeOrderCursor(order: TopicListOrder, row: ListKey): string {
  if (order === "latest") return encodeCursor(row.bumpedAt, row.id);
  const key = order === "votes" ? String(row.voteCount) : row.createdAt.toISOString();
  return Buffer.from(`${order}|${key}|${row.id}`).toString("base64url");
}

function keysetWhere(order: TopicListOrder, cursor: string | null | undefined): Prisma.TopicWhereInput | null {
  if (!cursor) return null;
  if (order === "latest") {
    const after = decodeCursor(cursor);
    return after && { OR: [{ bumpedAt: { lt: after.bumpedAt } }, { bumpedAt: after.bumpedAt, id: { lt: after.id } }] };
  }
  const [kind, key, rawId] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const id = Number(rawId);
  if (kind !== order || !Number.isSafeInteger(id)) return null;
  if (order === "votes") {
    const votes = Number(key);
    if (!Number.isSafeInteger(votes)) return null;
    return { OR: [{ voteCount: { lt: votes } }, { voteCount: votes, id: { lt: id } }] };
  }
  const createdAt = new Date(key ?? "");
  if (Number.isNaN(createdAt.getTime())) return null;
  return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] };
}

const ORDER_BY: Record<TopicListOrder, Prisma.TopicOrderByWithRelationInput[]> = {
  latest: [{ bumpedAt: "desc" }, { id: "desc" }],
  votes: [{ voteCount: "desc" }, { id: "desc" }],
  created: [{ createdAt: "desc" }, { id: "desc" }],
};

/** The `order` URL parameter of a category's list: "votes" in a voting category, else by activity. */
export const parseTopicListOrder = (value: string | null, votingEnabled: boolean): TopicListOrder =>
  value === "votes" && votingEnabled ? "votes" : "latest";

export interface TopicListQuery {
  cursor?: string | null;
  limit?: number;
  categoryId?: number;
  tag?: string;
  /** Only these topics (the reader's unread ones). */
  topicIds?: number[];
  /** Only topics created after this date that the reader never opened. */
  newSince?: Date;
  /** A list filter (app/domain/tracker/list-filter.server.ts, the "assigned to me" lists), ANDed with the rest. */
  where?: Prisma.TopicWhereInput | null;
  /** Each order pages with its own keyset: (bumpedAt, id), (voteCount, id) or (createdAt, id). */
  order?: TopicListOrder;
}

export async function listLatestTopics(
  db: Db,
  reader: Reader,
  options: TopicListQuery & {
    /** Keeps the page's topics (the same for everyone of the reader's audience) a few seconds. */
    readCache?: ReadModels;
  } = {},
): Promise<TopicListPage> {
  const { readCache, ...query } = options;
  const limit = Math.min(Math.max(query.limit ?? 30, 1), 100);
  const order = query.order ?? "latest";
  // "New since" depends on the reader's own read state: only audience-wide lists are shared. What is shared is the
  // page as its audience sees it, ready to send; the reader's own state is laid over it on each request.
  const shared = readCache && !query.newSince ? readCache : noReadCache;
  const listed = await shared.remember(`topic-list:${audienceKey(reader)}:${JSON.stringify(query)}`, async () =>
    audienceTopicPage(await topicListRows(db, reader, query, limit, order), limit, order),
  );
  if (!reader.userId) return { topics: [...listed.topics], nextCursor: listed.nextCursor };
  const { lastRead, voted } = await listOverlayFor(
    db,
    reader.userId,
    listed.topics.map((topic) => topic.id),
  );
  return {
    topics: listed.topics.map((topic) => {
      const read = lastRead.get(topic.id);
      return {
        ...topic,
        unreadCount: read === undefined ? null : Math.max(topic.highestPostNumber - read, 0),
        lastReadPostNumber: read ?? null,
        userVoted: voted.has(topic.id),
      };
    }),
    nextCursor: listed.nextCursor,
  };
}

/** A list page as everyone of an audience sees it: no read state, no votes of the reader's own. */
function audienceTopicPage(
  rows: Awaited<ReturnType<typeof topicListRows>>,
  limit: number,
  order: TopicListOrder,
): TopicListPage {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const categoryOf = interner<number, TopicListItem["category"]>();
  const authorOf = interner<number, TopicListItem["author"]>();
  return {
    topics: page.map((row) => ({
      unreadCount: null,
      lastReadPostNumber: null,
      id: row.id,
      slug: row.slug,
      title: row.title,
      category: categoryOf(row.category.id, () => ({
        id: row.category.id,
        slug: row.category.slug,
        name: row.category.name,
        color: row.category.color,
      })),
      author: authorOf(row.user.id, () => ({
        id: row.user.id,
        username: row.user.username,
        name: displayName(row.user),
      })),
      tags: row.tags.map(({ tag }) => tag.name).sort(),
      postsCount: row.postsCount,
      highestPostNumber: row.highestPostNumber,
      replyCount: Math.max(row.postsCount - 1, 0),
      views: row.views,
      pinned: row.pinned,
      closed: row.closed,
      createdAt: row.createdAt.toISOString(),
      bumpedAt: row.bumpedAt.toISOString(),
      lastPostedAt: row.lastPostedAt.toISOString(),
      hasAcceptedAnswer: row.acceptedAnswerPostId !== null,
      votingEnabled: row.category.votingEnabled,
      reportStatus: row.interopReport?.status ?? null,
      voteCount: row.voteCount,
      userVoted: null,
    })),
    nextCursor: rows.length > limit && last ? encodeOrderCursor(order, last) : null,
  };
}

/** The topics of one list page as everyone of the reader's audience sees them (per-user state is laid over). */
function topicListRows(db: Db, reader: Reader, query: TopicListQuery, limit: number, order: TopicListOrder) {
  const keyset = keysetWhere(order, query.cursor);
  const and = [query.where, keyset].filter((clause): clause is Prisma.TopicWhereInput => Boolean(clause));
  return db.topic.findMany({
    where: {
      deletedAt: null,
      category: visibleCategoriesWhere(reader),
      ...(query.categoryId && { categoryId: query.categoryId }),
      ...(query.tag && { tags: { some: { tag: { name: query.tag } } } }),
      ...(query.topicIds && { id: { in: query.topicIds } }),
      ...(query.newSince && {
        createdAt: { gt: query.newSince },
        ...(reader.userId && { userStates: { none: { userId: reader.userId } } }),
      }),
      ...(and.length && { AND: and }),
    },
    orderBy: ORDER_BY[order],
    take: limit + 1,
    select: {
      id: true,
      slug: true,
      title: true,
      postsCount: true,
      highestPostNumber: true,
      views: true,
      pinned: true,
      closed: true,
      createdAt: true,
      bumpedAt: true,
      lastPostedAt: true,
      voteCount: true,
      acceptedAnswerPostId: true,
      category: { select: { id: true, slug: true, name: true, color: true, votingEnabled: true } },
      interopReport: { select: { status: true } },
      user: { select: { id: true, username: true, givenName: true, usualName: true } },
      tags: { select: { tag: { select: { name: true } } } },
    },
  });
}

export interface TopicPost {
  id: number;
  postNumber: number;
  /** 1 a regular post; 3 an event of the timeline ("a changé le statut : …"), shown as a compact line. */
  postType: number;
  /** For an event: what happened (status_changed, fields_edited, assigned…); null for a regular post. */
  action: string | null;
  raw: string;
  cooked: string;
  version: number;
  author: { id: number; username: string; displayName: string; organisation: string | null; role: Role };
  replyToPostNumber: number | null;
  createdAt: string;
  updatedAt: string;
  deleted: boolean;
  deletedAt: string | null;
  canEdit: boolean;
  canDelete: boolean;
  canRestore: boolean;
  reactions: PostReactions;
  canReact: boolean;
  /** Hidden by moderation: its text is withheld from everyone but staff and its author. */
  hidden: boolean;
  canModerate: boolean;
  canFlag: boolean;
}

export interface TopicView {
  id: number;
  slug: string;
  title: string;
  category: { id: number; slug: string; name: string; color: string };
  postsCount: number;
  highestPostNumber: number;
  views: number;
  pinned: boolean;
  tags: string[];
  closed: boolean;
  createdAt: string;
  bumpedAt: string;
  lastPostedAt: string;
  author: { id: number; username: string; name: string };
  canReply: boolean;
  posts: TopicPost[];
  /** Post numbers that start the previous and next pages, or null at either end. */
  previousPageFrom: number | null;
  nextPageFrom: number | null;
}

/** The topic, its category with its permissions, its author and tags, if the reader's audience may see it. */
function topicHeaderRow(db: Db, reader: Reader, topicId: number) {
  return db.topic.findFirst({
    where: { id: topicId, deletedAt: null, category: visibleCategoriesWhere(reader) },
    include: {
      // The category's permissions come with it: the page's reply and moderation rights need them.
      category: {
        select: {
          id: true,
          slug: true,
          name: true,
          color: true,
          readRestricted: true,
          votingEnabled: true,
          votesPerUser: true,
          permissions: {
            select: { canSee: true, canReply: true, canCreate: true, group: { select: { name: true } } },
          },
        },
      },
      user: { select: { id: true, username: true, givenName: true, usualName: true } },
      tags: { select: { tag: { select: { name: true } } } },
    },
  });
}

/** The stored facts about a shown topic that the page's other panels (tracker, votes, links) decide with: read once
 * with the topic, so they do not read the topic and its category again. Not for clients: it holds the category's
 * group permissions. */
export interface TopicFacts {
  id: number;
  userId: number;
  closed: boolean;
  voteCount: number;
  acceptedAnswerPostId: number | null;
  category: {
    id: number;
    readRestricted: boolean;
    votingEnabled: boolean;
    votesPerUser: number;
    permissions: { canSee: boolean; canReply: boolean; canCreate: boolean; group: { name: string } }[];
  };
}

/** A topic and one page of its posts, starting at `fromPostNumber` (Discourse's /t/:slug/:id/:postNumber). Deleted
 * posts are shown to those who may restore them, as a marked placeholder; others do not see them. */
export async function getTopic(db: Db, reader: Reader, topicId: number, fromPostNumber = 1): Promise<TopicView> {
  return (await getTopicWithFacts(db, reader, topicId, fromPostNumber)).view;
}

/** getTopic, with the facts the topic page's other panels need (see TopicFacts). */
export async function getTopicWithFacts(
  db: Db,
  reader: Reader,
  topicId: number,
  fromPostNumber = 1,
  options: {
    /** Keeps the topic's header (the same for everyone of the reader's audience) and its pages of posts a few
     * seconds (see postsPageFor). */
    readCache?: ReadModels;
  } = {},
): Promise<{ view: TopicView; facts: TopicFacts }> {
  const shared = options.readCache ?? noReadCache;
  const topic = await shared.remember(`topic-header:${topicId}:${audienceKey(reader)}`, () =>
    topicHeaderRow(db, reader, topicId),
  );
  // A restricted topic answers exactly like a missing one, so outsiders learn nothing from the status.
  if (!topic) throw notFound("Ce sujet", { topicId });
  const start = Math.max(1, Math.min(fromPostNumber, topic.highestPostNumber));
  const { posts, previous, reactionRows } = await postsPageFor(db, reader, topicId, start, options.readCache);
  const rules = categoryRulesOf(topic.category);
  const staff = reader.role === "moderator" || reader.role === "admin";
  const page = posts.slice(0, POSTS_PER_PAGE);
  const reactions = tallyReactions(
    page.map((post) => post.id),
    reactionRows,
    reader.userId,
  );
  const facts: TopicFacts = {
    id: topic.id,
    userId: topic.userId,
    closed: topic.closed,
    voteCount: topic.voteCount,
    acceptedAnswerPostId: topic.acceptedAnswerPostId,
    category: topic.category,
  };
  const postAuthorOf = interner<number, TopicPost["author"]>();
  const view: TopicView = {
    id: topic.id,
    slug: topic.slug,
    title: topic.title,
    category: {
      id: topic.category.id,
      slug: topic.category.slug,
      name: topic.category.name,
      color: topic.category.color,
    },
    postsCount: topic.postsCount,
    highestPostNumber: topic.highestPostNumber,
    views: topic.views,
    pinned: topic.pinned,
    tags: topic.tags.map(({ tag }) => tag.name).sort(),
    closed: topic.closed,
    createdAt: topic.createdAt.toISOString(),
    bumpedAt: topic.bumpedAt.toISOString(),
    lastPostedAt: topic.lastPostedAt.toISOString(),
    author: { id: topic.user.id, username: topic.user.username, name: displayName(topic.user) },
    canReply: canReply(reader, rules, topic),
    previousPageFrom: previous.at(-1)?.postNumber ?? null,
    nextPageFrom: posts.length > POSTS_PER_PAGE ? posts[POSTS_PER_PAGE]!.postNumber : null,
    // Events of the timeline (postType 3) are not replied to, reacted to, flagged or edited: they record what happened.
    posts: page.map((post) => ({
      id: post.id,
      postNumber: post.postNumber,
      postType: post.postType,
      action: post.action,
      raw: post.hiddenAt && !staff && post.userId !== reader.userId ? "" : post.raw,
      cooked: post.deletedAt || (post.hiddenAt && !staff && post.userId !== reader.userId) ? "" : post.cooked,
      version: post.version,
      replyToPostNumber: post.replyToPostNumber,
      createdAt: post.createdAt.toISOString(),
      updatedAt: post.updatedAt.toISOString(),
      deleted: post.deletedAt !== null,
      deletedAt: post.deletedAt?.toISOString() ?? null,
      canEdit: post.postType !== 3 && !post.deletedAt && canModifyPost(reader, post),
      canDelete: post.postType !== 3 && !post.deletedAt && canModifyPost(reader, post),
      canRestore: post.postType !== 3 && post.deletedAt !== null && canRestorePost(reader, post),
      reactions: reactions.get(post.id)!,
      canReact: post.postType !== 3 && reader.userId !== null && reader.userId !== post.userId && !post.deletedAt,
      hidden: post.hiddenAt !== null,
      canModerate: post.postType !== 3 && staff && !post.deletedAt,
      canFlag: post.postType !== 3 && reader.userId !== null && reader.userId !== post.userId && !post.deletedAt,
      author: postAuthorOf(post.user.id, () => ({
        id: post.user.id,
        username: post.user.username,
        displayName: displayName(post.user),
        organisation: post.user.organisation?.label ?? null,
        role: post.user.role as Role,
      })),
    })),
  };
  return { view, facts };
}

/**
 * A page of a topic's posts as a reader sees it, shared by audience (postsSharedByAudience). What differs per reader
 * (may they edit, their own reaction) is derived from the shared rows afterwards.
 */
function postsPageFor(db: Db, reader: Reader, topicId: number, start: number, readCache?: ReadModels) {
  return postsSharedByAudience(db, reader, topicId, `posts-page:${start}`, readCache, (audience) =>
    readPostsPage(db, audience, topicId, start),
  );
}

/**
 * A read of a visible topic's posts, through the read cache. Everyone but staff sees the same posts (the live ones),
 * except a member who deleted one of their own, who still sees it (to restore it): for all others the read is
 * shared, one copy for staff and one for everyone else; that rare member's is made for them alone. `read` receives
 * the reader to read as. The caller has checked that the reader may see the topic.
 */
export async function postsSharedByAudience<T>(
  db: Db,
  reader: Reader,
  topicId: number,
  name: string,
  readCache: ReadModels | undefined,
  read: (audience: Reader) => Promise<T>,
): Promise<T> {
  const staff = isStaff(reader);
  if (!readCache) return read(reader);
  const seesOwnDeletedPosts =
    !staff &&
    reader.userId !== null &&
    (await readCache.remember(`post-deleters:${topicId}`, () => postDeletersOf(db, topicId))).has(reader.userId);
  if (seesOwnDeletedPosts) return read(reader);
  return readCache.remember(`${name}:${topicId}:${staff ? "staff" : "everyone"}`, () =>
    read(staff ? reader : anonymousReader),
  );
}

/** Who deleted posts of the topic (hand-written SQL, see readRows). */
async function postDeletersOf(db: Db, topicId: number): Promise<Set<number>> {
  const rows = await readRows<{ deletedById: number }>(
    db,
    sql`SELECT DISTINCT "deletedById" FROM "Post" WHERE "topicId" = ${topicId} AND "deletedById" IS NOT NULL`,
  );
  return new Set(rows.map((row) => Number(row.deletedById)));
}

/** Posts from `start` (one more than a page, to know whether another follows), the post numbers of the page before,
 * and the page's reactions. */
async function readPostsPage(db: Db, reader: Reader, topicId: number, start: number) {
  const postFilter = { topicId, ...visiblePostsWhere(reader) };
  // On the first page there is nothing before: skip that query.
  const [posts, previous] = await Promise.all([
    db.post.findMany({
      where: { ...postFilter, postNumber: { gte: start } },
      orderBy: { postNumber: "asc" },
      take: POSTS_PER_PAGE + 1,
      include: {
        user: {
          select: {
            id: true,
            username: true,
            givenName: true,
            usualName: true,
            role: true,
            organisation: { select: { label: true } },
          },
        },
      },
    }),
    start === 1
      ? Promise.resolve([] as { postNumber: number }[])
      : db.post.findMany({
          where: { ...postFilter, postNumber: { lt: start } },
          orderBy: { postNumber: "desc" },
          take: POSTS_PER_PAGE,
          select: { postNumber: true },
        }),
  ]);
  return {
    posts,
    previous,
    reactionRows: await reactionRowsFor(
      db,
      posts.slice(0, POSTS_PER_PAGE).map((post) => post.id),
    ),
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
  /** Members vote on its topics (the roadmap); its lists can be ordered by votes. */
  votingEnabled: boolean;
}

const categorySummarySelect = {
  id: true,
  slug: true,
  name: true,
  description: true,
  color: true,
  position: true,
  topicCount: true,
  postCount: true,
  readRestricted: true,
  votingEnabled: true,
} as const;

export async function listCategories(db: Db, reader: Reader): Promise<CategorySummary[]> {
  return db.category.findMany({
    where: visibleCategoriesWhere(reader),
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: categorySummarySelect,
  });
}

export async function getCategory(db: Db, reader: Reader, categoryId: number): Promise<CategorySummary> {
  const [category] = await db.category.findMany({
    where: { id: categoryId, ...visibleCategoriesWhere(reader) },
    select: categorySummarySelect,
  });
  if (!category) throw notFound("Cette catégorie", { categoryId });
  return category;
}

/** A post of a topic as a Markdown quote for the composer, attributed and linked, or null if not visible. */
export async function quotePost(db: Db, reader: Reader, topicId: number, postNumber: number): Promise<string | null> {
  const post = await db.post.findFirst({
    where: {
      topicId,
      postNumber,
      deletedAt: null,
      topic: { deletedAt: null, category: visibleCategoriesWhere(reader) },
    },
    include: { user: { select: { username: true } }, topic: { select: { slug: true } } },
  });
  if (!post) return null;
  const quoted = post.raw
    .split("\n")
    .map((line) => `> ${line}`.trimEnd())
    .join("\n");
  return `> **@${post.user.username}** a écrit ([#${postNumber}](/t/${post.topic.slug}/${topicId}/${postNumber})) :\n>\n${quoted}\n\n`;
}

/** The categories where the reader may start a topic, for the composer's list. */
export async function listCategoriesForPosting(db: Db, reader: Reader) {
  const categories = await listCategories(db, reader);
  const allowed = await Promise.all(
    categories.map(async (category) => {
      const loaded = await loadCategoryRules(db, category.id);
      // With the form its new topics must fill (the tracker's typed report), which the new-topic page shows.
      return loaded && canCreateTopic(reader, loaded.rules)
        ? { ...category, reportForm: loaded.category.reportForm }
        : null;
    }),
  );
  return allowed.filter((category) => category !== null);
}

/** A post with what its edit page needs, if the reader may edit it. */
export async function getEditablePost(db: Db, reader: Reader, postId: number) {
  const post = await db.post.findFirst({
    where: { id: postId, deletedAt: null, topic: { deletedAt: null, category: visibleCategoriesWhere(reader) } },
    include: { topic: { select: { id: true, slug: true, title: true } } },
  });
  if (!post) throw notFound("Ce message", { postId });
  if (post.postType === 3 || !canModifyPost(reader, post)) {
    throw new DomainError(403, "Vous ne pouvez pas modifier ce message.");
  }
  return {
    id: post.id,
    postNumber: post.postNumber,
    raw: post.raw,
    version: post.version,
    topic: post.topic,
  };
}

export interface CategoryActivity {
  canCreateTopic: boolean;
  canReply: boolean;
  /** Topics opened in the last 1, 7, 30 and 365 days, as Discourse's category statistics count them. */
  topicsDay: number;
  topicsWeek: number;
  topicsMonth: number;
  topicsYear: number;
}

/** What the reader may do in each category they see, and how lively each one is, for category lists. */
export async function listCategoryActivity(
  db: Db,
  reader: Reader,
  now = new Date(),
): Promise<Map<number, CategoryActivity>> {
  const day = 86_400_000;
  const categories = await listCategories(db, reader);
  const recent = await db.topic.findMany({
    where: {
      deletedAt: null,
      categoryId: { in: categories.map((category) => category.id) },
      createdAt: { gte: new Date(now.getTime() - 365 * day) },
    },
    select: { categoryId: true, createdAt: true },
  });
  const activity = new Map<number, CategoryActivity>();
  for (const category of categories) {
    const rules = (await loadCategoryRules(db, category.id))!.rules;
    const ages = recent
      .filter((topic) => topic.categoryId === category.id)
      .map((topic) => now.getTime() - topic.createdAt.getTime());
    const since = (days: number) => ages.filter((age) => age <= days * day).length;
    activity.set(category.id, {
      canCreateTopic: canCreateTopic(reader, rules),
      canReply: canReply(reader, rules, { closed: false }),
      topicsDay: since(1),
      topicsWeek: since(7),
      topicsMonth: since(30),
      topicsYear: ages.length,
    });
  }
  return activity;
}

/** The newest topics with their first post, for feeds (anonymous readers only). */
export async function listTopicsForFeed(db: Db, reader: Reader, options: { categoryId?: number; limit?: number } = {}) {
  const topics = await db.topic.findMany({
    where: {
      deletedAt: null,
      category: visibleCategoriesWhere(reader),
      ...(options.categoryId && { categoryId: options.categoryId }),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit ?? 30,
    include: {
      category: { select: { name: true } },
      user: { select: { username: true } },
      posts: { where: { postNumber: 1, deletedAt: null }, select: { cooked: true } },
    },
  });
  return topics.map((topic) => ({
    id: topic.id,
    slug: topic.slug,
    title: topic.title,
    category: topic.category.name,
    author: topic.user.username,
    createdAt: topic.createdAt.toISOString(),
    cooked: topic.posts[0]?.cooked ?? "",
  }));
}

export const TOP_PERIODS = { daily: 1, weekly: 7, monthly: 30, yearly: 365, all: null } as const;
export type TopPeriod = keyof typeof TOP_PERIODS;

/** Discourse's "top": the most discussed topics created in the period (replies, then reactions on their posts). */
export async function listTopTopics(db: Db, reader: Reader, period: TopPeriod, now = new Date()) {
  const days = TOP_PERIODS[period];
  const rows = await db.topic.findMany({
    where: {
      deletedAt: null,
      category: visibleCategoriesWhere(reader),
      ...(days && { createdAt: { gt: new Date(now.getTime() - days * 86_400_000) } }),
    },
    orderBy: [{ postsCount: "desc" }, { bumpedAt: "desc" }, { id: "desc" }],
    take: 50,
    select: { id: true },
  });
  const ids = rows.map((row) => row.id);
  const { topics } = await listLatestTopics(db, reader, { topicIds: ids, limit: 50 });
  const order = new Map(ids.map((id, index) => [id, index]));
  return topics.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}
