// New members' first posts held for review (FIRST_POSTS_HELD_FOR_REVIEW), through the HTML forms, Discourse's
// POST /posts.json and the moderators' queue, on the built app.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/infra/db.server";
import { useAppServer } from "../support/app-server";
import { reportFormFields, validReport } from "../support/reports";
import { csrfFrom, sessionCookieFor, submitForm } from "../support/sessions";

// The setting is read once, on first use: this file's server holds claire.martin's next post only.
let heldMember: { cookie: string };
beforeAll(async () => {
  const db = await getDb();
  const claire = await db.user.findUniqueOrThrow({ where: { username: "claire.martin" } });
  process.env.FIRST_POSTS_HELD_FOR_REVIEW = String((await db.post.count({ where: { userId: claire.id } })) + 1);
  heldMember = await sessionCookieFor("claire.martin");
});

const baseUrl = useAppServer();

const post = (path: string, cookie: string, fields: Record<string, string | string[]>) =>
  submitForm(baseUrl(), path, cookie, fields);

const categoryId = async (slug: string) =>
  String((await (await getDb()).category.findUniqueOrThrow({ where: { slug } })).id);
const latestTitles = async () =>
  (
    (await (await fetch(`${baseUrl()}/latest.json`)).json()) as { topic_list: { topics: { title: string }[] } }
  ).topic_list.topics.map((topic) => topic.title);

