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

// Chromium logs the 404 status of the document itself as a console error.
const DOCUMENT_404 = /Failed to load resource: the server responded with a status of 404/;

describe.skipIf(!browserAvailable)("error and legal pages", () => {
  it("answers an unknown address with a French 404 page that leads back home", async () => {
    const page = await browser.newPage();
    const response = await page.goto("/cette-page-n-existe-pas");

    expect(response?.status()).toBe(404);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Page non trouvée");
    expect(await page.getByText("Erreur 404").isVisible()).toBe(true);
    expect(await page.getByText("La page que vous cherchez est introuvable").isVisible()).toBe(true);
    expect(await page.locator("main").innerText()).not.toMatch(/not found|Error:|at \w+ \(/i);

    await waitForInteractive(page);
    await checkAccessibility(page, "not-found");
    await screenshot(page, "not-found");

    await page.getByRole("link", { name: "Page d'accueil" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await page.getByRole("heading", { level: 1, name: "CICCLO Interop" }).waitFor();
    expectNoBrowserProblems(page, { allowConsoleErrors: [DOCUMENT_404] });
  });

  it.each([
    ["Déclaration d'accessibilité", "/accessibilite", "accessibilite"],
    ["Mentions légales", "/mentions-legales", "mentions-legales"],
    ["Données personnelles", "/donnees-personnelles", "donnees-personnelles"],
    ["Plan du site", "/plan-du-site", "plan-du-site"],
  ])("shows the « %s » page, linked from the footer", async (title, path, name) => {
    const page = await browser.newPage();
    await page.goto("/");
    const footerLink = page.getByRole("contentinfo").locator(`a[href="${path}"]`);
    expect(await footerLink.count()).toBe(1);

    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(title);
    expect(await page.title()).toContain("CICCLO Interop");
    const breadcrumb = page.getByRole("navigation", { name: "vous êtes ici :" });
    expect(await breadcrumb.locator('[aria-current="page"]').innerText()).toBe(title);

    await waitForInteractive(page);
    await checkAccessibility(page, name);
    await screenshot(page, name);
    expectNoBrowserProblems(page);
  });
});
