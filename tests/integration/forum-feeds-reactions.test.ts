import { describe, expect, it } from "vitest";
import { getDb } from "../../app/infra/db.server";
import { useAppServer } from "../support/app-server";
import { csrfFrom, form, sessionCookieFor } from "../support/sessions";

const baseUrl = useAppServer();
const secretTitle = "Divulgation coordonnée : en-têtes CORS trop permissifs sur un service WFS";

describe("RSS feeds", () => {
  it("lists the latest public topics in /latest.rss, linked from /latest", async () => {
    const response = await fetch(`${baseUrl()}/latest.rss`);
    expect(response.headers.get("content-type")).toContain("application/rss+xml");
    const xml = await response.text();
    expect(xml).toContain("<title>Validata rejette les fichiers IRVE exportés par Prodige (format de date)</title>");
    expect(xml).toContain("<language>fr</language>");
    expect(xml).not.toContain("CORS");
    expect(await (await fetch(`${baseUrl()}/latest`)).text()).toContain('href="/latest.rss"');
  });

  it("gives a category's and a topic's feed, and 404 for private ones, even to a signed-in moderator", async () => {
    const db = await getDb();
    const topic = await db.topic.findFirstOrThrow({
      where: { slug: { startsWith: "ogc-api-features" } },
      include: { category: true },
    });
    const categoryXml = await (await fetch(`${baseUrl()}/c/${topic.category.slug}/${topic.categoryId}.rss`)).text();
    expect(categoryXml).toContain(`<title>${topic.title}</title>`);
    const topicXml = await (await fetch(`${baseUrl()}/t/${topic.slug}/${topic.id}.rss`)).text();
    expect(topicXml.match(/<item>/g)).toHaveLength(3);
    expect(topicXml).toContain("message #3");

    const secret = await db.topic.findFirstOrThrow({ where: { title: secretTitle }, include: { category: true } });
    const { cookie } = await sessionCookieFor("karim.haddad");
    for (const path of [`/t/${secret.slug}/${secret.id}.rss`, `/c/${secret.category.slug}/${secret.categoryId}.rss`]) {
      const response = await fetch(`${baseUrl()}${path}`, { headers: { cookie } });
      expect(response.status, path).toBe(404);
    }
    expect(await (await fetch(`${baseUrl()}/latest.rss`, { headers: { cookie } })).text()).not.toContain("CORS");
  });
});

describe("reactions", () => {
  it("counts one reaction per person per post, toggles it off, and refuses reacting to one's own post", async () => {
    const db = await getDb();
    const topic = await db.topic.findFirstOrThrow({ where: { slug: { startsWith: "ogc-api-features" } } });
    const post = await db.post.findFirstOrThrow({ where: { topicId: topic.id, postNumber: 1 } });
    const path = `/t/${topic.slug}/${topic.id}`;
    const react = async (username: string, kind: string) => {
      const { cookie } = await sessionCookieFor(username);
      const csrf = await csrfFrom(baseUrl(), path, cookie);
      const response = await fetch(`${baseUrl()}${path}`, {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: form({ intent: "react", postId: String(post.id), kind, csrf }),
      });
      return { status: response.status, html: await response.text() };
    };
    await react("claire.martin", "+1");
    await react("karim.haddad", "+1");
    await react("claire.martin", "heart");
    expect(await db.reaction.count({ where: { postId: post.id } })).toBe(2);
    const page = await (await fetch(`${baseUrl()}${path}`)).text();
    expect(page).toContain("D&#x27;accord : 1 réaction");
    expect(page).toContain("Merci : 1 réaction");

    await react("karim.haddad", "+1");
    expect(await db.reaction.count({ where: { postId: post.id } })).toBe(1);
    expect((await react("julien.roux", "+1")).status).toBe(403);
    expect((await react("claire.martin", "poop")).status).toBe(422);
  });
});
