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
        body: form({ intent: "react", reaction: `${post.id}:${kind}`, csrf }),
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

describe("tags", () => {
  it("filters topics by tag, lets moderators create tags and topic authors tag their topics", async () => {
    const tagged = await (await fetch(`${baseUrl()}/tag/proconnect`)).text();
    expect(tagged).toContain("ProConnect : la déconnexion depuis OneGeo Suite renvoie une erreur Y030111");
    expect(tagged).not.toContain("Validata rejette");
    expect((await fetch(`${baseUrl()}/tag/inconnue`)).status).toBe(404);

    const create = async (username: string, name: string) => {
      const { cookie } = await sessionCookieFor(username);
      const csrf = await csrfFrom(baseUrl(), "/tags", cookie);
      const response = await fetch(`${baseUrl()}/tags`, {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: form({ name, description: "", csrf }),
      });
      return { status: response.status, html: await response.text() };
    };
    expect((await create("claire.martin", "cql2")).status).toBe(403);
    expect((await create("karim.haddad", "Pas Valide!")).status).toBe(422);
    expect((await create("karim.haddad", "cql2")).html).toContain("L&#x27;étiquette « cql2 » a été créée.");

    const db = await getDb();
    const topic = await db.topic.findFirstOrThrow({ where: { slug: { startsWith: "ogc-api-features" } } });
    const { cookie } = await sessionCookieFor("julien.roux");
    const path = `/t/${topic.slug}/${topic.id}`;
    const csrf = await csrfFrom(baseUrl(), path, cookie);
    const unknown = await fetch(`${baseUrl()}${path}`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: form({ intent: "tags", tags: "cql2 nimporte", csrf }),
    });
    expect(unknown.status).toBe(422);
    await fetch(`${baseUrl()}${path}`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: form({ intent: "tags", tags: "cql2 ogcapi-features", csrf }),
    });
    expect(await (await fetch(`${baseUrl()}/tag/cql2`)).text()).toContain(topic.title);
  });

  it("never counts a private category's topics in tag counts", async () => {
    const db = await getDb();
    const secret = await db.topic.findFirstOrThrow({ where: { title: secretTitle } });
    const tag = await db.tag.findUniqueOrThrow({ where: { name: "validata" } });
    await db.topicTag.create({ data: { topicId: secret.id, tagId: tag.id } });
    const page = await (await fetch(`${baseUrl()}/tags`)).text();
    expect(page).toContain("validata (1)");
    expect(await (await fetch(`${baseUrl()}/tag/validata`)).text()).not.toContain("CORS");
  });
});

describe("top topics", () => {
  it("orders the period's topics by how much they were discussed, without private ones", async () => {
    const html = await (await fetch(`${baseUrl()}/top?period=all`)).text();
    const titles = [...html.matchAll(/<a[^>]+href="\/t\/[^"]+"[^>]*>([^<]+)<\/a>/g)].map((match) => match[1]);
    expect(titles[0]).toBe("OGC API Features : le lien « next » de geOrchestra perd le paramètre bbox");
    expect(html).not.toContain("CORS");
    expect((await fetch(`${baseUrl()}/top?period=nimporte`)).status).toBe(200);
  });
});
