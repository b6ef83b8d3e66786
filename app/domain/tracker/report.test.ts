import { describe, expect, it } from "vitest";
import {
  diffReports,
  fieldsEditedText,
  jsonFieldName,
  parseReport,
  reportDraftFromForm,
  reportInputFromJson,
  type ReportSnapshot,
} from "./report";

const valid = {
  reportingSolution: "prodige",
  reportingVersion: "5.1",
  affected: [{ solution: "georchestra", version: "24.0.2" }],
  classUri: "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
  endpointUrl: "https://demo.georchestra.org/data/ogcapi/collections/parcelles/items?limit=10",
  steps: "1. Demander la première page.\n2. Suivre le lien next.",
  expected: "Le lien next garde bbox.",
  actual: "Le lien next perd bbox.",
  severity: "major",
};

const errorsOf = (input: unknown) => {
  const parsed = parseReport(input);
  return parsed.ok ? {} : parsed.fieldErrors;
};

describe("report schema", () => {
  it("accepts a complete report, trimmed, with several affected solutions and a French severity", () => {
    const parsed = parseReport({
      ...valid,
      steps: "  Suivre le lien.  ",
      severity: "Bloquant",
      affected: [
        { solution: "georchestra", version: "24.0.2" },
        { solution: "geoplateforme", version: "2025.1" },
      ],
    });
    expect(parsed).toMatchObject({ ok: true, value: { steps: "Suivre le lien.", severity: "blocking" } });
    expect(parseReport({ ...valid, severity: "cosmétique" })).toMatchObject({ value: { severity: "trivial" } });
  });

  it.each([
    ["reportingSolution", "", "Choisissez la solution depuis laquelle vous constatez le problème."],
    ["reportingVersion", "  ", "Choisissez la version de la solution qui signale le problème."],
    ["affected", [], "Cochez au moins une solution concernée par le problème."],
    ["classUri", "", "Choisissez le standard ou la classe de conformité concernée."],
    ["endpointUrl", "", "Indiquez l'URL du service concerné (https://…)."],
    ["endpointUrl", "ftp://example.fr/data", "L'URL du service doit être une adresse http:// ou https:// complète."],
    ["endpointUrl", "javascript:alert(1)", "L'URL du service doit être une adresse http:// ou https:// complète."],
    ["endpointUrl", "pas une url", "L'URL du service doit être une adresse http:// ou https:// complète."],
    ["steps", "", "Décrivez les étapes pour reproduire le problème."],
    ["expected", "", "Décrivez le comportement attendu."],
    ["actual", "", "Décrivez le comportement constaté."],
    ["severity", "grave", "Choisissez la sévérité : bloquant, majeur, mineur ou cosmétique."],
    ["severity", "", "Choisissez la sévérité : bloquant, majeur, mineur ou cosmétique."],
  ])("refuses %s = %j with its French message", (field, value, message) => {
    expect(errorsOf({ ...valid, [field]: value })).toEqual({ [field]: message });
  });

  it("names each affected row at fault, and refuses the same solution twice", () => {
    expect(errorsOf({ ...valid, affected: [{ solution: "georchestra", version: "" }] })).toEqual({
      "affected.0.version": "Choisissez la version de la solution concernée.",
    });
    expect(
      errorsOf({
        ...valid,
        affected: [
          { solution: "georchestra", version: "24.0" },
          { solution: "georchestra", version: "24.0.2" },
        ],
      }),
    ).toEqual({ affected: "Chaque solution concernée ne doit apparaître qu'une fois." });
  });

  it("lists every missing field at once, and explains wrong JSON types in French", () => {
    expect(Object.keys(errorsOf({})).sort()).toEqual(
      [
        "actual",
        "affected",
        "classUri",
        "endpointUrl",
        "expected",
        "reportingSolution",
        "reportingVersion",
        "severity",
        "steps",
      ].sort(),
    );
    expect(errorsOf({ ...valid, steps: 42 })).toEqual({ steps: "Étapes pour reproduire doit être un texte." });
    expect(errorsOf({ ...valid, affected: "georchestra" })).toEqual({
      affected: "Les solutions concernées doivent être une liste.",
    });
    expect(errorsOf({ ...valid, steps: "x".repeat(10_001) }).steps).toMatch(
      /^Étapes pour reproduire ne doit pas dépasser 10\s000 caractères\.$/,
    );
  });
});

describe("report inputs", () => {
  it("reads the form: checked solutions with their own version select, unchecked ones ignored", () => {
    const form = new URLSearchParams([
      ["reporting", "prodige@5.1"],
      ["affected", "georchestra"],
      ["affectedVersion.georchestra", "24.0.2"],
      ["affectedVersion.onegeo-suite", "1.4"],
      ["classUri", valid.classUri],
      ["endpointUrl", valid.endpointUrl],
      ["steps", valid.steps],
      ["expected", valid.expected],
      ["actual", valid.actual],
      ["severity", "major"],
    ]);
    expect(reportDraftFromForm(form)).toEqual(valid);
  });

  it("reads POST /posts.json's interop object in snake_case, and names its fields back", () => {
    expect(
      reportInputFromJson({
        reporting_solution: "prodige",
        reporting_version: "5.1",
        affected: valid.affected,
        class_uri: valid.classUri,
        endpoint_url: valid.endpointUrl,
        steps: valid.steps,
        expected: valid.expected,
        actual: valid.actual,
        severity: "major",
      }),
    ).toEqual(valid);
    expect(reportInputFromJson(undefined)).toBeNull();
    expect(jsonFieldName("endpointUrl")).toBe("interop.endpoint_url");
    expect(jsonFieldName("affected.1.version")).toBe("interop.affected[1].version");
  });
});

describe("report changes", () => {
  const before: ReportSnapshot = {
    reportingSolution: "Prodige",
    reportingVersion: "5.1",
    affected: { geOrchestra: "24.0" },
    classUri: valid.classUri,
    endpointUrl: valid.endpointUrl,
    steps: valid.steps,
    expected: valid.expected,
    actual: valid.actual,
    severity: "major",
  };

  it("records before and after of each changed field, and says which in the timeline", () => {
    const changes = diffReports(before, { ...before, severity: "blocking", affected: { geOrchestra: "24.0.2" } });
    expect(changes).toEqual({
      severity: ["Majeur", "Bloquant"],
      affectedVersions: ["geOrchestra 24.0", "geOrchestra 24.0.2"],
    });
    expect(fieldsEditedText(changes)).toBe("a modifié le rapport : sévérité, version concernée");
    expect(diffReports(before, { ...before, affected: { geOrchestra: "24.0", Prodige: "5.1" } })).toEqual({
      affectedSolutions: ["geOrchestra 24.0", "geOrchestra 24.0, Prodige 5.1"],
    });
    expect(diffReports(before, { ...before })).toEqual({});
  });
});
