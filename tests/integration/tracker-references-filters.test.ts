import { validReport } from "../support/reports";
import { describe, expect, it } from "vitest";
import { createReply, createTopic, editPost } from "../../app/domain/forum/posting.server";
import { loadSignedInUser } from "../../app/domain/identity/users.server";
import { getDb } from "../../app/infra/db.server";
import { useAppServer } from "../support/app-server";
import { sessionCookieFor, submitForm } from "../support/sessions";

const baseUrl = useAppServer();
const user = async (username: string) => (await loadSignedInUser(await getDb(), { username }))!;
const categoryId = async (slug: string) => (await (await getDb()).category.findUniqueOrThrow({ where: { slug } })).id;
const solutionId = async (slug: string) => (await (await getDb()).solution.findUniqueOrThrow({ where: { slug } })).id;
const decode = (html: string) =>
  html
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
// Each anonymous request gets its own URL: the anonymous render cache does not see writes made through Prisma.
let fresh = 0;
const page = async (path: string, cookie?: string) => {
  const url = `${baseUrl()}${path}${path.includes("?") ? "&" : "?"}fresh=${++fresh}`;
  const response = await fetch(url, { headers: cookie ? { cookie } : {} });
  return { status: response.status, html: decode(await response.text()) };
};
const topicPath = async (id: number) => {
  const topic = await (await getDb()).topic.findUniqueOrThrow({ where: { id } });
  return `/t/${topic.slug}/${topic.id}`;
};
// The interop category asks for a typed report: topics there get a valid one, which `report` below replaces.
const newTopic = async (username: string, category: string, title: string, raw = "Description du problème.") =>
  createTopic(await getDb(), await user(username), {
    categoryId: await categoryId(category),
    title,
    raw,
    ...(category === "problemes-interoperabilite" && { report: validReport }),
  });
const report = async (
  topicId: number,
  reporting: string,
  patch: Record<string, unknown> = {},
  affected: string[] = [],
) =>
  (await getDb()).interopReport.deleteMany({ where: { topicId } }).then(async () =>
    (await getDb()).interopReport.create({
      data: {
        topicId,
        reportingSolutionId: await solutionId(reporting),
        severity: "major",
        ...patch,
        affected: { create: await Promise.all(affected.map(async (slug) => ({ solutionId: await solutionId(slug) }))) },
      },
    }),
  );

