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

describe.skipIf(!browserAvailable)("the clause library", () => {
  it("browses the library, opens a clause and its parameters, compares two versions and exports a CCTP", async () => {
    const page = await browser.newPage({ permissions: ["clipboard-read", "clipboard-write"] });

    // The library, by theme, with its filters.
    const list = await page.goto("/clauses");
    expect(list?.status()).toBe(200);
    expect(await page.title()).toBe("Clausier CCTP — CICCLO Interop");
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Clausier CCTP");
    expect(await page.getByRole("heading", { level: 2, name: "Réversibilité" }).isVisible()).toBe(true);
    await waitForInteractive(page);
    await checkAccessibility(page, "clauses");
    await screenshot(page, "clauses");

    await page.getByLabel("Étiquette").selectOption("ccag-tic");
    await page.getByRole("button", { name: "Filtrer" }).click();
    await page.waitForURL(/\/clauses\?.*tag=ccag-tic/);
    await page.getByRole("link", { name: "Retirer les filtres" }).waitFor();

    // A clause: its text with default values, its parameter table, its versions.
    await page.getByRole("link", { name: "Réversibilité", exact: true }).click();
    await page.waitForURL(/\/clauses\/reversibilite$/);
    await page.getByRole("heading", { level: 1, name: "Réversibilité" }).waitFor();
    expect(await page.locator("#texte-clause").innerText()).toContain("dans un délai de 30 jours");
    const parameters = page.getByRole("table", { name: "Paramètres de la clause « Réversibilité »" });
    const delay = parameters.getByRole("row", { name: /Délai de restitution des données/ });
    expect(await delay.innerText()).toContain("de 15 jours à 90 jours");
    expect(await delay.innerText()).toContain("30 jours");
    expect(
      await page.getByRole("heading", { level: 2, name: "Qui satisfait cette clause aujourd'hui" }).isVisible(),
    ).toBe(true);
    await waitForInteractive(page);
    await checkAccessibility(page, "clause");
    await screenshot(page, "clause");

    // "Copier le texte" puts the rendered clause on the clipboard.
    await page.getByRole("button", { name: "Copier le texte" }).click();
    await page.getByText("Texte copié dans le presse-papiers.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("dans un délai de 30 jours");

    // The diff between the two published versions: underlined additions, labelled for screen readers.
    await page.getByRole("link", { name: "1.0.0 → 1.1.0" }).click();
    await page.waitForURL(/\/clauses\/reversibilite\/diff\/1\.0\.0\/1\.1\.0$/);
    await page.getByRole("heading", { level: 1 }).waitFor();
    const addition = page.locator(".clause-diff ins").first();
    expect(await addition.evaluate((element) => getComputedStyle(element).textDecorationLine)).toBe("underline");
    expect(await addition.locator(".fr-sr-only").first().textContent()).toBe("[ajouté : ");
    await waitForInteractive(page);
    await checkAccessibility(page, "clause-diff");
    await screenshot(page, "clause-diff");

    // The export API, called from the page as a script would: a DOCX comes back as an attachment.
    const exported = await page.evaluate(async () => {
      const response = await fetch("/api/clauses/export", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          format: "docx",
          title: "Plateforme de données géographiques",
          buyer: "Commune d'essai",
          sections: [
            { title: "Fin du marché", clauses: [{ id: "reversibilite", parameters: { delaiRestitution: "P60D" } }] },
          ],
        }),
      });
      const bytes = new Uint8Array(await response.arrayBuffer());
      return {
        status: response.status,
        type: response.headers.get("content-type"),
        disposition: response.headers.get("content-disposition"),
        zipMagic: String.fromCharCode(bytes[0]!, bytes[1]!),
      };
    });
    expect(exported).toEqual({
      status: 200,
      type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      disposition: `attachment; filename="cctp-plateforme-de-donnees-geographiques.docx"; filename*=UTF-8''cctp-plateforme-de-donnees-geographiques.docx`,
      zipMagic: "PK",
    });
    expectNoBrowserProblems(page);
  });

  it("shows a permanent version with a way back to the current one", async () => {
    const page = await browser.newPage();
    const response = await page.goto("/clauses/reversibilite/v/1.0.0");
    expect(response?.status()).toBe(200);
    await page.getByText(/Vous consultez la version 1\.0\.0/).waitFor();
    expect(await page.getByRole("link", { name: "Voir la version en cours" }).getAttribute("href")).toBe(
      "/clauses/reversibilite",
    );
    await waitForInteractive(page);
    await checkAccessibility(page, "clause-version");
    expectNoBrowserProblems(page);
  });

  it("composes a CCTP on /selection, downloads it as ODT, and keeps the selection in the browser", async () => {
    const page = await browser.newPage({ acceptDownloads: true });
    await page.goto("/clauses/reversibilite");
    // Clicked before hydration, a link's navigation can be lost while React takes over the page.
    await waitForInteractive(page);
    await page.getByRole("link", { name: "Ajouter cette clause à un CCTP" }).click();
    await page.waitForURL(/\/selection\?add=reversibilite$/);
    await waitForInteractive(page);
    await page.getByRole("button", { name: "Ajouter la clause" }).click();
    await page.getByRole("heading", { level: 3, name: "Réversibilité" }).waitFor();

    await page.getByLabel("Objet du marché").fill("Plateforme de données géographiques");
    await page.getByLabel("Nom de l'acheteur").fill("Commune d'essai");
    await page.getByLabel(/^Délai de restitution des données/).fill("P200D");
    await page.getByRole("button", { name: "Vérifier les paramètres" }).click();
    await page
      .getByText("« Délai de restitution des données » doit être compris entre 15 jours et 90 jours.")
      .waitFor();
    await waitForInteractive(page);
    await checkAccessibility(page, "selection");
    await screenshot(page, "selection");

    await page.getByLabel(/^Délai de restitution des données/).fill("P45D");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Exporter en ODT" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("cctp-plateforme-de-donnees-geographiques.odt");
    expect(await download.failure()).toBeNull();

    // The selection survives a visit elsewhere: the page offers it back.
    await page.goto("/selection");
    await waitForInteractive(page);
    await page
      .getByRole("button", { name: /Reprendre la sélection enregistrée dans ce navigateur \(1 clause\)/ })
      .click();
    await page.getByRole("heading", { level: 3, name: "Réversibilité" }).waitFor();
    expect(await page.getByLabel(/^Délai de restitution des données/).inputValue()).toBe("P45D");
    expect(await page.getByLabel("Objet du marché").inputValue()).toBe("Plateforme de données géographiques");
    expectNoBrowserProblems(page);
  });

  it("opens a ready-made template in the selection, ready to complete and export", async () => {
    const page = await browser.newPage({ acceptDownloads: true });
    await page.goto("/clauses");
    await waitForInteractive(page);
    await page.getByRole("link", { name: "Partir d'un modèle de CCTP" }).click();
    await page.waitForURL(/\/clauses\/templates$/);
    await page.getByRole("heading", { level: 2, name: "Intégration de ProConnect" }).waitFor();
    await waitForInteractive(page);
    await checkAccessibility(page, "clause-templates");
    await screenshot(page, "clause-templates");

    await page.getByRole("button", { name: "Ouvrir « Intégration de ProConnect » dans la sélection" }).click();
    await page.waitForURL(/\/selection$/);
    await page
      .getByRole("heading", { level: 3, name: /ProConnect/ })
      .first()
      .waitFor();
    await page.getByLabel("Objet du marché").fill("Raccordement de l'outil cartographique à ProConnect");
    await page.getByLabel("Nom de l'acheteur").fill("Commune d'essai");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Exporter en DOCX" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    expect(await download.failure()).toBeNull();
    expectNoBrowserProblems(page);
  });
});
