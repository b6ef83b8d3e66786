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

describe.skipIf(!browserAvailable)("display settings", () => {
  it("switches to the dark theme from the footer and keeps it after a reload", async () => {
    const page = await browser.newPage();
    await page.goto("/");
    await waitForInteractive(page);
    const theme = () => page.evaluate(() => document.documentElement.getAttribute("data-fr-theme"));
    expect(await theme()).toBe("light");

    await page.getByRole("button", { name: "Paramètres d'affichage" }).click();
    const dialog = page.getByRole("dialog", { name: "Paramètres d'affichage" });
    await dialog.waitFor({ state: "visible" });
    // DSFR draws the radio on its label, which receives the click as it would a user's.
    await dialog.getByText("Thème sombre", { exact: true }).click();
    expect(await dialog.getByLabel("Thème sombre").isChecked()).toBe(true);
    await page.waitForFunction(() => document.documentElement.getAttribute("data-fr-theme") === "dark");
    await screenshot(page, "display-settings-dark", { fullPage: false });

    await dialog.getByRole("button", { name: "Fermer" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await theme()).toBe("dark");

    await page.reload();
    // DSFR's early script applies the stored choice before the first paint, without waiting for hydration.
    expect(await theme()).toBe("dark");
    await waitForInteractive(page);
    expect(await theme()).toBe("dark");
    await checkAccessibility(page, "home-dark");
    await screenshot(page, "home-dark");

    await page.goto("/latest");
    expect(await theme()).toBe("dark");
    await waitForInteractive(page);
    await checkAccessibility(page, "latest-dark");
    await screenshot(page, "latest-dark");
    expectNoBrowserProblems(page);
  });
});
