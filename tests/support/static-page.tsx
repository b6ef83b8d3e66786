import { Outlet } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { InAppNavigation } from "~/components/in-app-navigation";

/** Renders `element` as the server renders a page at `url` (matched by `route`), inside the router functions the
 * root layout provides: for components that read the router (links, forms). */
export async function renderOnPage(
  url: string,
  element: JSX.Element,
  route: { path: string } | { index: true },
): Promise<string> {
  const handler = createStaticHandler([
    {
      path: "/",
      element: (
        <InAppNavigation>
          <Outlet />
        </InAppNavigation>
      ),
      children: [{ ...route, element } as never],
    },
  ]);
  const context = await handler.query(new Request(`http://localhost${url}`));
  if (context instanceof Response) throw new Error(`${url} answered ${context.status}, not a page`);
  return renderToString(
    <StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />,
  );
}
