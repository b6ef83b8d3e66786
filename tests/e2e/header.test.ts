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

async function searchFromHeader(page: Page, query: string): Promise<void> {
  // A searchbox without JavaScript, the typeahead's combobox with it.
  const input = page.getByLabel("Rechercher dans CICCLO Interop");
  await input.fill(query);
  await Promise.all([page.waitForURL((url) => url.pathname === "/search"), input.press("Enter")]);
}

describe.skipIf(!browserAvailable)("site header", () => {
  it("searches from the header box: Enter leads to /search with the query", async () => {
    const page = await browser.newPage();
    await page.goto("/latest");
    await waitForInteractive(page);

    await searchFromHeader(page, "pagination bbox géoplateforme");

    expect(new URL(page.url()).searchParams.get("q")).toBe("pagination bbox géoplateforme");
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Recherche");
    // The box keeps the query, so the user can refine it.
    expect(await page.getByRole("combobox", { name: "Rechercher dans CICCLO Interop" }).inputValue()).toBe(
      "pagination bbox géoplateforme",
    );
    await waitForInteractive(page);
    await checkAccessibility(page, "search");
    await screenshot(page, "search");
    expectNoBrowserProblems(page);
  });

  it("searches from the header box with JavaScript disabled", async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.goto("/");

    await searchFromHeader(page, "ProConnect déconnexion");

    expect(new URL(page.url()).searchParams.get("q")).toBe("ProConnect déconnexion");
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Recherche");
    await screenshot(page, "search-without-javascript");
    expectNoBrowserProblems(page);
  });

  it("opens the navigation menu from the Menu button on a phone", async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true });
    await page.goto("/");
    await waitForInteractive(page);
    const navigation = page.getByRole("navigation", { name: "Menu principal" });
    expect(await navigation.isVisible()).toBe(false);
    await screenshot(page, "mobile-home");

    const menuButton = page.getByRole("button", { name: "Menu", exact: true });
    await menuButton.click();
    await page.locator("#header-menu-modal.fr-modal--opened").waitFor();
    await navigation.waitFor({ state: "visible" });

    // DSFR marks its modal buttons with data-fr-opened (not aria-expanded: the menu is a modal dialog).
    expect(await menuButton.getAttribute("data-fr-opened")).toBe("true");
    const links = navigation.getByRole("link");
    expect(await links.allInnerTexts()).toEqual(["Discussions", "Clausier", "Conformité"]);
    for (const link of await links.all()) expect(await link.isVisible()).toBe(true);
    // The header's tools move into the menu too: signing in stays possible on a phone.
    expect(await page.locator("#header-menu-modal").getByRole("link", { name: "Se connecter" }).isVisible()).toBe(true);
    await checkAccessibility(page, "mobile-menu");
    await screenshot(page, "mobile-menu", { fullPage: false });

    await navigation.getByRole("link", { name: "Discussions" }).click();
    await page.waitForURL((url) => url.pathname === "/latest");
    await page.getByRole("heading", { level: 1, name: "Discussions récentes" }).waitFor();
    await screenshot(page, "mobile-latest");
    expectNoBrowserProblems(page);
  });
});
