// Bulk seeding of a large forum for scripts/bench/forum.ts: topics, posts and every row the app writes along with
// them, as createTopic/createReply would have written them had the forum been used live for three years. The app's
// functions take one transaction per post (minutes for 200,000 posts); here rows are generated in memory and
// inserted in transactions of a few thousand posts through bulk-writer.ts.
//
// What createTopic/createReply write, and how it is reproduced (app/domain/forum/posting.server.ts,
// notifications.server.ts):
// - Topic: slug from slugify(title), postsCount = highestPostNumber = number of posts, bumpedAt = lastPostedAt =
//   the last post's date, updatedAt = the last write (the last post), views 0.
// - Post: numbered from 1, cooked by cookPost (bodies never mention anyone, so cookPost needs no lookup and a
//   pool of bodies is cooked once each), replyToPostNumber on some replies.
// - TopicTag for the title's subject, Category.topicCount/postCount incremented.
// - TopicUser: the author of the first post watches the topic, repliers track it, lastReadPostNumber is their own
//   last post.
// - Notification: recordNewPost's rules with the inputs these posts produce: "reply" to the author of the post
//   replied to, "posted" to the topic's watchers, never to the author, only to people who can read the category.
//   Dates follow the post (a live app stamps them when the post is written). Older than two weeks they are read
//   (the member came back); every one was e-mailed a minute after it was written, as the background job does, so
//   the app's mailer finds nothing to send during the measurements.
import { cookPost } from "../../app/domain/forum/cook.server";
import { extractMentions, extractQuotedUsers } from "../../app/domain/forum/mentions";
import {
  canCreateTopic,
  canReply,
  canSeeCategory,
  type CategoryRules,
  type Reader,
} from "../../app/domain/forum/permissions";
import { loadCategoryRules } from "../../app/domain/forum/posting.server";
import { slugify } from "../../app/domain/forum/slug";
import { NotificationLevel } from "../../app/domain/forum/watch-levels";
import type { Db } from "../../app/infra/db.server";
import type { Role } from "../../app/domain/identity/viewer";
import type { BulkWriter, Row } from "./bulk-writer";
import { between, pick, postBody, seededRandom, topicTitle, type Random } from "./forum-text";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface ForumShape {
  topics: number;
  posts: number;
  /** One topic gets exactly this many posts (0: none); the others share the rest. */
  longTopicPosts: number;
  /** Seed of the random source: the same shape and seed give the same forum. */
  seed: number;
  now: Date;
  /** How far back the forum's history goes. */
  historyDays: number;
}

export interface SeedReport {
  topics: number;
  posts: number;
  notifications: number;
  topicUsers: number;
  longTopic: { id: number; slug: string; posts: number } | null;
  ms: number;
}

interface Member {
  id: number;
  username: string;
  displayName: string;
  reader: Reader;
}

interface CategoryPlan {
  id: number;
  slug: string;
  rules: CategoryRules;
  creators: Member[];
  repliers: Member[];
}

interface Context {
  random: Random;
  now: Date;
  categories: CategoryPlan[];
  /** Cumulative weights matching `categories`, for picking one. */
  categoryWeights: number[];
  tagIds: Map<string, number>;
  bodies: { raw: string; cooked: string }[];
}

// How topics spread over the demo categories: mostly interoperability problems, rarely a security report.
const CATEGORY_WEIGHTS: Record<string, number> = {
  "problemes-interoperabilite": 45,
  "feuille-de-route": 18,
  "clausier-cctp": 20,
  annonces: 14,
  securite: 3,
};
const BODY_POOL_SIZE = 2_000;
const TOPICS_PER_TRANSACTION = 250;
const REPLY_TO_SHARE = 0.25;
const READ_AFTER_DAYS = 14;
const PRIORITY = ["mention", "reply", "quote", "group_mention", "posted"];

async function loadMembers(db: Db): Promise<Member[]> {
  const users = await db.user.findMany({
    orderBy: { id: "asc" },
    select: {
      id: true,
      username: true,
      givenName: true,
      usualName: true,
      role: true,
      memberships: { select: { group: { select: { name: true } } } },
    },
  });
  return users.map((user) => ({
    id: user.id,
    username: user.username,
    displayName: `${user.givenName} ${user.usualName}`.trim(),
    reader: { role: user.role as Role, userId: user.id, groups: user.memberships.map((m) => m.group.name) },
  }));
}

