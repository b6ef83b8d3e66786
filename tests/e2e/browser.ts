// Browser helpers for the e2e tests: one Chromium per test file, a fresh context (cookies, storage) per test, and
// a record of what a user would never see but a developer must: console errors, uncaught errors, CSP violations.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Result as AxeResult } from "axe-core";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from "playwright-core";
import { afterAll, afterEach, beforeAll, inject } from "vitest";
import { chromiumArgs, chromiumPath } from "../support/chromium";
import { rootDir } from "../support/databases";

/** False when Chromium is not installed: the test files then skip their suites (`describe.skipIf`). */
export const browserAvailable = chromiumPath() !== undefined;

const resultsDir = path.join(rootDir, "test-results");

/** What went wrong in a page behind the user's back. */
export interface BrowserProblems {
  consoleErrors: string[];
  pageErrors: string[];
  cspViolations: string[];
}

const problemsByPage = new WeakMap<Page, BrowserProblems>();

function problemsOf(page: Page): BrowserProblems {
  let problems = problemsByPage.get(page);
  if (!problems) {
    problems = { consoleErrors: [], pageErrors: [], cspViolations: [] };
    problemsByPage.set(page, problems);
  }
  return problems;
}

// Runs in every document before the page's own scripts. The event carries what the console message does not
// always say: the directive and the blocked resource.
const REPORT_CSP_VIOLATIONS = `
document.addEventListener("securitypolicyviolation", (event) => {
  const report = window.__e2eReportCspViolation;
  if (typeof report !== "function") return;
  report([
    event.effectiveDirective + " blocked " + (event.blockedURI || "an inline resource"),
    event.sourceFile ? "at " + event.sourceFile + ":" + event.lineNumber : "",
    event.sample ? "(" + event.sample + ")" : "",
  ].filter(Boolean).join(" "));
}, true);
`;

const watchedPages = new WeakSet<Page>();

function watch(page: Page): void {
  if (watchedPages.has(page)) return;
  watchedPages.add(page);
  const problems = problemsOf(page);
  page.on("console", (message) => {
    const text = message.text();
    const where = message.location().url ? ` [${message.location().url}]` : "";
    if (/Content[- ]Security[- ]Policy/i.test(text)) problems.cspViolations.push(`console: ${text}${where}`);
    else if (message.type() === "error") problems.consoleErrors.push(`${text}${where}`);
  });
  page.on("pageerror", (error) => problems.pageErrors.push(error.stack ?? error.message));
}

/** Registers the browser for the calling test file; `newPage` opens a page in a new, isolated context. */
export function useBrowser() {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (!browserAvailable) return;
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === "fail") await recordFailure(task.name, contexts);
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
  });

  return {
    /** A page in a fresh context: French locale, Paris time, light system theme, no animations. */
    async newPage(options: BrowserContextOptions = {}): Promise<Page> {
      if (!browser) throw new Error("The browser is not started (is Chromium installed?)");
      const context = await browser.newContext({
        baseURL: inject("baseUrl"),
        locale: "fr-FR",
        timezoneId: "Europe/Paris",
        colorScheme: "light",
        reducedMotion: "reduce",
        viewport: { width: 1280, height: 800 },
        ...options,
      });
      contexts.push(context);
      context.setDefaultTimeout(10_000);
      await context.exposeBinding("__e2eReportCspViolation", ({ page }, description: string) => {
        if (page) problemsOf(page).cspViolations.push(`event: ${description}`);
      });
      await context.addInitScript({ content: REPORT_CSP_VIOLATIONS });
      context.on("page", watch);
      const page = await context.newPage();
      // Whether the "page" event fired before newPage() resolved or not, the page is watched once.
      watch(page);
      return page;
    },
  };
}

/**
 * What a failed test's pages showed when it failed, for the developer reading a CI log: each page's address,
 * title and alert and error texts on stderr; a screenshot and the HTML under test-results/failures/.
 */
async function recordFailure(testName: string, contexts: BrowserContext[]): Promise<void> {
  const dir = path.join(resultsDir, "failures");
  mkdirSync(dir, { recursive: true });
  const stem = testName
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .slice(0, 80);
  const pages = contexts.flatMap((context) => context.pages());
  for (const [index, page] of pages.entries()) {
    const name = `${stem}-${index + 1}`;
    try {
      const seen = await page.evaluate(() => ({
        title: document.title,
        messages: Array.from(document.querySelectorAll('[role="alert"], .fr-alert, .fr-error-text, .fr-message--error'))
          .map((element) => (element.textContent ?? "").replace(/\s+/g, " ").trim())
          .filter((text) => text !== ""),
        // A form the browser refused to send (a required field emptied under the test's hands) says nothing else.
        invalidFields: Array.from(document.querySelectorAll("input:invalid, select:invalid, textarea:invalid")).map(
          (field) =>
            `#${field.id || field.getAttribute("name")}: ${(field as HTMLInputElement).validationMessage || "invalid"}`,
        ),
      }));
      writeFileSync(path.join(dir, `${name}.html`), await page.content());
      await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true, timeout: 5_000 });
      const problems = problemsOf(page);
      console.error(
        [
          `Page ${index + 1} of the failed test "${testName}": ${page.url()} («${seen.title}»)`,
          ...seen.messages.map((text) => `  shows: ${text}`),
          ...seen.invalidFields.map((field) => `  invalid field: ${field}`),
          ...[...problems.consoleErrors, ...problems.pageErrors, ...problems.cspViolations].map(
            (text) => `  browser: ${text}`,
          ),
          `  saved: test-results/failures/${name}.png and .html`,
        ].join("\n"),
      );
    } catch (error) {
      console.error(`Page ${index + 1} of the failed test "${testName}" could not be recorded: ${String(error)}`);
    }
  }
}

