import { describe, expect, it } from "vitest";
import { getDb } from "../../app/infra/db.server";
import { useAppServer } from "../support/app-server";
import { reportFormFields } from "../support/reports";
import { csrfFrom, sessionCookieFor, submitForm } from "../support/sessions";

const baseUrl = useAppServer();

const post = (path: string, cookie: string, fields: Record<string, string | string[]>) =>
  submitForm(baseUrl(), path, cookie, fields);

const categoryId = async (slug: string) =>
  String((await (await getDb()).category.findUniqueOrThrow({ where: { slug } })).id);

describe("posting through the HTML forms (no JavaScript)", () => {
  it("previews, then publishes a topic, and lands on it", async () => {
    const { cookie } = await sessionCookieFor("julien.roux");
    const fields = {
      category: await categoryId("problemes-interoperabilite"),
      title: "CRS : la Part 2 de Prodige ignore bbox-crs",
      raw: "Avec `bbox-crs=http://www.opengis.net/def/crs/EPSG/0/2154` la **bbox** est lue en WGS 84.",
      ...reportFormFields(),
    };
    const preview = await post("/new-topic", cookie, { ...fields, intent: "preview" });
    expect(preview.status).toBe(200);
    expect(preview.html).toContain("Aperçu");
    expect(preview.html).toContain("la <strong>bbox</strong> est lue");
    expect(await (await getDb()).topic.count({ where: { title: fields.title } })).toBe(0);

    const published = await post("/new-topic", cookie, { ...fields, intent: "publish" });
    expect(published.status).toBe(302);
    expect(published.location).toMatch(/^\/t\/crs-la-part-2-de-prodige-ignore-bbox-crs\/\d+$/);
    const page = await (await fetch(`${baseUrl()}${published.location}`)).text();
    expect(page).toContain("<h1>CRS : la Part 2 de Prodige ignore bbox-crs</h1>");
  });

  it("shows French messages next to the fields and keeps what was typed, with a 422", async () => {
    const { cookie } = await sessionCookieFor("julien.roux");
    const before = await (await getDb()).topic.count();
    const refused = await post("/new-topic", cookie, {
      category: await categoryId("annonces"),
      title: "Bof",
      raw: "Mon texte que je ne veux pas perdre",
      intent: "publish",
    });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('id="topic-title-error"');
    expect(refused.html).toContain("Le titre doit contenir au moins 5 caractères.");
    expect(refused.html).toContain("Mon texte que je ne veux pas perdre");
    const secret = await post("/new-topic", cookie, {
      category: await categoryId("securite"),
      title: "Un titre tout à fait correct",
      raw: "x",
      intent: "publish",
    });
    expect(secret.status).toBe(422);
    expect(secret.html).toContain("Catégorie inconnue.");
    expect(await (await getDb()).topic.count()).toBe(before);
  });

  it("replies, quotes a post, edits with a visible history, deletes and restores", async () => {
    const { cookie } = await sessionCookieFor("claire.martin");
    const db = await getDb();
    const topic = await db.topic.findFirstOrThrow({ where: { slug: { startsWith: "validata-rejette" } } });
    const path = `/t/${topic.slug}/${topic.id}`;

    const quotePage = await (await fetch(`${baseUrl()}${path}/2?quote=2&replyTo=2`, { headers: { cookie } })).text();
    expect(quotePage).toContain("&gt; **@julien.roux** a écrit");
    expect(quotePage).toContain('name="replyToPostNumber" value="2"');

    const reply = await post(path, cookie, {
      raw: "C'est corrigé avec l'option dates ISO, merci !",
      replyToPostNumber: "2",
      intent: "publish",
    });
    expect(reply.status).toBe(302);
    // Numbered after the topic's last post number (the demo report's closing is an event of its timeline).
    const number = topic.highestPostNumber + 1;
    expect(reply.location).toBe(`${path}/${number}#post-${number}`);
    const created = await db.post.findUniqueOrThrow({
      where: { topicId_postNumber: { topicId: topic.id, postNumber: number } },
    });
    expect(created.replyToPostNumber).toBe(2);

    const edited = await post(`/posts/${created.id}/edit`, cookie, {
      raw: "C'est réglé avec l'option « dates ISO », merci !",
      version: "1",
      intent: "publish",
    });
    expect(edited.status).toBe(302);
    const history = await (await fetch(`${baseUrl()}/posts/${created.id}/revisions`)).text();
    expect(history).toContain("Version 2, par @claire.martin");
    expect(history).toMatch(/<del><span class="fr-sr-only">\[supprimé : <\/span>corrigé/);
    expect(history).toMatch(/<ins><span class="fr-sr-only">\[ajouté : <\/span>réglé/);

    const stale = await post(`/posts/${created.id}/edit`, cookie, { raw: "Écrasé ?", version: "1", intent: "publish" });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain("modifié par quelqu&#x27;un d&#x27;autre");

    const deleted = await post(path, cookie, { postId: String(created.id), intent: "delete" });
    expect(deleted.html).toContain("Le message a été supprimé.");
    expect(await (await fetch(`${baseUrl()}${path}`)).text()).not.toContain("merci !");
    const restored = await post(path, cookie, { postId: String(created.id), intent: "restore" });
    expect(restored.html).toContain("Le message a été restauré.");
  });

  it("refuses to edit or delete someone else's post (403), and anonymous posting goes to the login page", async () => {
    const { cookie } = await sessionCookieFor("sophie.bernard");
    const db = await getDb();
    const othersPost = await db.post.findFirstOrThrow({ where: { user: { username: "julien.roux" } } });
    expect((await fetch(`${baseUrl()}/posts/${othersPost.id}/edit`, { headers: { cookie } })).status).toBe(403);
    const topic = await db.topic.findUniqueOrThrow({ where: { id: othersPost.topicId } });
    const deleted = await post(`/t/${topic.slug}/${topic.id}`, cookie, {
      postId: String(othersPost.id),
      intent: "delete",
    });
    expect(deleted.status).toBe(403);
    expect((await db.post.findUniqueOrThrow({ where: { id: othersPost.id } })).deletedAt).toBeNull();

    const anonymous = await fetch(`${baseUrl()}/new-topic`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe("/login?returnTo=%2Fnew-topic");
  });

  it("shows each reader the buttons of their own rights and their own token, whoever read the page just before", async () => {
    const db = await getDb();
    const own = await db.post.findFirstOrThrow({ where: { user: { username: "julien.roux" }, deletedAt: null } });
    const topic = await db.topic.findUniqueOrThrow({ where: { id: own.topicId } });
    const path = `/t/${topic.slug}/${topic.id}/${own.postNumber}`;
    const readers = {
      author: (await sessionCookieFor("julien.roux")).cookie,
      member: (await sessionCookieFor("sophie.bernard")).cookie,
      otherMember: (await sessionCookieFor("claire.martin")).cookie,
    };
    const deleteOwn = `aria-label="Supprimer le message ${own.postNumber}"`;
    const heart = new RegExp(`value="${own.id}:heart"[^>]*aria-pressed="(true|false)"`);
    const reacted = await post(path, readers.member, { intent: "react", reaction: `${own.id}:heart` });
    expect(reacted.status).toBe(200);
    // Pages of posts are kept rendered per set of rights (docs/decisions/028): read in turns, twice each.
    for (const round of [1, 2]) {
      for (const [who, cookie] of Object.entries(readers)) {
        const html = await (await fetch(`${baseUrl()}${path}`, { headers: { cookie } })).text();
        const tokens = new Set([...html.matchAll(/name="csrf" value="([^"]*)"/g)].map((match) => match[1]));
        expect(tokens.size, `${who}, round ${round}`).toBe(1);
        expect(html.includes(deleteOwn), `${who}, round ${round}`).toBe(who === "author");
        expect(/<button[^>]*form="reaction-form"/.test(html), `${who}, round ${round}`).toBe(true);
        // One cannot react to one's own post; the member who reacted sees their reaction pressed.
        expect(heart.exec(html)?.[1], `${who}, round ${round}`).toBe(
          { author: undefined, member: "true", otherMember: "false" }[who],
        );
      }
    }
    const tokenOf = async (cookie: string) => csrfFrom(baseUrl(), path, cookie);
    expect(await tokenOf(readers.member)).not.toBe(await tokenOf(readers.otherMember));
    const anonymous = await (await fetch(`${baseUrl()}${path}`)).text();
    expect(anonymous).not.toContain('form="reaction-form"');
    expect(anonymous).not.toContain(deleteOwn);
  });

  it("renders a long topic in pages addressed by post number", async () => {
    const db = await getDb();
    const topic = await db.topic.findFirstOrThrow({ where: { slug: { startsWith: "validata-rejette" } } });
    const page = await fetch(`${baseUrl()}/t/${topic.slug}/${topic.id}/2`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('id="post-2"');
    expect(html).not.toContain('id="post-1"');
    expect(html).toContain("Messages précédents");
  });
});

describe("moderation", () => {
  it("lets a moderator close, pin and move a topic, each change audited; a closed topic refuses members' replies", async () => {
    const db = await getDb();
    const topic = await db.topic.findFirstOrThrow({ where: { slug: { startsWith: "proconnect-la-deconnexion" } } });
    const path = `/t/${topic.slug}/${topic.id}`;
    const moderator = (await sessionCookieFor("karim.haddad")).cookie;
    const member = (await sessionCookieFor("claire.martin")).cookie;

    expect((await post(path, member, { intent: "moderate", action: "close" })).status).toBe(403);
    expect((await db.topic.findUniqueOrThrow({ where: { id: topic.id } })).closed).toBe(false);

    expect((await post(path, moderator, { intent: "moderate", action: "close" })).html).toContain(
      "Le sujet a été mis à jour.",
    );
    expect((await post(path, moderator, { intent: "moderate", action: "pin" })).status).toBe(200);
    const refused = await post(path, member, { raw: "Encore une question", intent: "publish" });
    expect(refused.status).toBe(403);
    expect(refused.html).toContain("Ce sujet est fermé aux réponses.");

    const target = await db.category.findUniqueOrThrow({ where: { slug: "feuille-de-route" } });
    const source = await db.category.findUniqueOrThrow({ where: { id: topic.categoryId } });
    await post(path, moderator, { intent: "moderate", action: "move", categoryId: String(target.id) });
    const moved = await db.topic.findUniqueOrThrow({ where: { id: topic.id } });
    expect([moved.categoryId, moved.closed, moved.pinned]).toEqual([target.id, true, true]);
    expect((await db.category.findUniqueOrThrow({ where: { id: source.id } })).topicCount).toBe(source.topicCount - 1);
    expect((await db.category.findUniqueOrThrow({ where: { id: target.id } })).topicCount).toBe(target.topicCount + 1);
    const actions = (await db.auditEvent.findMany({ where: { targetType: "topic", targetId: String(topic.id) } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(["topic.close", "topic.pin", "topic.move"]);
  });
});

describe("flags and the review queue", () => {
  it("lets a member flag a post, a moderator hide it from the queue; its text is then withheld from others, everywhere", async () => {
    const db = await getDb();
    const topic = await db.topic.findFirstOrThrow({ where: { slug: { startsWith: "validata-rejette" } } });
    const target = await db.post.findFirstOrThrow({ where: { topicId: topic.id, postNumber: 2 } });
    const path = `/t/${topic.slug}/${topic.id}`;
    const member = (await sessionCookieFor("sophie.bernard")).cookie;
    const moderator = (await sessionCookieFor("karim.haddad")).cookie;

    expect((await post(path, member, { intent: "flag", postId: String(target.id), reason: "nimporte" })).status).toBe(
      422,
    );
    const flagged = await post(path, member, {
      intent: "flag",
      postId: String(target.id),
      reason: "off_topic",
      note: "Hors sujet",
    });
    expect(flagged.html).toContain("les modérateurs vont examiner ce message");
    expect((await fetch(`${baseUrl()}/review`, { headers: { cookie: member } })).status).toBe(403);

    const queue = await (await fetch(`${baseUrl()}/review`, { headers: { cookie: moderator } })).text();
    expect(queue).toContain("Hors sujet — message #2 de @julien.roux");
    const flag = await db.flag.findFirstOrThrow({ where: { postId: target.id } });
    const agreed = await post("/review", moderator, { flagId: String(flag.id), decision: "agree" });
    expect(agreed.html).toContain("Le message a été masqué.");

    const anonymousPage = await (await fetch(`${baseUrl()}${path}`)).text();
    expect(anonymousPage).toContain("Ce message a été masqué par les modérateurs");
    expect(anonymousPage).not.toContain("paramètres de la couche");
    const json = await (await fetch(`${baseUrl()}/posts/${target.id}.json`)).json();
    expect([json.raw, json.cooked]).toEqual(["", ""]);
    const forModerator = await (await fetch(`${baseUrl()}${path}`, { headers: { cookie: moderator } })).text();
    expect(forModerator).toContain("paramètres de la couche");
    expect(
      await db.auditEvent.findFirst({ where: { action: "flag.agreed", targetId: String(target.id) } }),
    ).not.toBeNull();

    await post(path, moderator, { intent: "unhide", postId: String(target.id) });
    expect(await (await fetch(`${baseUrl()}${path}`)).text()).toContain("paramètres de la couche");
  });
});
