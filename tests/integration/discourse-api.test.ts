// Existing Discourse clients against our Discourse-compatible endpoints, through the real `discourse2` client.
//
// discourse2 (1.2.0) validates request parameters but not responses: its response check is commented out in its
// source. So every answer it gets here is checked by `CheckedDiscourse` against the 200 schema of the same
// operation in the OpenAPI document discourse2 ships (its openapi.js), compiled with discourse2's own Ajv:
// required fields, types and closed objects (additionalProperties: false), strictly.
import { createRequire } from "node:module";
import Discourse, { type DiscourseExecOptions } from "discourse2";
import { describe, expect, it } from "vitest";
import { deletePost } from "../../app/domain/forum/posting.server";
import { drainSearchOutbox } from "../../app/domain/search/engine.server";
import { loadSignedInUser } from "../../app/domain/identity/users.server";
import { getDb } from "../../app/infra/db.server";
import { runCli } from "../../scripts/cli";
import { useAppServer } from "../support/app-server";
import { csrfFrom, form, sessionCookieFor } from "../support/sessions";

type JsonSchema = { [key: string]: unknown; properties?: Record<string, JsonSchema>; items?: JsonSchema };
interface Validator {
  (data: unknown): boolean;
  errors?: unknown[] | null;
}
interface AjvInstance {
  compile(schema: object): Validator;
  errorsText(errors: unknown): string;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
}

const fromDiscourse2 = createRequire(createRequire(import.meta.url).resolve("discourse2"));
const spec = (fromDiscourse2("./openapi.js") as { default: OpenApiDocument }).default;
const { Ajv } = fromDiscourse2("ajv") as { Ajv: new (options: object) => AjvInstance };
const ajv = new Ajv({ allErrors: true, strict: false });

/** Where Discourse's published schema contradicts what Discourse itself sends (and so what its clients expect).
 * Everything else is validated as published. */
function withErrata(operationId: string, schema: JsonSchema): JsonSchema {
  const fixed = structuredClone(schema);
  // The schema of the response root is typeless in some operations: a list or a string would pass it.
  fixed.type = "object";
  const visit = (node: JsonSchema) => {
    // posts.reply_to_post_number is an integer column, serialized as a number; the schema was written from an
    // example where it was null and says string.
    if (node.properties?.reply_to_post_number) node.properties.reply_to_post_number.type = ["integer", "null"];
    for (const child of [...Object.values(node.properties ?? {}), ...(node.items ? [node.items] : [])]) visit(child);
  };
  visit(fixed);
  if (operationId === "search" && fixed.properties) {
    // Discourse's search.json carries `topics` (the topics of the posts found) beside `posts`; the published schema,
    // closed, forgot it. `grouped_search_result.topic_ids` is ours: those topics' ids, for clients that list topics.
    fixed.properties.topics = { type: "array", items: {} };
    const grouped = fixed.properties.grouped_search_result?.properties;
    if (grouped) grouped.topic_ids = { type: "array", items: {} };
  }
  // We answer as a Discourse with the solved and voting plugins installed (as meta.discourse.org runs them): they add
  // these fields, typed here, to topics, their posts and topic list items. Every other field stays closed.
  const voting = { can_vote: { type: "boolean" }, vote_count: { type: "integer" }, user_voted: { type: "boolean" } };
  if (operationId === "getTopic" && fixed.properties) {
    Object.assign(fixed.properties, voting, {
      has_accepted_answer: { type: "boolean" },
      accepted_answer: {
        type: ["object", "null"],
        additionalProperties: false,
        required: ["post_number", "username", "excerpt"],
        properties: {
          post_number: { type: "integer" },
          username: { type: "string" },
          name: { type: "string" },
          excerpt: { type: "string" },
        },
      },
    });
    const post = fixed.properties.post_stream?.properties?.posts?.items?.properties;
    if (post) {
      Object.assign(post, {
        accepted_answer: { type: "boolean" },
        can_accept_answer: { type: "boolean" },
        can_unaccept_answer: { type: "boolean" },
      });
    }
  }
  const listItem = fixed.properties?.topic_list?.properties?.topics?.items?.properties;
  if (listItem) Object.assign(listItem, voting, { has_accepted_answer: { type: "boolean" } });
  if (operationId === "getTopic" && fixed.properties) {
    // Our extension: a tracked topic carries its typed interop report under `interop` (Discourse plugins add their
    // own keys to the topic view the same way; clients ignore what they do not know).
    fixed.properties.interop = { type: "object" };
    // Discourse sends action_code on its small action posts (post_type 3); the schema, written from a topic without
    // any, forgot it.
    const post = fixed.properties.post_stream?.properties?.posts?.items;
    if (post?.properties) post.properties.action_code = { type: "string" };
  }
  const topicList = fixed.properties?.topic_list;
  if (topicList?.properties) {
    // Discourse adds more_topics_url to every topic list that has a next page; the category list's schema, closed,
    // forgot it.
    topicList.properties.more_topics_url = { type: "string" };
    // The same serializer (TopicListItemSerializer) fills both lists: listCategoryTopics documents the null that
    // Discourse sends for image_url, bookmarked and liked when there is no image or no per-user data,
    // listLatestTopics does not.
    const item = topicList.properties.topics?.items?.properties;
    if (operationId === "listLatestTopics" && item) {
      for (const field of ["image_url", "bookmarked", "liked"]) item[field]!.type = [item[field]!.type, "null"].flat();
    }
  }
  return fixed;
}

