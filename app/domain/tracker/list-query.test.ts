import { describe, expect, it } from "vitest";
import { conformanceClassShortForm, hasTerm, parseListQuery, toggleTerm } from "./list-query";

const ok = (q: string) => {
  const parsed = parseListQuery(q);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.query;
};
const refusal = (q: string) => {
  const parsed = parseListQuery(q);
  return parsed.ok ? null : parsed.message;
};

describe("list query syntax", () => {
  it("reads every key, negations, orders and free words", () => {
    expect(
      ok(
        'pagination status:confirmed solution:"OneGeo Suite" class:ogcapi-features-1/core assigned:me tag:wfs ' +
          "-tag:csw category:annonces order:votes bbox",
      ),
    ).toEqual({
      words: ["pagination", "bbox"],
      terms: [
        { key: "status", values: ["confirmed"], negate: false },
        { key: "solution", values: ["OneGeo Suite"], negate: false },
        { key: "class", values: ["ogcapi-features-1/core"], negate: false },
        { key: "assigned", values: ["me"], negate: false },
        { key: "tag", values: ["wfs"], negate: false },
        { key: "category", values: ["annonces"], negate: false },
        { key: "tag", values: ["csw"], negate: true },
      ],
      order: "votes",
    });
    expect(ok("order:created").order).toBe("created");
    expect(ok("order:latest").order).toBe("latest");
    expect(ok("").order).toBe("latest");
    expect(ok('"lien next" -status:closed').terms).toEqual([{ key: "status", values: ["closed"], negate: true }]);
    expect(ok('"lien next"').words).toEqual(["lien next"]);
  });

  it("accepts French status names, with or without accents, and comma lists", () => {
    expect(
      ok("status:nouveau,Confirmé status:en-cours status:CORRIGE status:fermé").terms.map((t) => t.values),
    ).toEqual([["new", "confirmed"], ["in_progress"], ["fixed"], ["closed"]]);
  });

  it("refuses unknown keys, statuses, orders and empty values in French", () => {
    expect(refusal("statut:confirme")).toBe(
      "Filtre inconnu « statut: ». Filtres possibles : status:, solution:, class:, assigned:, tag:, -tag:, category:, order:.",
    );
    expect(refusal("status:perdu")).toMatch(/^Statut inconnu « perdu »\. Statuts possibles : nouveau, confirme/);
    expect(refusal("order:random")).toBe(
      "Tri inconnu « order:random ». Tris possibles : order:latest, order:votes, order:created.",
    );
    expect(refusal("-order:votes")).toMatch(/^Tri inconnu/);
    expect(refusal("tag:")).toBe("Le filtre « tag: » attend une valeur, par exemple tag:wfs.");
    expect(refusal("type:clause")).toMatch(/^Le filtre « type: » sert à la recherche/);
  });

  it("keeps URLs as free words", () => {
    expect(ok("https://example.org/wfs").words).toEqual(["https://example.org/wfs"]);
  });
});

describe("conformance class short forms", () => {
  it("derives standard/class from versioned conf URIs only", () => {
    expect(conformanceClassShortForm("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core")).toBe(
      "ogcapi-features-1/core",
    );
    expect(conformanceClassShortForm("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson/")).toBe(
      "ogcapi-features-1/geojson",
    );
    expect(conformanceClassShortForm("https://cicclo.fr/conformance/proconnect/1.0/conf/pkce")).toBe("proconnect/pkce");
    expect(conformanceClassShortForm("https://schema.data.gouv.fr/etalab/schema-irve")).toBeNull();
  });
});

describe("filter chips", () => {
  it("add a term, remove it when present, and replace the other terms of an exclusive key", () => {
    expect(toggleTerm("wfs", "status:confirmed", "status")).toBe("wfs status:confirmed");
    expect(toggleTerm("wfs status:new", "status:confirmed", "status")).toBe("wfs status:confirmed");
    expect(toggleTerm("status:confirmed wfs", "status:confirmed", "status")).toBe("wfs");
    expect(toggleTerm('solution:"OneGeo Suite"', "assigned:me")).toBe('solution:"OneGeo Suite" assigned:me');
    expect(hasTerm("Status:Confirmed", "status:confirmed")).toBe(true);
  });
});
