// Saved selections in a real browser: a buyer saves the selection composed months ago in this browser (one clause
// pinned to an older version), reopens it from her list, reads the diff and upgrades the clause, then reorders the
// clauses by dragging them and exports the CCTP in the new order.
import { strFromU8, unzipSync } from "fflate";
import { readFileSync } from "node:fs";
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

describe.skipIf(!browserAvailable)("saved selections", () => {
  it("saves a selection, reopens it, upgrades an old clause version after its diff and reorders by dragging", async () => {
    const page = await browser.newPage({ acceptDownloads: true });
    await page.goto(`/auth/login?returnTo=${encodeURIComponent("/selection")}`);
    await page.getByRole("button", { name: /Claire/ }).click();
    await page.waitForURL((url) => url.pathname === "/selection");
    await waitForInteractive(page);

    // What this browser kept of a selection composed before Réversibilité 1.1.0 was published.
    await page.evaluate(
      (fields) => localStorage.setItem("cicclo:selection", JSON.stringify(fields)),
      [
        ["title", "Plateforme de données géographiques"],
        ["buyer", "Commune d'essai"],
        ["item.0.section", "Fin du marché"],
        ["item.0.id", "reversibilite"],
        ["item.0.version", "1.0.0"],
        ["item.0.param.delaiRestitution", "P60D"],
        ["item.1.section", "Fin du marché"],
        ["item.1.id", "transferabilite"],
        ["item.2.section", "Fin du marché"],
        ["item.2.id", "export-donnees-continu"],
      ],
    );
    await page.reload();
    await waitForInteractive(page);
    await page
      .getByRole("button", { name: /Reprendre la sélection enregistrée dans ce navigateur \(3 clauses\)/ })
      .click();
    await page.getByRole("heading", { level: 3, name: "Réversibilité" }).waitFor();

    const name = `CCTP plateforme ${RUN}`;
    await page.getByLabel(/^Nom de la sélection/).fill(name);
    await page.getByRole("button", { name: "Enregistrer la sélection" }).click();
    await page.waitForURL(/\/selection\?enregistree=\d+&enregistre=1$/);
    await page.getByText(`La sélection « ${name} » est enregistrée.`).waitFor();

    // Her list, then the selection reopened from it.
    await waitForInteractive(page);
    await page.getByRole("link", { name: "Mes sélections enregistrées" }).click();
    await page.waitForURL(/\/selection\/enregistrees$/);
    await page.getByRole("heading", { level: 1, name: "Mes sélections enregistrées" }).waitFor();
    await waitForInteractive(page);
    await checkAccessibility(page, "saved-selections");
    await screenshot(page, "saved-selections");
    await page.getByRole("link", { name: `Ouvrir « ${name} »` }).click();
    await page.waitForURL(/\/selection\?enregistree=\d+$/);
    await page.getByText("Nouvelle version disponible : 1.1.0 (cette sélection utilise la version 1.0.0).").waitFor();
    expect(
      await page.getByRole("link", { name: "Voir les changements de « Réversibilité »" }).getAttribute("href"),
    ).toBe("/clauses/reversibilite/diff/1.0.0/1.1.0");
    await waitForInteractive(page);
    await checkAccessibility(page, "selection-saved");

    // The diff first, then the upgrade: the typed value stays, the new parameter takes its default.
    await page.getByRole("button", { name: "Passer à la version 1.1.0 pour « Réversibilité »" }).click();
    await page.getByRole("heading", { level: 2, name: "Passer à la version 1.1.0 de « Réversibilité »" }).waitFor();
    expect(await page.locator(".selection-upgrade .clause-diff ins").count()).toBeGreaterThan(0);
    await waitForInteractive(page);
    await checkAccessibility(page, "selection-upgrade-review");
    await screenshot(page, "selection-upgrade-review");
    await page.getByRole("button", { name: "Confirmer la mise à jour" }).click();
    await page.getByText("« Réversibilité » passe de la version 1.0.0 à la version 1.1.0.").waitFor();
    expect(await page.getByLabel(/^Délai de restitution des données/).inputValue()).toBe("P60D");
    expect(await page.getByText("Nouvelle version disponible").count()).toBe(0);

    // Save the upgrade in place, then drag Réversibilité below the two others.
    await page.getByRole("button", { name: "Enregistrer les modifications" }).click();
    await page.getByText(`La sélection « ${name} » est enregistrée.`).waitFor();
    await waitForInteractive(page);
    const titles = () => page.locator("[data-selection-item] h3").allInnerTexts();
    expect(await titles()).toEqual([
      "Réversibilité",
      "Transférabilité de la solution à un autre prestataire",
      "Export des données et du paramétrage à tout moment",
    ]);
    // Tall enough to hold both clauses: the drag goes from one to the other without scrolling the page.
    await page.setViewportSize({ width: 1280, height: 4000 });
    await page.locator('[data-selection-item="0"] .selection-drag-handle').scrollIntoViewIfNeeded();
    // The mouse moves in steps, as a hand does: Chromium starts a drag only after the pointer has travelled.
    await page.locator('[data-selection-item="0"] .selection-drag-handle').hover();
    await page.mouse.down();
    const target = (await page.locator('[data-selection-item="2"]').boundingBox())!;
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 10 });
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2 + 5, { steps: 2 });
    await page.mouse.up();
    await expect
      .poll(titles)
      .toEqual([
        "Transférabilité de la solution à un autre prestataire",
        "Export des données et du paramétrage à tout moment",
        "Réversibilité",
      ]);
    expect(await page.locator("#selection-announcement").innerText()).toBe("Clause déplacée en position 3 sur 3.");
    expect(await page.getByLabel(/^Délai de restitution des données/).inputValue()).toBe("P60D");

    // The export follows the new order, with the acceptance test plan asked for.
    await waitForInteractive(page);
    // DSFR draws its own box over the native one: clicking the label ticks it, as a person does.
    await page.locator('label[for="acceptance-plan"]').click();
    expect(await page.getByLabel(/^Ajouter un plan de recette/).isChecked()).toBe(true);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Exporter en DOCX" }).click(),
    ]);
    const documentXml = strFromU8(unzipSync(readFileSync((await download.path())!))["word/document.xml"]!);
    const text = documentXml.replace(/<[^>]+>/g, "");
    expect(text.indexOf("Transférabilité de la solution")).toBeGreaterThan(-1);
    expect(text.indexOf("Transférabilité de la solution")).toBeLessThan(text.indexOf("Réversibilité"));
    expect(text).toContain("dans un délai de 60 jours");
    expect(text).toContain("Annexe : plan de recette");
    expect(text).toContain("(clause reversibilite, version 1.1.0)");
    expectNoBrowserProblems(page);
  });
});
