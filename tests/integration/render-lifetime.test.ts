// A page's render must be free to collect once the page is sent. A timer left pending per request (the React stream's
// abort delay) would keep every render of the last seconds in memory: a thousand pages at a busy worker's rate.
import { describe, expect, it } from "vitest";
import { useAppServer } from "../support/app-server";

const baseUrl = useAppServer();

const pendingTimers = () => process.getActiveResourcesInfo().filter((resource) => resource === "Timeout").length;

const CRAWLER = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

async function renderPage(path: string, userAgent = "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0") {
  const response = await fetch(`${baseUrl()}${path}`, { headers: { accept: "text/html", "user-agent": userAgent } });
  expect(response.status).toBe(200);
  return response.text();
}

describe("page rendering", () => {
  it("leaves no timer holding the render once a page is sent", async () => {
    const pages = 20;
    await renderPage("/plan-du-site");
    const before = pendingTimers();
    // Browsers get pages streamed from the shell on, crawlers once everything is rendered: both paths end the render.
    for (let page = 0; page < pages; page++) {
      const html = await renderPage(page % 2 ? "/plan-du-site" : "/latest", page % 4 < 2 ? undefined : CRAWLER);
      expect(html).toContain("</html>");
    }
    // Remix leaves one per page, its loader data encoder's time limit (cleared only if the request is aborted; it
    // holds an AbortController, not the page). A second per page would be the render's.
    expect(pendingTimers() - before).toBeLessThan(pages + 5);
  });
});
