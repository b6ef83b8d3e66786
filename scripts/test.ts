// `npm test`: every suite, in one vitest run: unit, integration (built app over HTTP, real database) and, when
// Chromium is installed, the browser tests. Ends with one "N passed, N failed" line for CI logs.
// `npm test -- --e2e-only` runs the browser tests alone (npm run test:e2e).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromiumPath } from "../tests/support/chromium";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const e2eOnly = args.includes("--e2e-only");
const passThrough = args.filter((arg) => arg !== "--e2e-only" && arg !== "--no-static");

const browser = chromiumPath();
const projects = e2eOnly ? ["e2e"] : ["unit", "integration", ...(browser ? ["e2e"] : [])];
if (!browser) {
  const message = `Browser tests skipped: no Chromium at ${process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"} (install Debian's "chromium" package or set CHROMIUM_PATH).`;
  if (e2eOnly) {
    console.error(message);
    process.exit(1);
  }
  console.warn(`\n⚠ ${message}\n`);
}

// Static checks first: a type error or a lint finding fails the suite like a failing test would.
if (!e2eOnly && !args.includes("--no-static")) {
  for (const [label, command] of [
    ["typecheck", ["tsc", "--noEmit"]],
    ["lint", ["eslint", ".", "--max-warnings", "0"]],
    ["format", ["prettier", "--check", ".", "--log-level", "warn"]],
  ] as const) {
    const [bin, ...rest] = command;
    const check = spawnSync(path.join(root, "node_modules/.bin", bin), rest, { cwd: root, stdio: "inherit" });
    if (check.status !== 0) {
      console.error(`\n${label} failed: fix it first (npm run ${label === "format" ? "format" : label}).`);
      console.log("0 passed, 1 failed");
      process.exit(1);
    }
    console.log(`✓ ${label}`);
  }
}

const reportFile = path.join(root, "tmp", "vitest-report.json");
mkdirSync(path.dirname(reportFile), { recursive: true });
const database = /^postgres/.test(process.env.DATABASE_URL ?? "") ? "PostgreSQL" : "SQLite";
console.log(`Running ${projects.join(", ")} tests on ${database}.`);
const run = spawnSync(
  path.join(root, "node_modules/.bin/vitest"),
  [
    "run",
    "--config",
    "remix.config.ts",
    ...projects.flatMap((project) => ["--project", project]),
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${reportFile}`,
    ...passThrough,
  ],
  { cwd: root, stdio: "inherit", env: process.env },
);

if (existsSync(reportFile)) {
  const report = JSON.parse(readFileSync(reportFile, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  const skipped = report.numPendingTests + report.numTodoTests;
  console.log(
    `\n${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`,
  );
}
process.exit(run.status ?? 1);
