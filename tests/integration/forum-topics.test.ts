import { describe, expect, it } from "vitest";
import { readerOfUser, type Reader } from "../../app/domain/forum/permissions";
import { createReply, createTopic, deletePost, editPost, restorePost } from "../../app/domain/forum/posting.server";
import { getTopic, listLatestTopics, POSTS_PER_PAGE } from "../../app/domain/forum/topics.server";
import { loadSignedInUser } from "../../app/domain/identity/users.server";
import { type DomainError } from "../../app/domain/shared/errors";
import { getDb } from "../../app/infra/db.server";

const anonymous: Reader = { role: "anonymous", groups: [], userId: null };
const userNamed = async (username: string) => (await loadSignedInUser(await getDb(), { username }))!;
const categoryId = async (slug: string) => (await (await getDb()).category.findUniqueOrThrow({ where: { slug } })).id;
const errorOf = async (work: Promise<unknown>) =>
  work.then(
    () => null,
    (error: unknown) => error as DomainError,
  );

describe("topics and posts", () => {
  it("creates a topic with its first post and keeps counters in step with replies", async () => {
    const db = await getDb();
    const author = await userNamed("julien.roux");
    const annonces = await db.category.findUniqueOrThrow({ where: { slug: "annonces" } });
    const { topicId, slug } = await createTopic(db, author, {
      categoryId: annonces.id,
      title: "Nouvelle version de Prodige : 5.2",
      raw: "Notes de version **importantes**.",
    });
    expect(slug).toBe("nouvelle-version-de-prodige-5-2");
    const reply = await createReply(db, author, { topicId, raw: "Merci !", replyToPostNumber: 1 });
    expect(reply.postNumber).toBe(2);

    const topic = await getTopic(db, anonymous, topicId);
    expect(topic.postsCount).toBe(2);
    expect(topic.posts.map((post) => post.postNumber)).toEqual([1, 2]);
    expect(topic.posts[0]!.cooked).toBe("<p>Notes de version <strong>importantes</strong>.</p>\n");
    const after = await db.category.findUniqueOrThrow({ where: { id: annonces.id } });
    expect([after.topicCount, after.postCount]).toEqual([annonces.topicCount + 1, annonces.postCount + 2]);
  });

  it("refuses bad input and missing rights with French messages, writing nothing", async () => {
    const db = await getDb();
    const member = await userNamed("claire.martin");
    const before = { topics: await db.topic.count(), posts: await db.post.count() };
    const invalid = await errorOf(
      createTopic(db, member, { categoryId: await categoryId("annonces"), title: "Bof", raw: "" }),
    );
    expect(invalid?.status).toBe(422);
    expect(invalid?.context.fieldErrors).toEqual({
      title: "Le titre doit contenir au moins 5 caractères.",
      raw: "Le message est vide.",
    });
    const unknown = await errorOf(
      createTopic(db, member, { categoryId: 999_999, title: "Un titre correct", raw: "x" }),
    );
    expect(unknown?.userMessage).toBe("Choisissez une catégorie existante.");
    const secret = await errorOf(
      createTopic(db, member, { categoryId: await categoryId("securite"), title: "Un titre correct", raw: "x" }),
    );
    expect(secret?.userMessage).toBe("Choisissez une catégorie existante.");
    const missingTopic = await errorOf(createReply(db, member, { topicId: 987_654, raw: "perdu" }));
    expect(missingTopic?.status).toBe(404);
    expect({ topics: await db.topic.count(), posts: await db.post.count() }).toEqual(before);
  });

  it("keeps every edit as a revision and refuses a concurrent edit", async () => {
    const db = await getDb();
    const author = await userNamed("sophie.bernard");
    const { topicId, postId } = await createTopic(db, author, {
      categoryId: await categoryId("feuille-de-route"),
      title: "Proposition : un flux Atom des versions",
      raw: "Premier jet.",
    });
    const edited = await editPost(db, author, {
      postId,
      raw: "Version corrigée.",
      title: "Proposition : un flux Atom par solution",
      version: 1,
    });
    expect(edited).toEqual({ changed: true, version: 2 });
    const stale = await errorOf(editPost(db, author, { postId, raw: "Autre version.", version: 1 }));
    expect(stale?.status).toBe(409);
    const revision = await db.postRevision.findFirstOrThrow({ where: { postId } });
    expect(revision).toMatchObject({
      number: 2,
      rawBefore: "Premier jet.",
      rawAfter: "Version corrigée.",
      titleBefore: "Proposition : un flux Atom des versions",
      titleAfter: "Proposition : un flux Atom par solution",
    });
    const topic = await getTopic(db, anonymous, topicId);
    expect([topic.title, topic.slug, topic.posts[0]!.raw]).toEqual([
      "Proposition : un flux Atom par solution",
      "proposition-un-flux-atom-par-solution",
      "Version corrigée.",
    ]);
    const intruder = await errorOf(editPost(db, await userNamed("julien.roux"), { postId, raw: "Piraté", version: 2 }));
    expect(intruder?.status).toBe(403);
  });

  it("deletes and restores posts with counters, hiding deleted posts from readers", async () => {
    const db = await getDb();
    const author = await userNamed("julien.roux");
    const moderator = await userNamed("karim.haddad");
    const { topicId } = await createTopic(db, author, {
      categoryId: await categoryId("annonces"),
      title: "Sujet à nettoyer",
      raw: "Début",
    });
    const reply = await createReply(db, author, { topicId, raw: "Erreur" });
    await deletePost(db, author, reply.postId);
    expect((await getTopic(db, anonymous, topicId)).posts.map((post) => post.postNumber)).toEqual([1]);
    const forModerator = await getTopic(db, readerOfUser(moderator), topicId);
    expect(forModerator.posts.map((post) => [post.postNumber, post.deleted, post.canRestore])).toEqual([
      [1, false, false],
      [2, true, true],
    ]);
    expect(forModerator.postsCount).toBe(1);
    await restorePost(db, author, reply.postId);
    expect((await getTopic(db, anonymous, topicId)).postsCount).toBe(2);
    const next = await createReply(db, author, { topicId, raw: "Suite" });
    expect(next.postNumber).toBe(3);

    const first = (await getTopic(db, anonymous, topicId)).posts[0]!;
    await deletePost(db, moderator, first.id);
    expect((await errorOf(getTopic(db, anonymous, topicId)))?.status).toBe(404);
    expect((await errorOf(restorePost(db, author, first.id)))?.status).toBe(403);
  });

  it("pages through a long topic by post number", async () => {
    const db = await getDb();
    const author = await userNamed("julien.roux");
    const { topicId } = await createTopic(db, author, {
      categoryId: await categoryId("annonces"),
      title: "Un sujet très long",
      raw: "1",
    });
    for (let i = 2; i <= 45; i++) await createReply(db, author, { topicId, raw: String(i) });
    const first = await getTopic(db, anonymous, topicId);
    expect(first.posts).toHaveLength(POSTS_PER_PAGE);
    expect([first.previousPageFrom, first.nextPageFrom]).toEqual([null, 21]);
    const middle = await getTopic(db, anonymous, topicId, 21);
    expect(middle.posts[0]!.postNumber).toBe(21);
    expect([middle.previousPageFrom, middle.nextPageFrom]).toEqual([1, 41]);
    const last = await getTopic(db, anonymous, topicId, 41);
    expect(last.posts.map((post) => post.postNumber)).toEqual([41, 42, 43, 44, 45]);
    expect(last.nextPageFrom).toBeNull();
  });

  it("pages through every topic once with keyset cursors, newest activity first", async () => {
    const db = await getDb();
    const author = await userNamed("julien.roux");
    const annonces = await categoryId("annonces");
    const base = Date.parse("2026-01-01T00:00:00Z");
    for (let i = 0; i < 45; i++) {
      // Equal timestamps in pairs: the id breaks ties, so no topic is skipped or repeated across pages.
      await createTopic(db, author, {
        categoryId: annonces,
        title: `Sujet de test numéro ${i}`,
        raw: "Texte",
        createdAt: new Date(base + Math.floor(i / 2) * 60_000),
      });
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    let previous = Number.POSITIVE_INFINITY;
    do {
      const page: Awaited<ReturnType<typeof listLatestTopics>> = await listLatestTopics(db, anonymous, {
        cursor,
        limit: 10,
      });
      for (const topic of page.topics) {
        expect(Date.parse(topic.bumpedAt)).toBeLessThanOrEqual(previous);
        previous = Date.parse(topic.bumpedAt);
        seen.push(topic.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    const visible = await db.topic.count({ where: { deletedAt: null, category: { readRestricted: false } } });
    expect(seen).toHaveLength(visible);
    expect(new Set(seen).size).toBe(visible);
  });

  it("ignores a forged cursor instead of failing", async () => {
    const page = await listLatestTopics(await getDb(), anonymous, { cursor: "bm90LWEtY3Vyc29y" });
    expect(page.topics.length).toBeGreaterThan(0);
  });

  it("shows restricted topics to moderators and to the groups the category admits, not to others", async () => {
    const db = await getDb();
    const secret = await db.topic.findFirstOrThrow({ where: { category: { slug: "securite" } } });
    await expect(getTopic(db, readerOfUser(await userNamed("karim.haddad")), secret.id)).resolves.toMatchObject({
      id: secret.id,
    });
    for (const reader of [anonymous, readerOfUser(await userNamed("julien.roux"))]) {
      expect((await errorOf(getTopic(db, reader, secret.id)))?.status).toBe(404);
    }
    const group = await db.group.findUniqueOrThrow({ where: { name: "mainteneurs-georchestra" } });
    await db.categoryPermission.create({ data: { categoryId: secret.categoryId, groupId: group.id } });
    await expect(getTopic(db, readerOfUser(await userNamed("julien.roux")), secret.id)).resolves.toMatchObject({
      id: secret.id,
    });
  });
});
