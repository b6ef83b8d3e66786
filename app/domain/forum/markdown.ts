import hljs from "highlight.js/lib/common";
import { Marked } from "marked";
import { markedHighlight } from "marked-highlight";
import sanitizeHtml from "sanitize-html";

// Posts are written in GitHub-flavoured Markdown. The HTML marked produces is never trusted: it goes through an
// allow-list sanitizer before it is stored ("cooked", as Discourse calls it) or shown.
const markdown = new Marked(
  markedHighlight({
    langPrefix: "hljs language-",
    // Fenced code is highlighted when its language is named (```json, ```xml…); unnamed code stays plain.
    highlight: (code, language) =>
      language && hljs.getLanguage(language) ? hljs.highlight(code, { language, ignoreIllegals: true }).value : code,
  }),
  { gfm: true, breaks: false, async: false },
);

const ALLOWED_TAGS = [
  "p",
  "br",
  "hr",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
  "pre",
  "code",
  "span",
  "ul",
  "ol",
  "li",
  "strong",
  "em",
  "del",
  "s",
  "sup",
  "sub",
  "kbd",
  "a",
  "img",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "input",
  "details",
  "summary",
];

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ["href", "title", "rel"],
    img: ["src", "alt", "title", "width", "height", "loading"],
    code: ["class"],
    span: ["class"],
    th: ["align"],
    td: ["align"],
    ol: ["start"],
    input: ["type", "checked", "disabled"],
  },
  allowedClasses: { code: ["hljs", /^language-[\w-]+$/], span: [/^hljs-[\w-]+$/] },
  allowedSchemes: ["http", "https", "mailto"],
  // The Content-Security-Policy loads images over https only: an http image would only show as broken.
  allowedSchemesByTag: { img: ["https"] },
  allowProtocolRelative: false,
  // Task-list checkboxes are the only inputs allowed, and they are always inert.
  exclusiveFilter: (frame) => frame.tag === "input" && frame.attribs.type !== "checkbox",
  transformTags: {
    input: (tagName, attribs) => ({ tagName, attribs: { ...attribs, disabled: "" } }),
    a: (tagName, attribs) => ({
      tagName,
      attribs: /^https?:\/\//.test(attribs.href ?? "") ? { ...attribs, rel: "nofollow ugc noopener" } : attribs,
    }),
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: "lazy", alt: attribs.alt ?? "" } }),
  },
};

export function sanitizePostHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}

/** Markdown source of a post → HTML that is safe to insert into a page. */
export function renderPostMarkdown(raw: string): string {
  return sanitizePostHtml(markdown.parse(raw) as string);
}

/** A plain-text excerpt for lists and meta descriptions. */
export function excerptFromMarkdown(raw: string, maxLength = 200): string {
  const text = sanitizeHtml(markdown.parse(raw) as string, { allowedTags: [], allowedAttributes: {} })
    .replace(/\s+/g, " ")
    .trim();
  return text.length > maxLength ? `${text.slice(0, maxLength - 1).trimEnd()}…` : text;
}
