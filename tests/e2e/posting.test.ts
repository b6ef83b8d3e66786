// Writing in the forum, in a real browser, as a signed-in member: a new topic with its live preview, a quoted reply,
// an edit and its word diff, the draft kept across a reload, and the French validation message.
import type { BrowserContextOptions, Page } from "playwright-core";
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

// A category without a report form: the typed interop report has its own tests (tracker-reports.test.ts).
const CATEGORY = "Annonces";
// Unique per run, so that a rerun on a reused database finds its own topic.
const RUN = Date.now().toString(36);
const TITLE = `WMS GetFeatureInfo : réponses JSON différentes selon la solution (${RUN})`;
const FIRST_POST = [
  "Le même `GetFeatureInfo` renvoie des formats différents :",
  "",
  "| Solution | Version | Format |",
  "|---|---|---|",
  "| geOrchestra | 24.0 | GeoJSON |",
  "| QGIS Server | 3.34 | JSON propriétaire |",
  "",
  "Réponse de QGIS Server :",
  "",
  "```json",
  '{ "type": "FeatureCollection", "features": [], "numberReturned": 0 }',
  "```",
].join("\n");
const REPLY_TEXT = "Même constat chez nous avec la version 3.34, merci pour le tableau.";

/** The signed-in browser state, shared by the tests of this file: one sign-in instead of one per test. */
let signedInState: BrowserContextOptions["storageState"];

