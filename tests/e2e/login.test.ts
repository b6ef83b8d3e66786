import { describe, expect, it } from "vitest";
import { demoIdentities } from "../../scripts/demo/identities";
import {
  browserAvailable,
  checkAccessibility,
  expectNoBrowserProblems,
  screenshot,
  useBrowser,
  waitForInteractive,
} from "./browser";

const browser = useBrowser();

describe.skipIf(!browserAvailable)("signing in and out with ProConnect", () => {
  it.each(demoIdentities.map((identity) => [identity.username, identity] as const))(
    "%s signs in through the stand-in, sees their name in the header, and signs out through ProConnect",
    async (username, identity) => {
      const page = await browser.newPage();
      await page.goto("/latest");
      await waitForInteractive(page);
      await page.getByRole("link", { name: "Se connecter" }).first().click();
      await page.getByRole("heading", { level: 1, name: "Se connecter" }).waitFor();
      if (username === "claire.martin") {
        await checkAccessibility(page, "login");
        await screenshot(page, "login");
      }

      await page.getByRole("link", { name: /S’identifier avec\s*ProConnect/ }).click();
      await page.getByRole("heading", { name: "Connexion ProConnect (environnement local)" }).waitFor();
      if (username === "claire.martin") await screenshot(page, "proconnect-standin");
      await page.getByRole("button", { name: new RegExp(`${identity.given_name} ${identity.usual_name}`) }).click();

      // Back where the visit started, signed in.
      await page.waitForURL((url) => url.pathname === "/latest");
      const displayName = `${identity.given_name} ${identity.usual_name}`;
      await page.getByRole("banner").getByRole("link", { name: displayName }).waitFor();
      expect(await page.getByRole("banner").getByRole("link", { name: "Administration" }).count()).toBe(
        identity.role === "admin" ? 1 : 0,
      );
      if (username === "admin") await screenshot(page, "signed-in-admin");

      await page.getByRole("banner").getByRole("button", { name: "Se déconnecter" }).click();
      await page.waitForURL((url) => url.pathname === "/auth/logged-out");
      await page.getByText("Votre session CICCLO Interop et votre session ProConnect sont terminées.").waitFor();
      expect(await page.getByRole("banner").getByRole("link", { name: "Se connecter" }).isVisible()).toBe(true);
      if (username === "admin") {
        await checkAccessibility(page, "logged-out");
        await screenshot(page, "logged-out");
      }
      expectNoBrowserProblems(page);
    },
  );

  it("shows a French page when the person refuses, with a way to try again", async () => {
    const page = await browser.newPage();
    await page.goto("/login");
    await page.getByRole("link", { name: /S’identifier avec\s*ProConnect/ }).click();
    await page.getByRole("button", { name: "Refuser" }).click();
    await page.getByRole("heading", { level: 1, name: "Connexion refusée" }).waitFor();
    expect(await page.getByRole("link", { name: /S’identifier avec\s*ProConnect/ }).isVisible()).toBe(true);
    await checkAccessibility(page, "login-refused");
    await screenshot(page, "login-refused");
    expectNoBrowserProblems(page, { allowConsoleErrors: [/status of 403/] });
  });

  it("lets a signed-in admin reach the administration, manage their sessions and create an API key", async () => {
    const page = await browser.newPage();
    await page.goto("/auth/login?returnTo=/admin");
    await page.getByRole("button", { name: /Alex Admin/ }).click();
    await page.waitForURL((url) => url.pathname === "/admin");
    await page.getByRole("heading", { level: 1, name: "Administration" }).waitFor();
    await checkAccessibility(page, "admin-index");
    await page.goto("/admin/users");
    await page.getByRole("heading", { level: 1, name: "Utilisateurs" }).waitFor();
    await checkAccessibility(page, "admin-users");
    await screenshot(page, "admin-users");

    await page.goto("/admin/groups/mainteneurs-georchestra");
    await checkAccessibility(page, "admin-group");
    await screenshot(page, "admin-group");

    await page.goto("/u/admin/preferences/security");
    await page.locator(".fr-badge", { hasText: "Cette session" }).waitFor();
    await checkAccessibility(page, "sessions");
    await screenshot(page, "sessions");

    await page.goto("/u/admin/preferences/api-keys");
    await waitForInteractive(page);
    await page.getByLabel(/Nom de la clé/).fill("Script de test");
    // DSFR draws its own box: people click the label, the native input is visually hidden.
    await page.locator("label[for=scope-read]").click();
    expect(await page.getByLabel(/^read/).isChecked()).toBe(true);
    await page.getByRole("button", { name: "Créer la clé" }).click();
    const secret = await page.getByTestId("api-key-secret").innerText();
    expect(secret).toMatch(/^cicclo_/);
    await checkAccessibility(page, "api-keys");
    await screenshot(page, "api-keys");
    expectNoBrowserProblems(page);
  });
});
