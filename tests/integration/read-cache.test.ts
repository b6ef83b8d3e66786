// Signed-in lists share their topics a few seconds between readers of the same audience (READ_CACHE_SECONDS). These
// tests hold the cache to its promises: a write through the app shows at once, per-user state is never shared, and
// readers of different audiences never see each other's lists.
import { describe, expect, it } from "vitest";
import { sessionCookieFor, submitForm } from "../support/sessions";

// Set before the server's modules load: the configuration is read once.
process.env.READ_CACHE_SECONDS = "60";
const { useAppServer } = await import("../support/app-server");
const { getDb } = await import("../../app/infra/db.server");
const baseUrl = useAppServer();

interface ListJson {
  topic_list: { topics: { id: number; title: string; unread_posts?: number; last_read_post_number?: number }[] };
}
const latest = async (cookie: string) =>
  (await (await fetch(`${baseUrl()}/latest.json`, { headers: { cookie } })).json()) as ListJson;
const titles = (list: ListJson) => list.topic_list.topics.map((topic) => topic.title);

describe("read cache of signed-in lists", () => {
  it("serves a list read a moment ago, and shows a topic written through the app at once", async () => {
    const db = await getDb();
    const { cookie } = await sessionCookieFor("claire.martin");
    await latest(cookie);
    const category = await db.category.findUniqueOrThrow({ where: { slug: "annonces" } });
    // Behind the app's back (as a script would): the cached list does not know yet.
    await db.topic.update({
      where: { id: (await db.topic.findFirstOrThrow({ where: { categoryId: category.id } })).id },
      data: { title: "Titre changé par un script" },
    });
    expect(titles(await latest(cookie))).not.toContain("Titre changé par un script");

    const author = await sessionCookieFor("julien.roux");
    const created = await submitForm(baseUrl(), "/new-topic", author.cookie, {
      category: String(category.id),
      title: "Annonce publiée par l'application",
      raw: "Texte",
      intent: "publish",
    });
    expect(created.status).toBe(302);
    const after = titles(await latest(cookie));
    expect(after).toContain("Annonce publiée par l'application");
    expect(after).toContain("Titre changé par un script");
  });

  it("never shares a reader's own state: read positions come fresh for each member", async () => {
    const db = await getDb();
    const { ReadCache } = await import("../../app/domain/shared/read-cache");
    const { listLatestTopics } = await import("../../app/domain/forum/topics.server");
    const { recordTopicVisit } = await import("../../app/domain/forum/read-state.server");
    const { readerOfUser } = await import("../../app/domain/forum/permissions");
    const { loadSignedInUser } = await import("../../app/domain/identity/users.server");
    const cache = new ReadCache({ ttlMs: 60_000, maxEntries: 10 });
    // A moderator and an admin: one audience (staff), so one cached list between them.
    const moderator = readerOfUser((await loadSignedInUser(db, { username: "karim.haddad" }))!);
    const admin = readerOfUser((await loadSignedInUser(db, { username: "admin" }))!);
    const first = await listLatestTopics(db, moderator, { readCache: cache });
    const topic = first.topics.find((row) => row.highestPostNumber > 1 && row.author.username !== "karim.haddad")!;
    await listLatestTopics(db, admin, { readCache: cache });
    await recordTopicVisit(db, moderator.userId!, topic.id, topic.highestPostNumber);
    const mine = (await listLatestTopics(db, moderator, { readCache: cache })).topics.find(
      (row) => row.id === topic.id,
    )!;
    const theirs = (await listLatestTopics(db, admin, { readCache: cache })).topics.find((row) => row.id === topic.id)!;
    expect(cache.size).toBe(1);
    expect(mine.lastReadPostNumber).toBe(topic.highestPostNumber);
    expect(theirs.lastReadPostNumber).not.toBe(topic.highestPostNumber);
  });

  it("keeps audiences apart: a group's private topics never reach a member outside it", async () => {
    const db = await getDb();
    const securite = await db.category.findUniqueOrThrow({ where: { slug: "securite" } });
    const group = await db.group.findUniqueOrThrow({ where: { name: "mainteneurs-georchestra" } });
    await db.categoryPermission.create({ data: { categoryId: securite.id, groupId: group.id } });
    const julien = await db.user.findUniqueOrThrow({ where: { username: "julien.roux" } });
    await db.topic.create({
      data: {
        title: "Faille privée visible des mainteneurs",
        slug: "faille-privee",
        categoryId: securite.id,
        userId: julien.id,
      },
    });
    const insider = await sessionCookieFor("julien.roux");
    const outsider = await sessionCookieFor("claire.martin");
    expect(titles(await latest(insider.cookie))).toContain("Faille privée visible des mainteneurs");
    expect(titles(await latest(outsider.cookie))).not.toContain("Faille privée visible des mainteneurs");
    expect(titles(await latest(""))).not.toContain("Faille privée visible des mainteneurs");
  });
});
