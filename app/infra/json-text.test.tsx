import { renderToString } from "react-dom/server";
import { decode, encode } from "turbo-stream";
import { afterEach, describe, expect, it } from "vitest";
import { asJsonText, dataBlockText, JsonTextBlock, useJsonText, type JsonText } from "./json-text";

const posts = [
  { id: 1, cooked: '<p>Le lien « <a href="https://example.org">ici</a> »</p>', hidden: false, replyTo: null },
  { id: 2, cooked: "<p>Fin du bloc : </script><!-- et après</p>", hidden: true, replyTo: 1 },
];

/** What Remix does to loader data on its way to the browser (single fetch's turbo-stream, the version Remix
 * depends on) and back. */
async function throughRemix<T>(data: T): Promise<T> {
  return (await decode(encode(data))).value as T;
}

function PostIds({ posts }: { posts: JsonText<{ id: number; hidden: boolean }[]> }) {
  return (
    <>
      <JsonTextBlock text={posts} />
      <p>
        {useJsonText(posts)
          .map((post) => `${post.id}${post.hidden ? " (masqué)" : ""}`)
          .join(", ")}
      </p>
    </>
  );
}

const globals = globalThis as { document?: unknown };
afterEach(() => {
  delete globals.document;
});

/** The page as the browser has parsed it: its elements by id, with their text (what useJsonText reads). */
function browserDocumentOf(html: string) {
  globals.document = {
    getElementById(id: string) {
      const block = new RegExp(`<script type="application/json" id="${id}">(.*?)</script>`, "s").exec(html);
      // The browser's text of a data block is its source as is: no entity is decoded in a script element.
      return block ? { textContent: block[1] } : null;
    },
  };
}

describe("JSON text", () => {
  it("travels in a data answer as its text alone, and reads there as the value", async () => {
    const sent = asJsonText(posts, { htmlPage: false }, "posts");
    const received = await throughRemix({ posts: sent });
    expect(Object.keys(received.posts)).toEqual(["json"]);
    expect(JSON.parse(received.posts.json!)).toEqual(posts);
    expect(renderToString(<PostIds posts={received.posts} />)).toBe(renderToString(<PostIds posts={sent} />));
    expect(renderToString(<PostIds posts={sent} />)).toBe("<p>1, 2 (masqué)</p>");
  });

  it("travels in an HTML page as a data block that cannot end early, which the browser reads when hydrating", async () => {
    const sent = asJsonText(posts, { htmlPage: true }, "posts");
    const received = await throughRemix({ posts: sent });
    // The loader data only names the block: the text is not escaped twice more on its way.
    expect(received.posts).toEqual({ inPage: "posts" });
    const page = renderToString(<PostIds posts={sent} />);
    expect(page).toMatch(/^<script type="application\/json" id="posts">[^<]*<\/script><p>1, 2 \(masqué\)<\/p>$/);
    browserDocumentOf(page);
    // The browser renders the block empty: React leaves the server's inner HTML in place when it hydrates.
    expect(renderToString(<PostIds posts={received.posts} />)).toBe(
      '<script type="application/json" id="posts"></script><p>1, 2 (masqué)</p>',
    );
  });

  it("writes a data block in Latin-1 characters, which JSON reads back as the same value", () => {
    const value = { cooked: "<p>L’export 👍 — 東京 « ok »</p><!-- </script>", lone: "\ud83d", latin: "é à ç" };
    const text = dataBlockText(JSON.stringify(value));
    expect(text).not.toContain("<");
    expect([...text].every((char) => char.charCodeAt(0) <= 0xff)).toBe(true);
    expect(text).toContain("é à ç");
    expect(JSON.parse(text)).toEqual(value);
  });

  it("tells which block is missing rather than showing an empty page", async () => {
    const received = await throughRemix({ posts: asJsonText(posts, { htmlPage: true }, "posts") });
    browserDocumentOf("<p>Autre page</p>");
    expect(() => renderToString(<PostIds posts={received.posts} />)).toThrow("#posts");
  });

  it("shows as the value itself in a page's JSON", () => {
    for (const htmlPage of [true, false]) {
      expect(JSON.parse(JSON.stringify({ topic: { posts: asJsonText(posts, { htmlPage }, "posts") } }))).toEqual({
        topic: { posts },
      });
    }
  });
});
