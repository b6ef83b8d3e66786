import { Outlet } from "@remix-run/react";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Form, usePageAction } from "./form";
import { InAppNavigation } from "./in-app-navigation";

/** Renders forms on a page at `url` as the server does, with the router functions the root layout provides. */
async function renderAt(url: string, forms: JSX.Element, route: { path?: string; index?: boolean }) {
  const handler = createStaticHandler([
    {
      path: "/",
      element: (
        <InAppNavigation>
          <Outlet />
        </InAppNavigation>
      ),
      children: [{ ...route, element: forms } as never],
    },
  ]);
  const context = await handler.query(new Request(`http://localhost${url}`));
  if (context instanceof Response) throw new Error("unexpected response");
  return renderToString(
    <StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />,
  );
}

function PageForm() {
  return (
    <Form method="post" action={usePageAction()} className="fr-mt-1w" aria-label="Réactions">
      <button type="submit" name="kind" value="+1">
        D&apos;accord
      </button>
    </Form>
  );
}

describe("Form", () => {
  it("posts to an in-app path as a plain form, with its attributes and content", async () => {
    const html = await renderAt("/t/un-sujet/12?flag=3", <PageForm />, { path: "t/:slug/:id" });
    expect(html).toContain(
      '<form method="post" action="/t/un-sujet/12?flag=3" data-discover="true" class="fr-mt-1w" aria-label="Réactions">' +
        '<button type="submit" name="kind" value="+1">D&#x27;accord</button></form>',
    );
  });

  it("gives a form without action the page's path, as Remix's Form does, including an index route's ?index", async () => {
    const onTopic = await renderAt("/t/un-sujet/12?flag=3", <Form method="post">x</Form>, { path: "t/:slug/:id" });
    expect(onTopic).toMatch(/<form method="post" action="\/t\/un-sujet\/12\?flag=3"/);
    const onIndex = await renderAt("/", <Form method="post">x</Form>, { index: true });
    expect(onIndex).toMatch(/<form method="post" action="\/\?index"/);
  });

  it("leaves forms that reload the document or go elsewhere to the browser", async () => {
    const html = await renderAt(
      "/u/ana",
      <>
        <Form method="post" action="/logout" reloadDocument>
          Se déconnecter
        </Form>
        <Form method="get" action="https://validata.fr/validate">
          Valider
        </Form>
      </>,
      { path: "u/:username" },
    );
    expect(html).toMatch(/<form method="post" action="\/logout">Se déconnecter<\/form>/);
    expect(html).toMatch(/<form method="get" action="https:\/\/validata.fr\/validate">Valider<\/form>/);
  });
});
