// Builds search documents from the database: topics (with their typed interop report), replies, clause versions,
// solutions and conformance classes. Always from the current rows, for a batch of ids at once (a few queries per
// batch, whatever its size), so the outbox worker and a full rebuild share the same code and never run N+1 queries.
// A thing that is gone or no longer searchable (deleted, hidden, an event post) yields null: its document is deleted.
import type { DbOrTx } from "~/infra/db.server";
import type { StoredFrontMatter } from "~/domain/clauses/catalogue";
import type { OutboxChange } from "./outbox-worker";
import { PUBLIC_AUDIENCE, type SearchDocument } from "./search-document";

/** Rebuilds read and index this many things per batch. */
export const SEARCH_BATCH_SIZE = 500;

const MAX_TITLE_LENGTH = 1_000;
const MAX_BODY_LENGTH = 200_000;
/** The audience of a read-restricted category no group may see: staff only (they see everything anyway). */
const STAFF_ONLY_AUDIENCE = "role:staff";

// ---- Text ----

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** The text of sanitized post HTML (what Markdown rendered): tags become spaces, entities characters. */
export function plainTextOfHtml(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name.startsWith("#x") || name.startsWith("#X")) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? entity;
    })
    .replace(/\s+/g, " ")
    .trim();
}

const joinText = (...parts: (string | null | undefined)[]) =>
  parts
    .filter((part): part is string => Boolean(part && part.trim()))
    .join("\n")
    .slice(0, MAX_BODY_LENGTH);
const titleOf = (title: string) => title.slice(0, MAX_TITLE_LENGTH);

/**
 * The short alias of a conformance class URI, as people type it: "ogcapi-features-1/core" for
 * http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core, "proconnect/login" for the ProConnect classes.
 */
export function classShortAlias(uri: string): string | null {
  const match = /\/([^/]+)\/\d[^/]*\/(?:conf|req)\/(.+?)\/?$/.exec(uri);
  return match ? `${match[1]}/${match[2]}` : null;
}

const withAliases = (uris: readonly (string | null | undefined)[]) => [
  ...new Set(
    uris.flatMap((uri) => (uri ? [uri, classShortAlias(uri)].filter((value): value is string => !!value) : [])),
  ),
];

// ---- Forum ----

type Audience = SearchDocument["audience"];

/** Every category's audience: public, or the groups that may see a read-restricted one (staff see everything). */
async function categoryAudiences(db: DbOrTx, categoryIds: readonly number[]): Promise<Map<number, Audience>> {
  const categories = await db.category.findMany({
    where: { id: { in: [...new Set(categoryIds)] } },
    select: {
      id: true,
      readRestricted: true,
      permissions: { where: { canSee: true }, select: { group: { select: { name: true } } } },
    },
  });
  return new Map(
    categories.map((category): [number, Audience] => {
      if (!category.readRestricted) return [category.id, PUBLIC_AUDIENCE];
      const groups = category.permissions.map((permission) => permission.group.name);
      return [category.id, groups.length ? groups : [STAFF_ONLY_AUDIENCE]];
    }),
  );
}

const topicFacetsSelect = {
  id: true,
  slug: true,
  title: true,
  categoryId: true,
  deletedAt: true,
  tags: { select: { tag: { select: { name: true } } } },
  interopReport: {
    select: {
      status: true,
      classUri: true,
      endpointUrl: true,
      steps: true,
      expected: true,
      actual: true,
      reportingSolution: { select: { slug: true, name: true } },
      affected: { select: { solution: { select: { slug: true, name: true } } } },
    },
  },
} as const;

type TopicFacetsRow = {
  tags: { tag: { name: string } }[];
  interopReport: {
    status: string;
    classUri: string | null;
    reportingSolution: { slug: string };
    affected: { solution: { slug: string } }[];
  } | null;
};

/** What a topic's documents (its own and its replies') share: tags, solutions, class. */
function topicFacets(topic: TopicFacetsRow) {
  const report = topic.interopReport;
  return {
    tags: topic.tags.map((row) => row.tag.name),
    solutions: report
      ? [...new Set([report.reportingSolution.slug, ...report.affected.map((row) => row.solution.slug)])]
      : [],
    classUris: withAliases([report?.classUri]),
  };
}