async function planCategories(db: Db, members: Member[]): Promise<CategoryPlan[]> {
  const categories = await db.category.findMany({ orderBy: { id: "asc" }, select: { id: true, slug: true } });
  const plans: CategoryPlan[] = [];
  for (const category of categories) {
    const rules = (await loadCategoryRules(db, category.id))!.rules;
    const creators = members.filter((member) => canCreateTopic(member.reader, rules));
    const repliers = members.filter((member) => canReply(member.reader, rules, { closed: false }));
    if (creators.length && repliers.length)
      plans.push({ id: category.id, slug: category.slug, rules, creators, repliers });
  }
  if (!plans.length) throw new Error("No category where the demo users can post: load the demo data first.");
  return plans;
}

async function cookBodies(db: Db, random: Random): Promise<Context["bodies"]> {
  const bodies: Context["bodies"] = [];
  for (let index = 0; index < BODY_POOL_SIZE; index++) {
    const raw = postBody(random);
    // A mention or quote would make the app look users up and notify them: the generator must never write one.
    if (extractMentions(raw).length || extractQuotedUsers(raw).length) throw new Error(`Body mentions someone: ${raw}`);
    bodies.push({ raw, cooked: await cookPost(db, raw) });
  }
  return bodies;
}

async function createContext(db: Db, shape: ForumShape): Promise<Context> {
  const random = seededRandom(shape.seed);
  const categories = await planCategories(db, await loadMembers(db));
  let total = 0;
  const categoryWeights = categories.map((category) => (total += CATEGORY_WEIGHTS[category.slug] ?? 5));
  const tags = await db.tag.findMany({ select: { id: true, name: true } });
  return {
    random,
    now: shape.now,
    categories,
    categoryWeights,
    tagIds: new Map(tags.map((tag) => [tag.name, tag.id])),
    bodies: await cookBodies(db, random),
  };
}

function pickCategory(context: Context): CategoryPlan {
  const target = context.random() * context.categoryWeights.at(-1)!;
  const index = context.categoryWeights.findIndex((weight) => target < weight);
  return context.categories[index]!;
}

/** Posts per topic: exponential, so most threads are short and a few run long, as on a real forum; the total is
 * exact. With `longTopicPosts`, the last topic gets exactly that many. */
export function postCounts(random: Random, topics: number, posts: number, longTopicPosts: number): number[] {
  const others = longTopicPosts > 0 ? topics - 1 : topics;
  const budget = posts - longTopicPosts;
  if (others < 1 || budget < others) throw new Error(`Cannot spread ${posts} posts over ${topics} topics.`);
  const weights = Array.from({ length: others }, () => -Math.log(1 - random()));
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const counts = weights.map((weight) => Math.max(1, Math.round((weight / weightSum) * budget)));
  let missing = budget - counts.reduce((sum, count) => sum + count, 0);
  while (missing !== 0) {
    const index = Math.floor(random() * others);
    if (missing > 0) {
      counts[index]!++;
      missing--;
    } else if (counts[index]! > 1) {
      counts[index]!--;
      missing++;
    }
  }
  return longTopicPosts > 0 ? [...counts, longTopicPosts] : counts;
}

interface TopicRows {
  topic: Row;
  posts: Row[];
  tags: Row[];
  topicUsers: Row[];
  notifications: Row[];
  categoryId: number;
  slug: string;
}

interface TopicState {
  lastReadPostNumber: number;
  notificationLevel: number;
  updatedAt: Date;
}

interface TopicSpec {
  id: number;
  postCount: number;
  createdAt: Date;
  /** Mean time between two posts. */
  gapMs: number;
  title?: string;
}

/** Who recordNewPost would notify about post `postNumber`, and why. */
function notificationReasons(
  author: Member,
  replyToAuthorId: number | null,
  states: Map<number, TopicState>,
): Map<number, string> {
  const reasons = new Map<number, string>();
  const give = (userId: number, kind: string) => {
    const current = reasons.get(userId);
    if (userId !== author.id && (!current || PRIORITY.indexOf(kind) < PRIORITY.indexOf(current))) {
      reasons.set(userId, kind);
    }
  };
  if (replyToAuthorId !== null) give(replyToAuthorId, "reply");
  for (const [userId, state] of states) {
    if (state.notificationLevel === NotificationLevel.watching) give(userId, "posted");
  }
  return reasons;
}

