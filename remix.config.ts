// The Vite configuration of the Remix app, its build options and the vitest projects, in one file
// (`remix vite:build --config remix.config.ts`; see docs/decisions/003-layout.md).
import { readFile } from "node:fs/promises";
import { vitePlugin as remix } from "@remix-run/dev";
import { transformWithEsbuild, type Plugin } from "vite";
import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export const remixOptions = {
  appDirectory: "app",
  buildDirectory: "build",
  ignoredRouteFiles: ["**/*.test.ts", "**/*.test.tsx"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
  },
};

const MINIFIED_SCRIPT = "?minified-script";

/** `import text from "some/script.js?minified-script"`: the script's text, minified, for an inline <script> that
 * every page carries (`?raw` gives it with its comments and indentation). */
function minifiedScripts(): Plugin {
  return {
    name: "cicclo:minified-script",
    enforce: "pre",
    async resolveId(source, importer) {
      if (!source.endsWith(MINIFIED_SCRIPT)) return null;
      const resolved = await this.resolve(source.slice(0, -MINIFIED_SCRIPT.length), importer, { skipSelf: true });
      return resolved && `${resolved.id}${MINIFIED_SCRIPT}`;
    },
    async load(id) {
      if (!id.endsWith(MINIFIED_SCRIPT)) return null;
      const file = id.slice(0, -MINIFIED_SCRIPT.length);
      const { code } = await transformWithEsbuild(await readFile(file, "utf8"), file, { minify: true, loader: "js" });
      return `export default ${JSON.stringify(code.trim())};`;
    },
  };
}

export default defineConfig({
  plugins: [minifiedScripts(), !process.env.VITEST && remix(remixOptions), tsconfigPaths()],
  build: {
    target: "es2022",
    // DSFR's icon sheet references ~1,500 SVGs: inlined, they would make a 2 MB stylesheet for every page.
    assetsInlineLimit: (file) => (file.endsWith(".svg") ? false : undefined),
  },
  // react-dsfr ships directory imports that Node's ESM loader refuses: let Vite bundle it for the server.
  ssr: { noExternal: ["@codegouvfr/react-dsfr"] },
  server: { port: 3000 },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["app/**/*.test.{ts,tsx}", "scripts/**/*.test.ts", "tests/proconnect-standin/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/worker-database.ts"],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts", "tests/e2e/server-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
