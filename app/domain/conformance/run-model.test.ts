import { describe, expect, it } from "vitest";
import { buildClassResolver, DEFAULT_GROUP_CLASS_MAPPING, groupClassMappingSchema } from "./group-mapping";
import {
  extractRequirementPaths,
  parseReportDate,
  splitSuiteNameAndVersion,
  summarizeClasses,
  verdictOf,
  type ConformanceTestResult,
  type TestStatus,
} from "./run-model";

function testWith(status: TestStatus, overrides: Partial<ConformanceTestResult> = {}): ConformanceTestResult {
  return {
    id: `t-${Math.random()}`,
    caseKey: "C#m",
    name: "m",
    group: "Core",
    tags: [],
    implementationClass: null,
    classUri: "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
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
    ...overrides,
  };
}

describe("class verdicts", () => {
  const counts = (passed: number, failed: number, skipped: number, error: number) => ({
    total: passed + failed + skipped + error,
    passed,
    failed,
    skipped,
    error,
  });

  it.each([
    [counts(0, 0, 5, 0), 0, "not-tested"],
    [counts(0, 0, 0, 0), 0, "not-tested"],
    [counts(3, 1, 0, 0), 0, "failed"],
    [counts(3, 0, 2, 0), 0, "passed"],
    [counts(3, 0, 2, 0), 1, "inconclusive"],
    [counts(3, 0, 0, 1), 0, "inconclusive"],
    [counts(0, 0, 0, 1), 0, "inconclusive"],
  ] as const)("%j with %i dependency skips → %s", (statusCounts, dependencySkips, verdict) => {
    expect(verdictOf(statusCounts, dependencySkips)).toBe(verdict);
  });

  it("summarizes per class, and per group for unmapped tests", () => {
    const summaries = summarizeClasses([
      testWith("passed"),
      testWith("skipped", { skipCause: "dependency" }),
      testWith("skipped", { classUri: null, group: "Extra" }),
    ]);
    expect(summaries).toEqual([
      expect.objectContaining({ group: "Core", verdict: "inconclusive" }),
      expect.objectContaining({ classUri: null, group: "Extra", verdict: "not-tested" }),
    ]);
  });
});

describe("report details", () => {
  it.each([
    ["ogcapi-features-1.0-1.6", { name: "ogcapi-features-1.0", version: "1.6" }],
    ["ogcapi-connectedsystems10-0.1-SNAPSHOT", { name: "ogcapi-connectedsystems10", version: "0.1-SNAPSHOT" }],
    ["wfs20-1.29-SNAPSHOT", { name: "wfs20", version: "1.29-SNAPSHOT" }],
    ["jest tests", { name: "jest tests", version: null }],
  ])("splits %s", (fullName, expected) => {
    expect(splitSuiteNameAndVersion(fullName)).toEqual(expected);
  });

  it("reads ISO dates and TestNG 7's UTC suffix", () => {
    expect(parseReportDate("2026-07-30T06:46:29 UTC")?.toISOString()).toBe("2026-07-30T06:46:29.000Z");
    expect(parseReportDate("2025-03-27T09:43:42.739Z")?.toISOString()).toBe("2025-03-27T09:43:42.739Z");
    expect(parseReportDate("hier")).toBeNull();
  });

  it("extracts requirement paths and URIs from descriptions", () => {
    expect(
      extractRequirementPaths(
        "Abstract Test 22, Test Method 6 (Requirement /req/core/fc-response) - Abstract Test 25 (Requirement /req/core/fc-numberMatched)",
      ),
    ).toEqual(["/req/core/fc-response", "/req/core/fc-numberMatched"]);
    expect(
      extractRequirementPaths(
        "OGC-23-001 http://www.opengis.net/spec/ogcapi-connectedsystems-1/1.0/req/system/collections: x",
      ),
    ).toEqual(["http://www.opengis.net/spec/ogcapi-connectedsystems-1/1.0/req/system/collections"]);
  });
});

describe("group to class mapping", () => {
  it("is scoped to its suite, so another suite's 'Core' is not Features core", () => {
    const edr = buildClassResolver(DEFAULT_GROUP_CLASS_MAPPING, "ogcapi-edr10");
    expect(edr.resolve(["Core"])).toBeNull();
    const features = buildClassResolver(DEFAULT_GROUP_CLASS_MAPPING, "ogcapi-features-1.0");
    expect(features.resolve(["Coordinate-Reference-Systems-by-Reference"])).toBe(
      "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
    );
  });

  it("validates admin edits with its schema", () => {
    expect(groupClassMappingSchema.safeParse(DEFAULT_GROUP_CLASS_MAPPING).success).toBe(true);
    expect(groupClassMappingSchema.safeParse([{ group: "", classUri: "not a uri" }]).success).toBe(false);
  });
});
