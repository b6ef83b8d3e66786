/**
 * TEAM Engine EARL RDF/XML (`earl-results.rdf`, the REST API's `application/rdf+xml`).
 *
 * An RDF graph written as XML: `earl:Assertion`s (subject, test, result with outcome and message, optional
 * `cite:message` with the HTTP exchange), one `cite:TestRun` (suite title, counts, inputs) whose `cite:requirements`
 * list `earl:TestRequirement`s (one per conformance class) linking their test cases with `dct:hasPart`.
 * A test case is described inline in one place and only referenced (`rdf:resource`) elsewhere, in any order, so
 * the importer streams the file once, indexes test cases and requirements by URI, and joins at the end. It reads
 * the node-element layout TEAM Engine writes; it is not a general RDF/XML parser (no rdf:ID, no property
 * attributes), which keeps it dependency-free and bounded.
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

const RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const EARL = "http://www.w3.org/ns/earl#";
const DCT = "http://purl.org/dc/terms/";
const CITE = "http://cite.opengeospatial.org/";
const HTTP = "http://www.w3.org/2011/http#";
const CNT = "http://www.w3.org/2011/content#";

interface AssertionDraft {
  subject: string | null;
  testCaseUri: string | null;
  outcome: string | null;
  date: Date | null;
  message: string | null;
  request: { method: string | null; uri: string | null; body: string | null } | null;
  response: { status: number | null; body: string | null } | null;
}

interface TestCaseDescription {
  title: string | null;
  description: string | null;
}

const is = (element: XmlElement | undefined, uri: string, local: string) =>
  element !== undefined && element.uri === uri && element.local === local;

const within = (ancestors: readonly XmlElement[], uri: string, local: string) =>
  ancestors.some((ancestor) => ancestor.uri === uri && ancestor.local === local);

export async function importEarlReport(chunks: AsyncIterable<string>, limits: ImportLimits): Promise<ParsedReport> {
  const assertions: AssertionDraft[] = [];
  const testCases = new Map<string, TestCaseDescription>();
  const requirementOfTestCase = new Map<string, string>();
  /** CTL suites nest test cases (`dct:hasPart` inside a TestCase): a child belongs to its parent's requirement. */
  const parentOfTestCase = new Map<string, string>();
  const openTestCases: string[] = [];
  /** TestRun-level cite:testsPassed, testsFailed, testsSkipped, and CTL's testsInheritedFailure, testsContinue… */
  const declaredCounts = new Map<string, number>();
  const runInputs = new Map<string, string>();
  let pendingInputTitle = null as string | null;
  let pendingInputDescription = null as string | null;
  let assertion = null as AssertionDraft | null;
  let requirement = null as string | null;
  let sawEarl = false;
  let suiteTitle = null as string | null;
  let runCreated = null as Date | null;

  const rememberTestCase = (uri: string) => {
    if (!testCases.has(uri)) {
      if (testCases.size >= limits.maxTests * 2) {
        throw unsupportedReport(`le rapport décrit plus de ${limits.maxTests * 2} cas de test`);
      }
      testCases.set(uri, { title: null, description: null });
    }
    if (requirement !== null && !requirementOfTestCase.has(uri)) requirementOfTestCase.set(uri, requirement);
    const parent = openTestCases.at(-1);
    if (parent !== undefined && parent !== uri && !parentOfTestCase.has(uri)) parentOfTestCase.set(uri, parent);
  };

  const requirementOf = (uri: string): string | null => {
    const visited = new Set<string>();
    for (let current: string | undefined = uri; current !== undefined && !visited.has(current);) {
      visited.add(current);
      const found = requirementOfTestCase.get(current);
      if (found !== undefined) return found;
      current = parentOfTestCase.get(current);
    }
    return null;
  };

  await readXml(
    chunks,
    {
      onOpen(element, ancestors) {
        if (ancestors.length === 0) {
          if (!is(element, RDF, "RDF"))
            throw unsupportedReport(`élément racine <${element.name}> au lieu de <rdf:RDF>`);
          return;
        }
        const parent = ancestors.at(-1);
        const about = attributeOf(element, "about", RDF);
        const resource = attributeOf(element, "resource", RDF);

        if (element.uri === EARL || element.uri === CITE) sawEarl = true;

        if (is(element, EARL, "Assertion")) {
          if (assertions.length >= limits.maxTests) {
            throw unsupportedReport(`le rapport contient plus de ${limits.maxTests} tests`);
          }
          assertion = {
            subject: null,
            testCaseUri: null,
            outcome: null,
            date: null,
            message: null,
            request: null,
            response: null,
          };
          return;
        }
        if (is(element, EARL, "TestRequirement") && about !== null) {
          requirement = about;
          return;
        }
        if (is(element, EARL, "TestCase") && about !== null) {
          rememberTestCase(about);
          openTestCases.push(about);
          if (assertion && is(parent, EARL, "test")) assertion.testCaseUri = about;
          return;
        }
        if (is(element, DCT, "hasPart") && resource !== null && (requirement !== null || openTestCases.length > 0)) {
          rememberTestCase(resource);
          return;
        }
        // Title and description of the test case being described.
        if ((is(element, DCT, "title") || is(element, DCT, "description")) && is(parent, EARL, "TestCase")) return true;

        if (assertion) return onAssertionChild(assertion, element, parent, ancestors, about, resource);

        if (within(ancestors, CITE, "TestRun") && !within(ancestors, CITE, "requirements")) {
          const inInputs = within(ancestors, CITE, "inputs");
          if (inInputs && (is(element, DCT, "title") || is(element, DCT, "description"))) return true;
          if (!inInputs && is(parent, CITE, "TestRun")) {
            return is(element, DCT, "title") || is(element, DCT, "created") || element.uri === CITE;
          }
        }
        return;
      },

      onClose(element, text, ancestors) {
        const parent = ancestors.at(-1);
        if (is(element, EARL, "Assertion")) {
          if (assertion) assertions.push(assertion);
          assertion = null;
          return;
        }
        if (is(element, EARL, "TestRequirement")) {
          requirement = null;
          return;
        }
        if (is(element, EARL, "TestCase") && attributeOf(element, "about", RDF) !== null) {
          openTestCases.pop();
          return;
        }
        if ((is(element, DCT, "title") || is(element, DCT, "description")) && is(parent, EARL, "TestCase")) {
          const described = testCases.get(openTestCases.at(-1) ?? "");
          if (described) {
            if (element.local === "title") described.title ??= textOrNull(text);
            else described.description ??= textOrNull(text);
          }
          return;
        }
        if (assertion) {
          onAssertionTextClose(assertion, element, text, parent, ancestors);
          return;
        }
        if (within(ancestors, CITE, "TestRun") && !within(ancestors, CITE, "requirements")) {
          if (within(ancestors, CITE, "inputs")) {
            if (is(element, DCT, "title")) pendingInputTitle = textOrNull(text);
            if (is(element, DCT, "description")) pendingInputDescription = textOrNull(text);
            if (pendingInputTitle !== null && pendingInputDescription !== null) {
              runInputs.set(pendingInputTitle, pendingInputDescription);
              pendingInputTitle = null;
              pendingInputDescription = null;
            }
            return;
          }
          if (!is(parent, CITE, "TestRun")) return;
          if (is(element, DCT, "title")) suiteTitle = textOrNull(text);
          else if (is(element, DCT, "created")) runCreated = parseReportDate(text);
          else if (element.uri === CITE && element.local.startsWith("tests")) {
            const count = integerOrNull(text);
            if (count !== null) declaredCounts.set(element.local, count);
          }
        }
      },
    },
    limits,
  );

  if (!sawEarl) throw unsupportedReport("ce document RDF ne contient aucun résultat EARL");

  const warnings: string[] = [];
  const collector = new TestCollector(limits.maxTests);
  let startedAt = null as Date | null;
  let lastResultAt = null as Date | null;
  const subjects = new Set<string>();
  for (const draft of assertions) {
    const testCaseUri = draft.testCaseUri ?? "(cas de test non indiqué)";
    const described = testCases.get(testCaseUri);
    const requirementName = requirementOf(testCaseUri);
    const fragment = testCaseUri.includes("#") ? testCaseUri.slice(testCaseUri.lastIndexOf("#") + 1) : null;
    const status = statusOfOutcome(draft.outcome);
    if (status === null) warnings.push(`Résultat EARL inconnu « ${draft.outcome ?? ""} » pour ${testCaseUri}.`);
    if (draft.subject) subjects.add(draft.subject);
    startedAt = earliest(startedAt, draft.date);
    lastResultAt = latest(lastResultAt, draft.date);
    collector.add({
      caseKey: caseKeyOf(testCaseUri),
      name: fragment || described?.title || testCaseUri,
      // TEAM Engine writes the requirement as the TestNG <test> name with spaces turned into dashes.
      group: requirementName ? requirementName.replace(/-/g, " ") : null,
      status: status ?? "error",
      skipCause: status === "skipped" && draft.message?.includes(DEPENDENCY_SKIP_MESSAGE) ? "dependency" : null,
      message: draft.message,
      description: described?.description ?? described?.title ?? null,
      startedAt: draft.date,
      subject: draft.subject,
      http: exchangeOf(draft),
    });
  }

  const tests = collector.tests;
  const declaredTotal = declaredCounts.size > 0 ? [...declaredCounts.values()].reduce((a, b) => a + b, 0) : null;
  if (declaredTotal !== null && declaredTotal !== tests.length) {
    warnings.push(`Le résumé du rapport annonce ${declaredTotal} tests, le fichier en contient ${tests.length}.`);
  }
  const suiteName = suiteTitle ?? runInputs.get("sourcesId") ?? "EARL";
  return {
    format: "earl",
    suite: splitSuiteNameAndVersion(suiteName),
    subject: runInputs.get("iut") ?? (subjects.size === 1 ? ([...subjects][0] ?? null) : null),
    startedAt,
    finishedAt: latest(lastResultAt, runCreated),
    tests,
    warnings,
  };

  /** Returns whether the element's text is wanted. */
  function onAssertionChild(
    draft: AssertionDraft,
    element: XmlElement,
    parent: XmlElement | undefined,
    ancestors: readonly XmlElement[],
    about: string | null,
    resource: string | null,
  ): boolean {
    if (is(element, EARL, "subject") && resource !== null) draft.subject = resource;
    else if (is(element, EARL, "TestSubject") && is(parent, EARL, "subject") && about !== null) draft.subject = about;
    else if (is(element, EARL, "test") && resource !== null) {
      draft.testCaseUri = resource;
      rememberTestCase(resource);
    } else if (is(element, EARL, "outcome") && resource !== null) draft.outcome = resource;
    else if (is(parent, EARL, "TestResult")) return is(element, DCT, "date") || is(element, DCT, "description");
    else if (within(ancestors, CITE, "message")) {
      if (is(element, HTTP, "Request")) draft.request ??= { method: null, uri: null, body: null };
      if (is(element, HTTP, "Response")) draft.response ??= { status: null, body: null };
      return (
        is(element, HTTP, "methodName") ||
        is(element, HTTP, "requestURI") ||
        is(element, HTTP, "absoluteURI") ||
        is(element, HTTP, "statusCodeValue") ||
        is(element, HTTP, "statusCodeNumber") ||
        is(element, CNT, "rest") ||
        is(element, CNT, "chars")
      );
    }
    return false;
  }

  function onAssertionTextClose(
    draft: AssertionDraft,
    element: XmlElement,
    text: string,
    parent: XmlElement | undefined,
    ancestors: readonly XmlElement[],
  ): void {
    if (is(parent, EARL, "TestResult")) {
      if (is(element, DCT, "date")) draft.date = parseReportDate(text);
      if (is(element, DCT, "description")) draft.message = textOrNull(text);
      return;
    }
    if (!within(ancestors, CITE, "message")) return;
    const inResponse = within(ancestors, HTTP, "Response");
    if ((is(element, CNT, "rest") || is(element, CNT, "chars")) && textOrNull(text) !== null) {
      if (inResponse && draft.response) draft.response.body ??= text.trim();
      else if (!inResponse && draft.request) draft.request.body ??= text.trim();
    } else if (is(element, HTTP, "methodName") && draft.request) draft.request.method = textOrNull(text);
    else if ((is(element, HTTP, "requestURI") || is(element, HTTP, "absoluteURI")) && draft.request) {
      draft.request.uri ??= textOrNull(text);
    } else if ((is(element, HTTP, "statusCodeValue") || is(element, HTTP, "statusCodeNumber")) && draft.response) {
      draft.response.status = integerOrNull(text);
    }
  }
}

