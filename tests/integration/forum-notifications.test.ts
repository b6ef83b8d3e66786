import { beforeEach, describe, expect, it } from "vitest";
import { createReply, createTopic } from "../../app/domain/forum/posting.server";
import { listLatestTopics } from "../../app/domain/forum/topics.server";
import { readerOfUser } from "../../app/domain/forum/permissions";
import { loadSignedInUser } from "../../app/domain/identity/users.server";
import { getDb } from "../../app/infra/db.server";
import { useAppServer } from "../support/app-server";
import { validReport } from "../support/reports";
import { csrfFrom, form, sessionCookieFor } from "../support/sessions";

const baseUrl = useAppServer();
const user = async (username: string) => (await loadSignedInUser(await getDb(), { username }))!;
const categoryId = async (slug: string) => (await (await getDb()).category.findUniqueOrThrow({ where: { slug } })).id;
// The demo content already notified its authors of each other's replies: count only what a test causes.
let since = 0;
beforeEach(async () => {
  since = (await (await getDb()).notification.aggregate({ _max: { id: true } }))._max.id ?? 0;
});
const notificationsOf = async (username: string) =>
  (await getDb()).notification.findMany({ where: { user: { username }, id: { gt: since } }, orderBy: { id: "asc" } });

describe("mentions, replies and watching", () => {
  it("links and notifies mentioned users and groups, the author replied to, and watchers, once each", async () => {
    const db = await getDb();
    const julien = await user("julien.roux");
    const claire = await user("claire.martin");
    const { topicId } = await createTopic(db, julien, {
      categoryId: await categoryId("problemes-interoperabilite"),
      title: "GeoJSON : coordonnées inversées en EPSG:4326",
      raw: "Qui peut confirmer ? @claire.martin et @membres-crige, regardez. `@karim.haddad` n'est pas une mention.",
      report: validReport,
    });
    const topic = await db.topic.findUniqueOrThrow({ where: { id: topicId } });
    const cooked = (await db.post.findFirstOrThrow({ where: { topicId, postNumber: 1 } })).cooked;
    expect(cooked).toContain('<a href="/u/claire.martin">@claire.martin</a>');
    expect(cooked).toContain('<a href="/groups#membres-crige">@membres-crige</a>');
    expect((await notificationsOf("claire.martin")).map((n) => n.kind)).toEqual(["mention"]);
    expect((await notificationsOf("sophie.bernard")).map((n) => n.kind)).toEqual(["group_mention"]);
    expect(await notificationsOf("karim.haddad")).toEqual([]);

    // Julien started the topic: he watches it, so Claire's reply (to his post) notifies him once, as a reply.
    await createReply(db, claire, { topicId, raw: "Confirmé chez nous.", replyToPostNumber: 1 });
    expect((await notificationsOf("julien.roux")).map((n) => [n.kind, n.postNumber])).toEqual([["reply", 2]]);

    // The bell counts it, the notifications page lists it, visiting the topic marks it read.
    const { cookie } = await sessionCookieFor("julien.roux");
    await db.notification.updateMany({
      where: { user: { username: "julien.roux" }, id: { lte: since } },
      data: { readAt: new Date() },
    });
    expect(await (await fetch(`${baseUrl()}/`, { headers: { cookie } })).text()).toContain("Notifications (1 non lue)");
    const page = await (await fetch(`${baseUrl()}/notifications`, { headers: { cookie } })).text();
    expect(page).toContain("Claire Martin vous a répondu dans");
    await fetch(`${baseUrl()}/t/${topic.slug}/${topic.id}`, { headers: { cookie } });
    expect(await (await fetch(`${baseUrl()}/`, { headers: { cookie } })).text()).not.toContain("non lue");
  });

  it("notifies watchers of a category, but never someone who cannot read it", async () => {
    const db = await getDb();
    const security = await db.category.findUniqueOrThrow({ where: { slug: "securite" } });
    const claire = await user("claire.martin");
    // Claire watched the category before it was restricted, and she is mentioned: neither reaches her.
    await db.categoryUser.create({ data: { userId: claire.id, categoryId: security.id, notificationLevel: 3 } });
    await createTopic(db, await user("karim.haddad"), {
      categoryId: security.id,
      title: "Faille XSS dans un visualiseur",
      raw: "Détails réservés. @claire.martin @julien.roux",
    });
    expect(await notificationsOf("claire.martin")).toEqual([]);
    expect(await notificationsOf("julien.roux")).toEqual([]);

    const annonces = await categoryId("annonces");
    await db.categoryUser.create({ data: { userId: claire.id, categoryId: annonces, notificationLevel: 3 } });
    await createTopic(db, await user("admin"), {
      categoryId: annonces,
      title: "Version 2 de l'outil",
      raw: "Nouveautés.",
    });
    expect((await notificationsOf("claire.martin")).map((n) => n.kind)).toEqual(["posted"]);
  });

  it("counts unread posts per topic for a reader who opened it, and mutes on request", async () => {
    const db = await getDb();
    const sophie = await user("sophie.bernard");
    const karim = await user("karim.haddad");
    const { topicId } = await createTopic(db, sophie, {
      categoryId: await categoryId("feuille-de-route"),
      title: "Proposition : un catalogue commun des services",
      raw: "Idée.",
    });
    await createReply(db, karim, { topicId, raw: "Bonne idée." });
    await createReply(db, karim, { topicId, raw: "Et avec DCAT-AP ?" });
    const page = await listLatestTopics(db, readerOfUser(sophie), { limit: 100 });
    const listed = page.topics.find((topic) => topic.id === topicId)!;
    expect([listed.unreadCount, listed.lastReadPostNumber]).toEqual([2, 1]);
    const { cookie } = await sessionCookieFor("sophie.bernard");
    const unread = await (await fetch(`${baseUrl()}/unread`, { headers: { cookie } })).text();
    expect(unread).toContain("Proposition : un catalogue commun des services");
    expect(unread).toContain("2 non lus");

    const topic = await db.topic.findUniqueOrThrow({ where: { id: topicId } });
    const path = `/t/${topic.slug}/${topic.id}`;
    const csrf = await csrfFrom(baseUrl(), path, cookie);
    await fetch(`${baseUrl()}${path}`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: form({ intent: "watch", level: "0", csrf }),
    });
    const before = (await notificationsOf("sophie.bernard")).length;
    await createReply(db, karim, { topicId, raw: "Relance @sophie.bernard", replyToPostNumber: 1 });
    expect((await notificationsOf("sophie.bernard")).length).toBe(before);
  });
});
