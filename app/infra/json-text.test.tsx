import { renderToString } from "react-dom/server";
import { decode, encode } from "turbo-stream";
import { describe, expect, it } from "vitest";
import { asJsonText, useJsonText, type JsonText } from "./json-text";

const posts = [
  { id: 1, cooked: '<p>Le lien « <a href="https://example.org">ici</a> »</p>', hidden: false, replyTo: null },
  { id: 2, cooked: "<p>Merci</p>", hidden: true, replyTo: 1 },
];

/** What Remix does to loader data on its way to the browser (single fetch's turbo-stream, the version Remix
 * depends on) and back. */
async function throughRemix<T>(data: T): Promise<T> {
  return (await decode(encode(data))).value as T;
}

function PostIds({ posts }: { posts: JsonText<{ id: number; hidden: boolean }[]> }) {
  return (
    <p>
      {useJsonText(posts)
        .map((post) => `${post.id}${post.hidden ? " (masqué)" : ""}`)
        .join(", ")}
    </p>
  );
}

describe("JSON text", () => {
  it("travels to the browser as its text alone, and reads there as the value", async () => {
    const sent = asJsonText(posts);
    const received = await throughRemix({ posts: sent });
    expect(Object.keys(received.posts)).toEqual(["json"]);
    expect(JSON.parse(received.posts.json)).toEqual(posts);
    expect(renderToString(<PostIds posts={received.posts} />)).toBe(renderToString(<PostIds posts={sent} />));
    expect(renderToString(<PostIds posts={sent} />)).toBe("<p>1, 2 (masqué)</p>");
  });

  it("shows as the value itself in a page's JSON", () => {
    expect(JSON.parse(JSON.stringify({ topic: { posts: asJsonText(posts) } }))).toEqual({ topic: { posts } });
  });
});
