// The conformance matrix benchmark (issue #8): "Matrix page with 130 deployments × 40 classes, one client at a time:
// p95 ≤ 100 ms". Seeds a conformance history (130 deployments over the demo solutions' versions, 40 classes of the
// seeded catalogue, --runs runs per deployment each with a verdict per class and a few results), starts the
// production server and requests, one at a time, the matrix (anonymous and signed in), a class page and a deployment
// page. Prints p50/p95/p99/mean and PASS/FAIL against the target; exits non-zero when a response was not a 200.
//
//   npm run bench:matrix -- [--runs 20] [--requests 300] [--record]
//
// SQLite in a temporary folder by default; with DATABASE_URL=postgresql://… a fresh database on that server, dropped
// at the end. Anonymous pages are requested without `Accept: text/html`, so the anonymous render cache never answers:
// the figure is the page's real rendering, what the first reader after each upload waits for. --record inserts the
// printed entry at the top of docs/BENCHMARKS.md.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildIfNeeded } from "../build-if-needed";
import { migrate } from "../db/migrate";
import {
  appEnvironment,
  createBenchDatabase,
  gitState,
  loadAverage,
  machine,
  root,
  seconds,
  signIn,
  type BenchEnvironment,
} from "./bench-setup";
import type { ConformanceSeedReport } from "./conformance-seed";
import { freePort, runLoad, startAppServer, type LoadResult } from "./load";

interface Options {
  runs: number;
  requests: number;
  warmup: number;
  record: boolean;
}

function numberOption(argv: string[], name: string, fallback: number): number {
  const index = argv.indexOf(name);
  if (index < 0) return fallback;
  const value = Number(argv[index + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} needs a positive whole number`);
  return value;
}

const parseOptions = (argv: string[]): Options => ({
  runs: numberOption(argv, "--runs", 20),
  requests: numberOption(argv, "--requests", 300),
  warmup: numberOption(argv, "--warmup", 30),
  record: argv.includes("--record"),
});

const SHAPE = { deployments: 130, classes: 40, resultsPerRun: 5, seed: 8, historyDays: 365 };
const TARGET_P95_MS = 100;
const MEMBER = "julien.roux";

interface Target {
  page: string;
  visitor: "anonyme" | "membre";
  url: string;
  headers: Record<string, string>;
  /** Text the page must contain: the check that it shows the seeded data, not an empty state. */
  mustContain: string;
}

interface Measured extends Target, LoadResult {
  load1: number;
  bytes: number;
}

/** Checks the page and returns its size in bytes. */
async function check(target: Target): Promise<number> {
  const response = await fetch(target.url, { headers: target.headers, redirect: "manual" });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${target.url} (${target.visitor}) answered ${response.status}`);
  if (!body.includes(target.mustContain)) throw new Error(`${target.url}: "${target.mustContain}" not on the page`);
  if (body.includes("Se déconnecter") !== (target.visitor === "membre")) {
    throw new Error(`${target.url}: the page does not show the ${target.visitor} visitor's header`);
  }
  return Buffer.byteLength(body);
}

async function measure(target: Target, options: Options, bytes: number): Promise<Measured> {
  const common = { url: target.url, headers: target.headers, connections: 1 };
  const warmup = await runLoad({ ...common, amount: options.warmup });
  const result = await runLoad({ ...common, amount: options.requests });
  const measured = {
    ...target,
    ...result,
    failures: [...warmup.failures.map((failure) => `warm-up: ${failure}`), ...result.failures],
    load1: os.loadavg()[0]!,
    bytes,
  };
  console.log(
    `  ${target.page.padEnd(30)} ${target.visitor.padEnd(8)} p50 ${fixed(measured.p50)}  p95 ${fixed(measured.p95)}` +
      `  p99 ${fixed(measured.p99)}  mean ${fixed(measured.mean)} ms  load ${measured.load1.toFixed(2)}` +
      (measured.failures.length ? `  FAILURES: ${measured.failures.join(", ")}` : ""),
  );
  return measured;
}

