// The tracker in a real browser: a CRIGE member votes on the roadmap and sees it reorder; a maintainer takes a
// report and finds it under "Assignés".
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  browserAvailable,
  checkAccessibility,
  expectNoBrowserProblems,
  screenshot,
  useBrowser,
  waitForInteractive,
} from "./browser";
import { fileInteropReport } from "./report-form";

const browser = useBrowser();

const TEAM_ENGINE = "Proposition : publier les résultats TEAM Engine de chaque plateforme à chaque version";
const METADATA = "Proposition : un profil commun de métadonnées pour les services OGC API";
// Unique per run, so that a rerun on a reused database finds its own topic.
const RUN = Date.now().toString(36);
const REPORT = `geOrchestra : le lien « next » oublie le paramètre datetime (${RUN})`;

async function signedInAs(name: string, returnTo: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByRole("button", { name: new RegExp(name) }).click();
  await page.waitForURL((url) => `${url.pathname}${url.search}` === returnTo);
  await page.getByRole("banner").getByRole("link", { name }).waitFor();
  return page;
}

/** The titles of a topic list, top to bottom, once the list with this caption is on the page. */
async function titles(page: Page, caption: RegExp): Promise<string[]> {
  const table = page.getByRole("table", { name: caption });
  await table.waitFor();
  return table.locator("tbody tr td:first-child > a").allInnerTexts();
}

describe.skipIf(!browserAvailable)("tracker", () => {
  it("lets a CRIGE member vote on a roadmap topic, and the list ordered by votes follows", async () => {
    const page = await signedInAs("Sophie Bernard", "/categories");
    await waitForInteractive(page);
    await page.getByRole("link", { name: "Feuille de route" }).first().click();
    await page.waitForURL(/\/c\/feuille-de-route\/\d+$/);
    await page.getByRole("link", { name: "Par votes" }).click();
    await page.waitForURL(/\?order=votes$/);
    const byVotes = /par nombre de votes/;
    // No votes yet: the newest proposal comes first.
    const before = await titles(page, byVotes);
    expect(before.indexOf(METADATA)).toBeLessThan(before.indexOf(TEAM_ENGINE));

    await page.getByRole("link", { name: TEAM_ENGINE, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: TEAM_ENGINE }).waitFor();
    const votes = page.getByRole("region", { name: "Votes" });
    expect(await votes.getByText("0 vote", { exact: true }).count()).toBe(1);
    await waitForInteractive(page);
    await votes.getByRole("button", { name: "Voter pour ce sujet" }).click();
    await votes.getByText("1 vote", { exact: true }).waitFor();
    expect(await votes.getByText("Il vous reste 2 votes dans cette catégorie (sur 3).").count()).toBe(1);
    expect(await votes.getByRole("button", { name: "Retirer mon vote" }).count()).toBe(1);
    await checkAccessibility(page, "topic-votes");
    await screenshot(page, "topic-votes");

    await page.getByRole("link", { name: "Feuille de route" }).first().click();
    await page.waitForURL(/\/c\/feuille-de-route\/\d+$/);
    await waitForInteractive(page);
    await page.getByRole("link", { name: "Par votes" }).click();
    await page.waitForURL(/\?order=votes$/);
    const after = await titles(page, byVotes);
    expect(after[0]).toBe(TEAM_ENGINE);
    expect(after.indexOf(TEAM_ENGINE)).toBeLessThan(after.indexOf(METADATA));
    await checkAccessibility(page, "roadmap-by-votes");
    await screenshot(page, "roadmap-by-votes");
    expectNoBrowserProblems(page);
  });

  it("lets a maintainer assign a report to himself and find it under Assignés", async () => {
    // A report on geOrchestra, which Julien maintains, filed through the interop category's form.
    const page = await signedInAs("Julien Roux", "/new-topic");
    await waitForInteractive(page);
    await fileInteropReport(page, {
      title: REPORT,
      message: "Le lien `next` de `/items?datetime=2024` perd `datetime`.",
      reporting: "OneGeo Suite 1.4",
      affected: [{ solution: "georchestra", label: "Version de geOrchestra", version: "24.0.2" }],
      classLabel: "Features Partie 1 — Socle (core)",
      endpointUrl: "https://demo.georchestra.org/data/ogcapi/collections/routes/items",
      steps: "1. Demander /items?datetime=2024.\n2. Suivre le lien next.",
      expected: "Le lien next garde datetime.",
      actual: "Le lien next perd datetime.",
      severity: "major",
    });
    await waitForInteractive(page);
    const assignees = page.getByRole("region", { name: "Assignés" });
    await assignees.getByText("Personne n'est encore assigné à ce sujet.").waitFor();
    await assignees.getByRole("button", { name: "M'assigner ce sujet" }).click();
    await page.getByRole("alert").getByText("Le sujet est assigné à @julien.roux.").waitFor();
    await assignees.getByRole("link", { name: "Julien Roux (@julien.roux)" }).waitFor();
    await page.getByText("a assigné le sujet à @julien.roux").waitFor();
    expect(await assignees.getByRole("button", { name: "M'assigner ce sujet" }).count()).toBe(0);
    await checkAccessibility(page, "topic-assigned");

    await page.getByRole("banner").getByRole("link", { name: "Assignés" }).first().click();
    await page.waitForURL((url) => url.pathname === "/assigned");
    await page.getByRole("heading", { level: 1, name: "Sujets assignés" }).waitFor();
    expect(await titles(page, /qui vous sont assignés/)).toContain(REPORT);
    await waitForInteractive(page);
    await checkAccessibility(page, "assigned");
    await screenshot(page, "assigned");
    expectNoBrowserProblems(page);
  });
});
