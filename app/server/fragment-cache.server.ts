import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import type { FragmentRenderer } from "~/components/cached-fragment";

/**
 * The server's fragment renderer (app/components/cached-fragment.tsx): content rendered to HTML once per key, kept
 * in memory. A key holds everything its content shows, so an entry never goes stale and no write has to clear it:
 * an edited post, a new reaction or another viewer's rights make another key. The oldest entries leave first.
 *
 * The long texts of a key are numbered: equal texts get the same number, and a number is never given to another
 * text, even after the numbering is cleared (it only counts up), so a key can never match content it was not made
 * for. Looking up a text the page already looked up (the same string, read from the same cached row) costs no
 * hashing: the engine keeps a string's hash with it.
 */
export function createFragmentRenderer({ maxEntries }: { maxEntries: number }): FragmentRenderer {
  const entries = new Map<string, readonly string[]>();
  const textNumbers = new Map<string, number>();
  let nextTextNumber = 0;
  const numberOf = (text: string) => {
    let number = textNumbers.get(text);
    if (number === undefined) {
      // About as many texts as entries hold; past that, numbering starts again (with new numbers).
      if (textNumbers.size >= 4 * maxEntries) textNumbers.clear();
      number = nextTextNumber++;
      textNumbers.set(text, number);
    }
    return number;
  };
  return {
    render(key: string, texts: readonly string[], content: ReactNode, cutAt: string): readonly string[] {
      let fullKey = key;
      for (const text of texts) fullKey += ` ${numberOf(text)}`;
      let parts = entries.get(fullKey);
      if (parts === undefined) {
        // renderToString, as React's server renderer writes the rest of the page: the browser hydrates it alike.
        parts = renderToString(content).split(cutAt);
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entries.set(fullKey, parts);
      }
      return parts;
    },
  };
}