/** EARL outcomes, with TEAM Engine's CTL extension inheritedFailure (a sub-test failed). null when unknown. */
function statusOfOutcome(outcome: string | null): TestStatus | null {
  const name = outcome?.slice(outcome.lastIndexOf("#") + 1);
  switch (name) {
    case "passed":
    case "pass":
      return "passed";
    case "failed":
    case "fail":
    case "inheritedFailure":
      return "failed";
    case "cantTell":
      return "error";
    case "untested":
    case "inapplicable":
    case "notTested":
      return "skipped";
    default:
      return null;
  }
}

/** "org/opengis/cite/x/Features#m" → "org.opengis.cite.x.Features#m", the key a TestNG file of the run gives. */
function caseKeyOf(testCaseUri: string): string {
  const hashIndex = testCaseUri.indexOf("#");
  if (hashIndex < 0) return testCaseUri;
  return testCaseUri.slice(0, hashIndex).replace(/\//g, ".") + testCaseUri.slice(hashIndex);
}

/** TEAM Engine writes an empty cite:message skeleton when nothing was captured: no exchange then. */
function exchangeOf(draft: AssertionDraft): CapturedHttpExchange | null {
  const request =
    draft.request && (draft.request.method || draft.request.uri || draft.request.body) ? draft.request : null;
  const response = draft.response && (draft.response.status !== null || draft.response.body) ? draft.response : null;
  if (!request && !response) return null;
  return { request, response };
}
