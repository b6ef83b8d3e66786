// Filling the interop report form of the new-topic page, as a reporter would, for browser tests whose subject is
// what happens to a report afterwards (tracker-reports.test.ts checks the form itself, field by field).
import type { Page } from "playwright-core";
import type { Severity } from "../../app/domain/tracker/report";
import { waitForInteractive } from "./browser";

export interface ReportFormEntry {
  title: string;
  message: string;
  /** "Solution qui signale le problème", by its option label ("OneGeo Suite 1.4"). */
  reporting: string;
  /** Affected solutions: slug, the label of their version select ("Version de geOrchestra") and the version. */
  affected: { solution: string; label: string; version: string }[];
  /** The class, by its option label. */
  classLabel: string;
  endpointUrl: string;
  steps: string;
  expected: string;
  actual: string;
  severity: Severity;
}

/** Chooses the interop category, fills every field, and publishes; resolves on the new topic's page. */
export async function fileInteropReport(page: Page, report: ReportFormEntry): Promise<string> {
  // The form's fields are React's once the page hydrates: filled before that, a choice can be reset under the
  // test's hands (seen once under load: the report was refused and its page never came).
  await waitForInteractive(page);
  await page.getByLabel("Catégorie").selectOption({ label: "Problèmes d'interopérabilité" });
  await page.locator("#report-legend").waitFor();
  await page.getByLabel(/^Titre/).fill(report.title);
  await page.getByRole("textbox", { name: /^Message/ }).fill(report.message);
  await page.getByLabel(/^Solution qui signale le problème/).selectOption({ label: report.reporting });
  for (const affected of report.affected) {
    await page.getByLabel(affected.label).selectOption(affected.version);
    // Choosing a version ticks its solution once the page is interactive; ticking it here does not depend on that.
    await page.locator(`#report-affected-${affected.solution}`).check();
  }
  await page.getByLabel(/^Standard ou classe de conformité/).selectOption({ label: report.classLabel });
  await page.getByLabel(/^URL du service/).fill(report.endpointUrl);
  await page.getByLabel(/^Étapes pour reproduire/).fill(report.steps);
  await page.getByLabel(/^Comportement attendu/).fill(report.expected);
  await page.getByLabel(/^Comportement constaté/).fill(report.actual);
  await page.locator(`label[for="report-severity-${report.severity}"]`).click();
  await page.getByRole("button", { name: "Publier le sujet" }).click();
  await page.getByRole("heading", { level: 1, name: report.title }).waitFor();
  return new URL(page.url()).pathname;
}
