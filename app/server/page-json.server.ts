// Every page also answers JSON, as Discourse's do: `/path.json`, or any page URL asked with
// `Accept: application/json`. The answer is the page's own loader data, produced by the same loader with the same
// permission checks, so the HTML page and its JSON never disagree and nothing private leaks through one of them.
// Routes that define a JSON shape of their own (Discourse's `/latest.json`, `/t/:id.json`…) keep it: they are
// matched first, by a `.json` in their path.
import { matchRoutes } from "@remix-run/react";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { discourseErrorJson, domainErrorJson } from "~/domain/forum/discourse-json";
import { DomainError } from "~/domain/shared/errors";

type RouteObject = Parameters<typeof matchRoutes>[0][number];
type LoaderModule = {
  loader?: (args: { request: Request; params: Record<string, string | undefined>; context: AppLoadContext }) => unknown;
};

interface PageJsonOptions {
  build: ServerBuild;
  loadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
}

/** Express middleware answering page JSON; everything else goes on to Remix. */
export function pageJsonMiddleware({ build, loadContext }: PageJsonOptions) {
  const tree = routeTree(build.routes);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const suffixed = req.path.endsWith(".json");
    if (!suffixed && !prefersJson(req.headers.accept)) return next();
    const pagePath = suffixed ? req.path.slice(0, -".json".length) || "/" : req.path;
    if (suffixed && hasOwnJsonRoute(tree, req.path)) return next();
    const matches = matchRoutes(tree, pagePath === "/index" ? "/" : pagePath);
    const leaf = matches?.at(-1);
    if (!leaf) return next();
    const module = build.routes[leaf.route.id!]?.module as LoaderModule | undefined;
    try {
      const search = req.originalUrl.includes("?") ? req.originalUrl.slice(req.originalUrl.indexOf("?")) : "";
      const request = new Request(`${req.protocol}://${req.get("host")}${pagePath}${search}`, {
        headers: fetchHeaders(req),
      });
      const result = module?.loader
        ? await module.loader({ request, params: leaf.params, context: loadContext(req, res) })
        : {};
      await sendLoaderResult(res, result);
    } catch (thrown) {
      try {
        await sendRefusal(res, thrown);
      } catch (error) {
        next(error);
      }
    }
  };
}

function routeTree(routes: ServerBuild["routes"], parentId?: string): RouteObject[] {
  return Object.values(routes)
    .filter((route) => route!.parentId === parentId)
    .map((route) =>
      route!.index
        ? { id: route!.id, index: true, path: route!.path }
        : {
            id: route!.id,
            path: route!.path,
            caseSensitive: route!.caseSensitive,
            children: routeTree(routes, route!.id),
          },
    );
}

function hasOwnJsonRoute(tree: RouteObject[], path: string): boolean {
  const leaf = matchRoutes(tree, path)?.at(-1);
  return Boolean(leaf?.route.path?.includes(".json"));
}

/** Browsers put text/html first; API clients that want JSON put it first. */
function prefersJson(accept: string | undefined): boolean {
  return (accept ?? "").split(",")[0]!.trim().startsWith("application/json");
}

function fetchHeaders(req: ExpressRequest): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  return headers;
}

interface DataWithInit {
  type: "DataWithResponseInit";
  data: unknown;
  init: ResponseInit | null;
}

const isDataWithInit = (value: unknown): value is DataWithInit =>
  typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";

async function sendLoaderResult(res: ExpressResponse, result: unknown): Promise<void> {
  if (result instanceof Response) return sendResponse(res, result);
  const [status, body] = isDataWithInit(result) ? [result.init?.status ?? 200, result.data] : [200, result];
  res
    .status(status)
    .type("application/json")
    .send(JSON.stringify(body ?? null));
}

async function sendRefusal(res: ExpressResponse, thrown: unknown): Promise<void> {
  if (thrown instanceof DomainError) {
    res.status(thrown.status).json(domainErrorJson(thrown));
    return;
  }
  if (thrown instanceof Response && thrown.status >= 300 && thrown.status < 400) {
    const location = thrown.headers.get("location") ?? "";
    // A page that asks to sign in answers an API client with Discourse's 403, not a login form.
    if (location.startsWith("/login")) {
      res.status(403).json(discourseErrorJson(403, ["Connectez-vous pour consulter cette page."]));
      return;
    }
    // Same-site redirects (a topic's canonical slug…) lead to the JSON of the target page.
    res.redirect(thrown.status, location.startsWith("/") ? jsonUrlOf(location) : location);
    return;
  }
  if (thrown instanceof Response && thrown.status >= 400) {
    const message = (await thrown.text()) || "Requête refusée.";
    res.status(thrown.status).json(discourseErrorJson(thrown.status, [message]));
    return;
  }
  throw thrown;
}

async function sendResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.status(response.status);
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  res.send(Buffer.from(await response.arrayBuffer()));
}

function jsonUrlOf(location: string): string {
  const url = new URL(location, "http://local");
  return `${url.pathname === "/" ? "/index" : url.pathname}.json${url.search}`;
}