function generateTopic(context: Context, spec: TopicSpec): TopicRows {
  const { random } = context;
  const category = pickCategory(context);
  const generated = topicTitle(random, category.slug);
  const title = spec.title ?? generated.title;
  const slug = slugify(title);
  const starter = pick(random, category.creators);
  const readers = new Map(
    [...category.creators, ...category.repliers].map((member) => [
      member.id,
      canSeeCategory(member.reader, category.rules),
    ]),
  );
  const states = new Map<number, TopicState>();
  const authors: number[] = [];
  const rows: TopicRows = {
    topic: [],
    posts: [],
    tags: [],
    topicUsers: [],
    notifications: [],
    categoryId: category.id,
    slug,
  };
  const latest = context.now.getTime() - HOUR;
  let at = Math.min(spec.createdAt.getTime(), latest - spec.postCount * 60_000);
  for (let postNumber = 1; postNumber <= spec.postCount; postNumber++) {
    if (postNumber > 1) {
      const gap = -Math.log(1 - random()) * spec.gapMs;
      // Never in the future: squeeze the remaining posts a minute apart if the thread runs out of time.
      at = Math.min(at + gap, latest - (spec.postCount - postNumber) * 60_000);
    }
    const createdAt = new Date(at);
    const author = postNumber === 1 ? starter : pick(random, category.repliers);
    const replyTo = postNumber > 1 && random() < REPLY_TO_SHARE ? between(random, 1, postNumber - 1) : null;
    const body = pick(random, context.bodies);
    authors.push(author.id);
    rows.posts.push([spec.id, postNumber, author.id, body.raw, body.cooked, replyTo, 1, createdAt, createdAt]);
    const reasons = notificationReasons(author, replyTo === null ? null : authors[replyTo - 1]!, states);
    const data = JSON.stringify({
      topicTitle: title,
      topicSlug: slug,
      actor: author.displayName,
      actorUsername: author.username,
    });
    const readAt =
      context.now.getTime() - at > READ_AFTER_DAYS * DAY ? new Date(at + between(random, 1, 48) * HOUR) : null;
    for (const [userId, kind] of reasons) {
      if (!readers.get(userId)) continue;
      rows.notifications.push([
        userId,
        kind,
        spec.id,
        postNumber,
        author.id,
        data,
        readAt,
        new Date(at + 60_000),
        createdAt,
      ]);
    }
    const level = postNumber === 1 ? NotificationLevel.watching : NotificationLevel.tracking;
    const state = states.get(author.id);
    states.set(author.id, {
      lastReadPostNumber: Math.max(state?.lastReadPostNumber ?? 0, postNumber),
      notificationLevel:
        state && state.notificationLevel !== NotificationLevel.normal ? state.notificationLevel : level,
      updatedAt: createdAt,
    });
  }
  const first = rows.posts[0]![7] as Date;
  const last = rows.posts.at(-1)![7] as Date;
  rows.topic = [
    spec.id,
    slug,
    title,
    category.id,
    starter.id,
    spec.postCount,
    spec.postCount,
    0,
    false,
    false,
    last,
    last,
    first,
    last,
  ];
  for (const name of spec.title ? [] : generated.tags) {
    const tagId = context.tagIds.get(name);
    if (tagId !== undefined) rows.tags.push([spec.id, tagId]);
  }
  for (const [userId, state] of states) {
    rows.topicUsers.push([userId, spec.id, state.lastReadPostNumber, state.notificationLevel, state.updatedAt]);
  }
  return rows;
}

const COLUMNS = {
  Topic: [
    "id",
    "slug",
    "title",
    "categoryId",
    "userId",
    "postsCount",
    "highestPostNumber",
    "views",
    "pinned",
    "closed",
    "lastPostedAt",
    "bumpedAt",
    "createdAt",
    "updatedAt",
  ],
  Post: ["topicId", "postNumber", "userId", "raw", "cooked", "replyToPostNumber", "version", "createdAt", "updatedAt"],
  TopicTag: ["topicId", "tagId"],
  TopicUser: ["userId", "topicId", "lastReadPostNumber", "notificationLevel", "updatedAt"],
  Notification: ["userId", "kind", "topicId", "postNumber", "actorId", "data", "readAt", "emailedAt", "createdAt"],
};

