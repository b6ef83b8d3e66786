// Signed-in lists share their topics a few seconds between readers of the same audience (READ_CACHE_SECONDS). These
// tests hold the cache to its promises: a write through the app shows at once, per-user state is never shared, and
// readers of different audiences never see each other's lists.
import { describe, expect, it } from "vitest";
import { csrfFrom, form, sessionCookieFor, submitForm } from "../support/sessions";

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

  it("lets a write's author read past what another replica may still keep, for as long as it may keep it", async () => {
    const db = await getDb();
    const author = await sessionCookieFor("julien.roux");
    const watched = await db.topic.findFirstOrThrow({ where: { category: { slug: "annonces" } } });
    const path = `/t/${watched.slug}/${watched.id}`;
    const csrf = await csrfFrom(baseUrl(), path, author.cookie);
    const watch = await fetch(`${baseUrl()}${path}`, {
      method: "POST",
      headers: { cookie: author.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: form({ intent: "watch", level: "3", csrf }),
      redirect: "manual",
    });
    expect(watch.status).toBe(200);
    await watch.text();
    // Any write's answer: the replica that handled it forgets its caches, the others hear of it a moment later.
    const wrote = watch.headers.getSetCookie().find((cookie) => cookie.startsWith("cicclo_wrote="));
    expect(wrote).toMatch(/^cicclo_wrote=1; Max-Age=60; Path=\/; HttpOnly; SameSite=Lax/);

    // A replica that has not heard yet: its list, read a moment ago, does not know of the change.
    const reader = await sessionCookieFor("claire.martin");
    await latest(reader.cookie);
    await db.topic.update({ where: { id: watched.id }, data: { title: "Titre que la réplique ignore encore" } });
    expect(titles(await latest(reader.cookie))).not.toContain("Titre que la réplique ignore encore");
    expect(titles(await latest(`${reader.cookie}; cicclo_wrote=1`))).toContain("Titre que la réplique ignore encore");
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

describe("read cache of topic pages", () => {
  interface TopicPageJson {
    topic: {
      title: string;
      posts: { id: number; cooked: string; raw?: string; deleted: boolean; canRestore: boolean }[];
    };
    report: { actual: string; status: string } | null;
    reportActions: { role: string; transitions: { to: string }[] } | null;
    tracker: { canAssign: boolean; voting: { userVoted: boolean | null } };
    references: { backlinks: { id: number; title: string }[] };
  }
  const topicPage = async (path: string, cookie: string) => {
    const response = await fetch(`${baseUrl()}${path}`, { headers: { cookie, accept: "application/json" } });
    expect(response.status).toBe(200);
    return (await response.json()) as TopicPageJson;
  };

  /** A report on geOrchestra filed by Claire, through the domain as a script would (the cache is not told). */
  async function reportTopicPath(title: string) {
    const db = await getDb();
    const { createTopic } = await import("../../app/domain/forum/posting.server");
    const { loadSignedInUser } = await import("../../app/domain/identity/users.server");
    const { validReport } = await import("../support/reports");
    const category = await db.category.findUniqueOrThrow({ where: { slug: "problemes-interoperabilite" } });
    const author = (await loadSignedInUser(db, { username: "claire.martin" }))!;
    const { topicId, slug } = await createTopic(db, author, {
      categoryId: category.id,
      title,
      raw: "Détails du problème.",
      report: validReport,
    });
    return { topicId, path: `/t/${slug}/${topicId}` };
  }

  it("serves a topic and its report read a moment ago, and shows what is written through the app at once", async () => {
    const db = await getDb();
    const { topicId, path } = await reportTopicPath("Rapport lu depuis le cache");
    const reader = await sessionCookieFor("claire.martin");
    await topicPage(path, reader.cookie);
    // Behind the app's back: the cached header and report do not know yet.
    await db.topic.update({ where: { id: topicId }, data: { title: "Titre du rapport changé par un script" } });
    await db.interopReport.update({ where: { topicId }, data: { actual: "Comportement changé par un script" } });
    const cached = await topicPage(path, reader.cookie);
    expect(cached.topic.title).not.toBe("Titre du rapport changé par un script");
    expect(cached.report!.actual).not.toBe("Comportement changé par un script");

    const replier = await sessionCookieFor("sophie.bernard");
    const reply = await submitForm(baseUrl(), path, replier.cookie, {
      intent: "reply",
      raw: "Réponse écrite par l'application",
    });
    expect(reply.status).toBeLessThan(400);
    const fresh = await topicPage(path, reader.cookie);
    expect(fresh.topic.title).toBe("Titre du rapport changé par un script");
    expect(fresh.report!.actual).toBe("Comportement changé par un script");
    expect(fresh.topic.posts.map((post) => post.cooked).join()).toMatch(/Réponse écrite par l(&#39;|')application/);
  });

  it("never shares what a reader may do: a maintainer and a member each get their own actions on the shared report", async () => {
    const { path } = await reportTopicPath("Rapport vu par deux rôles");
    const maintainer = await sessionCookieFor("julien.roux");
    const member = await sessionCookieFor("claire.martin");
    const asMaintainer = await topicPage(path, maintainer.cookie);
    const asMember = await topicPage(path, member.cookie);
    expect(asMaintainer.reportActions!.role).toBe("maintainer");
    expect(asMaintainer.tracker.canAssign).toBe(true);
    expect(asMaintainer.reportActions!.transitions.length).toBeGreaterThan(0);
    expect(asMember.reportActions!.role).not.toBe("maintainer");
    expect(asMember.tracker.canAssign).toBe(false);
  });

  it("shares a topic's posts between readers, yet shows a member the post they deleted and hides it from the others", async () => {
    const db = await getDb();
    const { createReply } = await import("../../app/domain/forum/posting.server");
    const { loadSignedInUser } = await import("../../app/domain/identity/users.server");
    const { topicId, path } = await reportTopicPath("Sujet aux messages partagés");
    const { postId } = await createReply(db, (await loadSignedInUser(db, { username: "sophie.bernard" }))!, {
      topicId,
      raw: "Message que Sophie retirera",
    });
    const sophie = await sessionCookieFor("sophie.bernard");
    const claire = await sessionCookieFor("claire.martin");
    const postOf = (page: TopicPageJson) => page.topic.posts.find((post) => post.id === postId);
    expect(postOf(await topicPage(path, claire.cookie))?.cooked).toContain("Message que Sophie retirera");
    // Behind the app's back: the shared page does not know yet, for any reader.
    await db.post.update({ where: { id: postId }, data: { cooked: "<p>Texte changé par un script</p>" } });
    expect(postOf(await topicPage(path, sophie.cookie))?.cooked).toContain("Message que Sophie retirera");

    const deleted = await submitForm(baseUrl(), path, sophie.cookie, { intent: "delete", postId: String(postId) });
    expect(deleted.status).toBeLessThan(400);
    for (let view = 0; view < 2; view++) {
      expect(postOf(await topicPage(path, sophie.cookie))).toMatchObject({ deleted: true, canRestore: true });
      expect(postOf(await topicPage(path, claire.cookie))).toBeUndefined();
      expect(postOf(await topicPage(path, ""))).toBeUndefined();
    }
  });

  it("keeps audiences apart on a topic's links: a backlink from a private topic, cached for staff, never reaches a member", async () => {
    const db = await getDb();
    const { createTopic } = await import("../../app/domain/forum/posting.server");
    const { loadSignedInUser } = await import("../../app/domain/identity/users.server");
    const { topicId, path } = await reportTopicPath("Rapport cité dans un sujet privé");
    const securite = await db.category.findUniqueOrThrow({ where: { slug: "securite" } });
    const secret = await createTopic(db, (await loadSignedInUser(db, { username: "karim.haddad" }))!, {
      categoryId: securite.id,
      title: "Faille liée au rapport cité",
      raw: `Voir #${topicId}`,
    });
    const backlinkIds = (page: TopicPageJson) => page.references.backlinks.map((topic) => topic.id);
    const staff = await sessionCookieFor("karim.haddad");
    const member = await sessionCookieFor("claire.martin");
    expect(backlinkIds(await topicPage(path, staff.cookie))).toContain(secret.topicId);
    expect(backlinkIds(await topicPage(path, member.cookie))).not.toContain(secret.topicId);
    expect(JSON.stringify(await topicPage(path, member.cookie))).not.toContain("Faille liée au rapport cité");
  });
});

describe("read cache of the conformance matrix", () => {
  interface MatrixJson {
    columns: { uri: string }[];
    rows: { slug: string; cells: { verdict: string; runId: number | null }[] }[];
  }
  const CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
  const matrix = async () => (await (await fetch(`${baseUrl()}/conformance.json`)).json()) as MatrixJson;
  const coreCell = (page: MatrixJson, slug: string) =>
    page.rows.find((row) => row.slug === slug)?.cells[page.columns.findIndex((column) => column.uri === CORE)] ?? null;

  it("serves the matrix read a moment ago, and shows an uploaded run at once", async () => {
    const { readFileSync } = await import("node:fs");
    const { runCli } = await import("../../scripts/cli");
    const lines: string[] = [];
    await runCli(["api-key", "create", "--user", "julien.roux", "--scope", "conformance:write"], (line) =>
      lines.push(line),
    );
    const upload = (file: string) =>
      fetch(`${baseUrl()}/api/conformance/runs?deployment=georchestra-demo`, {
        method: "POST",
        headers: { authorization: `Bearer ${lines[0]}`, "content-type": "application/octet-stream" },
        body: readFileSync(new URL(`../fixtures/conformance/${file}`, import.meta.url)),
      });
    const first = await upload("earl-features10.rdf");
    expect(first.status).toBe(201);
    const before = coreCell(await matrix(), "georchestra-demo");
    expect(before?.verdict).toBe("failed");

    // Behind the app's back: the cached matrix does not know yet.
    const db = await getDb();
    await db.conformanceLatestVerdict.updateMany({ data: { verdict: "passed" } });
    expect(coreCell(await matrix(), "georchestra-demo")?.verdict).toBe("failed");

    // An upload through the API is a write: the next reader gets the new run.
    const second = await upload("earl-features10-passing.rdf");
    expect(second.status).toBe(201);
    const { id } = (await second.json()) as { id: number };
    expect(coreCell(await matrix(), "georchestra-demo")).toMatchObject({ verdict: "passed", runId: id });
  });
});