const fixed = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : "—");

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
  return [line(headers), `| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`, ...rows.map(line)].join("\n");
}

async function medianMs(work: () => Promise<unknown>, times: number): Promise<number> {
  await work();
  const durations: number[] = [];
  for (let index = 0; index < times; index++) {
    const started = performance.now();
    await work();
    durations.push(performance.now() - started);
  }
  return durations.sort((a, b) => a - b)[Math.floor(times / 2)]!;
}

function entry(
  options: Options,
  databaseKind: string,
  seeded: ConformanceSeedReport,
  results: Measured[],
  getMatrixMs: number,
  loads: { start: string; end: string },
): string {
  const date = new Date().toISOString().slice(0, 10);
  const matrix = results.filter((result) => result.page === "/conformance");
  const verdicts = matrix.map(
    (result) =>
      `${result.p95 <= TARGET_P95_MS ? "PASS" : "FAIL"} (${result.visitor}, p95 ${fixed(result.p95)} ms, target ≤ ${TARGET_P95_MS} ms)`,
  );
  return [
    `## ${date} — conformance matrix, one client at a time (issue #8)`,
    "",
    `Machine: ${machine()}; ${databaseKind}; commit ${gitState()}. Command: \`npm run bench:matrix -- --runs ${options.runs}\``,
    `(${seeded.deployments.length} deployments × ${seeded.classes.length} classes, ${seeded.runs.toLocaleString("en")} runs, ` +
      `${seeded.verdicts.toLocaleString("en")} verdict rows, ${seeded.results.toLocaleString("en")} results; ` +
      `${options.requests} sequential requests per line after ${options.warmup} of warm-up). Load average at start ${loads.start}, at end ${loads.end}.`,
    "",
    table(
      ["page", "visitor", "HTML (KiB)", "p50 (ms)", "p95 (ms)", "p99 (ms)", "mean (ms)"],
      results.map((result) => [
        result.page,
        result.visitor,
        (result.bytes / 1024).toFixed(0),
        fixed(result.p50),
        fixed(result.p95),
        fixed(result.p99),
        fixed(result.mean),
      ]),
    ),
    "",
    `getMatrix alone (database work and shaping, median of 20 in the bench process): ${fixed(getMatrixMs)} ms.`,
    "",
    `Target: ${verdicts.join("; ")}.`,
    "",
  ].join("\n");
}

/** Inserts the entry above the newest one: the file lists entries newest first. */
function record(text: string): void {
  const file = path.join(root, "docs/BENCHMARKS.md");
  const current = readFileSync(file, "utf8");
  const firstEntry = current.indexOf("\n## ");
  writeFileSync(
    file,
    firstEntry < 0
      ? `${current}\n${text}`
      : `${current.slice(0, firstEntry + 1)}${text}\n${current.slice(firstEntry + 1)}`,
  );
}