/** The problems recorded so far in this page. */
export function browserProblems(page: Page): BrowserProblems {
  return problemsOf(page);
}

/**
 * Fails if the page logged a console error, threw an uncaught error or violated the Content-Security-Policy.
 * `allowConsoleErrors` lists the console errors the test expects (e.g. the 404 of a missing page).
 */
export function expectNoBrowserProblems(page: Page, options: { allowConsoleErrors?: RegExp[] } = {}): void {
  const problems = problemsOf(page);
  const consoleErrors = problems.consoleErrors.filter(
    (text) => !(options.allowConsoleErrors ?? []).some((allowed) => allowed.test(text)),
  );
  const sections = [
    ["Console errors", consoleErrors],
    ["Uncaught page errors", problems.pageErrors],
    ["Content-Security-Policy violations", problems.cspViolations],
  ] as const;
  const found = sections.filter(([, list]) => list.length > 0);
  if (found.length === 0) return;
  throw new Error(
    `The browser reported problems on ${page.url()}:\n` +
      found.map(([title, list]) => `${title}:\n${list.map((item) => `  - ${item}`).join("\n")}`).join("\n"),
  );
}

/**
 * Waits until the page is interactive: React has hydrated the whole document (the last component rendered by
 * the layout carries React's props) and DSFR's script has started (it marks <html data-fr-js="true">).
 * Clicks before that are plain browser navigations and DSFR's buttons do nothing yet.
 */
export async function waitForInteractive(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const lastHydrated = document.getElementById("fr-theme-modal");
    const hydrated = lastHydrated !== null && Object.keys(lastHydrated).some((key) => key.startsWith("__reactProps"));
    return hydrated && document.documentElement.getAttribute("data-fr-js") === "true";
  });
}

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const BLOCKING_IMPACTS = new Set(["serious", "critical"]);

function describeViolation(violation: AxeResult): string {
  const targets = violation.nodes
    .slice(0, 10)
    .map(
      (node) =>
        `    • ${node.target.join(" ")}${node.failureSummary ? `\n      ${node.failureSummary.replace(/\n/g, "\n      ")}` : ""}`,
    );
  const more = violation.nodes.length > 10 ? [`    • … and ${violation.nodes.length - 10} more`] : [];
  return [
    `  [${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})`,
    ...targets,
    ...more,
  ].join("\n");
}

/**
 * Runs axe-core (WCAG 2.0 and 2.1, levels A and AA) on the page as it is now. Fails on any "serious" or "critical"
 * violation; every violation, whatever its impact, is written to test-results/axe/<name>.json.
 */
export async function checkAccessibility(page: Page, name: string): Promise<AxeResult[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const dir = path.join(resultsDir, "axe");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, `${name}.json`),
    JSON.stringify(
      results.violations.map(({ id, impact, help, nodes }) => ({
        id,
        impact,
        help,
        targets: nodes.map((node) => node.target),
      })),
      null,
      2,
    ),
  );
  const blocking = results.violations.filter((violation) => BLOCKING_IMPACTS.has(violation.impact ?? ""));
  if (blocking.length > 0) {
    throw new Error(
      `Accessibility violations on "${name}" (${page.url()}):\n${blocking.map(describeViolation).join("\n")}`,
    );
  }
  return results.violations;
}

/**
 * Saves a screenshot to test-results/screenshots/<name>.png, for a human to look at: the full page, or only the
 * viewport (`fullPage: false`) when a modal covers the screen.
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const dir = path.join(resultsDir, "screenshots");
  mkdirSync(dir, { recursive: true });
  await page.screenshot({
    path: path.join(dir, `${name}.png`),
    fullPage: options.fullPage ?? true,
    animations: "disabled",
  });
}

/** A cell of the conformance matrix, by its row's deployment and its column's class URI (on the column header). */
export async function matrixCell(table: Locator, deploymentName: RegExp, classUri: string): Promise<Locator> {
  const columns = await table
    .locator("thead th")
    .evaluateAll((headers) => headers.map((header) => header.getAttribute("data-class")));
  const index = columns.indexOf(classUri);
  if (index === -1) throw new Error(`No matrix column for ${classUri}`);
  return table.getByRole("row", { name: deploymentName }).locator("th, td").nth(index);
}
