// Every page answers JSON (`.json` suffix or Accept: application/json), from the same loader as its HTML, with
// the same permission checks; Discourse's own JSON routes keep their shapes.
import { describe, expect, it } from "vitest";
import { getDb } from "../../app/infra/db.server";
import { useAppServer } from "../support/app-server";
import { sessionCookieFor } from "../support/sessions";

const baseUrl = useAppServer();

async function getJson(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl()}${path}`, { headers, redirect: "manual" });
  return {
    status: response.status,
    type: response.headers.get("content-type") ?? "",
    location: response.headers.get("location"),
    body: response.status < 300 || response.status >= 400 ? ((await response.json()) as Record<string, unknown>) : null,
  };
}

describe("page JSON", () => {
  it("answers a page's data with a .json suffix and with Accept: application/json alike", async () => {
    const suffixed = await getJson("/top.json");
    expect(suffixed.status).toBe(200);
    expect(suffixed.type).toContain("application/json");
    // The topics travel to the page as one JSON text (app/infra/json-text.ts); clients get them as a list.
    const topics = (suffixed.body as { topics: { title: string }[] }).topics;
    expect(topics.length).toBeGreaterThan(0);
    expect(topics.every((topic) => typeof topic.title === "string")).toBe(true);
    const negotiated = await getJson("/top", { accept: "application/json" });
    expect(negotiated.body).toEqual(suffixed.body);
    const tags = await getJson("/tags.json");
    expect(JSON.stringify(tags.body)).toContain(`"name":"crs"`);
  });

  it("serves a topic page's posts, and a tag page, through their page routes", async () => {
    const db = await getDb();
    const topic = await db.topic.findFirstOrThrow({ where: { deletedAt: null, category: { readRestricted: false } } });
    const page = await getJson(`/t/${topic.slug}/${topic.id}.json`);
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.body)).toContain(topic.title.replace(/"/g, '\\"'));
    // A wrong slug redirects to the canonical page's JSON, not to its HTML.
    const wrongSlug = await getJson(`/t/mauvais-titre/${topic.id}.json`);
    expect(wrongSlug.status).toBe(301);
    expect(wrongSlug.location).toBe(`/t/${topic.slug}/${topic.id}.json`);
  });

  it("sends each post's HTML with a topic page, and its Markdown only for timeline events (printed as text)", async () => {
    const db = await getDb();
    const event = await db.post.findFirstOrThrow({
      where: {
        postType: 3,
        deletedAt: null,
        postNumber: { lte: 20 },
        topic: { deletedAt: null, category: { readRestricted: false } },
      },
    });
    const topic = await db.topic.findUniqueOrThrow({ where: { id: event.topicId } });
    const page = await getJson(`/t/${topic.slug}/${topic.id}.json`);
    const posts = (page.body as { topic: { posts: { postType: number; raw?: string; cooked: string }[] } }).topic.posts;
    expect(posts.filter((post) => post.postType !== 3).map((post) => [post.raw, post.cooked.length > 0])).toEqual(
      posts.filter((post) => post.postType !== 3).map(() => [undefined, true]),
    );
    expect(posts.filter((post) => post.postType === 3).map((post) => post.raw)).toContain(event.raw);
  });

  it("keeps Discourse's own JSON routes", async () => {
    const latest = await getJson("/latest.json");
    expect(latest.body).toHaveProperty("topic_list");
  });

  it("applies the page's permissions: private topics are missing, signed-in pages ask for a session", async () => {
    const db = await getDb();
    const secret = await db.topic.findFirstOrThrow({ where: { category: { readRestricted: true } } });
    const outsider = await getJson(`/t/${secret.slug}/${secret.id}.json`);
    expect(outsider.status).toBe(404);
    expect(outsider.body).toMatchObject({ error_type: "not_found" });
    expect(JSON.stringify(outsider.body)).not.toContain(secret.title);

    const anonymous = await getJson("/notifications.json");
    expect(anonymous.status).toBe(403);
    expect(anonymous.body).toMatchObject({ error_type: "invalid_access" });
    const { cookie } = await sessionCookieFor("julien.roux");
    const signedIn = await getJson("/notifications.json", { cookie });
    expect(signedIn.status).toBe(200);

    const moderatorOnly = await getJson("/review.json", { cookie });
    expect(moderatorOnly.status).toBe(403);
    expect(moderatorOnly.body!.errors).toEqual(["La file de modération est réservée aux modérateurs."]);
  });

  it("answers an unknown page with a JSON 404", async () => {
    const missing = await getJson("/cette-page-n-existe-pas.json");
    expect(missing.status).toBe(404);
    expect(missing.type).toContain("application/json");
  });

  it("resolves the avatar_template that Discourse clients fill in", async () => {
    const latest = (await (await fetch(`${baseUrl()}/latest.json`)).json()) as { users: { avatar_template: string }[] };
    const template = latest.users[0]!.avatar_template;
    const avatar = await fetch(`${baseUrl()}${template.replace("{size}", "48")}`);
    expect(avatar.status).toBe(200);
    expect(avatar.headers.get("content-type")).toContain("image/svg+xml");
    expect(await avatar.text()).toContain('width="48"');
    expect((await fetch(`${baseUrl()}${template.replace("{size}", "4000")}`)).status).toBe(404);
  });
});
