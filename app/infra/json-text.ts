import { createElement, useMemo } from "react";

/**
 * A large part of a page's loader data, sent to the browser as one JSON text instead of as objects. Remix encodes
 * loader data with turbo-stream, which walks every object and key in JavaScript, about ten times slower than the
 * native JSON.stringify on plain objects; a topic page's data answer costs a third less this way
 * (docs/decisions/024). On the server the value stays beside its text, not enumerable so never encoded twice: the
 * page renders from it, and the page's JSON (app/server/page-json.server.ts) shows it as if it had been sent as is
 * (toJSON).
 *
 * In an HTML page the text does not travel in the loader data at all, where Remix would escape it twice (as a
 * string in turbo-stream, then as a string in an inline script): the page carries it once, in a data block
 * (`<script type="application/json">`, JsonTextBlock), and the loader data only names the block (`inPage`). The
 * browser reads the block when it hydrates (docs/decisions/027). Data answers (`.data`, client-side navigation)
 * carry the text itself.
 */
export interface JsonText<T> {
  /** The text, in data answers. */
  readonly json?: string;
  /** In an HTML page: the id of the data block that holds the text. */
  readonly inPage?: string;
  /** For types only: what the text holds. */
  readonly holds?: T;
}

/** Where the loader's answer goes: an HTML page (`inPage`, with the block's id) or a data answer. */
export interface JsonTextDestination {
  htmlPage: boolean;
}

export function asJsonText<T>(value: T, destination: JsonTextDestination, blockId: string): JsonText<T> {
  const json = JSON.stringify(value);
  const text: { json?: string; inPage?: string } = destination.htmlPage ? { inPage: blockId } : { json };
  Object.defineProperties(text, {
    value: { value },
    text: { value: json },
    toJSON: { value: () => value },
  });
  return text;
}

/** The value of a JSON text of the loader data: the server's own, or the browser's parse of it (once per load). */
export function useJsonText<T>(text: JsonText<T>): T {
  return useMemo(() => {
    if ("value" in text) return text.value as T;
    if (text.json !== undefined) return JSON.parse(text.json) as T;
    const block = document.getElementById(text.inPage!);
    if (block === null) throw new Error(`The page has no data block #${text.inPage}.`);
    return JSON.parse(block.textContent!) as T;
  }, [text]);
}

/** The JSON text itself, where the server holds it (undefined in the browser). */
export function serverTextOf(text: JsonText<unknown>): string | undefined {
  return "text" in text ? (text.text as string) : undefined;
}

/**
 * JSON as a data block holds it. Only "</script" or "<!--" could end or alter a data block: every "<" is escaped.
 * So is every character beyond Latin-1, which keeps the page's text one byte per character (the block may be part
 * of a cached fragment, app/server/fragment-cache.server.ts). JSON.parse reads the escapes back.
 */
export function dataBlockText(json: string): string {
  const escaped = json.replaceAll("<", "\\u003c");
  return BEYOND_LATIN_1.test(escaped)
    ? escaped.replace(BEYOND_LATIN_1_ALL, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`)
    : escaped;
}

// Code units, not code points: JSON escapes a character beyond the first plane as its two surrogates.
const BEYOND_LATIN_1 = /[^\0-\xff]/;
const BEYOND_LATIN_1_ALL = /[^\0-\xff]/g;

/**
 * The data block of a JSON text that travels in the page (`inPage`), rendered beside the part of the page that
 * reads it; nothing otherwise. In the browser React keeps the server's block as it is (it does not compare the
 * inner HTML of an element when hydrating), so the browser never needs the text again.
 */
export function JsonTextBlock({ text }: { text: JsonText<unknown> }) {
  if (text.inPage === undefined) return null;
  const json = "text" in text ? (text.text as string) : "";
  return createElement("script", {
    type: "application/json",
    id: text.inPage,
    suppressHydrationWarning: true,
    dangerouslySetInnerHTML: { __html: dataBlockText(json) },
  });
}