const validators = new Map<string, Validator>();
function validatorFor(operationId: string): Validator {
  let validate = validators.get(operationId);
  if (!validate) {
    const operation = Object.values(spec.paths)
      .flatMap((methods) => Object.values(methods))
      .find((candidate) => candidate.operationId === operationId);
    const response = operation?.responses["200"] as { content: { "application/json": { schema: JsonSchema } } };
    validate = ajv.compile(withErrata(operationId, response.content["application/json"].schema));
    validators.set(operationId, validate);
  }
  return validate;
}

function assertDiscourseShape(operationId: string, json: unknown): void {
  const validate = validatorFor(operationId);
  if (!validate(json)) throw new Error(`${operationId}: ${ajv.errorsText(validate.errors)}`);
}

/** discourse2 with its response validation turned back on, strictly. */
class CheckedDiscourse extends Discourse {
  override async _exec<T>(
    operationName: string,
    params?: Record<string, string>,
    options?: DiscourseExecOptions,
  ): Promise<unknown> {
    const json = await super._exec<T>(operationName, params, options);
    assertDiscourseShape(operationName, json);
    return json;
  }
}

const baseUrl = useAppServer();

async function apiKey(username: string, ...scopes: string[]): Promise<string> {
  const lines: string[] = [];
  const args = ["api-key", "create", "--user", username, ...scopes.flatMap((scope) => ["--scope", scope])];
  expect(await runCli(args, (line) => lines.push(line))).toBe(0);
  return lines[0]!;
}

async function clientFor(username: string, ...scopes: string[]) {
  return new CheckedDiscourse(baseUrl(), { "Api-Key": await apiKey(username, ...scopes), "Api-Username": username });
}

