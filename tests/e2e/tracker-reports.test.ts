// The interop tracker in a real browser: a buyer files a typed report from the new-topic page, the maintainer of an
// affected solution confirms it and marks it fixed in a release; the report box and the timeline follow, and both
// pages pass axe.
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

const browser = useBrowser();
const RUN = Date.now().toString(36);
const TITLE = `Prodige ne suit pas les liens next de geOrchestra (${RUN})`;

async function signIn(person: RegExp, returnTo: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByRole("button", { name: person }).click();
  await page.waitForURL((url) => url.pathname === returnTo.split("?")[0]);
  await waitForInteractive(page);
  return page;
}

const reportBox = (page: Page) => page.getByRole("region", { name: "Rapport d'interopérabilité" });
const statusBadge = (page: Page) => reportBox(page).getByTestId("report-status");
const timeline = (page: Page) => page.locator(".timeline-event");

/** Where claire.martin's report lives, for the maintainer's test. */
let topicPath = "";

describe.skipIf(!browserAvailable)("typed interop reports", () => {
  it("claire.martin files a typed report: the report's fields appear with the category", async () => {
    const page = await signIn(/Claire Martin/, "/new-topic");
    await expect.poll(() => page.locator("#report-legend").count()).toBe(0);
    await page.getByLabel("Catégorie").selectOption({ label: "Problèmes d'interopérabilité" });
    // With JavaScript, choosing the category is enough to bring the report's fields.
    const legend = page.locator("#report-legend");
    await legend.waitFor();
    expect(await legend.innerText()).toContain("Rapport d'interopérabilité");

    await page.getByLabel(/^Titre/).fill(TITLE);
    await page.getByRole("textbox", { name: /^Message/ }).fill("La pagination s'arrête à la deuxième page.");
    await page.getByLabel(/^Solution qui signale le problème/).selectOption({ label: "Prodige 5.1" });
    // Choosing a version ticks its solution.
    await page.getByLabel("Version de geOrchestra").selectOption("24.0.2");
    expect(await page.locator("#report-affected-georchestra").isChecked()).toBe(true);
    await page
      .getByLabel(/^Standard ou classe de conformité/)
      .selectOption({ label: "Features Partie 1 — Socle (core)" });
    await page
      .getByLabel(/^URL du service/)
      .fill("https://demo.georchestra.org/data/ogcapi/collections/parcelles/items");
    await page.getByLabel(/^Étapes pour reproduire/).fill("1. Demander une page avec bbox.\n2. Suivre le lien next.");
    await page.getByLabel(/^Comportement attendu/).fill("Le lien next garde bbox.");
    await page.getByLabel(/^Comportement constaté/).fill("Le lien next perd bbox.");
    await page.locator('label[for="report-severity-major"]').click();
    await checkAccessibility(page, "new-topic-report");
    await screenshot(page, "new-topic-report");

    await page.getByRole("button", { name: "Publier le sujet" }).click();
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    topicPath = new URL(page.url()).pathname;
    expect(await statusBadge(page).textContent()).toContain("Nouveau");
    // textContent: DSFR badges are upper-cased by CSS.
    const box = (await reportBox(page).textContent())!.replace(/\s+/g, " ");
    expect(box).toContain("Sévérité : Majeur");
    expect(box).toContain("Prodige 5.1");
    expect(box).toContain("geOrchestra 24.0.2");
    expect(box).toContain("Features Partie 1 — Socle (core)");
    expect(box).toContain("Le lien next perd bbox.");
    expect(await reportBox(page).getByRole("link", { name: "geOrchestra", exact: true }).getAttribute("href")).toBe(
      "https://github.com/georchestra/georchestra/issues",
    );
    // The reporter may close their report, not confirm it.
    const offered = await reportBox(page).getByLabel("Nouveau statut").locator("option").allInnerTexts();
    expect(offered).toEqual(["Fermé"]);
    expectNoBrowserProblems(page);
  });

  it("julien.roux, maintainer of geOrchestra, confirms it, then marks it fixed in 24.0.3", async () => {
    expect(topicPath, "the report of the first test").not.toBe("");
    const page = await signIn(/Julien Roux/, topicPath);
    const status = reportBox(page).getByLabel("Nouveau statut");
    expect(await status.locator("option").allInnerTexts()).toEqual(["Confirmé", "En cours", "Corrigé", "Fermé"]);
    // The reason and the version appear with the status that needs them.
    expect(
      await reportBox(page)
        .getByLabel(/^Raison de la fermeture/)
        .count(),
    ).toBe(0);
    await status.selectOption({ label: "Confirmé" });
    await reportBox(page).getByRole("button", { name: "Changer le statut" }).click();
    await expect.poll(() => statusBadge(page).textContent()).toContain("Confirmé");
    await expect
      .poll(() => timeline(page).last().innerText())
      .toMatch(/^Julien Roux a changé le statut : Nouveau → Confirmé · /);

    await reportBox(page).getByLabel("Nouveau statut").selectOption({ label: "Corrigé" });
    const version = reportBox(page).getByLabel(/^Corrigé dans la version/);
    await version.waitFor();
    // Only the affected solution's releases are offered.
    expect(
      await version.locator("optgroup").evaluateAll((groups) => groups.map((group) => group.getAttribute("label"))),
    ).toEqual(["geOrchestra"]);
    await version.selectOption({ label: "geOrchestra 24.0.3" });
    await reportBox(page).getByRole("button", { name: "Changer le statut" }).click();
    await expect.poll(() => statusBadge(page).textContent()).toContain("Corrigé");
    expect(await reportBox(page).textContent()).toContain("Corrigé dans geOrchestra 24.0.3");
    await expect.poll(() => timeline(page).count()).toBe(2);
    expect(await timeline(page).allInnerTexts()).toEqual([
      expect.stringMatching(/^Julien Roux a changé le statut : Nouveau → Confirmé · /),
      expect.stringMatching(/^Julien Roux a changé le statut : Confirmé → Corrigé dans geOrchestra 24\.0\.3 · /),
    ]);
    // Event lines carry no reply, reaction or flag control.
    expect(await timeline(page).getByRole("button").count()).toBe(0);
    expect(
      await timeline(page)
        .getByRole("link", { name: /Répondre|Citer|Signaler/ })
        .count(),
    ).toBe(0);
    // A fixed report is reopened, to confirmed.
    expect(await reportBox(page).getByLabel("Nouveau statut").locator("option").allInnerTexts()).toEqual([
      "Rouvrir (Confirmé)",
    ]);
    await checkAccessibility(page, "topic-report");
    await screenshot(page, "topic-report");

    // He corrects the severity; the timeline and the report's history say so.
    await reportBox(page).getByRole("link", { name: "Modifier le rapport" }).click();
    await page.getByRole("heading", { level: 1, name: "Modifier le rapport" }).waitFor();
    await checkAccessibility(page, "report-edit");
    await page.locator('label[for="report-severity-blocking"]').click();
    await page.getByRole("button", { name: "Enregistrer le rapport" }).click();
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await expect
      .poll(() => timeline(page).last().innerText())
      .toMatch(/^Julien Roux a modifié le rapport : sévérité · /);
    await reportBox(page).getByRole("link", { name: "Historique du rapport" }).click();
    await page.getByRole("heading", { level: 1, name: "Historique du rapport" }).waitFor();
    const row = page.locator("tbody tr").first();
    expect(await row.locator("th, td").allInnerTexts()).toEqual(["sévérité", "Majeur", "Bloquant"]);
    await checkAccessibility(page, "report-history");

    // The reporter is told.
    const claire = await signIn(/Claire Martin/, "/notifications");
    await claire
      .getByText(/Julien Roux a changé le statut de/)
      .first()
      .waitFor();
    const latest = claire.locator("main li", { hasText: "a changé le statut de" }).first();
    expect(await latest.innerText()).toContain("Confirmé → Corrigé dans geOrchestra 24.0.3");
    expectNoBrowserProblems(page);
    expectNoBrowserProblems(claire);
  });
});