describe("#N references and backlinks", () => {
  it("links #N, shows the backlink on N to those who may see the source, and forgets it when the post is edited", async () => {
    const db = await getDb();
    const target = await newTopic(
      "julien.roux",
      "problemes-interoperabilite",
      "Pagination WFS cassée sur les gros jeux",
    );
    const source = await newTopic(
      "claire.martin",
      "problemes-interoperabilite",
      "Export GeoJSON tronqué au-delà de 10 000",
    );
    const { cookie } = await sessionCookieFor("claire.martin");
    const sent = await submitForm(baseUrl(), `${await topicPath(source.topicId)}`, cookie, {
      raw: `Sans doute lié : voir #${target.topicId}.`,
      intent: "publish",
    });
    expect(sent.status).toBe(302);
    const reply = await db.post.findFirstOrThrow({ where: { topicId: source.topicId, postNumber: 2 } });
    expect(reply.cooked).toContain(`<a href="${await topicPath(target.topicId)}">#${target.topicId}</a>`);
    expect(await db.topicLink.findMany({ where: { fromPostId: reply.id } })).toEqual([
      { fromPostId: reply.id, fromTopicId: source.topicId, toTopicId: target.topicId },
    ]);
    const backlink = `Mentionné dans #${source.topicId} « Export GeoJSON tronqué au-delà de 10 000 »`;
    expect((await page(await topicPath(target.topicId))).html).toContain(backlink);

    // A private topic mentioning it: moderators see the backlink, members do not, and the cooked link names nothing.
    const secret = await newTopic(
      "karim.haddad",
      "securite",
      "Faille XSS dans la pagination",
      `Voir #${target.topicId}`,
    );
    const secretBacklink = `#${secret.topicId} « Faille XSS dans la pagination »`;
    expect((await page(await topicPath(target.topicId), cookie)).html).not.toContain(secretBacklink);
    expect((await page(await topicPath(target.topicId))).html).not.toContain("Faille XSS");
    const karim = (await sessionCookieFor("karim.haddad")).cookie;
    expect((await page(await topicPath(target.topicId), karim)).html).toContain(secretBacklink);
    // A public post linking to the private topic carries a neutral slug, never its title.
    await createReply(db, await user("karim.haddad"), {
      topicId: target.topicId,
      raw: `Suivi dans #${secret.topicId}`,
    });
    const karimReply = await db.post.findFirstOrThrow({ where: { topicId: target.topicId, postNumber: 2 } });
    expect(karimReply.cooked).toContain(`<a href="/t/sujet/${secret.topicId}">#${secret.topicId}</a>`);

    await editPost(db, await user("claire.martin"), { postId: reply.id, raw: "Finalement sans rapport.", version: 1 });
    expect(await db.topicLink.count({ where: { fromPostId: reply.id } })).toBe(0);
    expect((await page(await topicPath(target.topicId))).html).not.toContain(backlink);
  });

  it("refuses a reference to a missing or hidden topic next to the composer, writing nothing", async () => {
    const db = await getDb();
    const topic = await newTopic("claire.martin", "annonces", "Journée CICCLO de printemps");
    const secret = await newTopic("karim.haddad", "securite", "Jeton exposé dans les journaux");
    const { cookie } = await sessionCookieFor("claire.martin");
    const before = { posts: await db.post.count(), links: await db.topicLink.count() };
    for (const missing of [99_999, secret.topicId]) {
      const sent = await submitForm(baseUrl(), await topicPath(topic.topicId), cookie, {
        raw: `Voir #${missing}`,
        intent: "publish",
      });
      expect(sent.status).toBe(422);
      expect(decode(sent.html)).toContain(
        `Le sujet #${missing} n'existe pas. Pour écrire un simple numéro, tapez \\#${missing}.`,
      );
    }
    expect({ posts: await db.post.count(), links: await db.topicLink.count() }).toEqual(before);

    const escaped = await submitForm(baseUrl(), await topicPath(topic.topicId), cookie, {
      raw: "Nous étions \\#99999 au classement.",
      intent: "publish",
    });
    expect(escaped.status).toBe(302);
    const post = await db.post.findFirstOrThrow({ where: { topicId: topic.topicId, postNumber: 2 } });
    expect(post.cooked).toBe("<p>Nous étions #99999 au classement.</p>\n");
  });

  it("lists GitHub and GitLab issues of the topic's posts in a box", async () => {
    const db = await getDb();
    const topic = await newTopic(
      "julien.roux",
      "problemes-interoperabilite",
      "CSW : getRecords renvoie une erreur 500",
      "Signalé en amont : https://github.com/georchestra/georchestra/issues/4321#issuecomment-9",
    );
    await createReply(db, await user("julien.roux"), {
      topicId: topic.topicId,
      raw: "Corrigé par https://gitlab.adullact.net/prodige/prodige/-/merge_requests/87 ; pas https://example.org/issues/3",
    });
    const { html } = await page(await topicPath(topic.topicId));
    expect(html).toContain("Références externes");
    expect(html).toContain("Ticket GitHub georchestra/georchestra#4321");
    expect(html).toContain("Merge request GitLab prodige/prodige!87");
    expect(await db.externalReference.count({ where: { topicId: topic.topicId } })).toBe(2);
  });
});