async function writeTopics(writer: BulkWriter, batch: TopicRows[]): Promise<void> {
  await writer.insert(
    "Topic",
    COLUMNS.Topic,
    batch.map((rows) => rows.topic),
  );
  await writer.insert(
    "Post",
    COLUMNS.Post,
    batch.flatMap((rows) => rows.posts),
  );
  await writer.insert(
    "TopicTag",
    COLUMNS.TopicTag,
    batch.flatMap((rows) => rows.tags),
  );
  await writer.insert(
    "TopicUser",
    COLUMNS.TopicUser,
    batch.flatMap((rows) => rows.topicUsers),
  );
  await writer.insert(
    "Notification",
    COLUMNS.Notification,
    batch.flatMap((rows) => rows.notifications),
  );
}

async function bumpCategoryCounters(writer: BulkWriter, counters: Map<number, { topics: number; posts: number }>) {
  for (const [categoryId, counter] of counters) {
    await writer.run(
      `UPDATE "Category" SET "topicCount" = "topicCount" + ?, "postCount" = "postCount" + ? WHERE "id" = ?`,
      [counter.topics, counter.posts, categoryId],
    );
  }
}

/** The topics to generate: ids after the existing ones, dates in id order across the history, the long topic last
 * and recent (a thread of the last weeks, as the one people would open). */
function planTopics(random: Random, shape: ForumShape, firstId: number): TopicSpec[] {
  const counts = postCounts(random, shape.topics, shape.posts, shape.longTopicPosts);
  const start = shape.now.getTime() - shape.historyDays * DAY;
  const step = (shape.historyDays * DAY) / shape.topics;
  return counts.map((postCount, index) => {
    const long = shape.longTopicPosts > 0 && index === counts.length - 1;
    return {
      id: firstId + index,
      postCount,
      createdAt: long ? new Date(shape.now.getTime() - 40 * DAY) : new Date(start + index * step + random() * step),
      gapMs: long ? 8 * HOUR : 6 * HOUR,
      title: long
        ? "OGC API Features : pagination et filtres spatiaux entre geOrchestra, Prodige et la Géoplateforme (fil de suivi)"
        : undefined,
    };
  });
}

/** Adds `shape.topics` topics and `shape.posts` posts to a database that already holds the demo data. */
export async function seedLargeForum(db: Db, writer: BulkWriter, shape: ForumShape): Promise<SeedReport> {
  const started = performance.now();
  const context = await createContext(db, shape);
  const maxId = (await db.topic.aggregate({ _max: { id: true } }))._max.id ?? 0;
  const specs = planTopics(context.random, shape, maxId + 1);
  const counters = new Map<number, { topics: number; posts: number }>();
  const report: SeedReport = { topics: 0, posts: 0, notifications: 0, topicUsers: 0, longTopic: null, ms: 0 };
  let lastTopic: TopicRows | undefined;
  for (let start = 0; start < specs.length; start += TOPICS_PER_TRANSACTION) {
    const batch = specs.slice(start, start + TOPICS_PER_TRANSACTION).map((spec) => generateTopic(context, spec));
    lastTopic = batch.at(-1);
    await writer.transaction(() => writeTopics(writer, batch));
    for (const rows of batch) {
      const counter = counters.get(rows.categoryId) ?? { topics: 0, posts: 0 };
      counter.topics++;
      counter.posts += rows.posts.length;
      counters.set(rows.categoryId, counter);
      report.topics++;
      report.posts += rows.posts.length;
      report.notifications += rows.notifications.length;
      report.topicUsers += rows.topicUsers.length;
    }
  }
  if (shape.longTopicPosts > 0 && lastTopic) {
    report.longTopic = { id: lastTopic.topic[0] as number, slug: lastTopic.slug, posts: lastTopic.posts.length };
  }
  await writer.transaction(() => bumpCategoryCounters(writer, counters));
  await writer.syncSequence("Topic");
  await writer.settle();
  report.ms = performance.now() - started;
  return report;
}