describe("new members' first posts wait for a moderator", () => {
  it("holds the topic out of every list until a moderator publishes it, then lets the member post freely", async () => {
    const db = await getDb();
    const category = await db.category.findUniqueOrThrow({ where: { slug: "problemes-interoperabilite" } });
    const title = "Prodige : le flux WFS renvoie du GML 3.2 sans namespace";
    const held = await post("/new-topic", heldMember.cookie, {
      category: String(category.id),
      title,
      raw: "Bonjour @julien.roux, voici le fichier en erreur.",
      ...reportFormFields(),
      intent: "publish",
    });
    expect(held.status).toBe(200);
    expect(held.html).toContain("il sera publié dès qu&#x27;ils l&#x27;auront validé");
    expect(await db.topic.count({ where: { title } })).toBe(0);
    expect(await latestTitles()).not.toContain(title);
    // The category asks for a typed report: it waits with the post, as checked.
    const queuedRow = await db.queuedPost.findFirstOrThrow({ where: { title } });
    expect(JSON.parse(queuedRow.report!)).toMatchObject({ ...validReport, severity: "major" });
    const julien = await db.user.findUniqueOrThrow({ where: { username: "julien.roux" } });
    const mentionsBefore = await db.notification.count({ where: { userId: julien.id, kind: "mention" } });
    expect((await db.category.findUniqueOrThrow({ where: { id: category.id } })).topicCount).toBe(category.topicCount);

    // Only moderators see the queue.
    const member = await fetch(`${baseUrl()}/review`, { headers: { cookie: heldMember.cookie } });
    expect(member.status).toBe(403);
    const moderator = (await sessionCookieFor("karim.haddad")).cookie;
    const queue = await (await fetch(`${baseUrl()}/review`, { headers: { cookie: moderator } })).text();
    expect(queue).toContain(`Nouveau sujet : ${title}`);
    const queuedId = /name="queuedPostId" value="(\d+)"/.exec(queue)![1]!;

    const approved = await post("/review", moderator, { queuedPostId: queuedId, decision: "approve" });
    expect(approved.status).toBe(200);
    expect(approved.html).toContain("Le message a été publié.");
    expect(await latestTitles()).toContain(title);
    // Published as its author, with what publication brings: the mention's notification, the counters, an audit.
    const topic = await db.topic.findFirstOrThrow({
      where: { title },
      include: { user: true, interopReport: { include: { affected: true } } },
    });
    expect(topic.user.username).toBe("claire.martin");
    // The report is created with the topic, on approval.
    expect(topic.interopReport).toMatchObject({ status: "new", severity: "major", steps: validReport.steps });
    expect(topic.interopReport!.affected).toHaveLength(1);
    expect(await db.notification.count({ where: { userId: julien.id, kind: "mention" } })).toBe(mentionsBefore + 1);
    expect((await db.category.findUniqueOrThrow({ where: { id: category.id } })).topicCount).toBe(
      category.topicCount + 1,
    );
    expect(await db.auditEvent.count({ where: { action: "queued_post.approve", targetId: queuedId } })).toBe(1);

    // A second decision on the same post is a conflict, not a second topic.
    const again = await post("/review", moderator, { queuedPostId: queuedId, decision: "approve" });
    expect(again.status).toBe(409);
    expect(await db.topic.count({ where: { title } })).toBe(1);

    // With one approved post, claire.martin is past the threshold: her reply is published at once.
    const reply = await post(`/t/${topic.slug}/${topic.id}`, heldMember.cookie, { raw: "Merci pour la validation." });
    expect(reply.status).toBe(302);
    expect(reply.location).toContain(`/t/${topic.slug}/${topic.id}/2`);
  });

  it("answers POST /posts.json with Discourse's enqueued shape, and a rejected reply is never published", async () => {
    const db = await getDb();
    // A member who never posted: under any threshold.
    await db.user.create({
      data: {
        issuer: "https://proconnect.test",
        subject: "newcomer-1",
        username: "nouvelle.venue",
        email: "nouvelle.venue@example.fr",
        givenName: "Nouvelle",
        usualName: "Venue",
      },
    });
    const { cookie } = await sessionCookieFor("nouvelle.venue");
    const topic = await db.topic.findFirstOrThrow({ where: { deletedAt: null, category: { readRestricted: false } } });
    const csrf = await csrfFrom(baseUrl(), `/t/${topic.slug}/${topic.id}`, cookie);
    const postsBefore = await db.post.count({ where: { topicId: topic.id } });
    const response = await fetch(`${baseUrl()}/posts.json`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json", "x-csrf-token": csrf },
      body: JSON.stringify({ topic_id: topic.id, raw: "Réponse d'une nouvelle venue." }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { action: string; pending_post: { id: number; raw: string } };
    expect(body.action).toBe("enqueued");
    expect(body.pending_post.raw).toBe("Réponse d'une nouvelle venue.");
    expect(await db.post.count({ where: { topicId: topic.id } })).toBe(postsBefore);

    const moderator = (await sessionCookieFor("karim.haddad")).cookie;
    const rejected = await post("/review", moderator, {
      queuedPostId: String(body.pending_post.id),
      decision: "reject",
    });
    expect(rejected.html).toContain("Le message a été refusé.");
    expect(await db.post.count({ where: { topicId: topic.id } })).toBe(postsBefore);
    expect((await db.queuedPost.findUniqueOrThrow({ where: { id: body.pending_post.id } })).status).toBe("rejected");
  });

  it("refuses a held post in a category the member may not write in, queuing nothing", async () => {
    const db = await getDb();
    const queuedBefore = await db.queuedPost.count();
    const refused = await post("/new-topic", heldMember.cookie, {
      category: await categoryId("securite"),
      title: "Un titre tout à fait correct",
      raw: "x",
      intent: "publish",
    });
    expect(refused.status).toBe(422);
    expect(await db.queuedPost.count()).toBe(queuedBefore);
  });

  it("never holds moderators", async () => {
    const db = await getDb();
    const moderator = (await sessionCookieFor("karim.haddad")).cookie;
    const published = await post("/new-topic", moderator, {
      category: await categoryId("annonces"),
      title: "Maintenance de la plateforme ce soir",
      raw: "Coupure de 22 h à 23 h.",
      intent: "publish",
    });
    expect(published.status).toBe(302);
    expect(await db.topic.count({ where: { title: "Maintenance de la plateforme ce soir" } })).toBe(1);
  });
});
