import { describe, expect, it } from "vitest";
import { excerptFromMarkdown, renderPostMarkdown } from "./markdown";

describe("renderPostMarkdown", () => {
  it("renders GitHub-flavoured Markdown: tables, fenced code, task lists, autolinks", () => {
    const html = renderPostMarkdown(
      [
        "| Solution | Statut |",
        "| --- | --- |",
        "| geOrchestra | ok |",
        "",
        "```json",
        '{"limit": 10}',
        "```",
        "",
        "- [x] pagination",
        "- [ ] bbox",
        "",
        "Voir https://demo.georchestra.org/ogcapi",
      ].join("\n"),
    );
    expect(html).toContain("<table>");
    expect(html).toContain('<code class="hljs language-json">');
    expect(html).toContain('<span class="hljs-attr">"limit"</span>');
    expect(html).toContain('<input checked disabled type="checkbox" /> pagination');
    expect(html).toContain('<a href="https://demo.georchestra.org/ogcapi" rel="nofollow ugc noopener">');
  });

  it.each([
    ["<script>alert(1)</script>", /<script/i],
    ['<img src="x" onerror="alert(1)">', /onerror/i],
    ["[clic](javascript:alert(1))", /javascript:/i],
    ['<a href="JaVaScRiPt:alert(1)">x</a>', /javascript:/i],
    ["<svg><script>alert(1)</script></svg>", /<svg|<script/i],
    ['<iframe src="https://evil.example"></iframe>', /<iframe/i],
    ['<div style="background:url(javascript:alert(1))">x</div>', /style=/i],
    ['<input type="text" autofocus onfocus="alert(1)">', /onfocus|type="text"/i],
    ["![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)", /data:/i],
  ])("neutralises %s", (payload, forbidden) => {
    expect(renderPostMarkdown(payload)).not.toMatch(forbidden);
  });
});

describe("excerptFromMarkdown", () => {
  it("gives plain text, shortened with an ellipsis", () => {
    expect(excerptFromMarkdown("**Bonjour** `code` [lien](https://a.fr)")).toBe("Bonjour code lien");
    expect(excerptFromMarkdown("mot ".repeat(100), 20)).toMatch(/…$/);
  });
});