async function getJson(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl()}${path}`, { headers });
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return { status: response.status, json: (await response.json()) as Record<string, unknown> & { errors?: string[] } };
}

async function postJson(body: unknown, headers: Record<string, string>) {
  const response = await fetch(`${baseUrl()}/posts.json`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as { errors?: string[]; error_type?: string } };
}

const categoryNamed = async (slug: string) => (await getDb()).category.findUniqueOrThrow({ where: { slug } });
const topicTitled = async (title: string) =>
  (await getDb()).topic.findFirstOrThrow({ where: { title }, include: { posts: { orderBy: { postNumber: "asc" } } } });
const counts = async () => ({ topics: await (await getDb()).topic.count(), posts: await (await getDb()).post.count() });

const OGC_TOPIC = "OGC API Features : le lien « next » de geOrchestra perd le paramètre bbox";
const SECURITY_TOPIC = "Divulgation coordonnée : en-têtes CORS trop permissifs sur un service WFS";

describe("Discourse API through discourse2", () => {
  it("lists the latest topics, newest activity first, and pages through them with more_topics_url", async () => {
    const discourse = new CheckedDiscourse(baseUrl());
    const latest = await discourse.listLatestTopics();
    const topics = latest.topic_list!.topics!;
    expect(topics.length).toBeGreaterThanOrEqual(6);
    expect(latest.topic_list!.per_page).toBe(30);
    expect(latest.topic_list!.can_create_topic).toBe(false);
    const bumped = topics.map((topic) => topic.bumped_at!);
    expect(bumped).toEqual([...bumped].sort().reverse());
    const ogc = topics.find((topic) => topic.title === OGC_TOPIC)!;
    // The fourth post number is the timeline's "Nouveau → En cours" event: numbered, not counted as a post.
    expect(ogc).toMatchObject({
      posts_count: 3,
      reply_count: 2,
      highest_post_number: 4,
      last_poster_username: "julien.roux",
    });
    const userIds = new Set(latest.users!.map((user) => user.id));
    expect(topics.every((topic) => topic.posters!.every((poster) => userIds.has(poster.user_id!)))).toBe(true);
    expect(latest.users!.find((user) => user.username === "julien.roux")).toMatchObject({ name: "Julien Roux" });

    const seen: number[] = [];
    let page = await discourse.listLatestTopics({ per_page: 2 });
    for (;;) {
      expect(page.topic_list!.topics!.length).toBeLessThanOrEqual(2);
      seen.push(...page.topic_list!.topics!.map((topic) => topic.id!));
      const next = (page.topic_list as { more_topics_url?: string }).more_topics_url;
      if (!next) break;
      expect(next).toMatch(/^\/latest\.json\?cursor=[\w-]+&per_page=2$/);
      const { json } = await getJson(next);
      assertDiscourseShape("listLatestTopics", json);
      page = json as typeof page;
    }
    expect(seen).toEqual(topics.map((topic) => topic.id));
  });

  it("lists the categories and a category's topics", async () => {
    const discourse = new CheckedDiscourse(baseUrl());
    const { category_list: list } = await discourse.listCategories();
    expect(list.categories.map((category) => category.slug)).toEqual([
      "problemes-interoperabilite",
      "feuille-de-route",
      "clausier-cctp",
      "annonces",
    ]);
    const interop = list.categories[0]!;
    const stored = await categoryNamed("problemes-interoperabilite");
    expect(interop).toMatchObject({
      id: stored.id,
      name: "Problèmes d'interopérabilité",
      color: "CE0500",
      text_color: "FFFFFF",
      topic_count: stored.topicCount,
      post_count: stored.postCount,
      read_restricted: false,
      permission: 3,
      topics_all_time: stored.topicCount,
    });
    expect(interop.topics_week).toBe(stored.topicCount);

    const byPath = await discourse.listCategoryTopics({ slug: interop.slug, id: interop.id });
    const ids = byPath.topic_list.topics.map((topic) => topic.id);
    expect(ids.length).toBe(stored.topicCount);
    expect(byPath.topic_list.topics.every((topic) => topic.category_id === interop.id)).toBe(true);
    for (const path of [`/c/${interop.id}.json`, `/c/${interop.slug}.json`, `/c/ancien-nom/${interop.id}.json`]) {
      const { status, json } = await getJson(path);
      expect(status).toBe(200);
      assertDiscourseShape("listCategoryTopics", json);
      expect((json as typeof byPath).topic_list.topics.map((topic) => topic.id)).toEqual(ids);
    }
    const paged = await getJson(`/c/${interop.slug}/${interop.id}.json?per_page=1`);
    assertDiscourseShape("listCategoryTopics", paged.json);
    expect((paged.json as { topic_list: { more_topics_url: string } }).topic_list.more_topics_url).toMatch(
      new RegExp(`^/c/${interop.slug}/${interop.id}\\.json\\?cursor=`),
    );
    expect((await getJson("/c/999999.json")).status).toBe(404);
  });

  it("reads a topic with its post stream, and a single post with its Markdown", async () => {
    const discourse = new CheckedDiscourse(baseUrl());
    const stored = await topicTitled(OGC_TOPIC);
    const topic = await discourse.getTopic({ id: String(stored.id) });
    expect(topic).toMatchObject({ id: stored.id, title: OGC_TOPIC, slug: stored.slug, posts_count: 3, reply_count: 2 });
    expect(topic.post_stream.stream).toEqual(stored.posts.map((post) => post.id));
    const posts = topic.post_stream.posts;
    expect(posts.map((post) => [post.post_number, post.username, post.reply_to_post_number, post.post_type])).toEqual([
      [1, "julien.roux", null, 1],
      [2, "karim.haddad", null, 1],
      [3, "julien.roux", 2, 1],
      [4, "julien.roux", null, 3],
    ]);
    expect(posts[3]).toMatchObject({ action_code: "status_changed", can_edit: false });
    expect(posts[3]!.cooked).toContain("a changé le statut : Nouveau → En cours");
    expect(posts.slice(0, 3).every((post) => !("action_code" in post))).toBe(true);
    expect(posts[0]!.cooked).toContain("<strong>Étapes pour reproduire</strong>");
    expect(posts[1]).toMatchObject({ reply_count: 1, moderator: true, name: "Karim Haddad", yours: false });
    expect(topic.details).toMatchObject({
      can_create_post: false,
      created_by: { username: "julien.roux" },
      last_poster: { username: "julien.roux" },
    });
    expect(topic.participant_count).toBe(2);

    const post = await discourse.getPost({ id: String(stored.posts[2]!.id) });
    expect(post).toMatchObject({
      id: stored.posts[2]!.id,
      raw: stored.posts[2]!.raw,
      post_number: 3,
      reply_to_post_number: 2,
      topic_id: stored.id,
      topic_slug: stored.slug,
      post_url: `/t/${stored.slug}/${stored.id}/3`,
      can_edit: false,
    });
  });

  it("creates a topic and replies to it with Api-Key and Api-Username", async () => {
    const key = await apiKey("julien.roux", "topics:write", "read");
    const discourse = new CheckedDiscourse(baseUrl(), { "Api-Key": key, "Api-Username": "julien.roux" });
    const annonces = await categoryNamed("annonces");
    const created = await discourse.createTopicPostPM({
      title: "geOrchestra 24.0.3 publiée",
      raw: "Elle corrige le lien **next** d'OGC API Features.",
      category: annonces.id,
    });
    expect(created).toMatchObject({
      post_number: 1,
      username: "julien.roux",
      yours: true,
      can_edit: true,
      raw: "Elle corrige le lien **next** d'OGC API Features.",
      topic_slug: "georchestra-24-0-3-publiee",
    });
    expect(created.cooked).toContain("<strong>next</strong>");
    const reply = await discourse.createTopicPostPM({
      topic_id: created.topic_id,
      raw: "Merci, déployée sur la recette.",
      reply_to_post_number: 1,
    });
    expect(reply).toMatchObject({ topic_id: created.topic_id, post_number: 2, reply_to_post_number: 1, yours: true });

    const topic = await discourse.getTopic({ id: String(created.topic_id) });
    expect(topic.post_stream.stream).toEqual([created.id, reply.id]);
    expect(topic.details).toMatchObject({ can_create_post: true, can_edit: true });
    expect(topic.post_stream.posts[0]!.reply_count).toBe(1);
    const latest = await discourse.listLatestTopics();
    expect(latest.topic_list!.topics![0]).toMatchObject({ id: created.topic_id, posts_count: 2 });
    expect(latest.topic_list!.can_create_topic).toBe(true);

    // Form-encoded bodies work too, as on Discourse.
    const response = await fetch(`${baseUrl()}/posts.json`, {
      method: "POST",
      headers: {
        "api-key": key,
        "api-username": "julien.roux",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: form({ topic_id: String(created.topic_id), raw: "Et en formulaire.", reply_to_post_number: "2" }),
    });
    expect(response.status).toBe(200);
    const formReply = await response.json();
    assertDiscourseShape("createTopicPostPM", formReply);
    expect(formReply).toMatchObject({ post_number: 3, reply_to_post_number: 2 });
  });

  it("searches in Discourse's shape, finding only what the caller may read", async () => {
    await drainSearchOutbox(await getDb());
    type Found = { posts: { topic_id: number; post_number: number }[]; topics: { id: number; title: string }[] };
    const ogc = await topicTitled(OGC_TOPIC);
    const anonymous = await new CheckedDiscourse(baseUrl()).search({ q: "bbox georchestra" });
    expect(anonymous.grouped_search_result).toMatchObject({ term: "bbox georchestra", error: null });
    expect((anonymous as unknown as Found).posts).toContainEqual(expect.objectContaining({ topic_id: ogc.id }));
    expect((anonymous as unknown as Found).topics).toContainEqual(
      expect.objectContaining({ id: ogc.id, title: OGC_TOPIC }),
    );

    const security = await topicTitled(SECURITY_TOPIC);
    const member = await clientFor("claire.martin", "read");
    const hidden = (await member.search({ q: "CORS permissifs" })) as unknown as Found;
    expect(hidden.posts.map((post) => post.topic_id)).not.toContain(security.id);
    const moderator = await clientFor("karim.haddad", "read");
    const shown = (await moderator.search({ q: "CORS permissifs" })) as unknown as Found;
    expect(shown.posts).toContainEqual(expect.objectContaining({ topic_id: security.id, post_number: 1 }));

    const nothing = await new CheckedDiscourse(baseUrl()).search({ q: "zyxwvutsrq" });
    expect(nothing.grouped_search_result).toMatchObject({ post_ids: [], more_full_page_results: null });
    expect(nothing.posts).toEqual([]);
  });

  it("really validates: a wrong shape fails the schema check", async () => {
    const topic = (await getJson(`/t/${(await topicTitled(OGC_TOPIC)).id}.json`)).json;
    expect(() => assertDiscourseShape("getTopic", topic)).not.toThrow();
    const { post_stream: _dropped, ...withoutStream } = topic;
    expect(() => assertDiscourseShape("getTopic", withoutStream)).toThrow(/must have required property 'post_stream'/);
    expect(() => assertDiscourseShape("getTopic", { ...topic, id: String(topic.id) })).toThrow(/\/id must be integer/);
    expect(() => assertDiscourseShape("getTopic", { ...topic, surprise: true })).toThrow(/additional properties/);
    expect(() => assertDiscourseShape("getTopic", [topic])).toThrow(/must be object/);
    const categories = (await getJson("/categories.json")).json as { category_list: { categories: object[] } };
    const [first] = categories.category_list.categories;
    const broken = { category_list: { ...categories.category_list, categories: [{ ...first, permission: null }] } };
    expect(() => assertDiscourseShape("listCategories", broken)).toThrow(/permission must be integer/);
  });
});

describe("Discourse API errors", () => {
  it("refuses a too-short title with Discourse's error shape and a French message, writing nothing", async () => {
    const key = await apiKey("julien.roux", "topics:write");
    const before = await counts();
    const { status, json } = await postJson(
      { title: "Bof", raw: "Un message correct.", category: (await categoryNamed("annonces")).id },
      { "api-key": key, "api-username": "julien.roux" },
    );
    expect(status).toBe(422);
    expect(json).toEqual({
      errors: ["Le titre doit contenir au moins 5 caractères."],
      error_type: "invalid_parameters",
    });
    const noCategory = await postJson(
      { title: "Un titre correct", raw: "Un message correct." },
      { "api-key": key, "api-username": "julien.roux" },
    );
    expect(noCategory).toEqual({
      status: 422,
      json: { errors: ["Catégorie inconnue."], error_type: "invalid_parameters" },
    });
    expect(await counts()).toEqual(before);
  });

  it("answers 403 without the topics:write scope, 401 for a wrong key or nobody, 404 for an unknown topic", async () => {
    const readOnly = await apiKey("julien.roux", "read");
    const refused = await postJson(
      { topic_id: 1, raw: "Bonjour" },
      { "api-key": readOnly, "api-username": "julien.roux" },
    );
    expect(refused).toEqual({
      status: 403,
      json: { errors: ["Cette clé d'API n'a pas la portée « topics:write »."], error_type: "invalid_access" },
    });
    const wrongKey = await postJson({ topic_id: 1, raw: "Bonjour" }, { "api-key": "cicclo_faux", "api-username": "x" });
    expect(wrongKey).toEqual({
      status: 401,
      json: { errors: ["Clé d'API invalide, expirée ou révoquée."], error_type: "not_logged_in" },
    });
    expect((await postJson({ topic_id: 1, raw: "Bonjour" }, {})).status).toBe(401);
    const writeOnly = { "api-key": await apiKey("julien.roux", "topics:write"), "api-username": "julien.roux" };
    expect(await getJson("/latest.json", writeOnly)).toEqual({
      status: 403,
      json: { errors: ["Cette clé d'API n'a pas la portée « read »."], error_type: "invalid_access" },
    });

    const writer = await apiKey("julien.roux", "topics:write");
    const unknown = await postJson(
      { topic_id: 987_654, raw: "Perdu ?" },
      { "api-key": writer, "api-username": "julien.roux" },
    );
    expect(unknown).toEqual({ status: 404, json: { errors: ["Ce sujet est introuvable."], error_type: "not_found" } });
    expect(await getJson("/t/987654.json")).toEqual({
      status: 404,
      json: { errors: ["Ce sujet est introuvable."], error_type: "not_found" },
    });
    expect((await getJson("/posts/987654.json")).status).toBe(404);
    expect((await getJson("/t/abc.json")).status).toBe(404);
    const privateMessage = await postJson(
      { title: "Message privé", raw: "Entre nous", archetype: "private_message", target_recipients: "admin" },
      { "api-key": writer, "api-username": "julien.roux" },
    );
    expect(privateMessage.status).toBe(422);
  });

  it("asks a browser session for its CSRF token before posting", async () => {
    const { cookie } = await sessionCookieFor("julien.roux");
    const topicId = (await topicTitled(OGC_TOPIC)).id;
    const without = await postJson({ topic_id: topicId, raw: "Depuis le navigateur" }, { cookie });
    expect(without.status).toBe(403);
    const csrf = await csrfFrom(baseUrl(), "/u/julien.roux/preferences/api-keys", cookie);
    expect(csrf).not.toBe("");
    const withToken = await postJson(
      { topic_id: topicId, raw: "Depuis le navigateur" },
      { cookie, "x-csrf-token": csrf },
    );
    expect(withToken.status).toBe(200);
  });
});

describe("Discourse API privacy", () => {
  it("hides a restricted category and its topic from outsiders, everywhere, and shows them to a moderator", async () => {
    const secret = await topicTitled(SECURITY_TOPIC);
    const securite = await categoryNamed("securite");
    const outsiders: [string, Record<string, string>][] = [
      ["anonymous", {}],
      ["member key", { "api-key": await apiKey("julien.roux", "read"), "api-username": "julien.roux" }],
      ["member session", { cookie: (await sessionCookieFor("claire.martin")).cookie }],
    ];
    for (const [who, headers] of outsiders) {
      const latest = await getJson("/latest.json", headers);
      expect(latest.status, who).toBe(200);
      expect(JSON.stringify(latest.json), who).not.toContain("Divulgation coordonnée");
      const categories = JSON.stringify((await getJson("/categories.json", headers)).json);
      expect(categories, who).not.toContain("securite");
      expect(categories, who).not.toContain("Sécurité");
      for (const path of [
        `/t/${secret.id}.json`,
        `/posts/${secret.posts[0]!.id}.json`,
        `/c/securite/${securite.id}.json`,
        `/c/${securite.id}.json`,
        `/c/securite.json`,
      ]) {
        expect(await getJson(path, headers), `${who} ${path}`).toMatchObject({
          status: 404,
          json: { error_type: "not_found" },
        });
      }
    }

    const moderator = await clientFor("karim.haddad", "read");
    const latest = await moderator.listLatestTopics();
    expect(latest.topic_list!.topics!.map((topic) => topic.id)).toContain(secret.id);
    const { category_list: list } = await moderator.listCategories();
    expect(list.categories.find((category) => category.slug === "securite")).toMatchObject({
      read_restricted: true,
      topic_count: 1,
    });
    expect((await moderator.listCategoryTopics({ slug: "securite", id: securite.id })).topic_list.topics).toHaveLength(
      1,
    );
    expect((await moderator.getTopic({ id: String(secret.id) })).title).toBe(SECURITY_TOPIC);
    expect((await moderator.getPost({ id: String(secret.posts[0]!.id) })).username).toBe("karim.haddad");
  });

  it("shows a deleted post to staff only", async () => {
    const author = await clientFor("julien.roux", "topics:write", "read");
    const topicId = (await topicTitled(OGC_TOPIC)).id;
    const reply = await author.createTopicPostPM({ topic_id: topicId, raw: "Message posté par erreur." });
    const db = await getDb();
    await deletePost(db, (await loadSignedInUser(db, { username: "julien.roux" }))!, reply.id);

    expect((await getJson(`/posts/${reply.id}.json`)).status).toBe(404);
    const forAnonymous = await new CheckedDiscourse(baseUrl()).getTopic({ id: String(topicId) });
    expect(forAnonymous.post_stream.stream).not.toContain(reply.id);
    expect(forAnonymous.has_deleted).toBe(false);

    const moderator = await clientFor("karim.haddad", "read");
    const seen = await moderator.getPost({ id: String(reply.id) });
    expect(seen.deleted_at).not.toBeNull();
    expect(seen.can_recover).toBe(true);
    const forModerator = await moderator.getTopic({ id: String(topicId) });
    expect(forModerator.post_stream.stream).toContain(reply.id);
    expect(forModerator.has_deleted).toBe(true);
  });
});
