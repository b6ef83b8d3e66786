// The tracker's assignment, reminders, accepted answers and roadmap votes, through the HTML forms (no JavaScript)
// and the JSON a Discourse client reads, on the demo data.
import { reportInvolving } from "../support/reports";
import { beforeEach, describe, expect, it } from "vitest";
import { createReply, createTopic } from "../../app/domain/forum/posting.server";
import { loadSignedInUser } from "../../app/domain/identity/users.server";
import { assignTopic } from "../../app/domain/tracker/assignments.server";
import { sendInactivityReminders } from "../../app/domain/tracker/reminders.server";
import { getDb } from "../../app/infra/db.server";
import { useAppServer } from "../support/app-server";
import { sessionCookieFor, submitForm } from "../support/sessions";

const baseUrl = useAppServer();
const user = async (username: string) => (await loadSignedInUser(await getDb(), { username }))!;
const categoryId = async (slug: string) => (await (await getDb()).category.findUniqueOrThrow({ where: { slug } })).id;
const cookieOf = async (username: string) => (await sessionCookieFor(username)).cookie;
const post = (path: string, cookie: string, fields: Record<string, string>) =>
  submitForm(baseUrl(), path, cookie, fields);
const getJson = async (path: string, cookie?: string) => {
  const response = await fetch(`${baseUrl()}${path}`, { headers: cookie ? { cookie } : {} });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Discourse's JSON, read field by field
  return { status: response.status, body: (await response.json()) as any };
};
const getHtml = async (path: string, cookie?: string) =>
  (await fetch(`${baseUrl()}${path}`, { headers: cookie ? { cookie } : {} })).text();

// The demo content already notified people: count only what a test causes.
let since = 0;
beforeEach(async () => {
  since = (await (await getDb()).notification.aggregate({ _max: { id: true } }))._max.id ?? 0;
});
const notificationsOf = async (username: string, topicId: number) =>
  (await getDb()).notification.findMany({
    where: { user: { username }, topicId, id: { gt: since } },
    orderBy: { id: "asc" },
  });

/** A topic of `author` in `category`, with an interop report involving these solutions (the first one reports). */
async function reportedTopic(
  author: string,
  title: string,
  solutions: string[],
  category = "problemes-interoperabilite",
) {
  const db = await getDb();
  const { topicId, slug } = await createTopic(db, await user(author), {
    categoryId: await categoryId(category),
    title,
    raw: "Étapes pour reproduire : appeler `/collections/routes/items?bbox=…` puis suivre le lien « next ».",
    report: reportInvolving(solutions),
  });
  // Outside the report's own category (a test's choice), the report is written as such a category would.
  if (!(await db.interopReport.findUnique({ where: { topicId } }))) {
    const [reporting, ...affected] = await Promise.all(
      solutions.map((solution) => db.solution.findUniqueOrThrow({ where: { slug: solution } })),
    );
    await db.interopReport.create({
      data: {
        topicId,
        reportingSolutionId: reporting!.id,
        severity: "major",
        affected: { create: affected.map((solution) => ({ solutionId: solution.id })) },
      },
    });
  }
  return { topicId, path: `/t/${slug}/${topicId}` };
}

const writes = async (topicId: number) => {
  const db = await getDb();
  return {
    assignments: await db.topicAssignment.count({ where: { topicId } }),
    posts: (await db.topic.findUniqueOrThrow({ where: { id: topicId } })).highestPostNumber,
    notifications: await db.notification.count({ where: { topicId } }),
  };
};