describe("blocks and blocked by", () => {
  it("lets the maintainers and the reporter add relations, and refuses the wrong ones in French", async () => {
    const db = await getDb();
    const blocker = await newTopic("claire.martin", "problemes-interoperabilite", "Reprojection EPSG:2154 absente");
    await report(blocker.topicId, "georchestra");
    const blocked = await newTopic("sophie.bernard", "problemes-interoperabilite", "Carte régionale décalée de 50 m");
    const secret = await newTopic("karim.haddad", "securite", "Injection dans le paramètre bbox");
    const path = await topicPath(blocker.topicId);
    const julien = (await sessionCookieFor("julien.roux")).cookie;

    const added = await submitForm(baseUrl(), path, julien, {
      intent: "relation-add",
      kind: "blocks",
      target: `#${blocked.topicId}`,
    });
    expect(added.status).toBe(200);
    expect((await page(await topicPath(blocked.topicId))).html).toContain(
      `#${blocker.topicId} « Reprojection EPSG:2154 absente »`,
    );
    expect((await page(path)).html).toContain("Ce sujet bloque");
    const event = await db.post.findFirstOrThrow({ where: { topicId: blocker.topicId, postType: 3 } });
    expect(event).toMatchObject({ action: "relation_added", raw: `a indiqué que ce sujet bloque #${blocked.topicId}` });

    const refusals: [string, Record<string, string>, number, string][] = [
      [
        "julien.roux",
        { kind: "blocks", target: String(blocker.topicId) },
        422,
        "Un sujet ne peut pas être lié à lui-même.",
      ],
      ["julien.roux", { kind: "blocks", target: "99999" }, 422, "Le sujet #99999 n'existe pas."],
      [
        "julien.roux",
        { kind: "blocks", target: String(secret.topicId) },
        422,
        `Le sujet #${secret.topicId} n'existe pas.`,
      ],
      [
        "karim.haddad",
        { kind: "blocks", target: String(secret.topicId) },
        422,
        `Le sujet #${secret.topicId} est privé : un sujet public ne peut pas y renvoyer.`,
      ],
      [
        "julien.roux",
        { kind: "blocks", target: String(blocked.topicId) },
        422,
        `Ce sujet bloque déjà #${blocked.topicId}.`,
      ],
      [
        "julien.roux",
        { kind: "blocked_by", target: String(blocked.topicId) },
        422,
        `Ce sujet bloque #${blocked.topicId} : il ne peut pas aussi être bloqué par lui.`,
      ],
      ["sophie.bernard", { kind: "blocks", target: "1" }, 403, ""],
    ];
    for (const [username, fields, status, message] of refusals) {
      const { cookie } = await sessionCookieFor(username);
      const sent = await submitForm(baseUrl(), path, cookie, { intent: "relation-add", ...fields });
      expect(sent.status, `${username} ${JSON.stringify(fields)}`).toBe(status);
      if (message) expect(decode(sent.html)).toContain(message);
    }
    expect(await db.topicRelation.count({ where: { blockerTopicId: blocker.topicId } })).toBe(1);
    expect(await db.topicRelation.count({ where: { blockedTopicId: blocker.topicId } })).toBe(0);

    // The reporter may remove it.
    const claire = (await sessionCookieFor("claire.martin")).cookie;
    const removed = await submitForm(baseUrl(), path, claire, {
      intent: "relation-remove",
      kind: "blocks",
      target: String(blocked.topicId),
    });
    expect(removed.status).toBe(200);
    expect(await db.topicRelation.count({ where: { blockerTopicId: blocker.topicId } })).toBe(0);
  });
});

