import { expect, it } from "vitest";
import { renderRss } from "./rss";

it("escapes titles and keeps post HTML intact, even with a CDATA terminator inside", () => {
  const xml = renderRss({
    title: "CICCLO <Interop>",
    link: "http://x/latest",
    selfLink: "http://x/latest.rss",
    description: "Sujets & messages",
    items: [
      {
        title: "Le lien « next » & bbox",
        link: "http://x/t/a/1",
        guid: "topic-1",
        author: "julien.roux",
        publishedAt: "2026-11-22T10:00:00Z",
        html: "<p>a ]]> b</p>",
      },
    ],
  });
  expect(xml).toContain("<title>CICCLO &lt;Interop&gt;</title>");
  expect(xml).toContain("<title>Le lien « next » &amp; bbox</title>");
  expect(xml).toContain("<![CDATA[<p>a ]]]]><![CDATA[> b</p>]]>");
  expect(xml).toContain("<pubDate>Sun, 22 Nov 2026 10:00:00 GMT</pubDate>");
});
