// "#123" references and external tracker links, stored when a post is written (in its transaction) and shown on the
// topics they point at. Cooked HTML stays the same for every reader: links to a private topic carry a neutral slug,
// never its title; who may see a backlink is decided when the page is read.
import type { Db, DbOrTx } from "~/infra/db.server";
import { DomainError } from "~/domain/shared/errors";
import { visibleCategoriesWhere, type Reader } from "~/domain/forum/permissions";
import {
  describeExternalReference,
  extractExternalReferences,
  extractTopicReferences,
  missingReferenceMessage,
} from "./references";

/** The slug used in links to a topic of a read-restricted category: the cooked HTML must not carry its title. */
export const NEUTRAL_SLUG = "sujet";

/** The link path of each referenced topic the reader may see. */
export async function resolveTopicReferences(db: DbOrTx, reader: Reader, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const topics = await db.topic.findMany({
    where: { id: { in: ids }, deletedAt: null, category: visibleCategoriesWhere(reader) },
    select: { id: true, slug: true, category: { select: { readRestricted: true } } },
  });
  return new Map(
    topics.map((topic) => [topic.id, `/t/${topic.category.readRestricted ? NEUTRAL_SLUG : topic.slug}/${topic.id}`]),
  );
}

/** The same, refusing (422, next to the message field) a reference to a topic that does not exist or that the author
 * cannot see — one message for both, so a private topic's existence is not revealed. */
export async function requireTopicReferences(db: DbOrTx, author: Reader, raw: string): Promise<Map<number, string>> {
  const ids = extractTopicReferences(raw);
  const paths = await resolveTopicReferences(db, author, ids);
  const missing = ids.find((id) => !paths.has(id));
  if (missing !== undefined) {
    const message = missingReferenceMessage(missing);
    throw new DomainError(422, message, { fieldErrors: { raw: message } });
  }
  return paths;
}

/** Rewrites the TopicLink and ExternalReference rows of a post from its text, in the caller's transaction. */
export async function writePostReferences(tx: DbOrTx, post: { id: number; topicId: number; raw: string }) {
  const targets = extractTopicReferences(post.raw).filter((id) => id !== post.topicId);
  const external = extractExternalReferences(post.raw);
  await tx.topicLink.deleteMany({ where: { fromPostId: post.id } });
  await tx.externalReference.deleteMany({ where: { postId: post.id } });
  if (targets.length) {
    await tx.topicLink.createMany({
      data: targets.map((toTopicId) => ({ fromPostId: post.id, fromTopicId: post.topicId, toTopicId })),
    });
  }
  if (external.length) {
    await tx.externalReference.createMany({
      data: external.map((reference) => ({
        postId: post.id,
        topicId: post.topicId,
        url: reference.url,
        host: reference.host,
        repository: reference.repository,
        kind: reference.kind,
        number: reference.number,
      })),
    });
  }
}

export interface TopicRef {
  id: number;
  slug: string;
  title: string;
}

export interface ExternalReferenceView {
  url: string;
  label: string;
  host: string;
  repository: string;
  kind: string;
  number: number;
}

const SHOWN = 50;

/** Live (not deleted, not hidden) posts among these ids. */
async function livePostIds(db: DbOrTx, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const posts = await db.post.findMany({
    where: { id: { in: ids }, deletedAt: null, hiddenAt: null },
    select: { id: true },
  });
  return new Set(posts.map((post) => post.id));
}

/** Topics that mention this one ("Mentionné dans #456 « titre »"), newest first, only those the reader may see and
 * only through posts still standing. */
export async function listBacklinks(db: Db, reader: Reader, topicId: number): Promise<TopicRef[]> {
  const links = await db.topicLink.findMany({
    where: { toTopicId: topicId, fromTopic: { deletedAt: null, category: visibleCategoriesWhere(reader) } },
    orderBy: { fromPostId: "desc" },
    take: SHOWN * 2,
    select: { fromPostId: true, fromTopicId: true },
  });
  const [live, refs] = await Promise.all([
    livePostIds(
      db,
      links.map((link) => link.fromPostId),
    ),
    topicRefsById(
      db,
      links.map((link) => link.fromTopicId),
    ),
  ]);
  const topics = new Map<number, TopicRef>();
  for (const link of links) {
    if (live.has(link.fromPostId) && !topics.has(link.fromTopicId))
      topics.set(link.fromTopicId, refs.get(link.fromTopicId)!);
  }
  return [...topics.values()].slice(0, SHOWN);
}

/** Topic references by id, in one query, and none when there are no ids: the caller has already filtered the ids
 * by visibility. (A nested `select` of the relation would cost a query even for an empty list.) */
export async function topicRefsById(db: DbOrTx, ids: number[]): Promise<Map<number, TopicRef>> {
  if (ids.length === 0) return new Map();
  const topics = await db.topic.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, slug: true, title: true },
  });
  return new Map(topics.map((topic) => [topic.id, topic]));
}

/** The GitHub / GitLab issues and merge requests linked from the topic's live posts, once each. */
export async function listExternalReferences(db: Db, topicId: number): Promise<ExternalReferenceView[]> {
  const rows = await db.externalReference.findMany({
    where: { topicId },
    orderBy: [{ postId: "asc" }, { url: "asc" }],
    take: SHOWN * 2,
  });
  const live = await livePostIds(
    db,
    rows.map((row) => row.postId),
  );
  const byUrl = new Map<string, ExternalReferenceView>();
  for (const row of rows) {
    if (!live.has(row.postId) || byUrl.has(row.url)) continue;
    byUrl.set(row.url, {
      url: row.url,
      label: describeExternalReference(row),
      host: row.host,
      repository: row.repository,
      kind: row.kind,
      number: row.number,
    });
  }
  return [...byUrl.values()].slice(0, SHOWN);
}