describe("closing as a duplicate", () => {
  it("moves watchers and votes to the kept topic, closes the report, and refuses the wrong targets", async () => {
    const db = await getDb();
    const duplicate = await newTopic("claire.martin", "problemes-interoperabilite", "WMS GetFeatureInfo vide en JSON");
    await report(duplicate.topicId, "georchestra");
    const kept = await newTopic("sophie.bernard", "problemes-interoperabilite", "GetFeatureInfo : réponse JSON vide");
    const secret = await newTopic("karim.haddad", "securite", "GetFeatureInfo expose des attributs privés");
    const sophie = await user("sophie.bernard");
    const admin = await user("admin");
    const claire = await user("claire.martin");
    // Sophie watches both already (she started `kept`); admin watches the duplicate and muted the kept one, which
    // stays muted; Julien had only read the kept one (normal level), which does not stop him from following it.
    const adminId = admin.id;
    await db.topicUser.create({ data: { userId: adminId, topicId: duplicate.topicId, notificationLevel: 3 } });
    await db.topicUser.create({ data: { userId: adminId, topicId: kept.topicId, notificationLevel: 0 } });
    const julien = await user("julien.roux");
    await db.topicUser.create({ data: { userId: julien.id, topicId: duplicate.topicId, notificationLevel: 3 } });
    await db.topicUser.create({ data: { userId: julien.id, topicId: kept.topicId, notificationLevel: 1 } });
    await db.topicVote.createMany({
      data: [
        { topicId: duplicate.topicId, userId: claire.id },
        { topicId: duplicate.topicId, userId: adminId },
        { topicId: kept.topicId, userId: adminId },
      ],
    });
    await db.topic.update({ where: { id: duplicate.topicId }, data: { voteCount: 2 } });
    await db.topic.update({ where: { id: kept.topicId }, data: { voteCount: 1 } });
    const path = await topicPath(duplicate.topicId);
    const julienCookie = (await sessionCookieFor("julien.roux")).cookie;
    const close = (cookie: string, target: string, revision = "1") =>
      submitForm(baseUrl(), path, cookie, { intent: "close-duplicate", target, revision });

    for (const [target, message] of [
      [String(duplicate.topicId), "Un sujet ne peut pas être le doublon de lui-même."],
      ["99999", "Le sujet #99999 n'existe pas."],
      [String(secret.topicId), `Le sujet #${secret.topicId} n'existe pas.`],
    ] as const) {
      const sent = await close(julienCookie, target);
      expect(sent.status).toBe(422);
      expect(decode(sent.html)).toContain(message);
    }
    const karim = (await sessionCookieFor("karim.haddad")).cookie;
    expect(decode((await close(karim, String(secret.topicId))).html)).toContain("est privé");
    const stale = await close(julienCookie, String(kept.topicId), "0");
    expect(stale.status).toBe(409);
    expect(decode(stale.html)).toContain("modifié entre-temps");
    const member = (await sessionCookieFor("sophie.bernard")).cookie;
    expect((await close(member, String(kept.topicId))).status).toBe(403);
    expect(await db.interopReport.findUniqueOrThrow({ where: { topicId: duplicate.topicId } })).toMatchObject({
      status: "new",
      revision: 1,
    });

    const since = (await db.notification.aggregate({ _max: { id: true } }))._max.id ?? 0;
    expect((await close(julienCookie, `#${kept.topicId}`)).status).toBe(200);
    expect(await db.interopReport.findUniqueOrThrow({ where: { topicId: duplicate.topicId } })).toMatchObject({
      status: "closed",
      closeReason: "duplicate",
      duplicateOfTopicId: kept.topicId,
      revision: 2,
    });
    expect((await db.topic.findUniqueOrThrow({ where: { id: duplicate.topicId } })).closed).toBe(true);
    const levels = await db.topicUser.findMany({ where: { topicId: kept.topicId }, orderBy: { userId: "asc" } });
    expect(Object.fromEntries(levels.map((row) => [row.userId, row.notificationLevel]))).toEqual({
      [sophie.id]: 3,
      [adminId]: 0,
      [julien.id]: 3,
      // Claire started the duplicate, so she watched it: she follows the kept topic now.
      [claire.id]: 3,
    });
    const votes = await db.topicVote.findMany({
      orderBy: { userId: "asc" },
      where: { userId: { in: [claire.id, adminId] } },
    });
    expect(votes.map((vote) => [vote.topicId, vote.userId, vote.releasedAt !== null])).toEqual(
      expect.arrayContaining([
        [kept.topicId, claire.id, false],
        [kept.topicId, adminId, false],
        [duplicate.topicId, adminId, true],
      ]),
    );
    const counts = await db.topic.findMany({
      where: { id: { in: [duplicate.topicId, kept.topicId] } },
      orderBy: { id: "asc" },
    });
    expect(counts.map((topic) => topic.voteCount)).toEqual([0, 2]);
    expect(
      await db.post.findFirst({ where: { topicId: duplicate.topicId, action: "closed_duplicate" } }),
    ).toMatchObject({
      raw: `a fermé ce sujet comme doublon de #${kept.topicId}`,
    });
    expect(await db.post.findFirst({ where: { topicId: kept.topicId, action: "duplicate_received" } })).toMatchObject({
      raw: `#${duplicate.topicId} a été fermé comme doublon de ce sujet`,
    });
    const told = await db.notification.findMany({ where: { id: { gt: since }, topicId: kept.topicId } });
    expect(told.map((notification) => notification.userId).sort()).toEqual([claire.id, sophie.id].sort());

    const { html } = await page(path);
    expect(html).toContain(`Ce sujet est un doublon de #${kept.topicId} « GetFeatureInfo : réponse JSON vide »`);
    expect(html).toContain(`href="${await topicPath(kept.topicId)}"`);
    expect(html).toContain("Aller au sujet");

    const again = await close(julienCookie, String(kept.topicId), "2");
    expect(decode(again.html)).toContain(`Ce sujet est déjà fermé comme doublon de #${kept.topicId}.`);
    const third = await newTopic("claire.martin", "problemes-interoperabilite", "GetFeatureInfo vide, encore");
    const chained = await submitForm(
      baseUrl(),
      await topicPath(third.topicId),
      (await sessionCookieFor("claire.martin")).cookie,
      {
        intent: "close-duplicate",
        target: String(duplicate.topicId),
      },
    );
    expect(decode(chained.html)).toContain(
      `Le sujet #${duplicate.topicId} est lui-même un doublon de #${kept.topicId} : fermez plutôt ce sujet comme doublon de #${kept.topicId}.`,
    );
  });
});

