/**
 * The normalized model of a conformance run, whatever produced it (TEAM Engine TestNG or EARL, JUnit, Validata,
 * the live probe). Importers build `ConformanceTestResult`s; `assembleRun` adds counts and per-class summaries so
 * every producer applies the same verdict rules.
 */

export type ReportFormat = "testng" | "earl" | "junit" | "validata" | "frictionless" | "probe";

export type TestStatus = "passed" | "failed" | "skipped" | "error";

/**
 * Verdict on a conformance class for one run:
 * - "failed" as soon as one test failed;
 * - "not-tested" when no test concluded (all skipped, or none): TEAM Engine shows such a class as passed, the trap
 *   this model exists to avoid;
 * - "inconclusive" when nothing failed but a test could not conclude (error), or was skipped because something it
 *   depends on did not pass (a failed configuration method hides failures that way);
 * - "passed" otherwise. Skips that the suite itself decided from the data ("collection X has no storageCrs") do not
 *   prevent it; the counts keep them visible.
 */
export type ClassVerdict = "passed" | "failed" | "inconclusive" | "not-tested";

export interface CapturedHttpRequest {
  readonly method: string | null;
  readonly uri: string | null;
  readonly body: string | null;
}

export interface CapturedHttpResponse {
  readonly status: number | null;
  readonly body: string | null;
}

export interface CapturedHttpExchange {
  readonly request: CapturedHttpRequest | null;
  readonly response: CapturedHttpResponse | null;
}

/** One finding of a data validation (Validata / frictionless), kept so the UI can list the faulty cells. */
export interface ValidationFinding {
  readonly type: string;
  readonly title: string | null;
  readonly message: string;
  readonly rowNumber: number | null;
  readonly fieldName: string | null;
  readonly fieldNumber: number | null;
  readonly cell: string | null;
}

export interface ConformanceTestResult {
  /** Unique within the run: `caseKey` plus parameters or an occurrence number when the same case ran twice. */
  readonly id: string;
  /**
   * The test case regardless of parameters (`org.opengis.cite.….FeaturesBBox#validateFeaturesWithBoundingBoxResponse`):
   * identical for TestNG and EARL files of the same suite, so an issue linked to a test keeps matching later runs.
   */
  readonly caseKey: string;
  readonly name: string;
  /** The suite's grouping: TestNG `<test>` name, EARL requirement, JUnit testsuite, Validata schema URL. */
  readonly group: string | null;
  /** Further labels that can map to a class (TestNG method groups). */
  readonly tags: readonly string[];
  /** The implementing class (TestNG / JUnit `classname`), when the format has one. */
  readonly implementationClass: string | null;
  /** Conformance class URI mapped from group/tags; null when no mapping rule matched. */
  readonly classUri: string | null;
  readonly status: TestStatus;
  /** Set when a skip is a consequence of another failure rather than a choice (TestNG depends-on). */
  readonly skipCause: "dependency" | null;
  readonly message: string | null;
  readonly description: string | null;
  /** Requirement paths quoted in descriptions ("/req/core/fc-response"), for the link to clauses. */
  readonly requirements: readonly string[];
  readonly durationMs: number | null;
  readonly startedAt: Date | null;
  /** TestNG data-provider parameters (for example the collection under test). */
  readonly parameters: readonly string[];
  /** The URL the test ran against (EARL subject, probe URL). */
  readonly subject: string | null;
  readonly http: CapturedHttpExchange | null;
  readonly findings: readonly ValidationFinding[];
}

export interface StatusCounts {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly error: number;
}

export interface ConformanceClassSummary {
  /** Class URI, or null for the tests no rule mapped (grouped by `group`). */
  readonly classUri: string | null;
  readonly group: string | null;
  readonly verdict: ClassVerdict;
  readonly counts: StatusCounts;
}

export interface ConformanceRun {
  readonly format: ReportFormat;
  readonly suite: { readonly name: string; readonly version: string | null };
  /** The endpoint or file under test, when the report says. */
  readonly subject: string | null;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
  readonly tests: readonly ConformanceTestResult[];
  readonly counts: StatusCounts;
  readonly classes: readonly ConformanceClassSummary[];
  /** Non-fatal oddities (totals in the header that disagree with the tests, failed configuration methods…). */
  readonly warnings: readonly string[];
  /** What the service itself declares (its OGC API `/conformance` list, as spelled), when the run read it: the live
   * probe does; imported reports do not say. */
  readonly declaredClasses?: readonly string[] | null;
}

