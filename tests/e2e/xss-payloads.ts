// A corpus of stored-XSS attempts against the post Markdown (marked + sanitize-html, app/domain/forum/markdown.ts).
// Every payload, if it ever ran, would call alert('<its name>') or bump window.__xss, so a failure names it.
// Images point to a same-origin address that answers 404: no request leaves the machine, and the Content-Security-
// Policy (img-src 'self' data: https:) has no reason to complain about a harmless image.

export interface XssPayload {
  /** Short, unique, [a-z0-9-]: it is also the argument of the payload's alert(). */
  name: string;
  markdown: string;
}

const a = (name: string) => `alert('${name}')`;
const counter = "window.__xss=(window.__xss||0)+1";
// "<script>alert('data-url')</script>", for data: URLs.
const dataHtml = (name: string) => Buffer.from(`<script>${a(name)}</script>`).toString("base64");

export const xssPayloads: XssPayload[] = [
  // Markdown links and images.
  { name: "md-link-javascript", markdown: `[Cliquez ici](javascript:${a("md-link-javascript")})` },
  { name: "md-link-mixed-case", markdown: `[Cliquez ici](JaVaScRiPt:${a("md-link-mixed-case")})` },
  { name: "md-link-entity-scheme", markdown: `[Cliquez ici](&#106;avascript:${a("md-link-entity-scheme")})` },
  { name: "md-link-entity-colon", markdown: `[Cliquez ici](javascript&#58;${a("md-link-entity-colon")})` },
  { name: "md-link-angle-brackets", markdown: `[Cliquez ici](<javascript:${a("md-link-angle-brackets")}>)` },
  { name: "md-link-reference", markdown: `[Cliquez ici][piege]\n\n[piege]: javascript:${a("md-link-reference")}` },
  { name: "md-link-data-html", markdown: `[Cliquez ici](data:text/html;base64,${dataHtml("md-link-data-html")})` },
  { name: "md-link-vbscript", markdown: `[Cliquez ici](vbscript:msgbox("md-link-vbscript"))` },
  { name: "md-autolink-javascript", markdown: `<javascript:${a("md-autolink-javascript")}>` },
  {
    name: "md-link-title-breakout",
    markdown: `[Cliquez ici](https://example.org/doc "\\"><script>${a("md-link-title-breakout")}</script>")`,
  },
  {
    name: "md-link-title-attribute",
    markdown: `[Cliquez ici](https://example.org/doc "&quot; onmouseover=&quot;${a("md-link-title-attribute")}&quot; x=&quot;")`,
  },
  { name: "md-image-javascript", markdown: `![capture](javascript:${a("md-image-javascript")})` },
  {
    name: "md-image-alt-breakout",
    markdown: `![\\"><img src=x onerror=${a("md-image-alt-breakout")}>](/e2e-xss-missing.png)`,
  },
  {
    name: "md-image-title-onerror",
    markdown: `![capture](/e2e-xss-missing.png "\\" onerror=\\"${a("md-image-title-onerror")}")`,
  },
  {
    name: "md-fence-language-breakout",
    markdown: `\`\`\`"><img src=x onerror=${a("md-fence-language-breakout")}>\nSELECT 1;\n\`\`\``,
  },
  {
    name: "md-fence-json-content",
    markdown: `\`\`\`json\n{"titre": "</span><img src=x onerror=${a("md-fence-json-content")}>"}\n\`\`\``,
  },
  {
    name: "md-table-cell-html",
    markdown: `| Solution | Résultat |\n|---|---|\n| <img src=x onerror=${a("md-table-cell-html")}> | OK |`,
  },
  { name: "md-blockquote-html", markdown: `> <img src=x onerror=${a("md-blockquote-html")}>` },
  {
    name: "md-task-list-onfocus",
    markdown: `- [x] fait <input type="checkbox" autofocus onfocus="${a("md-task-list-onfocus")}">`,
  },

  // Raw HTML.
  { name: "html-a-javascript", markdown: `<a href="javascript:${a("html-a-javascript")}">Cliquez ici</a>` },
  { name: "html-script", markdown: `<script>${a("html-script")}</script>` },
  { name: "html-script-counter", markdown: `Texte <script>${counter}</script> suite` },
  { name: "html-img-onerror", markdown: `<img src=x onerror="${a("html-img-onerror")}">` },
  { name: "html-img-onerror-unquoted", markdown: `<IMG SRC=x OnErRoR=${a("html-img-onerror-unquoted")}//` },
  { name: "html-img-javascript-src", markdown: `<IMG SRC="JaVaScRiPt:${a("html-img-javascript-src")}">` },
  { name: "html-svg-onload", markdown: `<svg onload="${a("html-svg-onload")}"></svg>` },
  { name: "html-svg-script", markdown: `<svg><script>${a("html-svg-script")}</script></svg>` },
  {
    name: "html-svg-a-xlink",
    markdown: `<svg><a xlink:href="javascript:${a("html-svg-a-xlink")}"><text x="10" y="20">Cliquez</text></a></svg>`,
  },
  {
    name: "html-iframe-srcdoc",
    markdown: `<iframe srcdoc="<script>parent.alert('html-iframe-srcdoc')</script>"></iframe>`,
  },
  { name: "html-iframe-javascript", markdown: `<iframe src="javascript:${a("html-iframe-javascript")}"></iframe>` },
  { name: "html-math-href", markdown: `<math href="javascript:${a("html-math-href")}">Cliquez</math>` },
  {
    name: "html-math-mglyph-style",
    markdown: `<math><mtext><table><mglyph><style><img src=x onerror="${a("html-math-mglyph-style")}">`,
  },
  {
    name: "html-a-tab-entity",
    markdown: `<a href="jav&#x09;ascript:${a("html-a-tab-entity")}">Cliquez ici</a>`,
  },
  {
    name: "html-a-decimal-entities",
    markdown: `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${a("html-a-decimal-entities")}">Cliquez ici</a>`,
  },
  {
    name: "html-a-named-entities",
    markdown: `<a href="javascript&colon;${a("html-a-named-entities")}">Cliquez ici</a> <a href="java&NewLine;script:${a("html-a-named-entities")}">ici</a>`,
  },
  {
    name: "html-a-leading-control",
    markdown: `<a href=" &#14;  javascript:${a("html-a-leading-control")}">Cliquez ici</a>`,
  },
  {
    name: "html-a-data-html",
    markdown: `<a href="data:text/html;base64,${dataHtml("html-a-data-html")}">Cliquez ici</a>`,
  },
  {
    name: "html-a-onclick",
    markdown: `<a href="https://example.org/" onclick="${a("html-a-onclick")};return false">Cliquez ici</a>`,
  },
  {
    name: "html-details-ontoggle",
    markdown: `<details open ontoggle="${a("html-details-ontoggle")}"><summary>Détails</summary>Contenu</details>`,
  },
  {
    name: "html-details-hidden-link",
    markdown: `<details><summary>Plus</summary><a href="javascript:${a("html-details-hidden-link")}">lien caché</a></details>`,
  },
  { name: "html-input-autofocus", markdown: `<input autofocus onfocus="${a("html-input-autofocus")}">` },
  {
    name: "html-style-import-expression",
    markdown: `<style>@import 'javascript:${a("html-style-import-expression")}'; body { background: url("javascript:${a("html-style-import-expression")}"); width: expression(${a("html-style-import-expression")}); }</style>`,
  },
  {
    name: "html-style-attribute-url",
    markdown: `<p style="background-image: url(javascript:${a("html-style-attribute-url")}); width: expression(${a("html-style-attribute-url")})">Texte stylé</p>`,
  },
  { name: "html-object-data", markdown: `<object data="javascript:${a("html-object-data")}"></object>` },
  { name: "html-embed-src", markdown: `<embed src="data:text/html;base64,${dataHtml("html-embed-src")}">` },
  {
    name: "html-base-href",
    markdown: `<base href="javascript:${a("html-base-href")}//">\n\n[lien relatif](relatif)`,
  },
  {
    name: "html-meta-refresh",
    markdown: `<meta http-equiv="refresh" content="0;url=javascript:${a("html-meta-refresh")}">`,
  },
  {
    name: "html-form-action",
    markdown: `<form action="javascript:${a("html-form-action")}"><button type="submit">Envoyer</button></form>`,
  },
  {
    name: "html-button-formaction",
    markdown: `<form><button formaction="javascript:${a("html-button-formaction")}">Envoyer</button></form>`,
  },
  {
    name: "html-comment-breakout",
    markdown: `<!-- commentaire --><script>${a("html-comment-breakout")}</script> -->\n\n<!--><img src=x onerror="${a("html-comment-breakout")}">-->`,
  },
  {
    name: "html-noscript-mxss",
    markdown: `<noscript><p title="</noscript><img src=x onerror=${a("html-noscript-mxss")}>"></noscript>`,
  },
  {
    name: "html-svg-style-mxss",
    markdown: `<svg></p><style><a id="</style><img src=1 onerror=${a("html-svg-style-mxss")}>">`,
  },
  {
    name: "html-attribute-breakout",
    markdown: `<a href="https://example.org/" title='"><script>${a("html-attribute-breakout")}</script>'>Cliquez ici</a>`,
  },
  {
    name: "html-span-class-onmouseover",
    markdown: `<span class="hljs-string" onmouseover="${a("html-span-class-onmouseover")}">survol</span>`,
  },
  {
    name: "html-textarea-mxss",
    markdown: `<textarea><img title="</textarea><img src=x onerror=${a("html-textarea-mxss")}>"></textarea>`,
  },
  {
    name: "html-template-mxss",
    markdown: `<template><img src=x onerror="${a("html-template-mxss")}"></template><div><template><script>${counter}</script></template></div>`,
  },
];