async function signedInPage(returnTo: string): Promise<Page> {
  if (signedInState) {
    const page = await browser.newPage({ storageState: signedInState });
    await page.goto(returnTo);
    return page;
  }
  const page = await browser.newPage();
  await page.goto(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByRole("button", { name: /Claire Martin/ }).click();
  await page.waitForURL((url) => `${url.pathname}${url.search}` === returnTo);
  await page.getByRole("banner").getByRole("link", { name: "Claire Martin" }).waitFor();
  signedInState = await page.context().storageState();
  return page;
}

const composer = (page: Page) => page.getByRole("textbox", { name: /^Message/ });
const preview = (page: Page) => page.getByRole("region", { name: "Aperçu du message" });

/** Where the topic written by the first test lives, for the next ones. */
let topicPath = "";

describe.skipIf(!browserAvailable)("writing in the forum", () => {
  it("creates a topic with a table and a JSON block, previewed live before it is published", async () => {
    const page = await signedInPage("/latest");
    await waitForInteractive(page);
    await page.getByRole("link", { name: "Nouveau sujet" }).click();
    await page.waitForURL((url) => url.pathname === "/new-topic");
    await page.getByRole("heading", { level: 1, name: "Nouveau sujet" }).waitFor();
    expect(await page.title()).toBe("Nouveau sujet — CICCLO Interop");

    await page.getByLabel("Catégorie").selectOption({ label: CATEGORY });
    await page.getByLabel(/^Titre/).fill(TITLE);
    await composer(page).fill(FIRST_POST);

    // The live preview: rendered by the server as the published post will be, without leaving the page.
    const previewTable = preview(page).locator("table");
    await previewTable.waitFor();
    expect(await previewTable.locator("th").allInnerTexts()).toEqual(["Solution", "Version", "Format"]);
    expect(await previewTable.locator("tbody tr").count()).toBe(2);
    expect(await preview(page).locator("code.hljs.language-json").count()).toBe(1);
    expect(page.url()).toMatch(/\/new-topic$/);
    await checkAccessibility(page, "new-topic-preview");
    await screenshot(page, "new-topic-preview");

    await page.getByRole("button", { name: "Publier le sujet" }).click();
    await page.waitForURL(/\/t\/[a-z0-9-]+\/\d+$/);
    topicPath = new URL(page.url()).pathname;
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    expect(await page.title()).toBe(`${TITLE} — CICCLO Interop`);

    const first = page.locator("article#post-1");
    const table = first.locator(".post__body table");
    expect(await table.locator("th").allInnerTexts()).toEqual(["Solution", "Version", "Format"]);
    expect(await table.locator("tbody td").allInnerTexts()).toEqual([
      "geOrchestra",
      "24.0",
      "GeoJSON",
      "QGIS Server",
      "3.34",
      "JSON propriétaire",
    ]);
    const code = first.locator(".post__body pre code.hljs");
    expect(await code.count()).toBe(1);
    expect(await code.getAttribute("class")).toContain("language-json");
    // Highlighted: the keys and strings are wrapped in highlight.js's spans.
    expect(await code.locator("span.hljs-attr", { hasText: '"type"' }).count()).toBe(1);
    expect(await code.innerText()).toContain('"numberReturned": 0');
    expect(await first.getByRole("link", { name: "Claire Martin" }).count()).toBe(1);
    // Published: the draft of the new-topic composer is gone.
    expect(await page.evaluate(() => window.localStorage.getItem("cicclo:draft:new-topic"))).toBeNull();
    expectNoBrowserProblems(page);
  });

  it("quotes the first post in a reply, which shows the quotation as a blockquote", async () => {
    expect(topicPath, "the topic of the first test").not.toBe("");
    const page = await signedInPage(topicPath);
    await waitForInteractive(page);
    // The page hydrated from its posts' data block (app/infra/json-text.ts) and the router follows the link, which
    // stays on this page of posts: a full load would wipe this marker.
    await page.evaluate(() => Object.assign(window, { __e2eSamePage: true }));
    await page.getByRole("link", { name: "Citer le message 1" }).click();
    await page.waitForURL((url) => url.searchParams.get("quote") === "1");
    expect(new URL(page.url()).pathname).toBe(topicPath);
    expect(await page.evaluate(() => (window as { __e2eSamePage?: boolean }).__e2eSamePage)).toBe(true);

    const textarea = composer(page);
    await expect.poll(() => textarea.inputValue()).toMatch(/^> \*\*@claire\.martin\*\* a écrit/);
    const quoted = await textarea.inputValue();
    expect(quoted).toContain("> | Solution | Version | Format |");
    expect(await page.getByText("En réponse au message").innerText()).toContain("#1");
    await checkAccessibility(page, "topic-reply-composer");
    await screenshot(page, "topic-reply-composer");

    await textarea.fill(`${quoted}${REPLY_TEXT}`);
    await page.getByRole("button", { name: "Publier la réponse" }).click();
    await page.waitForURL(/\/t\/[a-z0-9-]+\/\d+\/2#post-2$/);
    const reply = page.locator("article#post-2");
    await reply.waitFor();
    const blockquote = reply.locator(".post__body blockquote");
    expect(await blockquote.count()).toBe(1);
    expect(await blockquote.innerText()).toMatch(/^@claire\.martin a écrit/);
    expect(await blockquote.locator("table th").allInnerTexts()).toEqual(["Solution", "Version", "Format"]);
    expect(await reply.locator(".post__body > p").last().innerText()).toBe(REPLY_TEXT);
    expect(await reply.getByRole("link", { name: "#1", exact: true }).count()).toBeGreaterThanOrEqual(1);
    expectNoBrowserProblems(page);
  });

  it("edits the reply and shows the removed and added words in its history", async () => {
    expect(topicPath, "the topic of the first test").not.toBe("");
    const page = await signedInPage(`${topicPath}/2`);
    await waitForInteractive(page);
    await page.getByRole("link", { name: "Modifier le message 2" }).click();
    await page.waitForURL(/\/posts\/\d+\/edit$/);
    await page.getByRole("heading", { level: 1, name: "Modifier le message #2" }).waitFor();
    const textarea = composer(page);
    const raw = await textarea.inputValue();
    expect(raw).toContain("merci pour le tableau");
    await textarea.fill(raw.replace("merci pour le tableau", "bravo pour le tableau"));
    await page.getByRole("button", { name: "Enregistrer la modification" }).click();

    await page.waitForURL(/\/t\/[a-z0-9-]+\/\d+\/2#post-2$/);
    const reply = page.locator("article#post-2");
    expect(await reply.locator(".post__body > p").last().innerText()).toContain("bravo pour le tableau");
    expect(await reply.locator("header").innerText()).toContain("modifié");
    await waitForInteractive(page);
    const history = reply.getByRole("link", { name: "Historique du message 2" });
    expect(await history.innerText()).toBe("Historique (1)");
    await history.click();

    await page.waitForURL(/\/posts\/\d+\/revisions$/);
    await page.getByRole("heading", { level: 1, name: "Historique du message #2" }).waitFor();
    expect(await page.title()).toBe("Historique des modifications — CICCLO Interop");
    const removed = await page.locator(".diff del").allInnerTexts();
    const added = await page.locator(".diff ins").allInnerTexts();
    expect(removed.join(" ")).toContain("merci");
    expect(added.join(" ")).toContain("bravo");
    // A word diff, not a whole-text replacement: the rest is unchanged.
    expect(removed.join(" ")).not.toContain("tableau");
    expect(await page.locator(".diff").first().innerText()).toContain("pour le tableau");
    await checkAccessibility(page, "post-revisions");
    await screenshot(page, "post-revisions");
    expectNoBrowserProblems(page);
  });

  it("keeps a reply being written across a reload of the page", async () => {
    expect(topicPath, "the topic of the first test").not.toBe("");
    const page = await signedInPage(topicPath);
    await waitForInteractive(page);
    const draft = "Brouillon : je vérifie avec la version 3.36 et je reviens vers vous.";
    await composer(page).fill(draft);
    const topicId = topicPath.split("/").pop();
    expect(await page.evaluate((key) => window.localStorage.getItem(key), `cicclo:draft:topic:${topicId}`)).toBe(draft);

    await page.reload();
    await waitForInteractive(page);
    await expect.poll(() => composer(page).inputValue()).toBe(draft);
    // The preview follows the draft once the person types again.
    await composer(page).press("End");
    await composer(page).pressSequentially(" Merci.");
    await expect.poll(() => preview(page).innerText()).toContain("je reviens vers vous. Merci.");
    expectNoBrowserProblems(page);
  });

  it("refuses a title that is too short, with the French message next to the field", async () => {
    const page = await signedInPage("/new-topic");
    await waitForInteractive(page);
    const shortTitle = "WFS";
    await page.getByLabel("Catégorie").selectOption({ label: CATEGORY });
    const title = page.getByLabel(/^Titre/);
    await title.fill(shortTitle);
    await composer(page).fill("Le service WFS de la commune ne répond plus depuis hier.");

    // The browser checks the length first (minlength): nothing is sent.
    await page.getByRole("button", { name: "Publier le sujet" }).click();
    expect(await title.evaluate((input: HTMLInputElement) => input.validity.tooShort)).toBe(true);
    expect(new URL(page.url()).pathname).toBe("/new-topic");

    // Without that check (an older browser, a script), the server refuses it and says why, next to the field.
    await page.locator("form#composer").evaluate((form: HTMLFormElement) => {
      form.noValidate = true;
    });
    await page.getByRole("button", { name: "Publier le sujet" }).click();
    const error = page.locator("#topic-title-error");
    await error.waitFor();
    expect(await error.innerText()).toBe("Le titre doit contenir au moins 5 caractères.");
    expect(await title.getAttribute("aria-describedby")).toBe("topic-title-error");
    expect(await page.locator(".fr-input-group--error").filter({ has: title }).count()).toBe(1);
    expect(await page.getByRole("alert").innerText()).toContain("Le sujet n'a pas été publié.");
    // Still the same page, with what the person typed.
    expect(new URL(page.url()).pathname).toBe("/new-topic");
    expect(await title.inputValue()).toBe(shortTitle);
    expect(await composer(page).inputValue()).toContain("ne répond plus depuis hier");
    await screenshot(page, "new-topic-title-error");

    // Nothing was published.
    await page.goto("/latest");
    expect(await page.getByRole("link", { name: shortTitle, exact: true }).count()).toBe(0);
    expectNoBrowserProblems(page, { allowConsoleErrors: [/status of 422/] });
  });

  it("lists the new topic on its category page", async () => {
    expect(topicPath, "the topic of the first test").not.toBe("");
    const page = await signedInPage(topicPath);
    await waitForInteractive(page);
    await page
      .getByRole("navigation", { name: "vous êtes ici :" })
      .getByRole("link", { name: CATEGORY, exact: true })
      .click();
    await page.waitForURL(/\/c\/[a-z0-9-]+\/\d+$/);
    await page.getByRole("heading", { level: 1, name: CATEGORY }).waitFor();
    expect(await page.title()).toBe(`${CATEGORY} — CICCLO Interop`);
    const row = page.locator("tbody tr").filter({ has: page.getByRole("link", { name: TITLE, exact: true }) });
    expect(await row.count()).toBe(1);
    expect(await page.getByRole("link", { name: "Nouveau sujet" }).getAttribute("href")).toMatch(
      /^\/new-topic\?category=\d+$/,
    );
    await checkAccessibility(page, "category");
    await screenshot(page, "category");
    expectNoBrowserProblems(page);
  });
});