async function run(options: Options, cleanups: (() => Promise<void>)[]): Promise<string[]> {
  const loadAtStart = loadAverage();
  console.log(`machine: ${machine()}; commit ${gitState()}; load average at start: ${loadAtStart}`);
  const buildStarted = performance.now();
  console.log(buildIfNeeded() ? `Built the app in ${seconds(performance.now() - buildStarted)}` : "Build up to date");

  const database = await createBenchDatabase("conformance");
  cleanups.push(database.drop);
  const outboxDir = mkdtempSync(path.join(os.tmpdir(), "cicclo-bench-outbox-"));
  cleanups.push(async () => rmSync(outboxDir, { recursive: true, force: true }));
  const appPort = await freePort();
  const bench: BenchEnvironment = {
    appPort,
    secret: randomBytes(32).toString("base64url"),
    publicUrl: `http://localhost:${appPort}`,
    outboxDir,
  };
  const environment = appEnvironment(database, bench);
  // This process seeds with the app's own client: same database, same cookie settings (NODE_ENV stays as it is).
  Object.assign(process.env, { ...environment, NODE_ENV: process.env.NODE_ENV ?? "development" });
  console.log(`database: ${database.label}`);

  // The app's modules read the environment on first use: imported only now.
  const [{ getDb, disconnectDb }, { seedDemoData }, { demoIssuer }, { seedConformanceHistory }] = await Promise.all([
    import("../../app/infra/db.server"),
    import("../db/seed"),
    import("../demo/issuer"),
    import("./conformance-seed"),
  ]);
  cleanups.unshift(disconnectDb);
  await migrate(database.url);
  const db = await getDb();
  await seedDemoData(db, demoIssuer());
  const writer = await database.writer();
  let seeded: ConformanceSeedReport;
  try {
    seeded = await seedConformanceHistory(db, writer, {
      ...SHAPE,
      runsPerDeployment: options.runs,
      now: new Date(),
    });
  } finally {
    await writer.close();
  }
  console.log(
    `Seeded ${seeded.deployments.length} deployments, ${seeded.runs.toLocaleString("en")} runs, ` +
      `${seeded.verdicts.toLocaleString("en")} verdicts, ${seeded.results.toLocaleString("en")} results in ${seconds(seeded.ms)}`,
  );
  const member = await signIn(MEMBER, "scripts/bench/conformance-matrix.ts");

  const server = await startAppServer(root, environment);
  cleanups.unshift(server.stop);

  const deployment = seeded.deployments[Math.floor(seeded.deployments.length / 2)]!;
  const cls = seeded.classes[0]!;
  const targets: Target[] = [
    {
      page: "/conformance",
      visitor: "anonyme",
      url: `${server.url}/conformance`,
      headers: {},
      mustContain: "Banc 130",
    },
    {
      page: "/conformance",
      visitor: "membre",
      url: `${server.url}/conformance`,
      headers: { cookie: member.cookie },
      mustContain: "Banc 130",
    },
    {
      page: `/conformance/classes/${cls.id}`,
      visitor: "anonyme",
      url: `${server.url}/conformance/classes/${cls.id}`,
      headers: {},
      mustContain: "Banc 130",
    },
    {
      page: `/conformance/deployments/${deployment.slug.replace("bench-deploiement", "…")}`,
      visitor: "anonyme",
      url: `${server.url}/conformance/deployments/${deployment.slug}`,
      headers: {},
      mustContain: "cicclo-bench",
    },
  ];
  const sizes: number[] = [];
  for (const target of targets) sizes.push(await check(target));

  console.log(`\nOne request at a time, ${options.requests} per line after ${options.warmup} of warm-up:`);
  const results: Measured[] = [];
  for (const [index, target] of targets.entries()) results.push(await measure(target, options, sizes[index]!));

  // Where the matrix's time goes: its database work alone, timed in this process with the app's own function.
  const { getMatrix } = await import("../../app/domain/conformance/matrix.server");
  const getMatrixMs = await medianMs(() => getMatrix(db), 20);
  console.log(`\ngetMatrix (database work and shaping, in the bench process): median ${fixed(getMatrixMs)} ms`);

  const text = entry(options, database.label.replace(/ \(.*/, ""), seeded, results, getMatrixMs, {
    start: loadAtStart,
    end: loadAverage(),
  });
  console.log(`\n${text}`);
  if (options.record) {
    record(text);
    console.log("Recorded at the top of docs/BENCHMARKS.md.");
  }
  return results.flatMap((result) =>
    result.failures.map((failure) => `${result.page} (${result.visitor}): ${failure}`),
  );
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const cleanups: (() => Promise<void>)[] = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup().catch((error) => console.error("cleanup:", error));
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void cleanUp().then(() => process.exit(130)));
  }
  const started = performance.now();
  let failures: string[];
  try {
    failures = await run(options, cleanups);
  } finally {
    await cleanUp();
  }
  console.log(`Whole run: ${seconds(performance.now() - started)}`);
  if (failures.length) {
    console.error(`\nFAILED: responses other than 200 were measured:\n- ${failures.join("\n- ")}`);
    process.exit(1);
  }
}

await main();
