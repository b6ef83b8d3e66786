import { describe, expect, it } from "vitest";
import { assembleRun, type ConformanceTestResult, type TestStatus } from "./run-model";
import { displayFileName, isStagedUploadExpired, STAGED_UPLOAD_LIFETIME_MS, summarizeStagedRun } from "./staged-upload";

const CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
const CRS = "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs";

function test(status: TestStatus, classUri: string | null, group: string): ConformanceTestResult {
  return {
    id: `${group}-${Math.random()}`,
    caseKey: "C#m",
    name: "m",
    group,
    tags: [],
    implementationClass: null,
    classUri,
    status,
    skipCause: null,
    message: null,
    description: null,
    requirements: [],
    durationMs: null,
    startedAt: null,
    parameters: [],
    subject: null,
    http: null,
    findings: [],
  };
}

describe("summary of a staged upload", () => {
  const run = {
    ...assembleRun({
      format: "testng",
      suite: { name: "ogcapi-features-1.0", version: "1.9" },
      subject: "https://example.org/ogcapi",
      startedAt: null,
      finishedAt: null,
      tests: [
        test("passed", CRS, "Coordinate Reference Systems by Reference"),
        test("skipped", null, "Extras"),
        test("passed", CORE, "Core"),
        test("failed", CORE, "Core"),
      ],
      warnings: ["2 méthodes de configuration en échec"],
    }),
    fileFormat: "testng-xml",
  };

  it("names the format, and lists classes failures first with the catalogue's titles", () => {
    const summary = summarizeStagedRun(
      run,
      { name: "testng-results.xml", size: 1234 },
      new Map([[CORE, "OGC API - Features - Part 1: Core"]]),
    );
    expect(summary.formatLabel).toBe("TEAM Engine, résultats TestNG (XML)");
    expect(summary.counts).toMatchObject({ total: 4, passed: 2, failed: 1, skipped: 1 });
    expect(summary.classes.map((entry) => [entry.title, entry.verdict])).toEqual([
      ["OGC API - Features - Part 1: Core", "failed"],
      ["Extras", "not-tested"],
      // A class missing from the catalogue keeps its suite's name rather than nothing.
      ["Coordinate Reference Systems by Reference", "passed"],
    ]);
    expect(summary.warnings).toEqual(["2 méthodes de configuration en échec"]);
    // Stored as JSON in the staging row, so it must survive a round trip unchanged.
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it("expires after 24 hours exactly", () => {
    const created = new Date("2026-12-01T10:00:00Z");
    expect(isStagedUploadExpired(created, new Date(created.getTime() + STAGED_UPLOAD_LIFETIME_MS - 1))).toBe(false);
    expect(isStagedUploadExpired(created, new Date(created.getTime() + STAGED_UPLOAD_LIFETIME_MS))).toBe(true);
  });

  it("shows the file's own name, never a client path", () => {
    expect(displayFileName("C:\\Users\\ci\\testng-results.xml")).toBe("testng-results.xml");
    expect(displayFileName("/tmp/earl.rdf")).toBe("earl.rdf");
    expect(displayFileName("")).toBe("rapport");
    expect(displayFileName("x".repeat(500))).toHaveLength(200);
  });
});