describe("similar titles on the new topic page", () => {
  it("suggests topics with the same words, accents and plurals aside, only from visible categories", async () => {
    const publicTopic = await newTopic(
      "julien.roux",
      "problemes-interoperabilite",
      "Géocodeur : adresses mal normalisées",
    );
    const secret = await newTopic("karim.haddad", "securite", "Géocodeur : adresse normalisée divulguée");
    const similar = async (cookie?: string) => {
      const response = await page("/topics/similar.json?title=geocodeur%20adresse%20normalisee&category=", cookie);
      return (JSON.parse(response.html) as { topics: { id: number }[] }).topics.map((topic) => topic.id);
    };
    expect(await similar()).toContain(publicTopic.topicId);
    expect(await similar()).not.toContain(secret.topicId);
    expect(await similar((await sessionCookieFor("claire.martin")).cookie)).not.toContain(secret.topicId);
    expect(await similar((await sessionCookieFor("karim.haddad")).cookie)).toContain(secret.topicId);

    // Without JavaScript, the preview step lists them.
    const { cookie } = await sessionCookieFor("claire.martin");
    const preview = await submitForm(baseUrl(), "/new-topic", cookie, {
      title: "Adresses du géocodeur mal normalisées",
      raw: "Texte",
      category: String(await categoryId("problemes-interoperabilite")),
      intent: "preview",
    });
    expect(decode(preview.html)).toContain("Sujets similaires");
    expect(decode(preview.html)).toContain(`#${publicTopic.topicId} « Géocodeur : adresses mal normalisées »`);
  });
});

