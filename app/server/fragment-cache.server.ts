import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import type { FragmentRenderer } from "~/components/cached-fragment";

/**
 * The server's fragment renderer (app/components/cached-fragment.tsx): content rendered to HTML once per key, kept
 * in memory. A key holds everything its content shows, so an entry never goes stale and no write has to clear it:
 * an edited post, a new reaction or another viewer's rights make another key. The least recently used entries
 * leave first, within a number of entries and of characters.
 *
 * The long texts of a key are numbered: equal texts get the same number, and a number is never given to another
 * text, even after the numbering is cleared (it only counts up), so a key can never match content it was not made
 * for. Looking up a text the page already looked up (the same string, read from the same cached row) costs no
 * hashing: the engine keeps a string's hash with it.
 */
export function createFragmentRenderer({
  maxEntries,
  maxChars,
}: {
  maxEntries: number;
  /** What all entries may hold together, in characters (a whole page of posts is twenty times one post), and
   * what the numbered texts may (a page's posts as JSON is one text). */
  maxChars: number;
}): FragmentRenderer {
  const entries = new Map<string, readonly string[]>();
  let chars = 0;
  const lengthOf = (parts: readonly string[]) => parts.reduce((sum, part) => sum + part.length, 0);
  const textNumbers = new Map<string, number>();
  let textChars = 0;
  let nextTextNumber = 0;
  const numberOf = (text: string) => {
    let number = textNumbers.get(text);
    if (number === undefined) {
      // About as many texts as entries hold; past that, numbering starts again (with new numbers).
      if (textNumbers.size >= 4 * maxEntries || textChars + text.length > maxChars) {
        textNumbers.clear();
        textChars = 0;
      }
      number = nextTextNumber++;
      textNumbers.set(text, number);
      textChars += text.length;
    }
    return number;
  };
  return {
    render(key: string, texts: readonly string[], content: ReactNode, cutAt: string): readonly string[] {
      let fullKey = key;
      for (const text of texts) fullKey += ` ${numberOf(text)}`;
      let parts = entries.get(fullKey);
      if (parts !== undefined) {
        // The least recently used leave first: a page read all day stays while the pages of yesterday's ages go.
        entries.delete(fullKey);
        entries.set(fullKey, parts);
      } else {
        // renderToString, as React's server renderer writes the rest of the page: the browser hydrates it alike.
        parts = oneByte(renderToString(content)).split(cutAt);
        const length = lengthOf(parts);
        if (length > maxChars) return parts;
        while (entries.size >= maxEntries || chars + length > maxChars) {
          const [oldestKey, oldest] = entries.entries().next().value!;
          entries.delete(oldestKey);
          chars -= lengthOf(oldest);
        }
        entries.set(fullKey, parts);
        chars += length;
      }
      return parts;
    },
  };
}

/**
 * The HTML with every character beyond Latin-1 (an emoji, a typographic apostrophe) written as a character
 * reference, which the browser reads as the same text, in a string the engine stores one byte per character. A
 * page's text made of such strings encodes to UTF-8 two to three times faster than text where a single character
 * needs two bytes, which widens the whole (scripts/bench/string-encoding.ts). A string derived from a two-byte one
 * stays two-byte even without such characters: the copy through Latin-1 bytes makes a one-byte one. The only raw
 * text a fragment can hold, a data block, has none (dataBlockText).
 */
export function oneByte(html: string): string {
  const latin1 = BEYOND_LATIN_1.test(html)
    ? html.replace(BEYOND_LATIN_1_ALL, (char) => `&#x${char.codePointAt(0)!.toString(16)};`)
    : html;
  return Buffer.from(latin1, "latin1").toString("latin1");
}

const BEYOND_LATIN_1 = /[^\0-\xff]/u;
const BEYOND_LATIN_1_ALL = /[^\0-\xff]/gu;
