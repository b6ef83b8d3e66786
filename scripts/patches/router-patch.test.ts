// The patch of @remix-run/router (scripts/patches, docs/decisions/021) caches each route tree's ranked branches and
// each path's regular expression. What must not change: which route a URL matches, including after a tree is
// patched in place (lazy route discovery adds children to an existing tree).
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
