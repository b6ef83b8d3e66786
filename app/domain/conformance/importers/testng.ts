/**
 * TEAM Engine / TestNG `testng-results.xml`:
 * `<testng-results>` → `<suite>` → `<test name>` (one per conformance class in OGC suites) → `<class name>` →
 * `<test-method status name description duration-ms started-at is-config groups>` with optional `<params>`,
 * `<exception class><message>` and `<attributes>` (captured request/response).
 * Configuration methods (`is-config="true"`: @BeforeSuite and the like) are not tests and are left out.
 */

import { unsupportedReport } from "../import-errors";
import {
  earliest,
  latest,
  parseReportDate,
  splitSuiteNameAndVersion,
  type CapturedHttpExchange,
  type ParsedReport,
  type TestStatus,
} from "../run-model";
import { attributeOf, readXml, type XmlElement } from "../safe-xml-reader";
import {
  DEPENDENCY_SKIP_MESSAGE,
  integerOrNull,
  TestCollector,
  textOrNull,
  type ImportLimits,
} from "./importer-support";

interface MethodDraft {
  readonly attributes: XmlElement;
  readonly parameters: string[];
  readonly capturedAttributes: Map<string, string>;
  exceptionClass: string | null;
  exceptionMessage: string | null;
}

export async function importTestNgReport(chunks: AsyncIterable<string>, limits: ImportLimits): Promise<ParsedReport> {
  const collector = new TestCollector(limits.maxTests);
  const warnings: string[] = [];
  // `as` keeps TypeScript from narrowing these to null: they are assigned inside the parser callbacks.
  let declaredTotal = null as number | null;
  let suiteFullName = null as string | null;
  let startedAt = null as Date | null;
  let finishedAt = null as Date | null;
  let testName = null as string | null;
  let className = null as string | null;
  let method = null as MethodDraft | null;
  let configurationDepth = 0;
  let failedConfigurations = 0;

  await readXml(
    chunks,
    {
      onOpen(element, ancestors) {
        if (ancestors.length === 0) {
          if (element.local !== "testng-results") {
            throw unsupportedReport(`élément racine <${element.name}> au lieu de <testng-results>`);
          }
          declaredTotal = integerOrNull(attributeOf(element, "total"));
          return;
        }
        if (configurationDepth > 0) {
          configurationDepth++;
          return;
        }
        switch (element.local) {
          case "suite":
            suiteFullName ??= attributeOf(element, "name");
            startedAt = earliest(startedAt, parseReportDate(attributeOf(element, "started-at")));
            finishedAt = latest(finishedAt, parseReportDate(attributeOf(element, "finished-at")));
            return;
          case "test":
            testName = attributeOf(element, "name");
            return;
          case "class":
            className = attributeOf(element, "name");
            return;
          case "test-method":
            if (attributeOf(element, "is-config") === "true") {
              configurationDepth = 1;
              if (attributeOf(element, "status") === "FAIL") failedConfigurations++;
              return;
            }
            method = {
              attributes: element,
              parameters: [],
              capturedAttributes: new Map(),
              exceptionClass: null,
              exceptionMessage: null,
            };
            return;
          case "exception":
            if (method) method.exceptionClass = attributeOf(element, "class");
            return;
          default:
            break;
        }
        if (!method) return;
        const parent = ancestors.at(-1)?.local;
        // Only the direct texts we keep: the message (not the stack trace), parameter values, captured attributes.
        if (element.local === "message" && parent === "exception") return true;
        if (element.local === "value" && parent === "param") return true;
        if (element.local === "attribute" && parent === "attributes") return true;
        return;
      },

      onClose(element, text, ancestors) {
        if (configurationDepth > 0) {
          configurationDepth--;
          return;
        }
        if (!method) {
          if (element.local === "class") className = null;
          if (element.local === "test") testName = null;
          return;
        }
        const parent = ancestors.at(-1)?.local;
        if (element.local === "message" && parent === "exception") {
          method.exceptionMessage = textOrNull(text);
        } else if (element.local === "value" && parent === "param") {
          method.parameters.push(text.trim());
        } else if (element.local === "attribute" && parent === "attributes") {
          const name = attributeOf(element, "name");
          if (name) method.capturedAttributes.set(name.toLowerCase(), text.trim());
        } else if (element.local === "test-method") {
          addMethod(method);
          method = null;
        }
      },
    },
    limits,
    { namespaces: false },
  );

  function addMethod(draft: MethodDraft): void {
    const element = draft.attributes;
    const methodName = attributeOf(element, "name") ?? "(sans nom)";
    const implementationClass = className;
    const caseKey = implementationClass ? `${implementationClass}#${methodName}` : methodName;
    const status = statusOf(attributeOf(element, "status"), draft.exceptionClass);
    const message = draft.exceptionMessage;
    collector.add({
      caseKey,
      idSuffix: draft.parameters.length > 0 ? `(${draft.parameters.join(", ")})` : undefined,
      name: methodName,
      group: testName,
      tags: (attributeOf(element, "groups") ?? "").split(/[\s,]+/).filter((group) => group.length > 0),
      implementationClass,
      status,
      skipCause: status === "skipped" && message?.includes(DEPENDENCY_SKIP_MESSAGE) ? "dependency" : null,
      message,
      description: textOrNull(attributeOf(element, "description")),
      durationMs: integerOrNull(attributeOf(element, "duration-ms")),
      startedAt: parseReportDate(attributeOf(element, "started-at")),
      parameters: draft.parameters,
      http: capturedExchange(draft.capturedAttributes),
    });
  }

  if (suiteFullName === null) throw unsupportedReport("le rapport TestNG ne contient aucune suite (<suite>)");
  const tests = collector.tests;
  if (declaredTotal !== null && declaredTotal !== tests.length) {
    warnings.push(`L'en-tête annonce ${declaredTotal} tests, le fichier en contient ${tests.length}.`);
  }
  if (failedConfigurations > 0) {
    warnings.push(
      `${failedConfigurations} méthode(s) de configuration en échec : les tests qui en dépendent ont été ignorés.`,
    );
  }
  return {
    format: "testng",
    suite: splitSuiteNameAndVersion(suiteFullName),
    subject: null,
    startedAt,
    finishedAt,
    tests,
    warnings,
  };
}

/**
 * PASS/FAIL/SKIP, with TEAM Engine's reading of FAIL: an assertion error is a failure of the implementation, any
 * other exception (network, parsing…) means the test could not conclude, like EARL's cantTell.
 */
function statusOf(status: string | null, exceptionClass: string | null): TestStatus {
  switch (status) {
    case "PASS":
      return "passed";
    case "SKIP":
      return "skipped";
    case "FAIL":
    case "SUCCESS_PERCENTAGE_FAILURE":
      return exceptionClass === null || /Assert|ComparisonFailure/.test(exceptionClass) ? "failed" : "error";
    default:
      return "error";
  }
}

/** TEAM Engine suites store the request and response they made as TestNG attributes named like that. */
function capturedExchange(attributes: ReadonlyMap<string, string>): CapturedHttpExchange | null {
  const request = attributes.get("request") ?? null;
  const response = attributes.get("response") ?? null;
  if (request === null && response === null) return null;
  return {
    request: request === null ? null : { method: null, uri: null, body: request },
    response: response === null ? null : { status: null, body: response },
  };
}
