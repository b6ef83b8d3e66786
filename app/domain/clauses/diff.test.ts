import { describe, expect, it } from "vitest";
import { clauseFile } from "../../../tests/clauses/clause-file-factory";
import { diffClauseVersions, wordDiff } from "./diff";
import { parseClauseFile } from "./parse-clause-file";

const parse = (file: string, text: string) => parseClauseFile(file, text).version!;

describe("diffClauseVersions", () => {
  const before = parse(
    "clauses/exemple/1.0.0.md",
    clauseFile({ body: "Le titulaire livre la solution sous {{delai}}." }),
  );
  const after = parse(
    "clauses/exemple/1.1.0.md",
    clauseFile({
      frontMatter: {
        version: "1.1.0",
        changelog: "Ajoute l'audit et pousse le délai maximal à 90 jours.",
        parameters: [
          { name: "delai", type: "integer", label: "Délai de livraison", unit: "jours", min: 5, max: 90, default: 30 },
          { name: "audit", type: "boolean", label: "Audit", default: true },
        ],
        references: [
          { standard: "RGAA", version: "4.2" },
          { standard: "CCAG-TIC", version: "2021", article: "art. 42" },
        ],
        conformanceClasses: ["http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"],
      },
      body: "Le titulaire livre et installe la solution sous {{delai}}.{{#if audit}} Un audit suit.{{/if}}",
    }),
  );
  const diff = diffClauseVersions(before, after);

  it("diffs the binding text word by word", () => {
    expect(diff.bindingText.filter((segment) => segment.kind !== "same")).toEqual([
      { kind: "added", text: "et installe " },
      { kind: "added", text: "{{#if audit}} Un audit suit.{{/if}}" },
    ]);
    expect(diff.bindingChanged).toBe(true);
  });

  it("diffs parameters field by field", () => {
    expect(diff.parameters.map(({ name, change, changedFields }) => ({ name, change, changedFields }))).toEqual([
      { name: "delai", change: "changed", changedFields: ["max"] },
      { name: "audit", change: "added", changedFields: [] },
    ]);
  });

  it("diffs references, conformance classes and carries the changelog", () => {
    expect(
      diff.references.map(({ standard, change, beforeLabel, afterLabel }) => ({
        standard,
        change,
        beforeLabel,
        afterLabel,
      })),
    ).toEqual([
      { standard: "RGAA", change: "changed", beforeLabel: "RGAA 4.1", afterLabel: "RGAA 4.2" },
      { standard: "CCAG-TIC", change: "added", beforeLabel: undefined, afterLabel: "CCAG-TIC 2021 art. 42" },
    ]);
    expect(diff.conformanceClasses).toEqual([
      { uri: "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core", change: "removed" },
      { uri: "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson", change: "added" },
    ]);
    expect(diff.to).toMatchObject({
      version: "1.1.0",
      changelog: "Ajoute l'audit et pousse le délai maximal à 90 jours.",
    });
    expect(diff.fields).toEqual([]);
  });

  it("keeps every word of both texts, in reading order", () => {
    const segments = wordDiff("un deux trois", "un trois quatre");
    expect(
      segments
        .filter((s) => s.kind !== "added")
        .map((s) => s.text)
        .join(""),
    ).toBe("un deux trois");
    expect(
      segments
        .filter((s) => s.kind !== "removed")
        .map((s) => s.text)
        .join(""),
    ).toBe("un trois quatre");
  });
});
