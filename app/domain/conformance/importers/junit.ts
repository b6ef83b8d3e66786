/**
 * JUnit-style XML (no official schema; the de-facto shape of surefire, pytest, jest-junit, TEAM Engine's
 * `junitreports/TEST-*.xml`): optional `<testsuites>` → `<testsuite>` (may nest) → `<testcase name classname time>`,
 * which passed unless it holds `<failure>`, `<error>` or `<skipped>`. Surefire's `<flakyFailure>`/`<rerunFailure>`
 * record retries of a test that finally passed; they are noted in the message, the status stays as reported.
 */

import { unsupportedReport } from "../import-errors";
import { earliest, parseReportDate, type ParsedReport, type TestStatus } from "../run-model";
import { attributeOf, readXml, type XmlElement } from "../safe-xml-reader";
import { integerOrNull, TestCollector, textOrNull, type ImportLimits } from "./importer-support";

interface CaseDraft {
  readonly element: XmlElement;
  readonly suiteName: string | null;
  outcome: { status: TestStatus; message: string | null; type: string | null; text: string | null } | null;
  retries: number;
}

const OUTCOME_STATUS: Record<string, TestStatus> = { failure: "failed", error: "error", skipped: "skipped" };
/** A failure outranks an error, which outranks a skip, when a tool writes several. */
const STATUS_PRIORITY: Record<TestStatus, number> = { failed: 3, error: 2, skipped: 1, passed: 0 };
const RETRY_ELEMENTS = new Set(["flakyFailure", "flakyError", "rerunFailure", "rerunError"]);

export async function importJUnitReport(chunks: AsyncIterable<string>, limits: ImportLimits): Promise<ParsedReport> {
  const collector = new TestCollector(limits.maxTests);
  const suiteNames: (string | null)[] = [];
  let runName = null as string | null;
  let declaredTotal = null as number | null;
  let startedAt = null as Date | null;
  let rootDurationSeconds = null as number | null;
  let testCase = null as CaseDraft | null;

  await readXml(
    chunks,
    {
      onOpen(element, ancestors) {
        if (ancestors.length === 0) {
          if (element.local !== "testsuites" && element.local !== "testsuite") {
            throw unsupportedReport(`élément racine <${element.name}> au lieu de <testsuites> ou <testsuite>`);
          }
          runName = textOrNull(attributeOf(element, "name"));
          declaredTotal = integerOrNull(attributeOf(element, "tests"));
          const time = Number(attributeOf(element, "time"));
          rootDurationSeconds = Number.isFinite(time) && time >= 0 ? time : null;
        }
        if (element.local === "testsuite" && !testCase) {
          suiteNames.push(textOrNull(attributeOf(element, "name")));
          startedAt = earliest(startedAt, parseReportDate(attributeOf(element, "timestamp")));
          return;
        }
        if (element.local === "testcase" && !testCase) {
          testCase = { element, suiteName: suiteNames.at(-1) ?? null, outcome: null, retries: 0 };
          return;
        }
        if (testCase && ancestors.at(-1) === testCase.element) {
          if (RETRY_ELEMENTS.has(element.local)) testCase.retries++;
          return element.local in OUTCOME_STATUS;
        }
        return;
      },

      onClose(element, text, ancestors) {
        if (element.local === "testsuite" && !testCase) {
          suiteNames.pop();
          return;
        }
        if (!testCase) return;
        if (element === testCase.element) {
          addCase(testCase);
          testCase = null;
          return;
        }
        const status = OUTCOME_STATUS[element.local];
        if (status && ancestors.at(-1) === testCase.element) {
          if (testCase.outcome && STATUS_PRIORITY[testCase.outcome.status] >= STATUS_PRIORITY[status]) return;
          testCase.outcome = {
            status,
            message: textOrNull(attributeOf(element, "message")),
            type: textOrNull(attributeOf(element, "type")),
            text: textOrNull(text),
          };
        }
      },
    },
    limits,
    { namespaces: false },
  );

  function addCase(draft: CaseDraft): void {
    const name = attributeOf(draft.element, "name") ?? "(sans nom)";
    const className = textOrNull(attributeOf(draft.element, "classname"));
    const seconds = Number(attributeOf(draft.element, "time"));
    const outcome = draft.outcome;
    const messageParts = [
      outcome?.type && outcome.message ? `${outcome.type}: ${outcome.message}` : (outcome?.message ?? outcome?.type),
      outcome?.text,
      draft.retries > 0 ? `Réussi après ${draft.retries} nouvelle(s) tentative(s).` : null,
    ].filter((part): part is string => typeof part === "string" && part.length > 0);
    collector.add({
      caseKey: `${className ?? draft.suiteName ?? ""}#${name}`,
      name,
      group: draft.suiteName,
      implementationClass: className,
      status: outcome?.status ?? "passed",
      message: messageParts.length > 0 ? messageParts.join("\n\n") : null,
      durationMs: Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : null,
    });
  }

  const tests = collector.tests;
  const warnings: string[] = [];
  if (declaredTotal !== null && declaredTotal !== tests.length) {
    warnings.push(`L'en-tête annonce ${declaredTotal} tests, le fichier en contient ${tests.length}.`);
  }
  const finishedAt =
    startedAt !== null && rootDurationSeconds !== null
      ? new Date(startedAt.getTime() + Math.round(rootDurationSeconds * 1000))
      : null;
  return {
    format: "junit",
    suite: { name: runName ?? "JUnit", version: null },
    subject: null,
    startedAt,
    finishedAt,
    tests,
    warnings,
  };
}
