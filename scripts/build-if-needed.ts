import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(target).map((entry) => newestMtime(path.join(target, entry))));
}

/** Runs the production build when build/ is missing or older than a source file. Returns whether it built. */
export function buildIfNeeded(): boolean {
  const output = path.join(root, "build/server/index.js");
  const sources = ["app", "remix.config.ts", "package-lock.json"].map((entry) => path.join(root, entry));
  if (existsSync(output) && statSync(output).mtimeMs >= Math.max(...sources.map(newestMtime))) return false;
  execFileSync(path.join(root, "node_modules/.bin/remix"), ["vite:build", "--config", "remix.config.ts"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    // Under vitest the config leaves the Remix plugin out; the build needs it back.
    env: { ...process.env, NODE_ENV: "production", VITEST: undefined, VITEST_MODE: undefined },
  });
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  console.log(buildIfNeeded() ? "Built." : "Build is up to date.");
