import { describe, expect, it } from "vitest";
import { browserAvailable, browserProblems, expectNoBrowserProblems, useBrowser } from "./browser";

const browser = useBrowser();

describe.skipIf(!browserAvailable)("Content-Security-Policy in the browser", () => {
  it("refuses to run scripts slipped into a page without the response's nonce", async () => {
    const page = await browser.newPage();
    // What a stored XSS would look like: the server's real answer and headers, with an inline script and an inline
    // event handler added to the HTML.
    await page.route("**/latest", async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(
        "</body>",
        `<script>window.__e2eInjected = "script";</script><img src="/e2e-missing.png" alt="" onerror="window.__e2eInjected = 'handler'"></body>`,
      );
      await route.fulfill({ response, body: html });
    });
    await page.goto("/latest");
    await page.getByRole("heading", { level: 1, name: "Discussions récentes" }).waitFor();
    // Both are reported, by the securitypolicyviolation event (with the directive) and in the console.
    await expect
      .poll(() =>
        browserProblems(page)
          .cspViolations.filter((entry) => entry.startsWith("event:"))
          .sort(),
      )
      .toEqual([
        expect.stringMatching(/^event: script-src-attr blocked/),
        expect.stringMatching(/^event: script-src-elem blocked/),
      ]);
    expect(browserProblems(page).cspViolations.some((entry) => /^console: .*Content Security Policy/.test(entry))).toBe(
      true,
    );

    expect(await page.evaluate(() => (window as { __e2eInjected?: string }).__e2eInjected)).toBeUndefined();
    expect(() => expectNoBrowserProblems(page)).toThrow(/Content-Security-Policy violations/);
  });
});
