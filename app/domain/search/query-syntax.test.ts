import { describe, expect, it } from "vitest";
import { parseSearchQuery, searchRequestFromQuery } from "./query-syntax";
import { anonymousSearchViewer } from "./search-index";

describe("parseSearchQuery", () => {
  it("separates free text, phrases, filters, exclusions and order", () => {
    expect(
      parseSearchQuery('pagination "lien next" status:confirmed solution:geOrchestra -tag:csw order:votes bbox'),
    ).toEqual({
      text: "pagination bbox",
      phrases: ["lien next"],
      filters: [
        { key: "status", values: ["confirmed"] },
        { key: "solution", values: ["geOrchestra"] },
      ],
      excluded: [{ key: "tag", values: ["csw"] }],
      order: "votes",
    });
  });

  it("reads every key of the syntax, case-insensitively", () => {
    const parsed = parseSearchQuery(
      "CLASS:ogcapi-features-1/core assigned:me tag:x category:annonces type:clause order:latest",
    );
    expect(parsed.filters).toEqual([
      { key: "class", values: ["ogcapi-features-1/core"] },
      { key: "assigned", values: ["me"] },
      { key: "tag", values: ["x"] },
      { key: "category", values: ["annonces"] },
      { key: "type", values: ["clause"] },
    ]);
    expect(parsed.order).toBe("latest");
    expect(parsed.text).toBe("");
  });

  it("keeps a quoted filter value with spaces and splits comma lists", () => {
    expect(parseSearchQuery('solution:"OneGeo Suite" status:open,confirmed').filters).toEqual([
      { key: "solution", values: ["OneGeo Suite"] },
      { key: "status", values: ["open", "confirmed"] },
    ]);
  });

  it("leaves unknown keys, empty values and unknown orders in the free text", () => {
    expect(parseSearchQuery("EPSG:4326 tag: order:random https://example.org")).toMatchObject({
      text: "EPSG:4326 tag: order:random https://example.org",
      filters: [],
      order: "relevance",
    });
  });

  it("searches the words of an unclosed quote as free text", () => {
    expect(parseSearchQuery('géoplateforme "lien nex')).toMatchObject({
      text: "géoplateforme lien nex",
      phrases: [],
    });
  });

  it("marks the last word finished when something follows it", () => {
    expect(parseSearchQuery("interop").text).toBe("interop");
    expect(parseSearchQuery("interop ").text).toBe("interop ");
    expect(parseSearchQuery("interop tag:x").text).toBe("interop ");
    expect(parseSearchQuery('"lien next" inter').text).toBe("inter");
  });

  it.each([
    [""],
    ["   "],
    ['"'],
    ['""'],
    ["-"],
    [":"],
    ["-:"],
    ['tag:"'],
    ["a".repeat(5_000)],
    [undefined as unknown as string],
  ])("never throws on odd input %#", (input) => {
    expect(() => parseSearchQuery(input)).not.toThrow();
    expect(parseSearchQuery(input).text.length).toBeLessThanOrEqual(1_000);
  });
});

describe("searchRequestFromQuery", () => {
  it("maps keys to fields and resolves me, category slugs and French type names", () => {
    const request = searchRequestFromQuery(
      parseSearchQuery("export assigned:me category:annonces type:sujet -solution:Prodige"),
      {
        viewer: anonymousSearchViewer,
        currentUserKey: "user:7",
        resolveCategoryId: (slug) => (slug === "annonces" ? "4" : null),
      },
    );
    expect(request).toEqual({
      text: "export ",
      phrases: [],
      filters: [
        { field: "assignees", anyOf: ["user:7"] },
        { field: "categoryId", anyOf: ["4"] },
        { field: "type", anyOf: ["topic"] },
        { field: "solutions", anyOf: ["Prodige"], negate: true },
      ],
      viewer: anonymousSearchViewer,
      order: "relevance",
    });
  });

  it("makes assigned:me match nothing for an anonymous visitor, and an unknown category too", () => {
    const request = searchRequestFromQuery(parseSearchQuery("assigned:me category:inconnue"), {
      viewer: anonymousSearchViewer,
      resolveCategoryId: () => null,
    });
    expect(request.filters).toEqual([
      { field: "assignees", anyOf: [] },
      { field: "categoryId", anyOf: [] },
    ]);
  });
});
