import { describe, expect, it } from "vitest";
import { createReply, createTopic } from "../../app/domain/forum/posting.server";
import { getTopic, listLatestTopics } from "../../app/domain/forum/topics.server";
import { anonymous as anonymousViewer, type Viewer } from "../../app/domain/identity/viewer";
import { DomainError } from "../../app/domain/shared/errors";
import { getDb } from "../../app/infra/db.server";

async function someAuthorAndCategory() {
  const db = await getDb();
  const author = await db.user.findUniqueOrThrow({ where: { username: "julien.roux" } });
  const category = await db.category.findUniqueOrThrow({ where: { slug: "annonces" } });
  return { db, author, category };
}

describe("topics and posts", () => {
  it("creates a topic with its first post and keeps counters in step with replies", async () => {
    const { db, author, category } = await someAuthorAndCategory();
    const { topicId, slug } = await createTopic(db, {
      authorId: author.id,
      categoryId: category.id,
      title: "Nouvelle version de Prodige : 5.2",
      raw: "Notes de version **importantes**.",
    });
    expect(slug).toBe("nouvelle-version-de-prodige-5-2");
    const reply = await createReply(db, { authorId: author.id, topicId, raw: "Merci !", replyToPostNumber: 1 });
    expect(reply.postNumber).toBe(2);

    const topic = await getTopic(db, anonymousViewer, topicId);
    expect(topic.postsCount).toBe(2);
    expect(topic.posts.map((post) => post.postNumber)).toEqual([1, 2]);
    expect(topic.posts[0]!.cooked).toBe("<p>Notes de version <strong>importantes</strong>.</p>\n");
    const after = await db.category.findUniqueOrThrow({ where: { id: category.id } });
    expect(after.topicCount).toBe(category.topicCount + 1);
    expect(after.postCount).toBe(category.postCount + 2);
  });

  it("writes nothing when a reply fails half-way (one transaction)", async () => {
    const { db, author } = await someAuthorAndCategory();
    const before = await db.post.count();
    await expect(createReply(db, { authorId: author.id, topicId: 987654, raw: "perdu" })).rejects.toThrow();
    expect(await db.post.count()).toBe(before);
  });

  it("pages through every topic once with keyset cursors, newest activity first", async () => {
    const { db, author, category } = await someAuthorAndCategory();
    const base = Date.parse("2026-01-01T00:00:00Z");
    for (let i = 0; i < 45; i++) {
      // Equal timestamps in pairs: the id breaks ties, so no topic is skipped or repeated across pages.
      await createTopic(db, {
        authorId: author.id,
        categoryId: category.id,
        title: `Sujet de test numéro ${i}`,
        raw: "Texte",
        createdAt: new Date(base + Math.floor(i / 2) * 60_000),
      });
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    let previous = Number.POSITIVE_INFINITY;
    do {
      const page: Awaited<ReturnType<typeof listLatestTopics>> = await listLatestTopics(db, anonymousViewer, {
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
    const db = await getDb();
    const page = await listLatestTopics(db, anonymousViewer, { cursor: "bm90LWEtY3Vyc29y" });
    expect(page.topics.length).toBeGreaterThan(0);
  });

  it("shows restricted topics to moderators only", async () => {
    const db = await getDb();
    const secret = await db.topic.findFirstOrThrow({ where: { category: { slug: "securite" } } });
    const as = (role: "member" | "moderator"): Viewer => ({
      kind: "session",
      sessionId: "s",
      user: { id: 1, username: role, displayName: role, role, groups: [] },
    });
    const moderator = as("moderator");
    await expect(getTopic(db, moderator, secret.id)).resolves.toMatchObject({ id: secret.id });
    for (const viewer of [anonymousViewer, as("member")]) {
      const error = await getTopic(db, viewer, secret.id).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).status).toBe(404);
    }
  });
});
