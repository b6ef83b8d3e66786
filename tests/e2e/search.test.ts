import { describe, expect, inject, it } from "vitest";
import {
  browserAvailable,
  checkAccessibility,
  expectNoBrowserProblems,
  screenshot,
  useBrowser,
  waitForInteractive,
} from "./browser";

const browser = useBrowser();
const TOPIC = "ProConnect : la déconnexion depuis OneGeo Suite renvoie une erreur Y030111";

/** The server indexes its content in the background at start: wait until a query finds what the test needs. */
async function indexed(query: string, url: RegExp): Promise<void> {
  await expect
    .poll(
      async () => {
        const response = await fetch(`${inject("baseUrl")}/search-suggestions.json?q=${encodeURIComponent(query)}`);
        const { suggestions } = (await response.json()) as { suggestions: { url: string }[] };
        return suggestions.some((suggestion) => url.test(suggestion.url));
      },
      { timeout: 30_000, interval: 250 },
    )
    .toBe(true);
}

describe.skipIf(!browserAvailable)("search", () => {
  it("opens a topic from the header typeahead, with the keyboard only, from a misspelt unaccented word", async () => {
    await indexed("deconexion onegeo", /^\/t\//);
    const page = await browser.newPage();
    await page.goto("/");
    await waitForInteractive(page);

    const box = page.getByRole("combobox", { name: "Rechercher dans CICCLO Interop" });
    await box.focus();
    await box.pressSequentially("deconexion onegeo");
    const listbox = page.getByRole("listbox", { name: "Suggestions" });
    const wanted = listbox.getByRole("option", { name: new RegExp(`Sujet ${TOPIC.slice(0, 30)}`) });
    await wanted.waitFor();
    const options = await listbox.getByRole("option").allInnerTexts();
    expect(options.length).toBeLessThanOrEqual(8);
    expect(await box.getAttribute("aria-expanded")).toBe("true");

    // Escape closes the list, ↓ opens it again on the first suggestion.
    await box.press("Escape");
    expect(await box.getAttribute("aria-expanded")).toBe("false");
    // Its replies match too ("Message …"): the topic itself is the "Sujet" one.
    const position = options.findIndex((text) => text.startsWith(`Sujet ${TOPIC.slice(0, 30)}`));
    for (let step = 0; step <= position; step++) await box.press("ArrowDown");
    expect(await wanted.getAttribute("aria-selected")).toBe("true");
    expect(await box.getAttribute("aria-activedescendant")).toBe(await wanted.getAttribute("id"));

    await Promise.all([page.waitForURL((url) => url.pathname.startsWith("/t/")), box.press("Enter")]);
    await page.getByRole("heading", { level: 1, name: TOPIC }).waitFor();
    expectNoBrowserProblems(page);
  });

  it("finds a clause by one of its parameters from the header's box, and the results page passes axe", async () => {
    await indexed("salariés du secteur privé", /^\/clauses\/connexion-proconnect\//);
    const page = await browser.newPage();
    await page.goto("/clauses");
    await waitForInteractive(page);

    // Enter with no suggestion chosen searches: the results page lists everything found, grouped by type.
    const box = page.getByRole("combobox", { name: "Rechercher dans CICCLO Interop" });
    await box.fill("salariés du secteur privé");
    await Promise.all([
      page.waitForURL((url) => url.pathname === "/search" && url.searchParams.has("q")),
      box.press("Enter"),
    ]);
    await waitForInteractive(page);
    expect(await page.getByRole("status").innerText()).toMatch(/résultats? pour « salariés du secteur privé »/);
    const clauses = page.getByRole("region", { name: "Clauses" });
    const link = clauses.getByRole("link", { name: /Connexion des utilisateurs par ProConnect/ }).first();
    expect(await link.getAttribute("href")).toMatch(/^\/clauses\/connexion-proconnect\/v\//);
    // The matched words are highlighted in the snippet.
    expect(await clauses.locator("mark").count()).toBeGreaterThan(0);
    await checkAccessibility(page, "search-results");
    await screenshot(page, "search-results");

    await Promise.all([
      page.waitForURL((url) => url.pathname.startsWith("/clauses/connexion-proconnect/")),
      link.click(),
    ]);
    await page.getByRole("heading", { level: 1, name: /Connexion des utilisateurs par ProConnect/ }).waitFor();
    expectNoBrowserProblems(page);
  });
});