/** Topic documents by topic id; null for a deleted topic (or one that does not exist). */
export async function buildTopicDocuments(
  db: DbOrTx,
  topicIds: readonly number[],
): Promise<Map<number, SearchDocument | null>> {
  const topics = await db.topic.findMany({
    where: { id: { in: [...new Set(topicIds)] } },
    select: {
      ...topicFacetsSelect,
      bumpedAt: true,
      voteCount: true,
      posts: { where: { postNumber: 1 }, select: { cooked: true, deletedAt: true, hiddenAt: true } },
      assignments: { select: { userId: true, group: { select: { name: true } } } },
    },
  });
  const audiences = await categoryAudiences(
    db,
    topics.map((topic) => topic.categoryId),
  );
  const documents = new Map<number, SearchDocument | null>(topicIds.map((id) => [id, null]));
  for (const topic of topics) {
    if (topic.deletedAt) continue;
    const first = topic.posts[0];
    const report = topic.interopReport;
    const facets = topicFacets(topic);
    documents.set(topic.id, {
      id: `topic:${topic.id}`,
      type: "topic",
      title: titleOf(topic.title),
      body: joinText(
        first && !first.deletedAt && !first.hiddenAt ? plainTextOfHtml(first.cooked) : "",
        report ? [report.reportingSolution.name, ...report.affected.map((row) => row.solution.name)].join(" ") : null,
        report?.classUri,
        report?.endpointUrl,
        report?.steps,
        report?.expected,
        report?.actual,
      ),
      url: `/t/${topic.slug}/${topic.id}`,
      categoryId: String(topic.categoryId),
      ...facets,
      status: report?.status ?? null,
      assignees: topic.assignments.flatMap((row) =>
        row.userId !== null ? [`user:${row.userId}`] : row.group ? [`group:${row.group.name}`] : [],
      ),
      audience: audiences.get(topic.categoryId) ?? [STAFF_ONLY_AUDIENCE],
      updatedAt: topic.bumpedAt,
      votes: topic.voteCount,
      parentId: null,
    });
  }
  return documents;
}

/** Reply documents by post id; null for a first post, an event post, a deleted or hidden one, or a deleted topic's. */
export async function buildPostDocuments(
  db: DbOrTx,
  postIds: readonly number[],
): Promise<Map<number, SearchDocument | null>> {
  const posts = await db.post.findMany({
    where: { id: { in: [...new Set(postIds)] } },
    select: {
      id: true,
      postNumber: true,
      postType: true,
      cooked: true,
      deletedAt: true,
      hiddenAt: true,
      updatedAt: true,
      topic: { select: topicFacetsSelect },
    },
  });
  const audiences = await categoryAudiences(
    db,
    posts.map((post) => post.topic.categoryId),
  );
  const documents = new Map<number, SearchDocument | null>(postIds.map((id) => [id, null]));
  for (const post of posts) {
    const { topic } = post;
    if (post.postNumber === 1 || post.postType !== 1 || post.deletedAt || post.hiddenAt || topic.deletedAt) continue;
    documents.set(post.id, {
      id: `post:${post.id}`,
      type: "post",
      title: titleOf(topic.title),
      body: joinText(plainTextOfHtml(post.cooked)),
      url: `/t/${topic.slug}/${topic.id}/${post.postNumber}`,
      categoryId: String(topic.categoryId),
      ...topicFacets(topic),
      status: null,
      assignees: [],
      audience: audiences.get(topic.categoryId) ?? [STAFF_ONLY_AUDIENCE],
      updatedAt: post.updatedAt,
      votes: 0,
      parentId: `topic:${topic.id}`,
    });
  }
  return documents;
}

// ---- Clause library ----

type StoredParameter = StoredFrontMatter["parameters"][number];