describe("filtering topic lists with the query syntax", () => {
  const ids = async (path: string, cookie?: string) => {
    const response = await page(path, cookie);
    expect(response.status, response.html.slice(0, 300)).toBe(200);
    const body = JSON.parse(response.html) as { topic_list: { topics: { id: number }[]; more_topics_url?: string } };
    return { ids: body.topic_list.topics.map((topic) => topic.id), more: body.topic_list.more_topics_url };
  };
  const q = (query: string) => `/latest.json?q=${encodeURIComponent(`zorglub ${query}`)}`;

  it("filters on each key, combined, in votes order with keyset pages, and never shows private topics to outsiders", async () => {
    const db = await getDb();
    const confirmed = await newTopic(
      "claire.martin",
      "problemes-interoperabilite",
      "Zorglub : pagination sans lien next",
    );
    const fresh = await newTopic("claire.martin", "problemes-interoperabilite", "Zorglub : légende WMS illisible");
    const closed = await newTopic(
      "sophie.bernard",
      "problemes-interoperabilite",
      "Zorglub : tuiles vectorielles absentes",
    );
    const plain = await newTopic("sophie.bernard", "feuille-de-route", "Zorglub : proposition de flux Atom");
    const secret = await newTopic("karim.haddad", "securite", "Zorglub : fuite de jeton");
    const core = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
    await report(confirmed.topicId, "georchestra", { status: "confirmed", classUri: core });
    await report(fresh.topicId, "prodige", {}, ["georchestra"]);
    await report(closed.topicId, "geoplateforme", { status: "closed", closeReason: "wont_fix" });
    await report(secret.topicId, "georchestra", { status: "confirmed" });
    const pagination = await db.tag.findUniqueOrThrow({ where: { name: "pagination" } });
    await db.topicTag.create({ data: { topicId: confirmed.topicId, tagId: pagination.id } });
    const claire = await user("claire.martin");
    const prodigeTeam = await db.group.findUniqueOrThrow({ where: { name: "mainteneurs-prodige" } });
    await db.topicAssignment.create({
      data: { topicId: confirmed.topicId, userId: claire.id, assignedById: claire.id },
    });
    await db.topicAssignment.create({
      data: { topicId: fresh.topicId, groupId: prodigeTeam.id, assignedById: claire.id },
    });
    for (const [topicId, votes] of [
      [confirmed.topicId, 5],
      [fresh.topicId, 2],
      [closed.topicId, 9],
    ] as const) {
      await db.topic.update({ where: { id: topicId }, data: { voteCount: votes } });
    }
    const claireCookie = (await sessionCookieFor("claire.martin")).cookie;
    const karim = (await sessionCookieFor("karim.haddad")).cookie;
    const sorted = (list: number[]) => [...list].sort((a, b) => a - b);

    expect((await ids(q("status:confirmed"))).ids).toEqual([confirmed.topicId]);
    expect((await ids(q("status:confirmed"), karim)).ids.sort()).toEqual(sorted([confirmed.topicId, secret.topicId]));
    expect((await ids(q("status:nouveau"))).ids).toEqual([fresh.topicId]);
    expect(sorted((await ids(q("status:Fermé,confirme"))).ids)).toEqual(sorted([confirmed.topicId, closed.topicId]));
    expect(sorted((await ids(q("solution:geOrchestra"))).ids)).toEqual(sorted([confirmed.topicId, fresh.topicId]));
    expect((await ids(q("solution:GÉOPLATEFORME"))).ids).toEqual([closed.topicId]);
    expect((await ids(q("class:ogcapi-features-1/core"))).ids).toEqual([confirmed.topicId]);
    expect((await ids(q(`class:${core}`))).ids).toEqual([confirmed.topicId]);
    expect((await ids(q("assigned:me"), claireCookie)).ids).toEqual([confirmed.topicId]);
    expect((await ids(q("assigned:mainteneurs-prodige"))).ids).toEqual([fresh.topicId]);
    expect((await ids(q("assigned:claire.martin"))).ids).toEqual([confirmed.topicId]);
    expect((await ids(q("tag:pagination"))).ids).toEqual([confirmed.topicId]);
    expect(sorted((await ids(q("-tag:pagination"))).ids)).toEqual(
      sorted([fresh.topicId, closed.topicId, plain.topicId]),
    );
    expect((await ids(q("category:feuille-de-route"))).ids).toEqual([plain.topicId]);
    expect((await ids(q("status:confirmed solution:georchestra tag:pagination"))).ids).toEqual([confirmed.topicId]);
    expect((await ids(q("légende"))).ids).toEqual([fresh.topicId]);
    expect((await ids(q("order:created"))).ids).toEqual([
      plain.topicId,
      closed.topicId,
      fresh.topicId,
      confirmed.topicId,
    ]);

    // Votes order, paged on (voteCount, id): the second page follows the first without repeats.
    const first = await ids(`${q("order:votes")}&per_page=2`);
    expect(first.ids).toEqual([closed.topicId, confirmed.topicId]);
    expect(first.more).toContain("q=");
    const second = await ids(first.more!);
    expect(second.ids).toEqual([fresh.topicId, plain.topicId]);

    // A category's JSON filters the same way.
    const category = await db.category.findUniqueOrThrow({ where: { slug: "problemes-interoperabilite" } });
    const inCategory = await ids(
      `/c/${category.slug}/${category.id}.json?q=${encodeURIComponent("zorglub status:confirmed")}`,
    );
    expect(inCategory.ids).toEqual([confirmed.topicId]);

    // The HTML list shows the same topics, the query in its box, and chips that write the syntax.
    const html = (await page(`/latest?q=${encodeURIComponent("zorglub status:confirmed")}`)).html;
    expect(html).toContain("Zorglub : pagination sans lien next");
    expect(html).not.toContain("Zorglub : légende WMS illisible");
    expect(html).toContain('value="zorglub status:confirmed"');
    expect(html).toContain(`href="/latest?q=${encodeURIComponent("zorglub status:new")}"`);
  });

  it("refuses unknown filters: 422 JSON, a French message above the HTML list", async () => {
    const json = await page(`/latest.json?q=${encodeURIComponent("statut:confirme")}`);
    expect(json.status).toBe(422);
    expect(JSON.parse(json.html)).toMatchObject({
      errors: [
        "Filtre inconnu « statut: ». Filtres possibles : status:, solution:, class:, assigned:, tag:, -tag:, category:, order:.",
      ],
    });
    const unknownSolution = await page(`/latest.json?q=${encodeURIComponent("solution:inconnue")}`);
    expect(unknownSolution.status).toBe(422);
    const privateCategory = await page(`/latest.json?q=${encodeURIComponent("category:securite")}`);
    expect(JSON.parse(privateCategory.html).errors).toEqual(["Catégorie inconnue « securite »."]);
    const html = await page(`/latest?q=${encodeURIComponent("status:perdu")}`);
    expect(html.status).toBe(422);
    expect(html.html).toContain("Statut inconnu « perdu »");
  });

  it("saves a filter per person, lists it on the lists and in the preferences, and deletes it", async () => {
    const db = await getDb();
    const { cookie } = await sessionCookieFor("sophie.bernard");
    const saved = await submitForm(baseUrl(), "/latest", cookie, {
      intent: "save-filter",
      name: "Confirmés geOrchestra",
      q: "status:confirmed solution:georchestra",
    });
    expect(saved.status).toBe(200);
    expect(decode(saved.html)).toContain("Le filtre « Confirmés geOrchestra » est enregistré.");
    const twice = await submitForm(baseUrl(), "/latest", cookie, {
      intent: "save-filter",
      name: "Confirmés geOrchestra",
      q: "status:new",
    });
    expect(twice.status).toBe(422);
    const invalid = await submitForm(baseUrl(), "/latest", cookie, { intent: "save-filter", name: "Faux", q: "x:y" });
    expect(invalid.status).toBe(422);
    const url = `/latest?q=${encodeURIComponent("status:confirmed solution:georchestra")}`;
    expect((await page("/latest", cookie)).html).toContain(`href="${url.replace(/&/g, "&amp;")}"`);
    expect((await page("/latest", (await sessionCookieFor("claire.martin")).cookie)).html).not.toContain(
      "Confirmés geOrchestra",
    );
    const preferences = "/u/sophie.bernard/preferences/filters";
    expect((await page(preferences, cookie)).html).toContain("Confirmés geOrchestra");
    const row = await db.savedFilter.findFirstOrThrow({ where: { name: "Confirmés geOrchestra" } });
    expect((await submitForm(baseUrl(), preferences, cookie, { filterId: String(row.id) })).status).toBe(200);
    expect(await db.savedFilter.count({ where: { id: row.id } })).toBe(0);

    // Saved from a tag page, the filter keeps its tag.
    await submitForm(baseUrl(), "/tag/pagination", cookie, {
      intent: "save-filter",
      name: "Pagination",
      q: "status:new",
    });
    expect((await db.savedFilter.findFirstOrThrow({ where: { name: "Pagination" } })).query).toBe(
      "tag:pagination status:new",
    );
  });
});
