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

describe.skipIf(!browserAvailable)("home page", () => {
  it("presents the service, its three sections and the five latest discussions", async () => {
    const page = await browser.newPage();
    await page.goto("/");

    expect(await page.title()).toBe(
      "CICCLO Interop — interopérabilité des plateformes publiques de données géographiques",
    );
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("CICCLO Interop");

    const tiles = page.locator("main .fr-tile");
    expect(await tiles.count()).toBe(3);
    expect(await tiles.getByRole("heading", { level: 2 }).allInnerTexts()).toEqual([
      "Discussions",
      "Clausier CCTP",
      "Conformité",
    ]);
    expect(
      await tiles.getByRole("link").evaluateAll((links) => links.map((link) => link.getAttribute("href"))),
    ).toEqual(["/latest", "/clauses", "/conformance"]);

    const table = page.getByRole("table", { name: "Les cinq sujets les plus récemment actifs" });
    expect(await table.getByRole("columnheader").allInnerTexts()).toEqual([
      "Sujet",
      "Catégorie",
      "Réponses",
      "Activité",
    ]);
    const rows = table.locator("tbody tr");
    expect(await rows.count()).toBe(5);
    // Other browser tests post in the same database: check the order, not which topic is first.
    const activity = await rows
      .locator("time >> visible=true")
      .evaluateAll((times) => times.map((time) => Date.parse(time.getAttribute("datetime")!)));
    expect(activity).toEqual([...activity].sort((a, b) => b - a));
    expect(await page.getByRole("link", { name: "Toutes les discussions" }).getAttribute("href")).toBe("/latest");

    await waitForInteractive(page);
    await checkAccessibility(page, "home");
    await screenshot(page, "home");
    expectNoBrowserProblems(page);
  });

  it("lets a keyboard user skip straight to the content with the first Tab", async () => {
    const page = await browser.newPage();
    await page.goto("/");
    await waitForInteractive(page);

    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      return { text: element?.textContent?.trim(), href: element?.getAttribute("href") };
    });
    expect(focused).toEqual({ text: "Contenu", href: "#contenu" });
    // DSFR shows the skip links only while they have the focus.
    expect(await page.getByRole("link", { name: "Contenu", exact: true }).isVisible()).toBe(true);
    await screenshot(page, "home-skip-link-focused");

    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.matches("main#contenu") === true);
    expect(new URL(page.url()).hash).toBe("#contenu");
    // The next Tab continues from the content, not from the header.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest("main")?.id)).toBe("contenu");
    expectNoBrowserProblems(page);
  });
});
