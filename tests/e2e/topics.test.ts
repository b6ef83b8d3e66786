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

const OGC_TOPIC = "OGC API Features : le lien « next » de geOrchestra perd le paramètre bbox";
const RESTRICTED_TOPIC = "Divulgation coordonnée : en-têtes CORS trop permissifs sur un service WFS";

/** The canonical path of a topic, as linked from /latest. */
async function topicPath(page: Page, title: string): Promise<string> {
  await page.goto("/latest");
  const href = await page.getByRole("link", { name: title, exact: true }).getAttribute("href");
  expect(href).toMatch(/^\/t\/[a-z0-9-]+\/\d+$/);
  return href!;
}

const discussionsNavItem = (page: Page) =>
  page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Discussions" });

describe.skipIf(!browserAvailable)("discussions", () => {
  it("lists the topics on /latest with the most recent activity first", async () => {
    const page = await browser.newPage();
    await page.goto("/latest");

    expect(await page.title()).toBe("Discussions récentes — CICCLO Interop");
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Discussions récentes");
    const rows = page.getByRole("table", { name: "Sujets classés par dernière activité" }).locator("tbody tr");
    expect(await rows.count()).toBeGreaterThanOrEqual(6);
    const activity = await rows
      .locator("time >> visible=true")
      .evaluateAll((times) => times.map((time) => time.getAttribute("datetime")!));
    const timestamps = activity.map((value) => Date.parse(value));
    expect(timestamps.every((value) => Number.isFinite(value))).toBe(true);
    expect(timestamps).toEqual([...timestamps].sort((a, b) => b - a));
    // Relative dates in French ("avant-hier", "il y a 4 jours"), the exact date one hover away.
    const relativeDates = await rows.locator("time >> visible=true").allInnerTexts();
    expect(
      relativeDates.every((text) =>
        /^(il y a \d+ \p{L}+|hier|avant-hier|la semaine dernière|le mois dernier|à l'instant)$/u.test(text),
      ),
      relativeDates.join(", "),
    ).toBe(true);
    expect(await rows.first().locator("time >> visible=true").getAttribute("title")).toMatch(/\d{4}/);
    expect(await discussionsNavItem(page).getAttribute("aria-current")).toBe("page");

    await waitForInteractive(page);
    await checkAccessibility(page, "latest");
    await screenshot(page, "latest");
    expectNoBrowserProblems(page);
  });

  it("opens a topic from the list without reloading the page", async () => {
    const page = await browser.newPage();
    await page.goto("/latest");
    await waitForInteractive(page);
    // A full page load would wipe this marker: it proves the router navigated on the client.
    await page.evaluate(() => Object.assign(window, { __e2eSamePage: true }));

    // A Ctrl-click is the browser's: the topic opens in a new tab and the list stays.
    const [newTab] = await Promise.all([
      page.context().waitForEvent("page"),
      page.getByRole("link", { name: OGC_TOPIC, exact: true }).click({ modifiers: ["Control"] }),
    ]);
    await newTab.waitForURL(/\/t\/[a-z0-9-]+\/\d+$/);
    await newTab.close();
    expect(new URL(page.url()).pathname).toBe("/latest");

    await page.getByRole("link", { name: OGC_TOPIC, exact: true }).click();
    await page.waitForURL(/\/t\/[a-z0-9-]+\/\d+$/);
    await page.getByRole("heading", { level: 1, name: OGC_TOPIC }).waitFor();

    expect(await page.evaluate(() => (window as { __e2eSamePage?: boolean }).__e2eSamePage)).toBe(true);
    expect(await page.title()).toBe(`${OGC_TOPIC} — CICCLO Interop`);
    expect(await discussionsNavItem(page).getAttribute("aria-current")).toBe("page");
    expectNoBrowserProblems(page);
  });

  it("shows a topic's posts with their Markdown formatting, a breadcrumb and a link to each post", async () => {
    const page = await browser.newPage();
    const path = await topicPath(page, OGC_TOPIC);
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);

    const breadcrumb = page.getByRole("navigation", { name: "vous êtes ici :" });
    expect(await breadcrumb.getByRole("link").allInnerTexts()).toEqual([
      "Accueil",
      "Discussions",
      "Problèmes d'interopérabilité",
    ]);
    expect(await breadcrumb.locator('[aria-current="page"]').innerText()).toBe(OGC_TOPIC);

    const posts = page.locator("main article.post");
    expect(await posts.count()).toBe(3);
    expect(await posts.evaluateAll((articles) => articles.map((article) => article.id))).toEqual([
      "post-1",
      "post-2",
      "post-3",
    ]);
    // Each post is named by its author, for screen-reader users browsing by landmark/article.
    expect(await page.getByRole("article", { name: /Julien Roux/ }).count()).toBeGreaterThanOrEqual(1);

    const first = posts.first();
    expect(await first.locator("strong", { hasText: "Étapes pour reproduire" }).isVisible()).toBe(true);
    const table = first.locator(".post__body table");
    expect(await table.locator("th").allInnerTexts()).toEqual(["Solution", "Version", "Résultat"]);
    expect(await table.locator("tbody tr").count()).toBe(2);
    expect(await first.locator("ol li").count()).toBe(2);
    expect(await first.locator("code", { hasText: "rel=next" }).count()).toBe(1);

    // Each post's number is its permanent address; a reply's "#2" stays on the page.
    expect(await posts.nth(2).getByRole("link", { name: "#3", exact: true }).getAttribute("href")).toMatch(
      /^\/t\/ogc-api-features[^/]*\/\d+\/3#post-3$/,
    );
    const replyTo = posts.nth(2).getByRole("link", { name: "#2", exact: true });
    expect(await replyTo.getAttribute("href")).toBe("#post-2");

    await waitForInteractive(page);
    await checkAccessibility(page, "topic");
    await screenshot(page, "topic");

    await replyTo.click();
    await page.waitForURL(/#post-2$/);
    expect(await posts.nth(1).isVisible()).toBe(true);
    expectNoBrowserProblems(page);
  });

  it("redirects a topic's outdated address to its current one", async () => {
    const page = await browser.newPage();
    const canonical = await topicPath(page, OGC_TOPIC);
    const id = canonical.split("/").pop();

    const response = await page.goto(`/t/ancien-titre-du-sujet/${id}`);
    const redirect = await response?.request().redirectedFrom()?.response();
    expect(redirect?.status()).toBe(301);
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(canonical);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(OGC_TOPIC);
    expectNoBrowserProblems(page);
  });

  it("hides the restricted Sécurité category's topics from anonymous visitors", async () => {
    const page = await browser.newPage();
    await page.goto("/latest");
    const table = page.getByRole("table", { name: "Sujets classés par dernière activité" });
    await table.waitFor();
    expect(await page.getByText(RESTRICTED_TOPIC).count()).toBe(0);
    expect(await table.getByText("Sécurité", { exact: true }).count()).toBe(0);
    expect(await page.locator("main").innerText()).not.toContain("CORS");

    await page.goto("/");
    expect(await page.getByText(RESTRICTED_TOPIC).count()).toBe(0);
    expectNoBrowserProblems(page);
  });
});
