import { Outlet } from "@remix-run/react";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { InAppNavigation } from "./in-app-navigation";
import { Link } from "./link";

/** Renders links on a page at /u/ana/preferences as the server does, with the navigation the root layout provides. */
async function renderAt(links: JSX.Element) {
  const handler = createStaticHandler([
    {
      path: "/",
      element: (
        <InAppNavigation>
          <Outlet />
        </InAppNavigation>
      ),
      children: [{ path: "u/:username/preferences", element: links }],
    },
  ]);
  const context = await handler.query(new Request("http://localhost/u/ana/preferences"));
  if (context instanceof Response) throw new Error("unexpected response");
  return renderToString(
    <StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />,
  );
}

describe("Link", () => {
  it("points an in-app path where it says, with its attributes and content", async () => {
    const html = await renderAt(
      <Link to="/t/un-sujet/12/4#post-4" className="fr-link" aria-label="Message 4">
        #4
      </Link>,
    );
    expect(html).toContain(
      '<a href="/t/un-sujet/12/4#post-4" data-discover="true" class="fr-link" aria-label="Message 4">#4</a>',
    );
  });

  it("resolves relative paths and search-only links from the page, as Remix's Link does", async () => {
    const html = await renderAt(
      <>
        <Link to="security">Sécurité</Link>
        <Link to={{ search: "?flag=3", hash: "post-3" }}>Signaler</Link>
        <Link to="/clauses/export" reloadDocument>
          Export
        </Link>
      </>,
    );
    expect(html).toContain('href="/u/ana/preferences/security"');
    expect(html).toContain('href="/u/ana/preferences?flag=3#post-3"');
    expect(html).toMatch(/<a[^>]*href="\/clauses\/export"[^>]*>Export<\/a>/);
  });
});