describe("assignment", () => {
  it("lets a maintainer of an involved solution assign themselves, a person and a team, and refuses other roles", async () => {
    const db = await getDb();
    const { topicId, path } = await reportedTopic("claire.martin", "Prodige ne suit pas le lien next de geOrchestra", [
      "prodige",
      "georchestra",
    ]);
    const field = { intent: "assign", username: "julien.roux" };
    // The reporter, a member, a maintainer of another solution: refused, nothing written.
    const before = await writes(topicId);
    for (const username of ["claire.martin", "sophie.bernard"]) {
      expect((await post(path, await cookieOf(username), field)).status).toBe(403);
    }
    const other = await reportedTopic("claire.martin", "OneGeo Suite : champ date mal typé", ["onegeo-suite"]);
    expect((await post(other.path, await cookieOf("julien.roux"), field)).status).toBe(403);
    expect(await writes(topicId)).toEqual(before);

    // Julien maintains geOrchestra, involved here: he takes it, then hands it to Claire too.
    const julien = await cookieOf("julien.roux");
    const self = await post(path, julien, field);
    expect(self.status).toBe(200);
    expect(self.html).toContain("Le sujet est assigné à @julien.roux.");
    expect((await post(path, julien, { intent: "assign", username: "@claire.martin" })).status).toBe(200);
    const events = await db.post.findMany({ where: { topicId, postType: 3 }, orderBy: { postNumber: "asc" } });
    expect(events.map((event) => [event.action, event.raw])).toEqual([
      ["assigned", "a assigné le sujet à @julien.roux"],
      ["assigned", "a assigné le sujet à @claire.martin"],
    ]);
    // Claire is told and watches the topic; Julien assigned himself: no notification to himself, but he watches.
    expect((await notificationsOf("claire.martin", topicId)).map((n) => n.kind)).toEqual(["assigned"]);
    expect(await notificationsOf("julien.roux", topicId)).toEqual([]);
    const levels = await db.topicUser.findMany({
      where: { topicId, user: { username: { in: ["julien.roux", "claire.martin"] } } },
      select: { notificationLevel: true },
    });
    expect(levels.map((level) => level.notificationLevel)).toEqual([3, 3]);
    expect(await getHtml("/notifications", await cookieOf("claire.martin"))).toContain(
      "Julien Roux vous a assigné le sujet",
    );

    // A moderator assigns the geOrchestra team: its members are told, with the team's name.
    const karim = await cookieOf("karim.haddad");
    const team = await post(path, karim, { intent: "assign", group: "mainteneurs-georchestra" });
    expect(team.status).toBe(200);
    expect(
      (await db.post.findFirstOrThrow({ where: { topicId, action: "assigned" }, orderBy: { id: "desc" } })).raw,
    ).toBe("a assigné le sujet à l'équipe Mainteneurs geOrchestra");
    expect((await notificationsOf("julien.roux", topicId)).map((n) => n.kind)).toEqual(["assigned"]);
    expect(await getHtml("/notifications", julien)).toContain(
      "Karim Haddad a assigné à votre équipe Mainteneurs geOrchestra le sujet",
    );
    // Twice the same person: a conflict, nothing more written.
    const again = await writes(topicId);
    expect((await post(path, karim, field)).status).toBe(409);
    expect(await writes(topicId)).toEqual(again);

    // Everyone who reads the topic sees who is in charge; only those who triage get the forms.
    const anonymousPage = await getHtml(path);
    expect(anonymousPage).toContain("Assignés");
    expect(anonymousPage).toContain("Julien Roux (@julien.roux)");
    expect(anonymousPage).toContain("Équipe Mainteneurs geOrchestra");
    expect(anonymousPage).not.toContain("Assigner une personne");
    expect(await getHtml(path, julien)).toContain("Assigner une personne");

    // Removing an assignee: a triager may, and an event says so.
    const claireAssignment = await db.topicAssignment.findFirstOrThrow({
      where: { topicId, user: { username: "claire.martin" } },
    });
    expect(
      (
        await post(path, await cookieOf("sophie.bernard"), {
          intent: "unassign",
          assignmentId: String(claireAssignment.id),
        })
      ).status,
    ).toBe(403);
    expect((await post(path, julien, { intent: "unassign", assignmentId: String(claireAssignment.id) })).status).toBe(
      200,
    );
    expect(await db.topicAssignment.count({ where: { topicId } })).toBe(2);
    expect((await db.post.findFirstOrThrow({ where: { topicId }, orderBy: { postNumber: "desc" } })).raw).toBe(
      "a retiré l'assignation de @claire.martin",
    );
  });

  it("refuses unknown people and teams, and anyone who cannot see a private category, writing nothing", async () => {
    const julien = await cookieOf("julien.roux");
    const { topicId, path } = await reportedTopic("claire.martin", "geOrchestra : CORS absent sur /ogcapi", [
      "georchestra",
    ]);
    const before = await writes(topicId);
    const unknown = await post(path, julien, { intent: "assign", username: "personne.inconnue" });
    expect(unknown.status).toBe(422);
    expect(unknown.html).toContain("Aucun utilisateur ne s&#x27;appelle « personne.inconnue ».");
    expect((await post(path, julien, { intent: "assign", group: "membres-crige" })).status).toBe(422);
    expect((await post(path, julien, { intent: "assign", username: "" })).status).toBe(422);
    expect(await writes(topicId)).toEqual(before);

    // The security category is readable by moderators only: Julien cannot be put in charge there, nor his team.
    const secret = await reportedTopic("karim.haddad", "Injection dans un filtre CQL", ["georchestra"], "securite");
    const karim = await cookieOf("karim.haddad");
    const beforeSecret = await writes(secret.topicId);
    const refused = await post(secret.path, karim, { intent: "assign", username: "julien.roux" });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain(
      "@julien.roux ne peut pas voir cette catégorie : impossible de lui assigner le sujet.",
    );
    const team = await post(secret.path, karim, { intent: "assign", group: "mainteneurs-georchestra" });
    expect(team.status).toBe(422);
    expect(await writes(secret.topicId)).toEqual(beforeSecret);
    // And a maintainer who cannot see it cannot act on it: the topic does not exist for him.
    expect((await post(secret.path, julien, { intent: "assign", username: "julien.roux" })).status).toBe(404);
    // The form offers only the teams that could read it.
    expect(await getHtml(secret.path, karim)).not.toContain('value="mainteneurs-georchestra"');
  });
});

