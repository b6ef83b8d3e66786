// The patches of scripts/patches (docs/decisions/021). @remix-run/router caches each route tree's ranked branches and
// each path's regular expression; @remix-run/react works out a page's initial manifest once per pathname. What must
// not change: which route a URL matches, including after a tree is patched in place (lazy route discovery adds
// children to an existing tree), and which routes a page's initial manifest names.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type * as RemixRouter from "@remix-run/router";
import { describe, expect, it } from "vitest";

// The server's copy: the CommonJS build is the one Node loads, and the one the patch changes.
const router = createRequire(import.meta.url)("@remix-run/router") as typeof RemixRouter;

const ids = (matches: { route: { id?: string } }[] | null) => matches?.map((match) => match.route.id) ?? null;

describe("patched @remix-run/router", () => {
  it("is the patched build (npm ci applies scripts/patches through postinstall)", () => {
    const file = createRequire(import.meta.url).resolve("@remix-run/router");
    expect(file).toMatch(/router\.cjs\.js$/);
    const source = readFileSync(file, "utf8");
    expect(source).toContain("function rankedBranchesOf(routes)");
    expect(source).toContain("const compiledPathsCache = new Map()");
  });

  it("matches as before, every time, ranking static segments above parameters", () => {
    const routes = [
      {
        id: "root",
        path: "/",
        children: [
          { id: "topic", path: "t/:slug/:id" },
          { id: "topic-post", path: "t/:slug/:id/:postNumber" },
          { id: "new-topic", path: "t/new" },
          { id: "splat", path: "*" },
        ],
      },
    ];
    for (let round = 0; round < 3; round++) {
      expect(ids(router.matchRoutes(routes, "/t/new"))).toEqual(["root", "new-topic"]);
      expect(ids(router.matchRoutes(routes, "/t/a-topic/12"))).toEqual(["root", "topic"]);
      expect(router.matchRoutes(routes, "/t/a-topic/12/3")?.at(-1)?.params).toEqual({
        slug: "a-topic",
        id: "12",
        postNumber: "3",
      });
      expect(ids(router.matchRoutes(routes, "/T/NEW"))).toEqual(["root", "new-topic"]);
      expect(ids(router.matchRoutes(routes, "/anything/else"))).toEqual(["root", "splat"]);
    }
    expect(router.matchPath({ path: "/t/:id", end: false }, "/t/5/more")?.params).toEqual({ id: "5" });
    expect(router.matchPath({ path: "/t/:id" }, "/t/5/more")).toBeNull();
    expect(router.matchPath({ path: "/T/:id", caseSensitive: true }, "/t/5")).toBeNull();
  });

  it("sees children patched into a tree after it was first matched", async () => {
    const memoryRouter = router.createRouter({
      routes: [{ id: "root", path: "/", children: [] }],
      history: router.createMemoryHistory(),
    });
    expect(ids(router.matchRoutes(memoryRouter.routes, "/conformance"))).toBeNull();
    memoryRouter.patchRoutes("root", [{ id: "conformance", path: "conformance" }]);
    expect(ids(router.matchRoutes(memoryRouter.routes, "/conformance"))).toEqual(["root", "conformance"]);
    memoryRouter.dispose();
  });
});

describe("patched @remix-run/react: a page's initial manifest", () => {
  type PartialManifest = (manifest: unknown, router: unknown) => { routes: Record<string, unknown> };
  const file = createRequire(import.meta.url).resolve("@remix-run/react/dist/fog-of-war.js");
  const { getPartialManifest } = createRequire(import.meta.url)(file) as { getPartialManifest: PartialManifest };
  const routes = [
    {
      id: "root",
      path: "",
      children: [
        { id: "home", index: true },
        { id: "topics-layout", path: "t", children: [{ id: "topic", path: ":slug/:id" }] },
        { id: "latest", path: "latest" },
      ],
    },
  ];
  const manifestOf = () => ({
    version: "1",
    routes: Object.fromEntries(["root", "home", "topics-layout", "topic", "latest"].map((id) => [id, { id }])),
  });
  const serverRouterAt = (pathname: string, matched: string[]) => ({
    routes,
    basename: "/",
    state: { location: { pathname }, matches: matched.map((id) => ({ route: { id } })) },
  });

  it("is the patched build", () => {
    expect(readFileSync(file, "utf8")).toContain("function partialManifestRouteIdsOf(router$1)");
  });

  it("names the page's routes and its parents' index routes, the same on every render", () => {
    const manifest = manifestOf();
    for (let render = 0; render < 3; render++) {
      const partial = getPartialManifest(
        manifest,
        serverRouterAt("/t/un-sujet/12", ["root", "topics-layout", "topic"]),
      );
      expect(Object.keys(partial.routes).sort()).toEqual(["home", "root", "topic", "topics-layout"]);
    }
    const latest = getPartialManifest(manifest, serverRouterAt("/latest", ["root", "latest"]));
    expect(Object.keys(latest.routes).sort()).toEqual(["home", "latest", "root"]);
  });
});
