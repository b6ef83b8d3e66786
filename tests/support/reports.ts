// A typed interop report that passes every check against the demo data, for tests that create topics in
// "Problèmes d'interopérabilité" (whose form is "interop"): as the domain takes it, as the no-JS form posts it and
// as POST /posts.json's `interop` object.
import type { ReportDraft } from "../../app/domain/tracker/report";

export const CORE_CLASS = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";

export const validReport: ReportDraft = {
  reportingSolution: "prodige",
  reportingVersion: "5.1",
  affected: [{ solution: "georchestra", version: "24.0.2" }],
  classUri: CORE_CLASS,
  endpointUrl: "https://demo.georchestra.org/data/ogcapi/collections/cadastre:parcelles/items",
  steps: "1. Demander la première page.\n2. Suivre le lien next.",
  expected: "Le lien next garde les paramètres de la requête.",
  actual: "Le lien next perd bbox.",
  severity: "major",
};

/** The fields the new-topic page posts for `report` (no JavaScript). */
export function reportFormFields(report: ReportDraft = validReport): Record<string, string | string[]> {
  return {
    reporting: `${report.reportingSolution}@${report.reportingVersion}`,
    affected: report.affected.map((row) => row.solution),
    ...Object.fromEntries(report.affected.map((row) => [`affectedVersion.${row.solution}`, row.version])),
    classUri: report.classUri,
    endpointUrl: report.endpointUrl,
    steps: report.steps,
    expected: report.expected,
    actual: report.actual,
    severity: report.severity,
  };
}

/** POST /posts.json's `interop` object for `report`. */
export function reportJson(report: ReportDraft = validReport) {
  return {
    reporting_solution: report.reportingSolution,
    reporting_version: report.reportingVersion,
    affected: report.affected,
    class_uri: report.classUri,
    endpoint_url: report.endpointUrl,
    steps: report.steps,
    expected: report.expected,
    actual: report.actual,
    severity: report.severity,
  };
}

/** A seeded version of each demo solution, for reports built from solution slugs. */
const DEMO_VERSIONS: Record<string, string> = {
  georchestra: "24.0",
  prodige: "5.0",
  "onegeo-suite": "1.4",
  geoplateforme: "2025.1",
};

/** A valid report whose first solution reports and the others are affected (the first one too when alone). */
export function reportInvolving(solutions: string[]): ReportDraft {
  const [reporting, ...rest] = solutions;
  const affected = (rest.length ? rest : [reporting!]).map((solution) => ({
    solution,
    version: DEMO_VERSIONS[solution] ?? "",
  }));
  return { ...validReport, reportingSolution: reporting!, reportingVersion: DEMO_VERSIONS[reporting!] ?? "", affected };
}