describe("/assigned", () => {
  it("lists the open topics assigned to me and to my teams, never a topic I can no longer read", async () => {
    const db = await getDb();
    const karim = await user("karim.haddad");
    const mine = await reportedTopic("claire.martin", "geOrchestra : pagination perdue après filtre", ["georchestra"]);
    const teams = await reportedTopic("claire.martin", "geOrchestra : limite par défaut trop basse", ["georchestra"]);
    const fixed = await reportedTopic("claire.martin", "geOrchestra : corrigé dans la 24.1", ["georchestra"]);
    const moved = await reportedTopic("claire.martin", "geOrchestra : détail sensible d'un service", ["georchestra"]);
    await assignTopic(db, karim, mine.topicId, { kind: "user", username: "julien.roux" });
    await assignTopic(db, karim, fixed.topicId, { kind: "user", username: "julien.roux" });
    await db.interopReport.update({ where: { topicId: fixed.topicId }, data: { status: "fixed" } });
    for (const topic of [teams, moved]) {
      await assignTopic(db, karim, topic.topicId, { kind: "group", name: "mainteneurs-georchestra" });
    }
    const julien = await cookieOf("julien.roux");
    const idsOf = (body: { topic_list: { topics: { id: number }[] } }) => body.topic_list.topics.map((t) => t.id);

    const me = await getJson("/assigned.json", julien);
    expect(me.status).toBe(200);
    expect(idsOf(me.body)).toContain(mine.topicId);
    expect(idsOf(me.body)).not.toContain(fixed.topicId);
    expect(idsOf(me.body)).not.toContain(teams.topicId);
    const team = await getJson("/assigned.json?tab=teams", julien);
    expect(idsOf(team.body).slice(0, 2)).toEqual([moved.topicId, teams.topicId]);
    const page = await getHtml("/assigned", julien);
    expect(page).toContain("geOrchestra : pagination perdue après filtre");
    expect(page).not.toContain("geOrchestra : corrigé dans la 24.1");
    expect(await getHtml("/assigned?tab=teams", julien)).toContain("geOrchestra : limite par défaut trop basse");
    expect(await getHtml("/", julien)).toContain('href="/assigned"');

    // Moved to the moderators-only security category: gone from the team's list, in HTML and JSON.
    await db.topic.update({ where: { id: moved.topicId }, data: { categoryId: await categoryId("securite") } });
    expect(idsOf((await getJson("/assigned.json?tab=teams", julien)).body)).not.toContain(moved.topicId);
    expect(await getHtml("/assigned?tab=teams", julien)).not.toContain("détail sensible");
    // Signed-out visitors have no such list.
    expect((await getJson("/assigned.json")).status).toBe(401);
  });

  it("pages the list with a cursor, like /latest", async () => {
    const db = await getDb();
    const karim = await user("karim.haddad");
    const ids: number[] = [];
    for (const n of [1, 2, 3]) {
      const topic = await reportedTopic("claire.martin", `Prodige : export ${n} incomplet`, ["prodige"]);
      await assignTopic(db, karim, topic.topicId, { kind: "user", username: "sophie.bernard" });
      ids.push(topic.topicId);
    }
    const sophie = await cookieOf("sophie.bernard");
    const first = await getJson("/assigned.json?per_page=2", sophie);
    expect(first.body.topic_list.topics.map((t: { id: number }) => t.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.topic_list.more_topics_url).toMatch(/^\/assigned\.json\?cursor=/);
    const second = await getJson(first.body.topic_list.more_topics_url, sophie);
    expect(second.body.topic_list.topics.map((t: { id: number }) => t.id)).toEqual([ids[0]]);
  });
});

describe("inactivity reminders", () => {
  it("reminds the assignees of a quiet open report once after N days, not before, and again N days later", async () => {
    const db = await getDb();
    const { topicId } = await reportedTopic("claire.martin", "geOrchestra : WFS 2.0 sans resultType=hits", [
      "georchestra",
    ]);
    await assignTopic(db, await user("karim.haddad"), topicId, { kind: "user", username: "julien.roux" });
    const quietSince = (await db.topic.findUniqueOrThrow({ where: { id: topicId } })).bumpedAt.getTime();
    const day = 86_400_000;
    const reminders = async () =>
      (await notificationsOf("julien.roux", topicId)).filter((n) => n.kind === "reminder").length;

    await sendInactivityReminders(db, new Date(quietSince + 13 * day));
    expect(await reminders()).toBe(0);
    await sendInactivityReminders(db, new Date(quietSince + 14 * day + 1000));
    expect(await reminders()).toBe(1);
    await sendInactivityReminders(db, new Date(quietSince + 20 * day));
    expect(await reminders()).toBe(1);
    await sendInactivityReminders(db, new Date(quietSince + 29 * day));
    expect(await reminders()).toBe(2);
    expect(await getHtml("/notifications", await cookieOf("julien.roux"))).toContain(
      "Rappel : aucune activité depuis 14 jours sur le sujet qui vous est assigné",
    );

    // Fixed: no more reminders.
    await db.interopReport.update({ where: { topicId }, data: { status: "fixed" } });
    await sendInactivityReminders(db, new Date(quietSince + 60 * day));
    expect(await reminders()).toBe(2);
  });
});

describe("accepted answer", () => {
  it("lets the reporter mark a reply as the solution, shows it in pages and JSON, and unmarks it", async () => {
    const db = await getDb();
    const { topicId, path } = await reportedTopic("claire.martin", "geOrchestra : filtre CQL sur les dates", [
      "georchestra",
    ]);
    const reply = await createReply(db, await user("julien.roux"), {
      topicId,
      raw: "Utilisez le format ISO 8601 : `datetime=2024-03-12T00:00:00Z` fonctionne depuis la 24.0.",
    });
    const answer = await db.post.findUniqueOrThrow({
      where: { topicId_postNumber: { topicId, postNumber: reply.postNumber } },
    });
    const first = await db.post.findUniqueOrThrow({ where: { topicId_postNumber: { topicId, postNumber: 1 } } });
    const claire = await cookieOf("claire.martin");

    // A member who is neither reporter nor maintainer may not; the question itself and event posts cannot be answers.
    expect(
      (await post(path, await cookieOf("sophie.bernard"), { intent: "accept-answer", postId: String(answer.id) }))
        .status,
    ).toBe(403);
    expect((await post(path, claire, { intent: "accept-answer", postId: String(first.id) })).status).toBe(422);
    expect((await db.topic.findUniqueOrThrow({ where: { id: topicId } })).acceptedAnswerPostId).toBeNull();

    const accepted = await post(path, claire, { intent: "accept-answer", postId: String(answer.id) });
    expect(accepted.status).toBe(200);
    expect(accepted.html).toContain("Solution");
    expect(accepted.html.match(/Lire la réponse[^<]*/)?.[0]).toBe("Lire la réponse #2");
    expect((await notificationsOf("julien.roux", topicId)).map((n) => n.kind)).toEqual(["answer_accepted"]);
    const event = await db.post.findFirstOrThrow({ where: { topicId, action: "answer_accepted" } });
    expect(event.raw).toBe("a marqué le message #2 comme solution");
    expect((await post(path, claire, { intent: "accept-answer", postId: String(event.id) })).status).toBe(422);

    const topicJson = (await getJson(`/t/${topicId}.json`)).body;
    expect(topicJson.has_accepted_answer).toBe(true);
    expect(topicJson.accepted_answer).toEqual({
      post_number: 2,
      username: "julien.roux",
      name: "Julien Roux",
      excerpt: "Utilisez le format ISO 8601 : datetime=2024-03-12T00:00:00Z fonctionne depuis la 24.0.",
    });
    const posts = topicJson.post_stream.posts as { post_number: number; accepted_answer: boolean }[];
    expect(posts.filter((p) => p.accepted_answer).map((p) => p.post_number)).toEqual([2]);
    const latest = (await getJson("/latest.json?per_page=100")).body.topic_list.topics as {
      id: number;
      has_accepted_answer: boolean;
    }[];
    expect(latest.find((t) => t.id === topicId)?.has_accepted_answer).toBe(true);
    expect(await getHtml("/latest")).toContain("Résolu");

    expect((await post(path, claire, { intent: "unaccept-answer" })).status).toBe(200);
    const after = (await getJson(`/t/${topicId}.json`)).body;
    expect([after.has_accepted_answer, after.accepted_answer]).toEqual([false, null]);
  });
});

describe("votes", () => {
  it("counts votes within the member's limit, gives them back on withdrawal and on close, and orders the roadmap", async () => {
    const db = await getDb();
    const roadmap = await db.category.findUniqueOrThrow({ where: { slug: "feuille-de-route" } });
    expect([roadmap.votingEnabled, roadmap.votesPerUser]).toEqual([true, 3]);
    const admin = await user("admin");
    type Created = { topicId: number; path: string };
    const topics: Created[] = [];
    for (const n of [1, 2, 3, 4, 5]) {
      const created = await createTopic(db, admin, {
        categoryId: roadmap.id,
        title: `Proposition de feuille de route numéro ${n}`,
        raw: "Votez si vous soutenez.",
      });
      topics.push({ topicId: created.topicId, path: `/t/${created.slug}/${created.topicId}` });
    }
    const [a, b, c, d, e] = topics as [Created, Created, Created, Created, Created];
    const sophie = await cookieOf("sophie.bernard");
    const claire = await cookieOf("claire.martin");
    const count = async (topicId: number) => (await db.topic.findUniqueOrThrow({ where: { id: topicId } })).voteCount;

    for (const topic of [a, b, c]) expect((await post(topic.path, sophie, { intent: "vote" })).status).toBe(200);
    const page = await getHtml(d.path, sophie);
    expect(page).toContain("Vous avez utilisé vos 3 votes dans cette catégorie.");
    const refused = await post(d.path, sophie, { intent: "vote" });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain(
      "Vous avez utilisé vos 3 votes dans cette catégorie : retirez-en un pour voter ici.",
    );
    expect(await count(d.topicId)).toBe(0);

    // Withdrawing gives the vote back.
    expect((await post(c.path, sophie, { intent: "unvote" })).status).toBe(200);
    expect(await count(c.topicId)).toBe(0);
    expect(await getHtml(d.path, sophie)).toContain("Il vous reste 1 vote dans cette catégorie (sur 3).");
    expect((await post(d.path, sophie, { intent: "vote" })).status).toBe(200);

    // Closing a topic releases its votes: Sophie votes elsewhere; reopening counts them again.
    expect((await post(e.path, sophie, { intent: "vote" })).status).toBe(422);
    const karim = await cookieOf("karim.haddad");
    expect((await post(a.path, karim, { intent: "moderate", action: "close" })).status).toBe(200);
    expect(await count(a.topicId)).toBe(0);
    expect((await post(a.path, sophie, { intent: "vote" })).status).toBe(422);
    expect((await post(e.path, sophie, { intent: "vote" })).status).toBe(200);
    expect((await post(a.path, karim, { intent: "moderate", action: "open" })).status).toBe(200);
    expect(await count(a.topicId)).toBe(1);

    // Claire votes too: b has 2 votes, a, d and e one each, c none.
    expect((await post(b.path, claire, { intent: "vote" })).status).toBe(200);
    const topicJson = (await getJson(`/t/${b.topicId}.json`, sophie)).body;
    expect([topicJson.can_vote, topicJson.vote_count, topicJson.user_voted]).toEqual([true, 2, true]);
    const anonymousJson = (await getJson(`/t/${c.topicId}.json`)).body;
    expect([anonymousJson.can_vote, anonymousJson.vote_count, anonymousJson.user_voted]).toEqual([false, 0, false]);
    expect((await getJson(`/t/${a.topicId}.json`, sophie)).body.vote_count).toBe(1);

    // Ordered by votes, then newest: b (2), e, d, a (1 each, newest first), c (0), then older roadmap topics.
    const ours = new Set(topics.map((topic) => topic.topicId));
    const first = await getJson(`/c/feuille-de-route/${roadmap.id}.json?order=votes&per_page=3`, sophie);
    const firstIds = first.body.topic_list.topics.map((t: { id: number }) => t.id);
    expect(firstIds).toEqual([b.topicId, e.topicId, d.topicId]);
    const item = first.body.topic_list.topics[0];
    expect([item.can_vote, item.vote_count, item.user_voted]).toEqual([true, 2, true]);
    const more = first.body.topic_list.more_topics_url as string;
    expect(more).toContain("order=votes");
    const second = await getJson(more, sophie);
    const secondIds = second.body.topic_list.topics.map((t: { id: number }) => t.id);
    expect(secondIds.filter((id: number) => ours.has(id))).toEqual([a.topicId, c.topicId]);
    expect(secondIds.some((id: number) => firstIds.includes(id))).toBe(false);
    const html = await getHtml(`/c/feuille-de-route/${roadmap.id}?order=votes`);
    expect(html.indexOf("numéro 2")).toBeLessThan(html.indexOf("numéro 5"));
    expect(html.indexOf("numéro 5")).toBeLessThan(html.indexOf("numéro 3"));
    expect(html).toContain("par nombre de votes");
    // Anonymous visitors see the counts but cannot vote.
    const anonymousPage = await getHtml(b.path);
    expect(anonymousPage).toContain("2 votes");
    expect(anonymousPage).toContain("pour voter");
  });

  it("refuses votes outside voting categories and from visitors who are not signed in", async () => {
    const db = await getDb();
    const { topicId, path } = await reportedTopic("claire.martin", "Prodige : un sujet sans vote", ["prodige"]);
    expect((await post(path, await cookieOf("sophie.bernard"), { intent: "vote" })).status).toBe(422);
    expect((await db.topic.findUniqueOrThrow({ where: { id: topicId } })).voteCount).toBe(0);
    const json = (await getJson(`/t/${topicId}.json`)).body;
    expect([json.can_vote, json.vote_count]).toEqual([false, 0]);
  });
});
