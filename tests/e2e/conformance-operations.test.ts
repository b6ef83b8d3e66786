// Conformance operations in a real browser: a maintainer picks a deployment from the matrix's "Envoyer un rapport"
// page, drops a TestNG report, reads the parse summary, confirms and lands on the new run; an admin adds a group →
// class rule. Each new page passes the axe check.
import path from "node:path";
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
const TESTNG = path.resolve(import.meta.dirname, "../fixtures/conformance/testng-features10.xml");
// Unique per run, and scoped to a suite no report uses, so the rule changes no other test's verdicts.
const RUN = Date.now().toString(36);

describe.skipIf(!browserAvailable)("conformance operations", () => {
  it("uploads a report, shows its summary before recording, and opens the recorded run", async () => {
    const page = await browser.newPage();
    await page.goto(`/auth/login?returnTo=${encodeURIComponent("/conformance")}`);
    // A maintainer of the Géoplateforme (another deployment than the matrix test's, which runs at the same time).
    await page.getByRole("button", { name: /Karim Haddad/ }).click();
    await page.waitForURL((url) => url.pathname === "/conformance");
    await waitForInteractive(page);
    await page.getByRole("link", { name: "Envoyer un rapport" }).click();
    await page.getByRole("heading", { level: 1, name: "Envoyer un rapport de conformité" }).waitFor();
    await waitForInteractive(page);
    await checkAccessibility(page, "conformance-upload-pick");
    await screenshot(page, "conformance-upload-pick");

    await page
      .getByLabel("Déploiement testé")
      .selectOption({ label: "Géoplateforme – service de données (Géoplateforme 2025.1)" });
    await page.getByLabel(/^Rapport de conformité/).setInputFiles(TESTNG);
    await page.getByRole("button", { name: "Analyser le rapport" }).click();
    await page.getByRole("heading", { level: 1, name: "Résumé du rapport avant enregistrement" }).waitFor();
    expect(page.url()).toMatch(/\/conformance\/envoyer\/\d+$/);
    const summary = page.getByTestId("staged-summary");
    expect(await summary.textContent()).toContain("TEAM Engine, résultats TestNG (XML)");
    expect(await summary.textContent()).toContain("testng-features10.xml");
    const classes = page.getByRole("table", { name: "Verdict par classe de conformité" });
    // Failures first; DSFR shows badges in capitals, so compare the text itself.
    expect(await classes.getByRole("row").nth(1).locator("[data-verdict]").textContent()).toBe("1 échec");
    await waitForInteractive(page);
    await checkAccessibility(page, "conformance-upload-summary");
    await screenshot(page, "conformance-upload-summary", { fullPage: true });

    await page.getByRole("button", { name: "Enregistrer ce passage" }).click();
    await page.waitForURL(/\/conformance\/runs\/\d+$/);
    // Client-side navigation: the URL changes before the new page renders.
    await page.getByRole("heading", { level: 1, name: /^Passage n° \d+ / }).waitFor();
    await expect
      .poll(() =>
        page
          .getByRole("table", { name: /Verdict par classe/ })
          .getByRole("row")
          .nth(1)
          .textContent(),
      )
      .toContain("1 échec");
    expectNoBrowserProblems(page);
  });

  it("lets an admin add a group → class rule", async () => {
    const page = await browser.newPage();
    await page.goto(`/auth/login?returnTo=${encodeURIComponent("/admin")}`);
    await page.getByRole("button", { name: /Alex Admin/ }).click();
    await page.waitForURL((url) => url.pathname === "/admin");
    await waitForInteractive(page);
    await page
      .getByRole("navigation", { name: "Administration" })
      .getByRole("link", { name: "Classes de conformité" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Classes de conformité" }).waitFor();
    await waitForInteractive(page);
    await checkAccessibility(page, "admin-conformance");

    await page.getByLabel(/^Suite de tests/).fill(`cicclo-e2e-${RUN}`);
    await page.getByLabel(/^Groupe/).fill(`Paging ${RUN}`);
    await page.getByLabel("Classe de conformité").selectOption({ label: "Features Partie 1 — Socle (core)" });
    await page.getByRole("button", { name: "Ajouter la règle" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: `La règle « Paging ${RUN} » a été ajoutée en dernière position.` })
      .waitFor();
    const rules = page.getByRole("table", { name: /Règles de rattachement/ });
    await expect.poll(() => rules.getByRole("row").last().textContent()).toContain(`Paging ${RUN}`);
    expect(await rules.getByRole("row").last().textContent()).toContain(`cicclo-e2e-${RUN}`);
    await checkAccessibility(page, "admin-conformance-added");
    await screenshot(page, "admin-conformance", { fullPage: true });
    expectNoBrowserProblems(page);
  });
});
