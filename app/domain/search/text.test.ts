import { describe, expect, it } from "vitest";
import { changedStems, escapeHtml, highlightHtml, snippetHtml, stemFrench, tokenize, withinOneEdit } from "./text";

describe("tokenize", () => {
  it("lower-cases, drops accents and splits like SQLite's unicode61 tokenizer", () => {
    expect(tokenize("Géoplateforme : l'Interopérabilité, OGC-API 24.0.2")).toEqual([
      "geoplateforme", "l", "interoperabilite", "ogc", "api", "24", "0", "2",
    ]); // prettier-ignore
  });
});

describe("stemFrench", () => {
  it.each([
    ["clause", "clauses"],
    ["donnee", "donnees"],
    ["donne", "donnee"],
    ["reseau", "reseaux"],
    ["journal", "journaux"],
    ["valider", "valide"],
    ["interoperabilite", "interoperabilites"],
  ])("gives %s and %s one stem", (a, b) => {
    expect(stemFrench(a)).toBe(stemFrench(b));
  });

  it("leaves short words and numbers alone", () => {
    expect(stemFrench("les")).toBe("les");
    expect(stemFrench("2026")).toBe("2026");
  });

  it("lists only the stems that differ from their word", () => {
    expect(changedStems("Les clauses du CCTP")).toBe("claus");
  });
});

describe("withinOneEdit", () => {
  it.each([
    ["interoperabilte", "interoperabilite", true],
    ["catalgoue", "catalogue", true],
    ["moissonage", "moissonnage", true],
    ["paginatoin", "pagination", true],
    ["pagimation", "pagination", true],
    ["pagination", "pagination", true],
    ["pagintn", "pagination", false],
    ["moisson", "maison", false],
  ])("%s ~ %s: %s", (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
    expect(withinOneEdit(b, a)).toBe(expected);
  });
});

describe("highlighting", () => {
  const matchWord = (word: string) => (tokens: readonly string[]) => tokens.map((token) => token === word);

  it("escapes the text and marks the matches in the original spelling", () => {
    expect(highlightHtml("Géoplateforme <b>&</b>", matchWord("geoplateforme"))).toBe(
      "<mark>Géoplateforme</mark> &lt;b&gt;&amp;&lt;/b&gt;",
    );
    expect(escapeHtml(`"'`)).toBe("&quot;&#39;");
  });

  it("cuts a long text around its matches", () => {
    const text = `${"début ".repeat(50)}le paramètre bbox est perdu ${"fin ".repeat(50)}`;
    const snippet = snippetHtml(text, matchWord("bbox"), { words: 10 });
    expect(snippet).toMatch(/^….*<mark>bbox<\/mark>.*…$/);
    expect(snippet.split(" ").length).toBeLessThan(14);
  });
});
