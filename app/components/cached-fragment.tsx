import { createContext, createElement, useContext, type HTMLAttributes, type ReactNode } from "react";
import { CsrfTokenProvider, useCsrfToken } from "./forms";
import { RouterFunctionsProvider, useRouterFunctions } from "./in-app-navigation";

/** Renders an element's content to HTML once per key and keeps it (the server's: app/server/fragment-cache.server.ts;
 * there is none in the browser). The HTML comes cut at each `cutAt`, so that what goes there costs a join. */
export interface FragmentRenderer {
  /** `texts` are part of the key, each by a number that stands for it. */
  render(key: string, texts: readonly string[], content: ReactNode, cutAt: string): readonly string[];
}

const FragmentRendererContext = createContext<FragmentRenderer | null>(null);

/** Given by the server's entry (app/entry.server.tsx) around the whole page. */
export const FragmentRendererProvider = FragmentRendererContext.Provider;

// The anti-forgery token is per session while the rest of a fragment is shared by everyone who sees the same
// thing: fragments are kept with this stand-in, which each page replaces with its own token. Random per process,
// so no content can contain it.
const TOKEN_STAND_IN = `csrf-stand-in-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
const TOKEN = /^[\w-]*$/;
const NO_TEXTS: readonly string[] = [];

/**
 * An element whose content the server renders once per `cacheBy` and then reuses, as a fragment cache: a topic
 * page's twenty posts cost most of its rendering, and the same post looks the same to everyone who may do the
 * same things with it (docs/decisions/023). `cacheBy` and `texts` must hold everything the content shows (the props
 * it is rendered from): the JSON of `cacheBy` is the key, with `texts`, the long texts (a post's HTML, the page's
 * path), each keyed by a number that stands for it: hashing and comparing a key costs with its length, and the
 * same text is usually the same string from one request to the next (docs/decisions/027). The content may read
 * the router functions and the anti-forgery token, which are provided again around it, and nothing else from its
 * surroundings (no loader data, no relative links). In the browser, and with a null `cacheBy`, this is simply the
 * element with its content, which hydrates the server's HTML.
 */
export function CachedFragment({
  as,
  cacheBy,
  texts = NO_TEXTS,
  attributes,
  children,
}: {
  as: "article" | "header" | "div" | "li" | "tr";
  cacheBy: object | null;
  texts?: readonly string[];
  attributes: HTMLAttributes<HTMLElement>;
  children: ReactNode;
}) {
  const renderer = useContext(FragmentRendererContext);
  const router = useRouterFunctions();
  const token = useCsrfToken();
  if (!renderer || !router || cacheBy === null || !TOKEN.test(token)) return createElement(as, attributes, children);
  const parts = renderer.render(
    JSON.stringify(cacheBy),
    texts,
    <FragmentRendererProvider value={renderer}>
      <RouterFunctionsProvider value={router}>
        <CsrfTokenProvider value={TOKEN_STAND_IN}>{children}</CsrfTokenProvider>
      </RouterFunctionsProvider>
    </FragmentRendererProvider>,
    TOKEN_STAND_IN,
  );
  // Concatenated rather than joined: the engine keeps the pieces linked until the page's text is encoded, instead of
  // copying a whole page of posts once more here.
  let html = parts[0]!;
  for (let index = 1; index < parts.length; index++) html += token + parts[index]!;
  return createElement(as, {
    ...attributes,
    dangerouslySetInnerHTML: { __html: html },
  });
}
