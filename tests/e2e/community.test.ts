// The social side of the forum in a real browser: a mention that reaches its target's bell, a reaction, watching a
// topic and being notified of a reply, flagging a post and a moderator hiding it, and the RSS feed.
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
const RUN = Date.now().toString(36);

async function signIn(person: RegExp, returnTo: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByRole("button", { name: person }).click();
  await page.waitForURL((url) => url.pathname === returnTo.split("?")[0]);
  await waitForInteractive(page);
  return page;
}

async function publishTopic(page: Page, title: string, raw: string): Promise<string> {
  await page.goto("/new-topic");
  await waitForInteractive(page);
  // A category without a report form: the typed interop report has its own tests (tracker-reports.test.ts).
  await page.getByLabel("Catégorie").selectOption({ label: "Annonces" });
  await page.getByLabel(/^Titre/).fill(title);
  await page.getByRole("textbox", { name: /^Message/ }).fill(raw);
  await page.getByRole("button", { name: "Publier le sujet" }).click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  return new URL(page.url()).pathname;
}

describe.skipIf(!browserAvailable)("mentions, reactions, watching, flags and feeds", () => {
  it("a mention and a reply reach the bell of the person concerned; she reacts; a flag is handled by a moderator", async () => {
    const title = `ProConnect : acr eidas1 refusé par le connecteur (${RUN})`;
    const julien = await signIn(/Julien Roux/, "/latest");
    const path = await publishTopic(
      julien,
      title,
      "Le connecteur exige `eidas2`. @sophie.bernard, vous l'avez vu aussi ?",
    );
    expect(await julien.locator(".post__body a", { hasText: "@sophie.bernard" }).getAttribute("href")).toBe(
      "/u/sophie.bernard",
    );

    const sophie = await signIn(/Sophie Bernard/, "/latest");
    await sophie
      .getByRole("banner")
      .getByRole("link", { name: /Notifications \(\d+ non lues?\)/ })
      .click();
    await sophie.getByRole("link", { name: title }).first().waitFor();
    await checkAccessibility(sophie, "notifications");
    await screenshot(sophie, "notifications");
    await sophie.getByRole("link", { name: title }).first().click();
    await sophie.getByRole("heading", { level: 1, name: title }).waitFor();

    // Her reaction is counted, and pressed for her; the router posts the form (the button pressed with it), so the
    // page is not reloaded: a full load would wipe this marker.
    await waitForInteractive(sophie);
    await sophie.evaluate(() => Object.assign(window, { __e2eSamePage: true }));
    const agree = sophie.locator("#post-1").getByRole("button", { name: /D'accord : 0 réaction/ });
    await agree.click();
    await sophie
      .locator("#post-1")
      .getByRole("button", { name: /D'accord : 1 réaction/ })
      .waitFor();
    expect(
      await sophie
        .locator("#post-1")
        .getByRole("button", { name: /D'accord/ })
        .getAttribute("aria-pressed"),
    ).toBe("true");
    expect(await sophie.evaluate(() => (window as { __e2eSamePage?: boolean }).__e2eSamePage)).toBe(true);

    // She watches the topic; Karim's reply then notifies her.
    await sophie.getByLabel(/Suivi de ce sujet/).selectOption({ label: "Surveiller" });
    await sophie.getByRole("button", { name: "Enregistrer" }).first().click();
    await sophie.getByText("Votre niveau de suivi a été enregistré.").waitFor();

    const karim = await signIn(/Karim Haddad/, path);
    await karim.getByRole("textbox", { name: /^Message/ }).fill("Corrigé dans la version 2.3 du connecteur.");
    await karim.getByRole("button", { name: "Publier la réponse" }).click();
    await karim.locator("#post-2").waitFor();

    await sophie.goto("/notifications");
    await sophie
      .getByText(/Karim Haddad a écrit dans/)
      .first()
      .waitFor();

    // Sophie flags Karim's reply; Karim (a moderator) sees it in the queue and hides it.
    await sophie.goto(path);
    await waitForInteractive(sophie);
    await sophie.locator("#post-2").getByText("Signaler ce message").click();
    await sophie.locator("#post-2").getByLabel("Hors sujet").check({ force: true });
    await sophie.locator("#post-2").getByRole("button", { name: "Envoyer le signalement" }).click();
    await sophie.getByText("Merci : les modérateurs vont examiner ce message.").waitFor();
    await checkAccessibility(sophie, "topic-flag");

    await karim.goto("/review");
    await karim
      .getByRole("heading", { name: /Hors sujet — message #2 de @karim.haddad/ })
      .first()
      .waitFor();
    await checkAccessibility(karim, "review");
    await screenshot(karim, "review");
    await karim.getByRole("button", { name: "Masquer le message" }).first().click();
    await karim.getByText("Le message a été masqué.").waitFor();

    const visitor = await browser.newPage();
    await visitor.goto(path);
    await visitor.getByText("Ce message a été masqué par les modérateurs").waitFor();
    expect(await visitor.locator("#post-2").innerText()).not.toContain("version 2.3");
    for (const page of [julien, sophie, karim, visitor]) expectNoBrowserProblems(page);
  });

  it("offers RSS feeds that a feed reader can fetch, announced in the page head", async () => {
    const page = await browser.newPage();
    await page.goto("/latest");
    const href = await page.locator('link[rel="alternate"][type="application/rss+xml"]').getAttribute("href");
    expect(href).toBe("/latest.rss");
    const response = await page.request.get(href!);
    expect(response.headers()["content-type"]).toContain("application/rss+xml");
    const xml = await response.text();
    expect(xml).toContain('<rss version="2.0"');
    expect(xml).toContain("OGC API Features : le lien « next » de geOrchestra perd le paramètre bbox");
    expect(xml).not.toContain("CORS");
  });
});
