// Imports every real report of /work/shared/fixtures/conformance (see its PROVENANCE.md) and checks the counts read
// from the files themselves. Skipped where that folder is absent: the project's own fixtures cover every format.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DomainError } from "~/domain/shared/errors";
import { importReport } from "./import-report";
import type { ClassVerdict } from "./run-model";

const SHARED_FIXTURES = "/work/shared/fixtures/conformance";

interface Expected {
  readonly file: string;
  readonly format: string;
  readonly suite: string;
  /** passed / failed / skipped / error */
  readonly counts: readonly [number, number, number, number];
  readonly verdicts?: Readonly<Record<string, ClassVerdict>>;
}

const FEATURES_CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
const FEATURES_CRS = "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs";

const EXPECTED: readonly Expected[] = [
  {
    file: "connectedsystems/s-ets-01-03-teamengine-smoke-2026-04-28.xml",
    format: "testng-xml",
    suite: "ogcapi-connectedsystems10",
    counts: [16, 0, 0, 0],
  },
  {
    file: "connectedsystems/sprint-ets-08-cascade-2026-04-30.xml",
    format: "testng-xml",
    suite: "ogcapi-connectedsystems10",
    counts: [16, 1, 29, 0],
  },
  {
    file: "connectedsystems/sprint-ets-26-georobotix-smoke-failed-2026-05-22.xml",
    format: "testng-xml",
    suite: "ogcapi-connectedsystems10",
    counts: [27, 5, 114, 0],
  },
  { file: "frictionless/report.json", format: "validata-json", suite: "frictionless", counts: [1, 0, 0, 0] },
  { file: "junit/jest-junit.xml", format: "junit-xml", suite: "jest tests", counts: [1, 4, 1, 0] },
  { file: "junit/junit4-complete.xml", format: "junit-xml", suite: "Test run", counts: [5, 1, 1, 1] },
  { file: "junit/python-xunit-pytest.xml", format: "junit-xml", suite: "pytest tests", counts: [6, 2, 2, 0] },
  ...["ogc-cite-action", "ogc-cite-runner"].flatMap((folder): Expected[] => [
    {
      file: `${folder}/raw-result-ogcapi-edr10-earl.xml`,
      format: "earl-rdf",
      suite: "ogcapi-edr10",
      counts: [13, 4, 5, 0],
    },
    {
      file: `${folder}/raw-result-ogcapi-features-1.0-earl.xml`,
      format: "earl-rdf",
      suite: "ogcapi-features-1.0",
      counts: [264, 12, 6, 0],
      verdicts: { [FEATURES_CORE]: "failed", [FEATURES_CRS]: "passed" },
    },
    {
      file: `${folder}/raw-result-ogcapi-processes-1.0-earl.xml`,
      format: "earl-rdf",
      suite: "ogcapi-processes-1.0",
      counts: [0, 0, 54, 0],
      verdicts: { Core: "not-tested", "OGC Process Description": "not-tested", "Job List": "not-tested" },
    },
  ]),
  { file: "ogc-cite-runner/raw-result-csw30.xml", format: "earl-rdf", suite: "cat30", counts: [52, 0, 0, 0] },
  {
    file: "ogc-cite-runner/raw-result-ogcapi-tiles-1.0-with-cant-tell.xml",
    format: "earl-rdf",
    suite: "ogcapi-tiles-1.0",
    counts: [12, 1, 0, 1],
  },
  {
    file: "ogc-cite-runner/raw-result-ogcapi-tiles-1.0.xml",
    format: "earl-rdf",
    suite: "ogcapi-tiles-1.0",
    counts: [5, 9, 0, 0],
  },
  {
    file: "teamengine/earl-results_ctl_withHierarchy.rdf",
    format: "earl-rdf",
    suite: "OGC_Web Map Service (WMS)",
    counts: [225, 0, 0, 0],
  },
  {
    file: "teamengine/earl-results_ctl_withHierarchy_MissingElements.rdf",
    format: "earl-rdf",
    suite: "OGC_Web Map Service (WMS)",
    counts: [225, 0, 0, 0],
  },
  {
    file: "teamengine/earl-results_ctl_withHierarchy_WithInheritedFailure.rdf",
    format: "earl-rdf",
    suite: "OGC_Web Map Service (WMS)",
    counts: [223, 2, 0, 0],
  },
  {
    file: "teamengine/earl-results_testng.rdf",
    format: "earl-rdf",
    suite: "wfs20",
    counts: [79, 3, 36, 10],
    verdicts: { "Locking WFS": "not-tested", "Temporal filter": "inconclusive", "Spatial filter": "failed" },
  },
  {
    file: "validata/diagnostics_simple_bad_file_format.ods.json",
    format: "validata-json",
    suite: "Validata",
    counts: [0, 0, 0, 1],
  },
  { file: "validata/purchases_bad.csv.json", format: "validata-json", suite: "Validata", counts: [0, 1, 0, 0] },
  {
    file: "validata/purchases_bad_wrong_header.csv.json",
    format: "validata-json",
    suite: "Validata",
    counts: [0, 1, 0, 0],
  },
];

