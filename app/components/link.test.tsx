import { describe, expect, it } from "vitest";
import { renderOnPage } from "../../tests/support/static-page";
import { Link } from "./link";

const PREFERENCES = { url: "/u/ana/preferences", route: { path: "u/:username/preferences" } };

describe("Link", () => {
  it("points an in-app path where it says, with its attributes and content", async () => {
    const html = await renderOnPage(
      PREFERENCES.url,
      <Link to="/t/un-sujet/12/4#post-4" className="fr-link" aria-label="Message 4">
        #4
      </Link>,
      PREFERENCES.route,
    );
    expect(html).toContain(
      '<a href="/t/un-sujet/12/4#post-4" data-discover="true" class="fr-link" aria-label="Message 4">#4</a>',
    );
  });

  it("resolves relative paths and search-only links from the page, as Remix's Link does", async () => {
    const html = await renderOnPage(
      PREFERENCES.url,
      <>
        <Link to="security">Sécurité</Link>
        <Link to={{ search: "?flag=3", hash: "post-3" }}>Signaler</Link>
        <Link to="/clauses/export" reloadDocument>
          Export
        </Link>
      </>,
      PREFERENCES.route,
    );
    expect(html).toContain('href="/u/ana/preferences/security"');
    expect(html).toContain('href="/u/ana/preferences?flag=3#post-3"');
    expect(html).toMatch(/<a[^>]*href="\/clauses\/export"[^>]*>Export<\/a>/);
  });

  it("keeps a query of the same page as written, for the browser to resolve against the page", async () => {
    const html = await renderOnPage(PREFERENCES.url, <Link to="?flag=3#post-3">Signaler</Link>, PREFERENCES.route);
    expect(html).toContain('<a href="?flag=3#post-3">Signaler</a>');
  });
});
