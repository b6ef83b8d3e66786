// What every page carries weighs on every visit (and bounds how many pages a server sends per second): the list
// pages send their rows' facts only, and the head inlines no image and no unminified script.
import { describe, expect, it } from "vitest";
import { getDb } from "../../app/infra/db.server";
import { useAppServer } from "../support/app-server";

const baseUrl = useAppServer();

const ROW_FACTS = new Set([
  "id",
  "slug",
  "title",
  "category",
  "tags",
  "replyCount",
  "bumpedAt",
  "unread",
  "reportStatus",
  "pinned",
  "closed",
  "solved",
  "votes",
]);

describe("page weight", () => {
  it("sends a list's rows with what they show, not the whole topic", async () => {
    const response = await fetch(`${baseUrl()}/top.json`);
    const { topics } = (await response.json()) as { topics: Record<string, unknown>[] };
    expect(topics.length).toBeGreaterThan(0);
    for (const topic of topics) {
      expect(Object.keys(topic).filter((key) => !ROW_FACTS.has(key))).toEqual([]);
      expect(Object.values(topic)).not.toContain(null);
      expect(Object.values(topic)).not.toContain(false);
    }
  });

  it("sends a topic's posts with what the page shows: no Markdown, nothing false or empty", async () => {
    const db = await getDb();
    const topic = await db.topic.findFirstOrThrow({
      where: { deletedAt: null, postsCount: { gt: 1 }, category: { readRestricted: false } },
    });
    const response = await fetch(`${baseUrl()}/t/${topic.slug}/${topic.id}.json`);
    const { topic: page } = (await response.json()) as { topic: { posts: Record<string, unknown>[] } };
    expect(page.posts.length).toBeGreaterThan(1);
    for (const post of page.posts) {
      expect(post).toHaveProperty("cooked");
      // Timeline events are printed as their text; a post's Markdown comes with its edit page.
      if (post.postType === 1) expect(post).not.toHaveProperty("raw");
      expect(post).not.toHaveProperty("updatedAt");
      expect(Object.values(post)).not.toContain(null);
      expect(Object.values(post)).not.toContain(false);
    }
  });

  it("carries a page's posts and list rows once, in a data block, and a data answer as loader data", async () => {
    const db = await getDb();
    const topic = await db.topic.findFirstOrThrow({
      where: { deletedAt: null, postsCount: { gt: 1 }, category: { readRestricted: false } },
    });
    const path = `/t/${topic.slug}/${topic.id}`;
    const post = await db.post.findFirstOrThrow({ where: { topicId: topic.id, postNumber: 1 } });
    const html = await (await fetch(`${baseUrl()}${path}`, { headers: { accept: "text/html" } })).text();
    const block = /<script type="application\/json" id="topic-posts-data">([^<]*)<\/script>/.exec(html);
    expect(block).not.toBeNull();
    const posts = JSON.parse(block![1]!) as { id: number; cooked: string }[];
    expect(posts.find((shown) => shown.id === post.id)?.cooked).toBe(post.cooked);
    // Remix's loader data (its inline scripts) only names the block.
    const inline = [...html.matchAll(/<script nonce="[^"]+">([^]*?)<\/script>/g)].map((match) => match[1]).join("");
    expect(inline).toContain("topic-posts-data");
    expect(inline).not.toContain("cooked");
    for (const page of ["/latest", "/top"]) {
      const list = await (await fetch(`${baseUrl()}${page}`, { headers: { accept: "text/html" } })).text();
      expect(list).toMatch(/<script type="application\/json" id="topic-list-data">\[\{"id":\d+/);
    }
    // A client-side navigation's data answer (single fetch) holds the text itself: there is no page to read.
    const data = await (await fetch(`${baseUrl()}${path}.data`)).text();
    expect(data).toContain("cooked");
    expect(data).not.toContain("topic-posts-data");
  });

  it("keeps images and script sources out of the head of every page", async () => {
    const html = await (await fetch(`${baseUrl()}/latest`, { headers: { accept: "text/html" } })).text();
    const head = html.slice(0, html.indexOf("</head>"));
    expect(head).not.toContain("data:image/");
    expect(head).toMatch(/<link rel="apple-touch-icon" href="\/assets\/apple-touch-icon-[\w-]+\.png"/);
    const inlineScripts = [...head.matchAll(/<script nonce="[^"]+">([^]*?)<\/script>/g)].map((match) => match[1]!);
    expect(inlineScripts.length).toBeGreaterThan(0);
    // DSFR's colour-scheme script, which must run before the first paint, arrives minified.
    const colorScheme = inlineScripts.find((script) => script.includes("data-fr-theme"));
    expect(colorScheme).toBeDefined();
    expect(colorScheme).not.toContain("\n");
    expect(colorScheme!.length).toBeLessThan(1_200);
  });
});
