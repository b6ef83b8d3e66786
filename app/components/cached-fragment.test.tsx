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
    const renderer = createFragmentRenderer({ maxEntries: 10, maxChars: 10_000 });
    const ana = page("token-ana", "Supprimer", renderer);
    const bruno = page("token-bruno", "Supprimer", renderer);
    expect(ana).toBe(page("token-ana", "Supprimer", null));
    expect(bruno).toBe(page("token-bruno", "Supprimer", null));
    expect(bruno).toContain('value="token-bruno"');
    expect(bruno).not.toContain("token-ana");
  });

  it("renders other content under another key, and keeps at most its number of entries", () => {
    const renderer = createFragmentRenderer({ maxEntries: 1, maxChars: 10_000 });
    expect(page("t", "Supprimer", renderer)).toContain(">Supprimer<");
    expect(page("t", "Restaurer", renderer)).toContain(">Restaurer<");
    expect(page("t", "Supprimer", renderer)).toContain(">Supprimer<");
  });

  it("keys long texts by number: equal texts share an entry, other texts never do, even after renumbering", () => {
    // Two entries, numbers cleared after 4 × 2 texts: the cache must not serve a text another text's HTML.
    const renderer = createFragmentRenderer({ maxEntries: 2, maxChars: 10_000 });
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

  it("renders a fragment inside a fragment once, and each page with its own token in both", () => {
    const renderer = createFragmentRenderer({ maxEntries: 10, maxChars: 10_000 });
    let innerRenders = 0;
    function Post({ label }: { label: string }) {
      innerRenders++;
      return (
        <form method="post" action="/t/un-sujet/12">
          <CsrfInput />
          <button type="submit">{label}</button>
        </form>
      );
    }
    const posts = (token: string, labels: string[], withRenderer: boolean) => {
      const tree = (
        <RouterFunctionsProvider value={router}>
          <CsrfTokenProvider value={token}>
            <CachedFragment as="div" cacheBy={{ labels }} attributes={{ className: "topic-posts" }}>
              {labels.map((label) => (
                <CachedFragment key={label} as="article" cacheBy={{ label }} attributes={{}}>
                  <Post label={label} />
                </CachedFragment>
              ))}
            </CachedFragment>
          </CsrfTokenProvider>
        </RouterFunctionsProvider>
      );
      return renderToString(
        withRenderer ? <FragmentRendererProvider value={renderer}>{tree}</FragmentRendererProvider> : tree,
      );
    };
    const plain = posts("token-ana", ["Un", "Deux", "Trois"], false);
    innerRenders = 0;
    expect(posts("token-ana", ["Un", "Deux"], true)).toBe(posts("token-ana", ["Un", "Deux"], false));
    innerRenders = 0;
    // A new post on the page: the page is rendered again, but only the new post's content.
    expect(posts("token-ana", ["Un", "Deux", "Trois"], true)).toBe(plain);
    expect(innerRenders).toBe(1);
    // The same page for another reader: nothing rendered, their token everywhere.
    const bruno = posts("token-bruno", ["Un", "Deux", "Trois"], true);
    expect(innerRenders).toBe(1);
    expect(bruno).toBe(posts("token-bruno", ["Un", "Deux", "Trois"], false));
    expect(bruno).not.toContain("token-ana");
  });

  it("keeps no more characters than its budget, the least recently used entries leaving first", () => {
    let renders = 0;
    function Label({ text }: { text: string }) {
      renders++;
      return <p>{text}</p>;
    }
    // A fragment showing `shown`, keyed by `cacheBy` and `texts`.
    const fragment = (
      renderer: ReturnType<typeof createFragmentRenderer>,
      { cacheBy, texts = [], shown }: { cacheBy: object; texts?: string[]; shown: string },
    ) =>
      renderToString(
        <FragmentRendererProvider value={renderer}>
          <RouterFunctionsProvider value={router}>
            <CsrfTokenProvider value="t">
              <CachedFragment as="div" cacheBy={cacheBy} texts={texts} attributes={{}}>
                <Label text={shown} />
              </CachedFragment>
            </CsrfTokenProvider>
          </RouterFunctionsProvider>
        </FragmentRendererProvider>,
      );
    const render = (renderer: ReturnType<typeof createFragmentRenderer>, text: string) =>
      fragment(renderer, { cacheBy: { text }, shown: text });
    const long = (letter: string) => letter.repeat(400);
    // Room for two of these entries (about 407 characters each), not three.
    const small = createFragmentRenderer({ maxEntries: 100, maxChars: 1_000 });
    for (const letter of ["a", "b", "c", "a"])
      expect(render(small, long(letter))).toBe(`<div><p>${long(letter)}</p></div>`);
    expect(renders).toBe(4);
    // Reading "c" keeps it: "a" is now the entry least recently used, and leaves for "b".
    renders = 0;
    for (const letter of ["c", "b", "c"]) render(small, long(letter));
    expect(renders).toBe(1);
    // An entry larger than the whole budget is served, never kept.
    renders = 0;
    const tiny = createFragmentRenderer({ maxEntries: 100, maxChars: 100 });
    render(tiny, long("d"));
    render(tiny, long("d"));
    expect(renders).toBe(2);
    // Numbered texts count too: past the budget, numbering starts again and a text seen before is new.
    renders = 0;
    const numbered = createFragmentRenderer({ maxEntries: 100, maxChars: 1_000 });
    const withText = (text: string) => fragment(numbered, { cacheBy: {}, texts: [text], shown: text.slice(0, 3) });
    for (const text of [long("e"), long("e"), long("f"), long("f"), long("g"), long("e")]) withText(text);
    expect(renders).toBe(4);
    renders = 0;
    const roomy = createFragmentRenderer({ maxEntries: 100, maxChars: 10_000 });
    for (const letter of ["a", "b", "c", "a"]) render(roomy, long(letter));
    expect(renders).toBe(3);
  });

  it("keeps its HTML in Latin-1 characters, references standing for the others, which read as the same text", () => {
    const renderer = createFragmentRenderer({ maxEntries: 10, maxChars: 10_000 });
    const content = (
      <p title="L’avis de Zoë — 東京">
        {"Merci 👍 « é »"}
        <textarea defaultValue="Réponse ❤️" />
      </p>
    );
    const render = (withRenderer: boolean) => {
      const tree = (
        <RouterFunctionsProvider value={router}>
          <CsrfTokenProvider value="t">
            <CachedFragment as="div" cacheBy={{}} attributes={{}}>
              {content}
            </CachedFragment>
          </CsrfTokenProvider>
        </RouterFunctionsProvider>
      );
      return renderToString(
        withRenderer ? <FragmentRendererProvider value={renderer}>{tree}</FragmentRendererProvider> : tree,
      );
    };
    const cached = render(true);
    expect([...cached].every((char) => char.charCodeAt(0) <= 0xff)).toBe(true);
    expect(cached).toContain("&#x1f44d;");
    expect(cached).toContain("« é »");
    // What the browser reads: every reference back to its character.
    const read = cached.replace(/&#x([0-9a-f]+);/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
    expect(read).toBe(render(false));
  });
});
