// The conformance matrix in a real browser: a geOrchestra maintainer creates an API key, their CI uploads an EARL
// report through the API, and anyone can see the failing cell in /conformance and open the run it comes from.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import {
  browserAvailable,
  checkAccessibility,
  expectNoBrowserProblems,
  matrixCell,
  screenshot,
  useBrowser,
  waitForInteractive,
} from "./browser";

const browser = useBrowser();
const EARL = readFileSync(path.resolve(import.meta.dirname, "../fixtures/conformance/earl-features10.rdf"));
const CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";

describe.skipIf(!browserAvailable)("conformance matrix", () => {
  it("shows an uploaded EARL report's failing class in the matrix and opens its run", async () => {
    // A maintainer signs in and creates a key with the conformance:write scope, as they would for their CI.
    const keyPage = await browser.newPage();
    await keyPage.goto(`/auth/login?returnTo=${encodeURIComponent("/u/julien.roux/preferences/api-keys")}`);
    await keyPage.getByRole("button", { name: /Julien Roux/ }).click();
    await keyPage.waitForURL((url) => url.pathname === "/u/julien.roux/preferences/api-keys");
    await waitForInteractive(keyPage);
    await keyPage.getByLabel(/Nom de la clé/).fill("CI geOrchestra");
    await keyPage.locator('label[for="scope-conformance:write"]').click();
    await keyPage.getByRole("button", { name: "Créer la clé" }).click();
    const secret = await keyPage.getByTestId("api-key-secret").innerText();

    const body = new FormData();
    body.append("deployment", "georchestra-demo");
    body.append("file", new Blob([EARL], { type: "application/rdf+xml" }), "earl-results.rdf");
    const upload = await fetch(`${inject("baseUrl")}/api/conformance/runs`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}` },
      body,
    });
    expect(upload.status).toBe(201);
    const { id } = (await upload.json()) as { id: number };

    // Anyone reads the matrix, without signing in.
    const page = await browser.newPage();
    const response = await page.goto("/conformance");
    expect(response?.status()).toBe(200);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Conformité");
    const table = page.getByRole("table", { name: /Matrice de conformité/ });
    const cell = await matrixCell(table, /geOrchestra – démonstration/, CORE);
    // DSFR shows badges in capitals: compare the text itself.
    expect(await cell.locator("[data-verdict]").textContent()).toBe("1 échec");
    expect(await cell.locator("[data-verdict]").getAttribute("data-verdict")).toBe("failed");
    expect(await (await matrixCell(table, /Prodige – plateforme régionale/, CORE)).textContent()).toBe("non testé");
    await waitForInteractive(page);
    await checkAccessibility(page, "conformance-matrix");
    await screenshot(page, "conformance-matrix");

    await cell.getByRole("link", { name: /passage du/ }).click();
    await page.waitForURL((url) => url.pathname === `/conformance/runs/${id}`);
    // Client-side navigation: the URL changes before the new page renders.
    await page.getByRole("heading", { level: 1, name: new RegExp(`^Passage n° ${id} `) }).waitFor();
    const summary = page.getByRole("table", { name: /Verdict par classe/ });
    // Failures first.
    expect(await summary.getByRole("row").nth(1).textContent()).toContain("1 échec");
    await waitForInteractive(page);
    await checkAccessibility(page, "conformance-run");
    await screenshot(page, "conformance-run", { fullPage: true });
    expectNoBrowserProblems(page);

    // The maintainer sees the deployment's history and its upload form.
    await keyPage.goto("/conformance/deployments/georchestra-demo");
    await keyPage.getByRole("heading", { level: 2, name: "Envoyer un rapport" }).waitFor();
    expect(await keyPage.getByRole("link", { name: new RegExp(`^n° ${id} du`) }).count()).toBe(1);
    await waitForInteractive(keyPage);
    await checkAccessibility(keyPage, "conformance-deployment");
    await screenshot(keyPage, "conformance-deployment");
    expectNoBrowserProblems(keyPage);
  });
});