/** What an importer produces before counts and summaries are derived. */
export interface ParsedReport {
  readonly format: ReportFormat;
  readonly suite: { readonly name: string; readonly version: string | null };
  readonly subject: string | null;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
  readonly tests: readonly ConformanceTestResult[];
  readonly warnings: readonly string[];
  readonly declaredClasses?: readonly string[] | null;
}

export function countStatuses(tests: Iterable<Pick<ConformanceTestResult, "status">>): StatusCounts {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let error = 0;
  for (const test of tests) {
    if (test.status === "passed") passed++;
    else if (test.status === "failed") failed++;
    else if (test.status === "skipped") skipped++;
    else error++;
  }
  return { total: passed + failed + skipped + error, passed, failed, skipped, error };
}

export function verdictOf(counts: StatusCounts, skippedByDependency = 0): ClassVerdict {
  if (counts.failed > 0) return "failed";
  if (counts.passed === 0 && counts.error === 0) return "not-tested";
  if (counts.error > 0 || skippedByDependency > 0) return "inconclusive";
  return "passed";
}

/** Groups tests per class URI (unmapped tests per group) and gives each its verdict, in first-seen order. */
export function summarizeClasses(tests: readonly ConformanceTestResult[]): ConformanceClassSummary[] {
  const buckets = new Map<string, { classUri: string | null; group: string | null; tests: ConformanceTestResult[] }>();
  for (const test of tests) {
    const key = test.classUri !== null ? `class:${test.classUri}` : `group:${test.group ?? ""}`;
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = { classUri: test.classUri, group: test.group, tests: [] };
      buckets.set(key, bucket);
    }
    bucket.tests.push(test);
  }
  return [...buckets.values()].map(({ classUri, group, tests: bucketTests }) => {
    const counts = countStatuses(bucketTests);
    const skippedByDependency = bucketTests.filter((test) => test.skipCause === "dependency").length;
    return { classUri, group, verdict: verdictOf(counts, skippedByDependency), counts };
  });
}

export function assembleRun(report: ParsedReport): ConformanceRun {
  return {
    ...report,
    counts: countStatuses(report.tests),
    classes: summarizeClasses(report.tests),
  };
}

/** `/req/core/fc-response`-style paths quoted in a description, in order, without duplicates. */
export function extractRequirementPaths(text: string | null): string[] {
  if (!text) return [];
  const found = new Set<string>();
  for (const match of text.matchAll(/(?:https?:\/\/\S+?)?(\/req\/[A-Za-z0-9_./-]*[A-Za-z0-9_-])/g)) {
    if (match[0].startsWith("http")) found.add(match[0]);
    else if (match[1]) found.add(match[1]);
  }
  return [...found];
}

/** Gives ids that stay unique when a case runs several times without distinguishing parameters. */
export class TestIdAllocator {
  readonly #seen = new Map<string, number>();

  allocate(baseId: string): string {
    const occurrences = (this.#seen.get(baseId) ?? 0) + 1;
    this.#seen.set(baseId, occurrences);
    return occurrences === 1 ? baseId : `${baseId} (${occurrences})`;
  }
}

/** "ogcapi-features-1.0-1.6" → { name: "ogcapi-features-1.0", version: "1.6" }; TEAM Engine joins them with "-". */
export function splitSuiteNameAndVersion(fullName: string): { name: string; version: string | null } {
  const trimmed = fullName.trim();
  const match = /^(.+?)[-_](\d[\w.]*(?:-[A-Za-z][\w.]*)?)$/.exec(trimmed);
  if (match?.[1] && match[2]) return { name: match[1], version: match[2] };
  return { name: trimmed, version: null };
}

/** Parses report dates: ISO 8601, and TestNG 7's "2026-07-30T06:46:29 UTC". Unparseable dates become null. */
export function parseReportDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const normalized = value.trim().replace(/\s+UTC$/i, "Z");
  const date = new Date(normalized);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a <= b ? a : b;
}

export function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a >= b ? a : b;
}
