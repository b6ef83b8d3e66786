// Issue #5's whole story in one browser session, each step by the person who does it on a real platform: a
// developer files a typed interop report, the maintainer of the affected solution confirms it and hands it to his
// team, another member refers to it with "#N" and gets a backlink, a moderator closes a second report of the same
// bug as its duplicate and its watcher follows to the kept one, the maintainer marks it fixed in a release, and a
// filter URL shows the same view to anyone who opens it.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  browserAvailable,
  checkAccessibility,
  expectNoBrowserProblems,
  useBrowser,
  waitForInteractive,
} from "./browser";
import { fileInteropReport } from "./report-form";

const browser = useBrowser();
const RUN = Date.now().toString(36);
const REPORT = `OneGeo Suite ne lit pas numberMatched chez geOrchestra (${RUN})`;

async function signIn(person: RegExp, returnTo: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByRole("button", { name: person }).click();
  await page.waitForURL((url) => url.pathname === returnTo.split("?")[0]);
  await waitForInteractive(page);
  return page;
}

async function writeTopic(page: Page, category: string, title: string, raw: string): Promise<string> {
  await page.goto("/new-topic");
  await waitForInteractive(page);
  await page.getByLabel("Catégorie").selectOption({ label: category });
  await page.getByLabel(/^Titre/).fill(title);
  await page.getByRole("textbox", { name: /^Message/ }).fill(raw);
  await page.getByRole("button", { name: "Publier le sujet" }).click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  return new URL(page.url()).pathname;
}

const reportBox = (page: Page) => page.getByRole("region", { name: "Rapport d'interopérabilité" });
const statusBadge = (page: Page) => reportBox(page).getByTestId("report-status");
const idOf = (path: string) => Number(path.split("/").at(-1));

describe.skipIf(!browserAvailable)("the interop tracker, from report to fix", () => {
  it("files, confirms, assigns, links, merges a duplicate, fixes, and reproduces a filtered view", async () => {
    // 1. A developer of OneGeo Suite files a typed report against geOrchestra.
    const claire = await signIn(/Claire Martin/, "/new-topic");
    const reportPath = await fileInteropReport(claire, {
      title: REPORT,
      message: "Le client affiche « 0 résultat » sur chaque page.",
      reporting: "OneGeo Suite 1.4",
      affected: [{ solution: "georchestra", label: "Version de geOrchestra", version: "24.0.2" }],
      classLabel: "Features Partie 1 — Socle (core)",
      endpointUrl: "https://demo.georchestra.org/data/ogcapi/collections/routes/items",
      steps: "1. Demander /items?limit=10.\n2. Lire numberMatched.",
      expected: "numberMatched donne le total.",
      actual: "numberMatched est absent.",
      severity: "major",
    });
    const reportId = idOf(reportPath);
    expect(await statusBadge(claire).textContent()).toContain("Nouveau");

    // 2. geOrchestra's maintainer confirms it and hands it to his team.
    const julien = await signIn(/Julien Roux/, reportPath);
    await reportBox(julien).getByLabel("Nouveau statut").selectOption({ label: "Confirmé" });
    await reportBox(julien).getByRole("button", { name: "Changer le statut" }).click();
    await expect.poll(() => statusBadge(julien).textContent()).toContain("Confirmé");
    await waitForInteractive(julien);
    const assignees = julien.getByRole("region", { name: "Assignés" });
    await assignees.getByLabel("Assigner une équipe").selectOption("mainteneurs-georchestra");
    await assignees.getByRole("button", { name: "Assigner l'équipe" }).click();
    await assignees
      .getByRole("list", { name: "Personnes et équipes assignées" })
      .getByText(/^Équipe /)
      .waitFor();

    // 3. A CRIGE member refers to it from her own topic: the report shows where it is mentioned.
    const sophie = await signIn(/Sophie Bernard/, "/latest");
    const mentionTitle = `Catalogue régional : compteurs faux (${RUN})`;
    const mentionPath = await writeTopic(
      sophie,
      "Clausier CCTP",
      mentionTitle,
      `Même cause que #${reportId}, à exiger dans le CCTP.`,
    );
    await sophie.goto(reportPath);
    await sophie.getByRole("link", { name: `Mentionné dans #${idOf(mentionPath)} « ${mentionTitle} »` }).waitFor();

    // 4. She reports the same bug again; a moderator closes it as a duplicate, and she now watches the kept report.
    const duplicatePath = await writeTopic(
      sophie,
      "Clausier CCTP",
      `numberMatched manquant sur la plateforme régionale (${RUN})`,
      "Le total des résultats n'apparaît pas.",
    );
    const karim = await signIn(/Karim Haddad/, duplicatePath);
    await karim.getByText("Lier ce sujet à un autre").click();
    await karim.getByLabel(/^Doublon de/).fill(`#${reportId}`);
    await karim.getByRole("button", { name: "Fermer comme doublon" }).click();
    await karim
      .getByRole("region", { name: "Sujet en doublon" })
      .getByText(`Ce sujet est un doublon de #${reportId} « ${REPORT} »`)
      .waitFor();
    await sophie.goto(reportPath);
    await waitForInteractive(sophie);
    expect(await sophie.getByLabel(/^Suivi de ce sujet/).inputValue()).toBe("3");

    // 5. The maintainer marks it fixed in the release that ships the fix.
    await julien.goto(reportPath);
    await waitForInteractive(julien);
    await reportBox(julien).getByLabel("Nouveau statut").selectOption({ label: "Corrigé" });
    await reportBox(julien)
      .getByLabel(/^Corrigé dans la version/)
      .selectOption({ label: "geOrchestra 24.0.3" });
    await reportBox(julien).getByRole("button", { name: "Changer le statut" }).click();
    await expect.poll(() => statusBadge(julien).textContent()).toContain("Corrigé");
    await checkAccessibility(julien, "tracker-flow-fixed");

    // 6. Anyone opening the filter's URL sees the same view: the fixed geOrchestra report is in it.
    const visitor = await browser.newPage();
    const query = "status:fixed solution:georchestra";
    await visitor.goto(`/latest?q=${encodeURIComponent(query)}`);
    await waitForInteractive(visitor);
    expect(await visitor.getByLabel("Filtrer les sujets").inputValue()).toBe(query);
    const rows = () => visitor.locator("main table tbody tr a[href^='/t/']").allInnerTexts();
    expect(await rows()).toContain(REPORT);
    // The list shows each report's status (textContent: DSFR badges are upper-cased by CSS).
    expect(await visitor.locator("main table tbody tr", { hasText: REPORT }).textContent()).toContain("Corrigé");
    const before = await rows();
    await visitor.reload();
    expect(await rows()).toEqual(before);
    await checkAccessibility(visitor, "tracker-flow-filter");
    for (const page of [claire, julien, sophie, karim, visitor]) expectNoBrowserProblems(page);
  });
});
