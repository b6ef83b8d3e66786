/** What the format importers share: limits, a bounded test collector and defaults of a test result. */

import { DEFAULT_XML_LIMITS, type XmlLimits } from "../safe-xml-reader";
import { unsupportedReport } from "../import-errors";
import { extractRequirementPaths, TestIdAllocator, type ConformanceTestResult } from "../run-model";

export interface ImportLimits extends XmlLimits {
  /** More tests than this is refused: each costs memory, and no real suite comes close (the largest has ~300). */
  readonly maxTests: number;
  /** Validata findings kept per test; the count of the rest is given in the message. */
  readonly maxFindingsPerTest: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  ...DEFAULT_XML_LIMITS,
  maxTests: 100_000,
  maxFindingsPerTest: 1_000,
};

type RequiredFields = "caseKey" | "name" | "status";
export type TestResultFields = Pick<ConformanceTestResult, RequiredFields> &
  Partial<Omit<ConformanceTestResult, RequiredFields | "id">> & { readonly idSuffix?: string };

/** Collects tests with unique ids, refusing the file past `maxTests`. */
export class TestCollector {
  readonly tests: ConformanceTestResult[] = [];
  readonly #ids = new TestIdAllocator();

  constructor(private readonly maxTests: number) {}

  add(fields: TestResultFields): ConformanceTestResult {
    if (this.tests.length >= this.maxTests) {
      throw unsupportedReport(`le rapport contient plus de ${this.maxTests} tests`, { maxTests: this.maxTests });
    }
    const { idSuffix, ...rest } = fields;
    const description = rest.description ?? null;
    const test: ConformanceTestResult = {
      id: this.#ids.allocate(idSuffix ? `${rest.caseKey}${idSuffix}` : rest.caseKey),
      group: null,
      tags: [],
      implementationClass: null,
      classUri: null,
      skipCause: null,
      message: null,
      requirements: extractRequirementPaths(description),
      durationMs: null,
      startedAt: null,
      parameters: [],
      subject: null,
      http: null,
      findings: [],
      ...rest,
      description,
    };
    this.tests.push(test);
    return test;
  }
}

/** TestNG's message for a test skipped because a method it depends on did not pass (EARL repeats it). */
export const DEPENDENCY_SKIP_MESSAGE = "depends on not successfully finished methods";

/** Trimmed text, or null when there is none. */
export function textOrNull(text: string | null | undefined): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}

/** A non-negative integer attribute, or null when absent or not a number. */
export function integerOrNull(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value.trim() === "") return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed >= 0 ? Math.round(parsed) : null;
}
