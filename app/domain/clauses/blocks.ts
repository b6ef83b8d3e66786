import { type Token, type Tokens, marked } from "marked";

// The rich-text model every exporter reads: paragraphs and lists of inline runs. It is what a CCTP needs and no
// more, so each exporter (ODT, DOCX, HTML, Markdown) maps it completely.

export interface Inline {
  text: string;
  strong?: boolean;
  emphasis?: boolean;
  code?: boolean;
  href?: string;
}

export interface ListItem {
  /** 0 for a top-level item, 1 for an item nested under it, and so on. */
  level: number;
  inlines: Inline[];
}

export type Block = { kind: "paragraph"; inlines: Inline[] } | { kind: "list"; ordered: boolean; items: ListItem[] };

/** Markdown block types a clause's binding text may use; the others are rejected by the checks. */
export const SUPPORTED_MARKDOWN_BLOCKS = new Set(["paragraph", "list", "space"]);

/** Characters that start inline formatting anywhere in a line. */
const INLINE_MARKUP = /[\\`*_[\]<>|~]/g;
/** An `&` that would read as an HTML entity. */
const ENTITY = /&(?=#?\w+;)/g;
/** What makes a line a heading, a list item or a quote when it comes first. */
const BLOCK_START = /^(\s*)([#+\-=]|\d+[.)])(?=\s|$)/;

/** Makes a buyer's value (or any plain text) inert inside Markdown: a `*` in a name stays a `*`. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s*\n\s*/g, " ")
    .replace(INLINE_MARKUP, "\\$&")
    .replace(ENTITY, "\\&")
    .replace(BLOCK_START, (_, space: string, marker: string) => `${space}${marker.replace(/([#+\-=.)])/, "\\$1")}`);
}

export function markdownToBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  for (const token of marked.lexer(markdown)) {
    if (token.type === "space") continue;
    if (token.type === "list")
      blocks.push({ kind: "list", ordered: (token as Tokens.List).ordered, items: listItems(token as Tokens.List, 0) });
    else if (token.type === "paragraph" || token.type === "heading")
      // A heading in guidance reads as a bold lead-in: clause headings belong to the document's numbered outline.
      blocks.push({
        kind: "paragraph",
        inlines: inlines((token as Tokens.Paragraph).tokens, token.type === "heading" ? { strong: true } : {}),
      });
    else if ("text" in token && typeof token.text === "string" && token.text.trim())
      blocks.push({ kind: "paragraph", inlines: [{ text: token.text }] });
  }
  return blocks;
}

function listItems(list: Tokens.List, level: number): ListItem[] {
  const items: ListItem[] = [];
  for (const item of list.items) {
    const own: Inline[] = [];
    const nested: ListItem[] = [];
    for (const child of item.tokens) {
      if (child.type === "list") nested.push(...listItems(child as Tokens.List, level + 1));
      else if (child.type === "space") continue;
      else {
        if (own.length > 0) own.push({ text: " " });
        own.push(
          ...inlines(
            "tokens" in child && child.tokens ? child.tokens : [{ type: "text", raw: child.raw, text: child.raw }],
            {},
          ),
        );
      }
    }
    items.push({ level, inlines: own }, ...nested);
  }
  return items;
}

type Marks = Omit<Inline, "text">;

function inlines(tokens: readonly Token[] | undefined, marks: Marks): Inline[] {
  const result: Inline[] = [];
  for (const token of tokens ?? []) {
    switch (token.type) {
      case "strong":
        result.push(...inlines((token as Tokens.Strong).tokens, { ...marks, strong: true }));
        break;
      case "em":
        result.push(...inlines((token as Tokens.Em).tokens, { ...marks, emphasis: true }));
        break;
      case "codespan":
        result.push({ ...marks, code: true, text: (token as Tokens.Codespan).text });
        break;
      case "link":
        result.push(...inlines((token as Tokens.Link).tokens, { ...marks, href: (token as Tokens.Link).href }));
        break;
      case "br":
        result.push({ ...marks, text: " " });
        break;
      default:
        if ("tokens" in token && token.tokens && token.tokens.length > 0) result.push(...inlines(token.tokens, marks));
        else if ("text" in token && typeof token.text === "string") result.push({ ...marks, text: token.text });
    }
  }
  return mergeAdjacent(result);
}

/** Joins neighbouring runs with the same marks, so exporters write fewer, longer runs. */
function mergeAdjacent(runs: Inline[]): Inline[] {
  const merged: Inline[] = [];
  for (const run of runs) {
    const previous = merged.at(-1);
    if (
      previous &&
      previous.strong === run.strong &&
      previous.emphasis === run.emphasis &&
      previous.code === run.code &&
      previous.href === run.href
    )
      previous.text += run.text;
    else merged.push({ ...run });
  }
  return merged;
}

export const plainText = (runs: readonly Inline[]) => runs.map((run) => run.text).join("");