describe.skipIf(!existsSync(SHARED_FIXTURES))("real reports from /work/shared/fixtures/conformance", () => {
  it.each(EXPECTED)("$file imports with the counts of the file", async ({ file, format, suite, counts, verdicts }) => {
    const run = await importReport(readFileSync(path.join(SHARED_FIXTURES, file)));
    expect(run.fileFormat).toBe(format);
    expect(run.suite.name).toBe(suite);
    const [passed, failed, skipped, error] = counts;
    expect(run.counts).toEqual({ total: passed + failed + skipped + error, passed, failed, skipped, error });
    expect(run.tests).toHaveLength(run.counts.total);
    expect(new Set(run.tests.map((test) => test.id)).size).toBe(run.tests.length);
    for (const [key, verdict] of Object.entries(verdicts ?? {})) {
      const summary = run.classes.find((candidate) => candidate.classUri === key || candidate.group === key);
      expect(summary?.verdict, key).toBe(verdict);
    }
  });

  it("maps the features10 EARL requirements to Part 1 core and Part 2 crs with per-class counts", async () => {
    const run = await importReport(
      readFileSync(path.join(SHARED_FIXTURES, "ogc-cite-runner/raw-result-ogcapi-features-1.0-earl.xml")),
    );
    expect(run.subject).toBe("http://localhost:5000");
    const core = run.classes.find((summary) => summary.classUri === FEATURES_CORE);
    const crs = run.classes.find((summary) => summary.classUri === FEATURES_CRS);
    expect(core?.counts).toMatchObject({ passed: 223, failed: 12, skipped: 2 });
    expect(crs?.counts).toMatchObject({ passed: 41, skipped: 4 });
    expect(run.tests.every((test) => test.classUri !== null)).toBe(true);
    const failed = run.tests.find((test) => test.status === "failed");
    expect(failed?.caseKey).toMatch(/^org\.opengis\.cite\.ogcapifeatures10\./);
  });

  it("keeps the HTTP exchange TEAM Engine captured (WFS 2.0 EARL)", async () => {
    const run = await importReport(readFileSync(path.join(SHARED_FIXTURES, "teamengine/earl-results_testng.rdf")));
    const withExchange = run.tests.find((test) => test.http?.request?.method === "POST");
    expect(withExchange?.http?.response?.body).toContain("wfs:FeatureCollection");
  });

  it("marks TestNG dependency skips and notes failed configuration methods", async () => {
    const run = await importReport(
      readFileSync(path.join(SHARED_FIXTURES, "connectedsystems/sprint-ets-26-georobotix-smoke-failed-2026-05-22.xml")),
    );
    expect(run.tests.some((test) => test.skipCause === "dependency")).toBe(true);
    expect(run.warnings.join(" ")).toMatch(/configuration en échec/);
    expect(run.tests.some((test) => test.requirements.some((uri) => uri.includes("/req/")))).toBe(true);
  });

  it("keeps Validata findings and warnings but not the validated rows", async () => {
    const run = await importReport(readFileSync(path.join(SHARED_FIXTURES, "validata/purchases_bad.csv.json")));
    const [test] = run.tests;
    expect(test?.findings).toHaveLength(10);
    expect(test?.classUri).toBe(
      "https://raw.githubusercontent.com/betagouv/ma-cantine/refs/heads/main/data/schemas/imports/achats_siret.json",
    );
    expect(JSON.stringify(run)).not.toContain("Empty siret");
    const header = await importReport(
      readFileSync(path.join(SHARED_FIXTURES, "validata/purchases_bad_wrong_header.csv.json")),
    );
    expect(header.tests[0]?.findings.map((finding) => finding.type)).toEqual([
      "missing-label",
      "missing-label",
      "missing-label",
    ]);
    expect(header.tests[0]?.message).toContain("Colonne surnuméraire");
  });

  it("refuses TEAM Engine's CTL log, which is not a result file", async () => {
    const error = await importReport(readFileSync(path.join(SHARED_FIXTURES, "teamengine/report_logs.xml"))).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(422);
    expect((error as DomainError).userMessage).toContain("<execution>");
  });
});
