// The patches of scripts/patches (docs/decisions/021 and 022). @remix-run/router caches each route tree's ranked
// branches, each path's regular expression and each absolute link's resolution; @remix-run/react works out a page's
// initial manifest once per pathname; react-router resolves absolute links without serialising the route matches;
// react-dom's server renderer encodes its output a few kilobytes at a time instead of one tag at a time, and a long
// piece (a cached fragment) on its own. What must not change: which route a URL matches, including after a tree is
// patched in place (lazy route discovery adds children to an existing tree), which routes a page's initial manifest
// names, where a link points, and the HTML a page sends.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { PassThrough } from "node:stream";
import type * as RemixRouter from "@remix-run/router";
import type * as ReactNamespace from "react";
import type * as ReactDomServer from "react-dom/server";
import type * as ReactRouter from "react-router";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);

// The server's copy: the CommonJS build is the one Node loads, and the one the patch changes.
const router = require("@remix-run/router") as typeof RemixRouter;

const ids = (matches: { route: { id?: string } }[] | null) => matches?.map((match) => match.route.id) ?? null;

describe("patched @remix-run/router", () => {
  it("is the patched build (npm ci applies scripts/patches through postinstall)", () => {
    const file = createRequire(import.meta.url).resolve("@remix-run/router");
    expect(file).toMatch(/router\.cjs\.js$/);
    const source = readFileSync(file, "utf8");
    expect(source).toContain("function rankedBranchesOf(routes)");
    expect(source).toContain("const compiledPathsCache = new Map()");
    expect(source).toContain("const resolvedAbsolutePaths = new Map()");
  });

  it("resolves links as before: absolute ones the same from anywhere, relative ones from the route", () => {
    for (let round = 0; round < 3; round++) {
      expect(router.resolveTo("/t/un-sujet/12?replyTo=3#composer", ["/", "/latest"], "/latest")).toEqual({
        pathname: "/t/un-sujet/12",
        search: "?replyTo=3",
        hash: "#composer",
      });
      expect(router.resolveTo("/a/./b/../c/", [], "/x")).toEqual({ pathname: "/a/c/", search: "", hash: "" });
      expect(router.resolveTo("edit", ["/", "/posts/5"], "/posts/5")).toEqual({
        pathname: "/posts/5/edit",
        search: "",
        hash: "",
      });
      expect(router.resolveTo("..", ["/", "/u/ana", "/u/ana/preferences"], "/u/ana/preferences").pathname).toBe(
        "/u/ana",
      );
      expect(router.resolveTo("?flag=2", ["/", "/t/s/1"], "/t/s/1")).toEqual({
        pathname: "/t/s/1",
        search: "?flag=2",
        hash: "",
      });
    }
    // Each caller gets its own copy: the router completes some paths it is given.
    const first = router.resolveTo("/latest", [], "/");
    first.search = "?changed";
    expect(router.resolveTo("/latest", [], "/").search).toBe("");
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

  it("gives each caller its own matches, so that changing one does not change the next", () => {
    const routes = [{ id: "root", path: "/", children: [{ id: "topic", path: "t/:slug/:id" }] }];
    const first = router.matchRoutes(routes, "/t/un-sujet/12") ?? [];
    (first.at(-1)?.params as Record<string, string>).slug = "changed";
    first.pop();
    const second = router.matchRoutes(routes, "/t/un-sujet/12") ?? [];
    expect(ids(second)).toEqual(["root", "topic"]);
    expect(second.at(-1)?.params).toEqual({ slug: "un-sujet", id: "12" });
    expect(second.at(-1)?.pathname).toBe("/t/un-sujet/12");
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

describe("patched react-router-dom: the server's static router", () => {
  type StaticRouterModule = {
    createStaticRouter: (
      routes: unknown[],
      context: { matches: { route: { id: string } }[]; location: unknown; loaderData: unknown },
    ) => {
      routes: { id: string; children?: unknown[] }[];
      state: { matches: { route: { id: string; hasErrorBoundary?: boolean } }[] };
    };
  };
  const file = require.resolve("react-router-dom/server");
  const { createStaticRouter } = require(file) as StaticRouterModule;

  it("is the patched build", () => {
    expect(readFileSync(file, "utf8")).toContain("let dataRoutesCache = new WeakMap()");
  });

  it("converts a route tree once, and still takes each request's matches", () => {
    const routes = [
      {
        id: "root",
        path: "/",
        children: [
          { id: "latest", path: "latest" },
          { id: "topic", path: "t/:id" },
        ],
      },
    ];
    const contextAt = (matched: string[]) => ({
      matches: matched.map((id) => ({ route: { id } })),
      location: { pathname: "/" },
      loaderData: {},
    });
    const latest = createStaticRouter(routes, contextAt(["root", "latest"]));
    const topic = createStaticRouter(routes, contextAt(["root", "topic"]));
    expect(topic.routes).toBe(latest.routes);
    expect(latest.state.matches.map((match) => match.route.id)).toEqual(["root", "latest"]);
    expect(topic.state.matches.map((match) => match.route.id)).toEqual(["root", "topic"]);
    // The matches carry the converted routes (with React Router's properties), not the ones given.
    expect(topic.state.matches.at(-1)?.route).toBe(topic.routes.at(0)?.children?.at(1));
    expect(topic.state.matches.at(-1)?.route.hasErrorBoundary).toBe(false);
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
    // RemixServer builds the server routes once per build (checked end to end by every page the tests render).
    expect(readFileSync(require.resolve("@remix-run/react/dist/server.js"), "utf8")).toContain(
      "function serverRoutesOf(manifestRoutes, routeModules, future, isSpaMode)",
    );
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

describe("patched react-router: where links point", () => {
  // The production build is the one the server runs (NODE_ENV=production) and the one the patch changes.
  const path = require.resolve("react-router/dist/umd/react-router.production.min.js");
  const reactRouter = require(path) as typeof ReactRouter;
  const React = require("react") as typeof ReactNamespace;
  const { renderToString } = require("react-dom/server") as typeof ReactDomServer;

  it("is the patched build", () => {
    expect(readFileSync(path, "utf8")).toContain('c="string"==typeof e&&"/"===e[0]&&"/"!==e[1]');
  });

  it("gives absolute and relative links the same href as before, in a nested route", () => {
    const { MemoryRouter, Routes, Route, useHref } = reactRouter;
    const Hrefs = () =>
      React.createElement(
        "p",
        null,
        ["/latest", "/t/un-sujet/12/4#post-4", "edit", "..", "?flag=3", "//cdn.example/x"]
          .map((to) => useHref(to))
          .join(" "),
      );
    const html = renderToString(
      React.createElement(
        MemoryRouter,
        { initialEntries: ["/posts/5/revisions"] },
        React.createElement(
          Routes,
          null,
          React.createElement(
            Route,
            { path: "posts/:id" },
            React.createElement(Route, { path: "revisions", element: React.createElement(Hrefs) }),
          ),
        ),
      ),
    );
    expect(html).toBe(
      "<p>/latest /t/un-sujet/12/4#post-4 /posts/5/revisions/edit /posts/5 /posts/5/revisions?flag=3 //cdn.example/x</p>",
    );
  });
});

describe("patched react-dom: the server renderer's output", () => {
  // Not among react-dom's "exports": found beside its package.json.
  const path = require
    .resolve("react-dom/package.json")
    .replace(/package\.json$/, "cjs/react-dom-server.node.production.min.js");
  const server = require(path) as typeof ReactDomServer;
  const React = require("react") as typeof ReactNamespace;
  // The reference: React's string renderer, which the patch does not touch.
  const { renderToString } = require("react-dom/server") as typeof ReactDomServer;

  it("is the patched build", () => {
    expect(readFileSync(path, "utf8")).toContain("function flushText(a)");
  });

  /** What the streaming renderer writes for a page, write by write. */
  async function streamedWrites(page: ReactNamespace.ReactElement): Promise<Buffer[]> {
    const writes: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      const stream = server.renderToPipeableStream(page, {
        onAllReady() {
          const sink = new PassThrough();
          sink.on("data", (chunk: Buffer) => writes.push(chunk));
          sink.on("end", resolve);
          stream.pipe(sink);
        },
        onError: reject,
      });
    });
    return writes;
  }

  it("streams the same HTML as a string render, in a few large writes", async () => {
    // About 90 KB: accents, non-Latin text and emoji straddle the points where the output is cut into chunks.
    const page = React.createElement(
      "main",
      { className: "fr-container", style: { marginTop: 8 } },
      Array.from({ length: 600 }, (_, index) =>
        React.createElement(
          "article",
          { key: index, id: `post-${index}`, "data-note": `« ${index} » & <x>` },
          React.createElement("h2", null, `Message n° ${index} — géodonnées 東京 🗺️`),
          React.createElement("div", { dangerouslySetInnerHTML: { __html: `<p>Corps <b>${index}</b> é</p>` } }),
        ),
      ),
    );
    const writes = await streamedWrites(page);
    const streamed = Buffer.concat(writes).toString("utf8");
    expect(streamed).toBe(renderToString(page));
    expect(streamed.length).toBeGreaterThan(80_000);
    // Unpatched, React writes 2 KB pieces (48 here), and where a multi-byte character does not fit at a piece's end
    // it sends the piece's unused byte too: a NUL in the page (React 18.3.1). Patched: pieces of 8,192 characters
    // or more, each encoded whole.
    expect(writes.length).toBeLessThan(20);
  });

  it("encodes a long piece of HTML on its own, after what came before it", async () => {
    // A cached page of posts (app/components/cached-fragment.tsx): 40,000 characters in one string, after a header
    // with a character beyond Latin-1. Encoded with that header, the whole would first be widened to two bytes a
    // character, two to three times slower (scripts/bench/string-encoding.ts).
    const fragment = `<p>Réponse &amp; suite</p>`.repeat(1_600);
    const page = React.createElement(
      "main",
      null,
      React.createElement("header", null, "Rechercher… — 東京 🗺️"),
      React.createElement("div", { dangerouslySetInnerHTML: { __html: fragment } }),
      React.createElement("footer", null, "Fin « é »"),
    );
    const writes = await streamedWrites(page);
    expect(Buffer.concat(writes).toString("utf8")).toBe(renderToString(page));
    expect(writes.map((chunk) => chunk.toString("utf8"))).toContain(fragment);
  });

  it("ends its stream once: a finished render is closed, and aborting it later writes nothing", async () => {
    const sink = new PassThrough();
    let ends = 0;
    const end = sink.end.bind(sink);
    sink.end = ((...args: Parameters<typeof sink.end>) => {
      ends++;
      return end(...args);
    }) as typeof sink.end;
    sink.resume();
    const stream = server.renderToPipeableStream(React.createElement("p", null, "Fini."), {
      onAllReady: () => stream.pipe(sink),
    });
    await new Promise((resolve) => sink.once("close", resolve));
    // Unpatched (React 18.3.1), the destination's own "close" aborts the finished render, which ends it again: Node
    // then builds an ERR_STREAM_ALREADY_FINISHED error, stack trace included, for every page.
    stream.abort();
    await new Promise((resolve) => setImmediate(resolve));
    expect(ends).toBe(1);
  });
});

describe("patched @prisma/adapter-better-sqlite3: statements prepared once", () => {
  it("is the patched build", () => {
    const file = require.resolve("@prisma/adapter-better-sqlite3");
    expect(readFileSync(file, "utf8")).toContain("function preparedStatement(client, sql)");
    expect(readFileSync(file.replace(/\.js$/, ".mjs"), "utf8")).toContain("function preparedStatement(client, sql)");
  });

  it("runs a statement again with each call's own values, for reads and writes", async () => {
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    const adapter = await new PrismaBetterSQLite3({ url: ":memory:" }).connect();
    const int = { scalarType: "int", arity: "scalar" } as const;
    const text = { scalarType: "string", arity: "scalar" } as const;
    const run = (sql: string, args: unknown[], argTypes: unknown[]) =>
      adapter.executeRaw({ sql, args, argTypes } as Parameters<typeof adapter.executeRaw>[0]);
    const read = (sql: string, args: unknown[], argTypes: unknown[]) =>
      adapter.queryRaw({ sql, args, argTypes } as Parameters<typeof adapter.queryRaw>[0]);
    try {
      await run('CREATE TABLE "Topic" ("id" INTEGER PRIMARY KEY, "title" TEXT)', [], []);
      for (const [id, title] of [
        [1, "Pagination OGC"],
        [2, "Connexion ProConnect"],
        [3, "Schéma Validata"],
      ] as const) {
        expect(await run('INSERT INTO "Topic" VALUES (?, ?)', [id, title], [int, text])).toBe(1);
      }
      const titleOf = async (id: number) =>
        (await read('SELECT "title" FROM "Topic" WHERE "id" = ?', [id], [int])).rows.map((row) => row[0]);
      expect(await titleOf(2)).toEqual(["Connexion ProConnect"]);
      expect(await titleOf(3)).toEqual(["Schéma Validata"]);
      expect(await titleOf(9)).toEqual([]);
      expect(await run('UPDATE "Topic" SET "title" = ? WHERE "id" = ?', ["Pagination", 1], [text, int])).toBe(1);
      expect(await titleOf(1)).toEqual(["Pagination"]);
    } finally {
      await adapter.dispose();
    }
  });
});
