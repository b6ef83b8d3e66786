// The tracker's links in a real browser: a "#N" reference becomes a backlink on N, a maintainer closes a topic as a
// duplicate and it points at the kept one, and a filter URL survives a round trip through the chips.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  browserAvailable,
  checkAccessibility,
  expectNoBrowserProblems,
  useBrowser,
  waitForInteractive,
} from "./browser";

const browser = useBrowser();

const RUN = Date.now().toString(36);
// A category without a report form: these tests are about links, not about filing reports.
const CATEGORY = "Clausier CCTP";
const TARGET = "OGC API Features : le lien « next » de geOrchestra perd le paramètre bbox";

async function signedInPage(name: RegExp, returnTo: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByRole("button", { name }).click();
  await page.waitForURL((url) => `${url.pathname}${url.search}` === returnTo);
  return page;
}

async function targetTopic(page: Page): Promise<{ path: string; id: number }> {
  await page.goto("/latest");
  const href = (await page.getByRole("link", { name: TARGET, exact: true }).getAttribute("href"))!;
  return { path: href, id: Number(href.split("/").at(-1)) };
}

async function writeTopic(page: Page, title: string, raw: string): Promise<string> {
  await page.goto("/new-topic");
  await waitForInteractive(page);
  await page.getByLabel("Catégorie").selectOption({ label: CATEGORY });
  await page.getByLabel(/^Titre/).fill(title);
  await page.getByRole("textbox", { name: /^Message/ }).fill(raw);
  await page.getByRole("button", { name: "Publier le sujet" }).click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  return new URL(page.url()).pathname;
}

const topicRows = async (page: Page) =>
  (await page.locator("main table tbody tr").count()) === 0
    ? [await page.locator("main").getByText("Aucun sujet pour le moment.").innerText()]
    : page.locator("main table tbody tr a[href^='/t/']").allInnerTexts();

describe.skipIf(!browserAvailable)("tracker references", () => {
  it("turns “voir #N” into a link and shows the backlink on topic N", async () => {
    const page = await signedInPage(/Claire Martin/, "/latest");
    const target = await targetTopic(page);
    const title = `Pagination : même symptôme côté client (${RUN})`;
    const sourcePath = await writeTopic(page, title, `Même cause, voir #${target.id} pour le détail.`);
    const sourceId = Number(sourcePath.split("/").at(-1));
    const link = page.locator(".post__body").getByRole("link", { name: `#${target.id}`, exact: true });
    expect(await link.getAttribute("href")).toBe(target.path);

    await link.click();
    await page.waitForURL((url) => url.pathname === target.path);
    const backlink = page.getByRole("link", { name: `Mentionné dans #${sourceId} « ${title} »` });
    await backlink.waitFor();
    await waitForInteractive(page);
    await checkAccessibility(page, "topic-with-backlinks");
    expectNoBrowserProblems(page);
  });

  it("lets a maintainer close a topic as a duplicate, which then points at the kept topic", async () => {
    const page = await signedInPage(/Karim Haddad/, "/latest");
    // Its own kept topic: the demo topics stay as other tests expect them.
    const keptTitle = `Le lien next perd bbox, sujet de référence (${RUN})`;
    const keptPath = await writeTopic(page, keptTitle, "Le sujet où la discussion continue.");
    const keptId = Number(keptPath.split("/").at(-1));
    await writeTopic(page, `Le lien next perd bbox (${RUN})`, "Signalé de nouveau par un utilisateur.");
    await waitForInteractive(page);
    await page.getByText("Lier ce sujet à un autre").click();
    await page.getByLabel(/^Doublon de/).fill(`#${keptId}`);
    await page.getByRole("button", { name: "Fermer comme doublon" }).click();

    const notice = page.getByRole("region", { name: "Sujet en doublon" });
    await notice.getByText(`Ce sujet est un doublon de #${keptId} « ${keptTitle} »`).waitFor();
    await waitForInteractive(page);
    await checkAccessibility(page, "duplicate-notice");
    await notice.getByRole("link", { name: "Aller au sujet" }).click();
    await page.waitForURL((url) => url.pathname === keptPath);
    expectNoBrowserProblems(page);
  });

  it("reproduces a filtered list from its URL after a round trip through the chips", async () => {
    const page = await browser.newPage();
    const query = "status:confirmed solution:georchestra";
    await page.goto(`/latest?q=${encodeURIComponent(query)}`);
    await waitForInteractive(page);
    expect(await page.getByLabel("Filtrer les sujets").inputValue()).toBe(query);
    const before = await topicRows(page);

    const chips = page.getByRole("list", { name: "Filtres rapides" });
    await chips.getByRole("link", { name: "Confirmé" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "solution:georchestra");
    await expect.poll(() => chips.getByRole("link", { name: "Confirmé" }).getAttribute("aria-current")).toBeNull();
    await chips.getByRole("link", { name: "Confirmé" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "solution:georchestra status:confirmed");
    // The URL changes as the navigation commits; the page renders its new data just after.
    await expect.poll(() => chips.getByRole("link", { name: "Confirmé" }).getAttribute("aria-current")).toBe("true");
    await expect.poll(() => topicRows(page)).toEqual(before);

    // A tag filter with topics: the votes chip adds order:votes and keeps the same topics.
    await page.goto(`/latest?q=${encodeURIComponent("tag:pagination")}`);
    await waitForInteractive(page);
    const tagged = await topicRows(page);
    expect(tagged.length).toBeGreaterThan(0);
    await chips.getByRole("link", { name: "Les plus votés" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "tag:pagination order:votes");
    await expect.poll(async () => (await topicRows(page)).sort()).toEqual([...tagged].sort());
    await checkAccessibility(page, "filtered-latest");
    expectNoBrowserProblems(page);
  });
});
