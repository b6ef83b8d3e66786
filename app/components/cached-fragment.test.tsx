import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { createFragmentRenderer } from "~/server/fragment-cache.server";
import { CachedFragment, FragmentRendererProvider } from "./cached-fragment";
import { CsrfInput, CsrfTokenProvider } from "./forms";
import { RouterFunctionsProvider } from "./in-app-navigation";

const router = { navigate: () => undefined, submit: () => undefined } as never;

function page(token: string, label: string, renderer: ReturnType<typeof createFragmentRenderer> | null) {
  const fragment = (
    <CachedFragment as="div" cacheBy={{ label }} attributes={{ className: "post__controls" }}>
      <form method="post" action="/t/un-sujet/12">
        <CsrfInput />
        <button type="submit">{label}</button>
      </form>
    </CachedFragment>
  );
  const tree = (
    <RouterFunctionsProvider value={router}>
      <CsrfTokenProvider value={token}>{fragment}</CsrfTokenProvider>
    </RouterFunctionsProvider>
  );
  return renderToString(renderer ? <FragmentRendererProvider value={renderer}>{tree}</FragmentRendererProvider> : tree);
}

describe("CachedFragment", () => {
  it("serves each viewer the cached HTML with their own anti-forgery token, identical to a plain render", () => {
    const renderer = createFragmentRenderer({ maxEntries: 10 });
    const ana = page("token-ana", "Supprimer", renderer);
    const bruno = page("token-bruno", "Supprimer", renderer);
    expect(ana).toBe(page("token-ana", "Supprimer", null));
    expect(bruno).toBe(page("token-bruno", "Supprimer", null));
    expect(bruno).toContain('value="token-bruno"');
    expect(bruno).not.toContain("token-ana");
  });

  it("renders other content under another key, and keeps at most its number of entries", () => {
    const renderer = createFragmentRenderer({ maxEntries: 1 });
    expect(page("t", "Supprimer", renderer)).toContain(">Supprimer<");
    expect(page("t", "Restaurer", renderer)).toContain(">Restaurer<");
    expect(page("t", "Supprimer", renderer)).toContain(">Supprimer<");
  });

  it("keys long texts by number: equal texts share an entry, other texts never do, even after renumbering", () => {
    // Two entries, numbers cleared after 4 × 2 texts: the cache must not serve a text another text's HTML.
    const renderer = createFragmentRenderer({ maxEntries: 2 });
    const post = (html: string) =>
      renderToString(
        <FragmentRendererProvider value={renderer}>
          <RouterFunctionsProvider value={router}>
            <CsrfTokenProvider value="t">
              <CachedFragment as="article" cacheBy={{ postNumber: 1 }} texts={[html]} attributes={{}}>
                <div dangerouslySetInnerHTML={{ __html: html }} />
              </CachedFragment>
            </CsrfTokenProvider>
          </RouterFunctionsProvider>
        </FragmentRendererProvider>,
      );
    for (let round = 0; round < 40; round++) {
      const text = `<p>Version ${round % 9}</p>`;
      // A copy, as the next read of the same row gives: another string with the same characters.
      expect(post([...text].join(""))).toBe(`<article><div>${text}</div></article>`);
    }
  });
});