/** A clause's text without its template tags ({{#if x}}, {{/if}}); a parameter's place keeps its name. */
const withoutTemplateTags = (text: string) =>
  text.replace(/\{\{\s*[#/]?(?:if|unless|else|each)\b[^}]*\}\}/g, " ").replace(/\{\{\s*([^}]*?)\s*\}\}/g, "$1");

/** What a parameter says, for search: its name, label, help, unit, options and default. */
function parameterText(parameter: StoredParameter): string {
  const options = "options" in parameter ? parameter.options.map((option) => option.label) : [];
  const unit = "unit" in parameter ? parameter.unit : undefined;
  const fallback = parameter.default === undefined ? undefined : String(parameter.default);
  return [parameter.name, parameter.label, parameter.help, unit, ...options, fallback].filter(Boolean).join(" ");
}

/** Clause version documents by "<clauseId>@<version>"; null for a version that does not exist. */
export async function buildClauseVersionDocuments(
  db: DbOrTx,
  keys: readonly string[],
): Promise<Map<string, SearchDocument | null>> {
  const wanted = [...new Set(keys)].flatMap((key) => {
    const at = key.lastIndexOf("@");
    return at > 0 ? [{ clauseId: key.slice(0, at), version: key.slice(at + 1) }] : [];
  });
  const rows = wanted.length
    ? await db.clauseVersion.findMany({
        where: { OR: wanted },
        select: {
          clauseId: true,
          version: true,
          title: true,
          frontMatter: true,
          bindingText: true,
          guidanceText: true,
          publishedAt: true,
          clause: { select: { currentVersion: true, tags: true } },
        },
      })
    : [];
  const documents = new Map<string, SearchDocument | null>(keys.map((key) => [key, null]));
  for (const row of rows) {
    const frontMatter = JSON.parse(row.frontMatter) as Partial<StoredFrontMatter>;
    documents.set(`${row.clauseId}@${row.version}`, {
      id: `clause:${row.clauseId}@${row.version}`,
      type: "clause",
      title: titleOf(row.title),
      body: joinText(
        withoutTemplateTags(row.bindingText),
        ...(frontMatter.parameters ?? []).map(parameterText),
        withoutTemplateTags(row.guidanceText),
        frontMatter.changelog,
      ),
      url: `/clauses/${row.clauseId}/v/${row.version}`,
      categoryId: null,
      tags: frontMatter.tags ?? (JSON.parse(row.clause.tags) as string[]),
      solutions: [],
      status: row.version === row.clause.currentVersion ? "current" : "superseded",
      classUris: withAliases(frontMatter.conformanceClasses ?? []),
      assignees: [],
      audience: PUBLIC_AUDIENCE,
      updatedAt: row.publishedAt,
      votes: 0,
      parentId: `clause:${row.clauseId}`,
    });
  }
  return documents;
}

// ---- Conformance ----

export async function buildSolutionDocuments(
  db: DbOrTx,
  slugs: readonly string[],
): Promise<Map<string, SearchDocument | null>> {
  const solutions = await db.solution.findMany({
    where: { slug: { in: [...new Set(slugs)] } },
    select: {
      slug: true,
      name: true,
      repositoryUrl: true,
      trackerUrl: true,
      createdAt: true,
      maintainerGroup: { select: { label: true } },
      versions: {
        select: { version: true, deployments: { select: { name: true, organisationLabel: true, endpointUrl: true } } },
      },
    },
  });
  const documents = new Map<string, SearchDocument | null>(slugs.map((slug) => [slug, null]));
  for (const solution of solutions) {
    const deployments = solution.versions.flatMap((version) => version.deployments);
    documents.set(solution.slug, {
      id: `solution:${solution.slug}`,
      type: "solution",
      title: titleOf(solution.name),
      body: joinText(
        `Solution ${solution.name} (${solution.slug})`,
        solution.maintainerGroup ? `Maintenue par ${solution.maintainerGroup.label}` : null,
        solution.versions.length
          ? `Versions : ${solution.versions.map((version) => version.version).join(", ")}`
          : null,
        ...deployments.map((deployment) =>
          [deployment.name, deployment.organisationLabel, deployment.endpointUrl].filter(Boolean).join(" — "),
        ),
        solution.repositoryUrl,
        solution.trackerUrl,
      ),
      // The solution's issues: the query syntax lists them.
      url: `/search?q=${encodeURIComponent(`solution:${solution.slug}`)}`,
      categoryId: null,
      tags: [],
      solutions: [solution.slug],
      status: null,
      classUris: [],
      assignees: [],
      audience: PUBLIC_AUDIENCE,
      updatedAt: solution.createdAt,
      votes: 0,
      parentId: null,
    });
  }
  return documents;
}

export async function buildConformanceClassDocuments(
  db: DbOrTx,
  uris: readonly string[],
): Promise<Map<string, SearchDocument | null>> {
  const classes = await db.conformanceClass.findMany({ where: { uri: { in: [...new Set(uris)] } } });
  const documents = new Map<string, SearchDocument | null>(uris.map((uri) => [uri, null]));
  for (const cls of classes) {
    const aliases = JSON.parse(cls.aliases) as string[];
    const shortAlias = classShortAlias(cls.uri);
    documents.set(cls.uri, {
      id: `conformance-class:${cls.uri}`,
      type: "conformance-class",
      title: titleOf(cls.title),
      body: joinText(cls.standard, cls.part ? `Partie ${cls.part}` : null, shortAlias, cls.uri, ...aliases),
      url: `/conformance?norme=${encodeURIComponent(cls.standard)}`,
      categoryId: null,
      tags: [],
      solutions: [],
      status: null,
      classUris: withAliases([cls.uri, ...aliases]),
      assignees: [],
      audience: PUBLIC_AUDIENCE,
      updatedAt: new Date(0),
      votes: 0,
      parentId: null,
    });
  }
  return documents;
}

// ---- From outbox ids ----

const PREFIXES = ["topic", "post", "clause", "solution", "conformance-class"] as const;
type Prefix = (typeof PREFIXES)[number];

function splitId(documentId: string): { prefix: Prefix; key: string } | null {
  const colon = documentId.indexOf(":");
  const prefix = documentId.slice(0, colon) as Prefix;
  return colon > 0 && PREFIXES.includes(prefix) ? { prefix, key: documentId.slice(colon + 1) } : null;
}

const toChange = (documentId: string, document: SearchDocument | null | undefined): OutboxChange =>
  document ? { op: "upsert", document } : { op: "delete", documentId };

/**
 * The index changes for outbox document ids, built from the current rows: an upsert per searchable document, a delete
 * for one that is gone. A topic's id also re-indexes (or deletes) its replies, which carry its title, category,
 * tags and audience; a first post's id re-indexes its topic (whose body it is). Unknown ids become deletes, harmless
 * for the index.
 */
export async function buildSearchChanges(
  db: DbOrTx,
  documentIds: readonly string[],
): Promise<Map<string, OutboxChange[]>> {
  const keys: Record<Prefix, string[]> = { topic: [], post: [], clause: [], solution: [], "conformance-class": [] };
  for (const documentId of new Set(documentIds)) {
    const parsed = splitId(documentId);
    if (parsed) keys[parsed.prefix].push(parsed.key);
  }
  const requestedPostIds = keys.post.map(Number).filter(Number.isSafeInteger);
  // A first post's text is its topic's body: changing it re-indexes the topic.
  const firstPosts = requestedPostIds.length
    ? await db.post.findMany({
        where: { id: { in: requestedPostIds }, postNumber: 1 },
        select: { id: true, topicId: true },
      })
    : [];
  const topicOfFirstPost = new Map(firstPosts.map((post) => [post.id, post.topicId]));
  const topicIds = [...new Set([...keys.topic.map(Number).filter(Number.isSafeInteger), ...topicOfFirstPost.values()])];
  const replies = keys.topic.length
    ? await db.post.findMany({
        where: {
          topicId: { in: keys.topic.map(Number).filter(Number.isSafeInteger) },
          postNumber: { gt: 1 },
          postType: 1,
        },
        select: { id: true, topicId: true },
      })
    : [];
  const postIds = [...requestedPostIds, ...replies.map((reply) => reply.id)];
  const [topics, posts, clauses, solutions, classes] = await Promise.all([
    topicIds.length ? buildTopicDocuments(db, topicIds) : new Map<number, SearchDocument | null>(),
    postIds.length ? buildPostDocuments(db, postIds) : new Map<number, SearchDocument | null>(),
    keys.clause.length ? buildClauseVersionDocuments(db, keys.clause) : new Map<string, SearchDocument | null>(),
    keys.solution.length ? buildSolutionDocuments(db, keys.solution) : new Map<string, SearchDocument | null>(),
    keys["conformance-class"].length
      ? buildConformanceClassDocuments(db, keys["conformance-class"])
      : new Map<string, SearchDocument | null>(),
  ]);
  const repliesOf = new Map<number, number[]>();
  for (const reply of replies) repliesOf.set(reply.topicId, [...(repliesOf.get(reply.topicId) ?? []), reply.id]);

  const changes = new Map<string, OutboxChange[]>();
  for (const documentId of new Set(documentIds)) {
    const parsed = splitId(documentId);
    if (!parsed) {
      changes.set(documentId, [{ op: "delete", documentId }]);
      continue;
    }
    switch (parsed.prefix) {
      case "topic": {
        const topicId = Number(parsed.key);
        changes.set(documentId, [
          toChange(documentId, topics.get(topicId)),
          ...(repliesOf.get(topicId) ?? []).map((postId) => toChange(`post:${postId}`, posts.get(postId))),
        ]);
        break;
      }
      case "post": {
        const topicId = topicOfFirstPost.get(Number(parsed.key));
        changes.set(documentId, [
          toChange(documentId, posts.get(Number(parsed.key))),
          ...(topicId === undefined ? [] : [toChange(`topic:${topicId}`, topics.get(topicId))]),
        ]);
        break;
      }
      case "clause":
        changes.set(documentId, [toChange(documentId, clauses.get(parsed.key))]);
        break;
      case "solution":
        changes.set(documentId, [toChange(documentId, solutions.get(parsed.key))]);
        break;
      case "conformance-class":
        changes.set(documentId, [toChange(documentId, classes.get(parsed.key))]);
        break;
    }
  }
  return changes;
}

// ---- Full rebuild ----

export interface SearchDocumentBatch {
  type: SearchDocument["type"];
  documents: SearchDocument[];
}

/** Every searchable document of the database, in batches of `batchSize`, read with keyset pagination. */
export async function* allSearchDocuments(
  db: DbOrTx,
  batchSize = SEARCH_BATCH_SIZE,
): AsyncGenerator<SearchDocumentBatch> {
  const present = <K, V>(map: Map<K, V | null>) => [...map.values()].filter((value): value is V => value !== null);

  for (let after = 0; ;) {
    const ids = (
      await db.topic.findMany({
        where: { id: { gt: after }, deletedAt: null },
        orderBy: { id: "asc" },
        take: batchSize,
        select: { id: true },
      })
    ).map((row) => row.id);
    if (ids.length === 0) break;
    yield { type: "topic", documents: present(await buildTopicDocuments(db, ids)) };
    after = ids.at(-1)!;
  }
  for (let after = 0; ;) {
    const ids = (
      await db.post.findMany({
        where: {
          id: { gt: after },
          postNumber: { gt: 1 },
          postType: 1,
          deletedAt: null,
          hiddenAt: null,
          topic: { deletedAt: null },
        },
        orderBy: { id: "asc" },
        take: batchSize,
        select: { id: true },
      })
    ).map((row) => row.id);
    if (ids.length === 0) break;
    yield { type: "post", documents: present(await buildPostDocuments(db, ids)) };
    after = ids.at(-1)!;
  }
  for (let after = 0; ;) {
    const rows = await db.clauseVersion.findMany({
      where: { id: { gt: after } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, clauseId: true, version: true },
    });
    if (rows.length === 0) break;
    const keys = rows.map((row) => `${row.clauseId}@${row.version}`);
    yield { type: "clause", documents: present(await buildClauseVersionDocuments(db, keys)) };
    after = rows.at(-1)!.id;
  }
  for (let after = 0; ;) {
    const rows = await db.solution.findMany({
      where: { id: { gt: after } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, slug: true },
    });
    if (rows.length === 0) break;
    yield {
      type: "solution",
      documents: present(
        await buildSolutionDocuments(
          db,
          rows.map((row) => row.slug),
        ),
      ),
    };
    after = rows.at(-1)!.id;
  }
  for (let after = 0; ;) {
    const rows = await db.conformanceClass.findMany({
      where: { id: { gt: after } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, uri: true },
    });
    if (rows.length === 0) break;
    const documents = present(
      await buildConformanceClassDocuments(
        db,
        rows.map((row) => row.uri),
      ),
    );
    yield { type: "conformance-class", documents };
    after = rows.at(-1)!.id;
  }
}

/** Whether the database holds anything searchable (an empty index beside it then needs a rebuild). */
export async function hasSearchableContent(db: DbOrTx): Promise<boolean> {
  const [topic, clause] = await Promise.all([
    db.topic.findFirst({ where: { deletedAt: null }, select: { id: true } }),
    db.clauseVersion.findFirst({ select: { id: true } }),
  ]);
  return Boolean(topic || clause);
}
