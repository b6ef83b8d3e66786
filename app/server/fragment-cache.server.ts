import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import type { FragmentRenderer } from "~/components/cached-fragment";

/**
 * The server's fragment renderer (app/components/cached-fragment.tsx): content rendered to HTML once per key, kept
 * in memory. A key holds everything its content shows, so an entry never goes stale and no write has to clear it:
 * an edited post, a new reaction or another viewer's rights make another key. The oldest entries leave first.
 */
export function createFragmentRenderer({ maxEntries }: { maxEntries: number }): FragmentRenderer {
  const entries = new Map<string, readonly string[]>();
  return {
    render(key: string, content: ReactNode, cutAt: string): readonly string[] {
      let parts = entries.get(key);
      if (parts === undefined) {
        // renderToString, as React's server renderer writes the rest of the page: the browser hydrates it alike.
        parts = renderToString(content).split(cutAt);
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entries.set(key, parts);
      }
      return parts;
    },
  };
}
