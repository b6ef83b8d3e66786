// The forum benchmark (issue #4): throughput and latency of the forum's pages on a large forum, against the machine's
// ceiling (a bare Node server) and the app's own (a trivial Remix page). Prints figures and PASS/FAIL against the
// targets; exits non-zero only when a measured response was not a 200 (a figure for an error page means nothing).
//
//   npx tsx scripts/bench/forum.ts [--duration 20] [--connections 32] [--million] [--serve] [--no-record]
//
// The results are printed and added to docs/BENCHMARKS.md (newest first), unless --no-record. The server runs as in
// production, one worker per core (WEB_CONCURRENCY=auto); WEB_CONCURRENCY=1 measures a single process.
//
// --serve seeds the same forum, prints the URLs and the member's cookie, and keeps the server running until Ctrl-C
// instead of measuring: for profiling by hand (BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" passes
// flags to the app server's Node process).
//
// SQLite in a temporary file by default; with DATABASE_URL=postgresql://… it creates a fresh database on that server
// and drops it at the end. --million adds 40,000 topics and 800,000 posts after the main measurements and measures
// /latest again at 1M posts (several minutes more).
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildIfNeeded } from "../build-if-needed";
import { parseEnv } from "../../app/infra/env.server";
import { migrate } from "../db/migrate";
import {
  appEnvironment,
  benchWebConcurrency,
  BROWSER_ACCEPT,
  createBenchDatabase,
  gitState,
  loadAverage,
  machine,
  numberOption,
  root,
  seconds,
  signIn,
  type BenchDatabase,
  type BenchEnvironment,
  type SignedInMember,
} from "./bench-setup";
import type { ForumShape, SeedReport } from "./forum-seed";
import { freePort, runLoad, startAppServer, startBareNodeServer, type LoadResult, type ServerProcess } from "./load";

// ---------------------------------------------------------------------------------------------------------- options

interface Options {
  durationSeconds: number;
  connections: number;
  million: boolean;
  serve: boolean;
  /** Requests per sequential latency series. */
  sequential: number;
  /** Adds the results to docs/BENCHMARKS.md (the default; --no-record for a trial run). */
  record: boolean;
}

function parseOptions(argv: string[]): Options {
  return {
    durationSeconds: numberOption(argv, "--duration", 20),
    connections: numberOption(argv, "--connections", 32),
    million: argv.includes("--million"),
    serve: argv.includes("--serve"),
    sequential: numberOption(argv, "--sequential", 200),
    record: !argv.includes("--no-record") && !argv.includes("--serve"),
  };
}

const MAIN_SHAPE = { topics: 10_000, posts: 200_000, longTopicPosts: 100, seed: 4, historyDays: 3 * 365 };
const MILLION_EXTRA = { topics: 40_000, posts: 800_000, longTopicPosts: 0, seed: 5, historyDays: 3 * 365 };
/** The member whose session measures signed-in pages: a plain member in a maintainer group, so the category
 * visibility filter has its group clause, as for most signed-in people. */
const MEMBER = "julien.roux";
const WARMUP_SECONDS = 3;

/** The app's modules read the environment once, on first use, and some when they are loaded (the logger): they are
 * imported only after the bench process's environment is set. */
async function loadApp() {
  const [db, auth, sessions, topics, posts, notifications, readState, permissions, seed, issuer, largeSeed] =
    await Promise.all([
      import("../../app/infra/db.server"),
      import("../../app/infra/auth.server"),
      import("../../app/domain/identity/sessions.server"),
      import("../../app/domain/forum/topics.server"),
      import("../../app/domain/forum/posts.server"),
      import("../../app/domain/forum/notifications.server"),
      import("../../app/domain/forum/read-state.server"),
      import("../../app/domain/forum/permissions"),
      import("../db/seed"),
      import("../demo/issuer"),
      import("./forum-seed"),
    ]);
  return { db, auth, sessions, topics, posts, notifications, readState, permissions, seed, issuer, largeSeed };
}
type App = Awaited<ReturnType<typeof loadApp>>;

type Member = SignedInMember;

// ------------------------------------------------------------------------------------------------------ measurement

type Visitor = "anonyme" | "membre" | "—";

interface Target {
  route: string;
  visitor: Visitor;
  url: string;
  headers: Record<string, string>;
  server: ServerProcess;
}

interface Measured extends Target, LoadResult {
  load1: number;
  /** CPU the server process spent per answered request, in ms. */
  cpuPerRequest: number;
}

/** Before any load: each target answers 200, the member is really signed in, the topic page shows a full page. */
async function checkTarget(target: Target, expect: { signedIn?: boolean; posts?: number }): Promise<void> {
  const response = await fetch(target.url, { headers: target.headers, redirect: "manual" });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${target.url} (${target.visitor}) answered ${response.status}`);
  if (expect.signedIn !== undefined && body.includes("Se déconnecter") !== expect.signedIn) {
    throw new Error(`${target.url}: the page does not show the ${target.visitor} visitor's header`);
  }
  const shown = body.match(/id="post-\d+"/g)?.length ?? 0;
  if (expect.posts !== undefined && shown !== expect.posts) {
    throw new Error(`${target.url}: ${shown} posts on the page, ${expect.posts} expected`);
  }
}

async function measure(target: Target, options: Options): Promise<Measured> {
  const common = { url: target.url, headers: target.headers, connections: options.connections };
  const warmup = await runLoad({ ...common, duration: Math.min(WARMUP_SECONDS, options.durationSeconds) });
  const cpuBefore = target.server.cpuMs();
  const result = await runLoad({ ...common, duration: options.durationSeconds });
  const cpuPerRequest = (target.server.cpuMs() - cpuBefore) / result.requests;
  const failures = [...warmup.failures.map((failure) => `warm-up: ${failure}`), ...result.failures];
  const measured = { ...target, ...result, failures, load1: os.loadavg()[0]!, cpuPerRequest };
  console.log(
    `  ${target.route.padEnd(34)} ${target.visitor.padEnd(8)} ${fixed(measured.requestsPerSecond, 0).padStart(7)} req/s` +
      `  p50 ${fixed(measured.p50, 2)} ms  p99 ${fixed(measured.p99, 2)} ms  CPU ${fixed(cpuPerRequest, 2)} ms/req` +
      `  load ${fixed(measured.load1, 2)}` +
      (failures.length ? `  FAILURES: ${failures.join(", ")}` : ""),
  );
  return measured;
}

/** p50/p99 of one request at a time: the latency a single reader sees, without queueing behind others. */
async function sequentialLatency(target: Target, options: Options): Promise<Measured> {
  const common = { url: target.url, headers: target.headers, connections: 1 };
  const warmup = await runLoad({ ...common, amount: 20 });
  const cpuBefore = target.server.cpuMs();
  const result = await runLoad({ ...common, amount: options.sequential });
  return {
    ...target,
    ...result,
    failures: [...warmup.failures, ...result.failures],
    load1: os.loadavg()[0]!,
    cpuPerRequest: (target.server.cpuMs() - cpuBefore) / result.requests,
  };
}

interface ProfileLine {
  call: string;
  route: string;
  medianMs: number;
}

/** The database work behind each measured route, timed in this process with the app's own functions: where the
 * time goes when a route is slow, and how it grows with the data. */
async function profileQueries(app: App, member: Member, topicId: number | null): Promise<ProfileLine[]> {
  const db = await app.db.getDb();
  const policy = app.auth.sessionPolicy();
  const session = (await app.sessions.findActiveSession(db, member.token, policy))!;
  const memberReader = app.permissions.readerOfUser(session.user);
  const anonymous = app.permissions.anonymousReader;
  const calls: [string, string, () => Promise<unknown>][] = [
    ["findActiveSession", "every page (member)", () => app.sessions.findActiveSession(db, member.token, policy)],
    [
      "countUnreadNotifications",
      "every page (member)",
      () => app.notifications.countUnreadNotifications(db, member.userId),
    ],
    ["listLatestTopics (anonymous)", "/latest", () => app.topics.listLatestTopics(db, anonymous)],
    ["listLatestTopics (member)", "/latest", () => app.topics.listLatestTopics(db, memberReader)],
  ];
  if (topicId !== null) {
    calls.push(
      ["getTopic (anonymous)", "topic page, .json", () => app.topics.getTopic(db, anonymous, topicId)],
      ["getTopic (member)", "topic page, .json", () => app.topics.getTopic(db, memberReader, topicId)],
      [
        "recordTopicVisit (member)",
        "topic page",
        () => app.readState.recordTopicVisit(db, member.userId, topicId, app.topics.POSTS_PER_PAGE),
      ],
      ["getTopicStream (anonymous)", "/t/:id.json", () => app.posts.getTopicStream(db, anonymous, topicId)],
    );
  }
  const lines: ProfileLine[] = [];
  for (const [call, route, run] of calls) {
    const times: number[] = [];
    for (let index = 0; index < 60; index++) {
      const started = performance.now();
      await run();
      if (index >= 10) times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    lines.push({ call, route, medianMs: times[Math.floor(times.length / 2)]! });
  }
  return lines;
}

// --------------------------------------------------------------------------------------------------------- printing

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : "—");
const percent = (part: number, whole: number) => `${fixed((100 * part) / whole, 1)} %`;

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
  return [line(headers), `| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`, ...rows.map(line)].join("\n");
}

function throughputTable(results: Measured[]): string {
  return table(
    ["route", "visitor", "req/s", "p50 (ms)", "p99 (ms)", "server CPU (ms/req)", "load (1 min) after"],
    results.map((result) => [
      result.route,
      result.visitor,
      fixed(result.requestsPerSecond, 0),
      fixed(result.p50, 2),
      fixed(result.p99, 2),
      fixed(result.cpuPerRequest, 2),
      fixed(result.load1, 2),
    ]),
  );
}

interface Verdict {
  line: string;
  pass: boolean;
}

/** The targets: signed-in pages ≥ 60 % of the trivial page (signed-in too: the same session lookup) and
 * p99 ≤ 100 ms; anonymous /latest and topic page ≥ 10 % of the bare Node server. */
function verdicts(results: Measured[]): Verdict[] {
  const find = (route: string, visitor: Visitor) =>
    results.find((result) => result.route.startsWith(route) && result.visitor === visitor)!;
  const bare = find("bare Node", "—");
  const trivial = find("/plan-du-site", "membre");
  const out: Verdict[] = [];
  for (const route of ["/latest", "/t/", "/t/:id.json"]) {
    const result = results.find((r) => r.visitor === "membre" && routeKey(r.route) === route)!;
    const ratio = result.requestsPerSecond / trivial.requestsPerSecond;
    const pass = ratio >= 0.6 && result.p99 <= 100;
    out.push({
      line: `${result.route} (membre): ${percent(result.requestsPerSecond, trivial.requestsPerSecond)} of the trivial page (target ≥ 60 %), p99 ${fixed(result.p99, 1)} ms (target ≤ 100 ms)`,
      pass,
    });
  }
  for (const route of ["/latest", "/t/"]) {
    const result = results.find((r) => r.visitor === "anonyme" && routeKey(r.route) === route)!;
    const ratio = result.requestsPerSecond / bare.requestsPerSecond;
    out.push({
      line: `${result.route} (anonyme): ${percent(result.requestsPerSecond, bare.requestsPerSecond)} of bare Node (target ≥ 10 %)`,
      pass: ratio >= 0.1,
    });
  }
  return out;
}

/** "/t/<slug>/<id> (100 posts…)" → "/t/", "/t/<id>.json" → "/t/:id.json", to match results to targets. */
function routeKey(route: string): string {
  if (route.endsWith(".json")) return "/t/:id.json";
  if (route.startsWith("/t/")) return "/t/";
  return route.split(" ")[0]!;
}

// ------------------------------------------------------------------------------------------------------------- main

// Pages are requested as a browser asks for them (BROWSER_ACCEPT): the anonymous render cache serves HTML requests
// only.
function targetsFor(app: ServerProcess, bare: ServerProcess, member: Member, topic: { id: number; slug: string }) {
  const signedIn = { cookie: member.cookie };
  const both = (route: string, urlPath: string): Target[] => {
    const accept = urlPath.endsWith(".json") ? {} : BROWSER_ACCEPT;
    return [
      { route, visitor: "anonyme", url: `${app.url}${urlPath}`, headers: accept, server: app },
      { route, visitor: "membre", url: `${app.url}${urlPath}`, headers: { ...accept, ...signedIn }, server: app },
    ];
  };
  return [
    { route: "bare Node http (hello world)", visitor: "—" as const, url: `${bare.url}/`, headers: {}, server: bare },
    ...both("/plan-du-site (trivial Remix page)", "/plan-du-site"),
    ...both("/latest", "/latest"),
    ...both(`/t/${topic.slug.slice(0, 20)}…/${topic.id} (100 posts, page 1: 20 shown)`, `/t/${topic.slug}/${topic.id}`),
    ...both(`/t/${topic.id}.json`, `/t/${topic.id}.json`),
  ];
}

async function seedAndReport(app: App, database: BenchDatabase, shape: Omit<ForumShape, "now">): Promise<SeedReport> {
  const writer = await database.writer();
  try {
    const db = await app.db.getDb();
    const report = await app.largeSeed.seedLargeForum(db, writer, { ...shape, now: new Date() });
    console.log(
      `Seeded ${report.topics.toLocaleString("en")} topics, ${report.posts.toLocaleString("en")} posts, ` +
        `${report.notifications.toLocaleString("en")} notifications, ${report.topicUsers.toLocaleString("en")} read states ` +
        `in ${seconds(report.ms)}`,
    );
    return report;
  } finally {
    await writer.close();
  }
}

async function latencySeries(targets: Target[], options: Options, label: string): Promise<Measured[]> {
  const results: Measured[] = [];
  for (const target of targets) {
    const result = await sequentialLatency(target, options);
    console.log(
      `  ${label.padEnd(22)} ${target.route.padEnd(8)} ${target.visitor.padEnd(8)} p50 ${fixed(result.p50, 2)} ms  p99 ${fixed(result.p99, 2)} ms`,
    );
    results.push(result);
  }
  return results;
}

async function run(options: Options, cleanups: (() => Promise<void>)[]): Promise<string[]> {
  console.log(`machine: ${machine()}; commit ${gitState()}; load average at start: ${loadAverage()}`);
  const buildStarted = performance.now();
  console.log(buildIfNeeded() ? `Built the app in ${seconds(performance.now() - buildStarted)}` : "Build up to date");

  const database = await createBenchDatabase("forum");
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
  // This process writes with the app's own client: same database, same cookie settings (NODE_ENV stays as it is).
  Object.assign(process.env, { ...environment, NODE_ENV: process.env.NODE_ENV ?? "development" });
  mkdirSync(outboxDir, { recursive: true });
  console.log(`database: ${database.label}`);

  const app = await loadApp();
  cleanups.unshift(() => app.db.disconnectDb());
  await migrate(database.url);
  const db = await app.db.getDb();
  const demoStarted = performance.now();
  await app.seed.seedDemoData(db, app.issuer.demoIssuer());
  console.log(`Migrated and loaded the demo data in ${seconds(performance.now() - demoStarted)}`);
  const member = await signIn(MEMBER, "scripts/bench/forum.ts");

  const bare = await startBareNodeServer(root);
  cleanups.unshift(bare.stop);
  const server = await startAppServer(root, environment);
  cleanups.unshift(server.stop);

  // 1. /latest on the demo data alone, the "small database" of the flat-growth comparison.
  const latestTargets: Target[] = [
    { route: "/latest", visitor: "anonyme", url: `${server.url}/latest`, headers: {}, server },
    { route: "/latest", visitor: "membre", url: `${server.url}/latest`, headers: { cookie: member.cookie }, server },
  ];
  await checkTarget(latestTargets[0]!, { signedIn: false });
  await checkTarget(latestTargets[1]!, { signedIn: true });
  console.log(`\nSequential latency, ${options.sequential} requests one at a time:`);
  const demoTopics = await db.topic.count();
  const small = await latencySeries(latestTargets, options, `demo (${demoTopics} topics)`);
  const smallProfile = await profileQueries(app, member, null);

  // 2. The large forum.
  console.log("");
  const seeded = await seedAndReport(app, database, MAIN_SHAPE);
  const topic = seeded.longTopic!;
  const counts = { topics: await db.topic.count(), posts: await db.post.count() };

  // 3. Throughput, one target after another.
  const targets = targetsFor(server, bare, member, topic);
  for (const target of targets) {
    const html = !target.url.endsWith(".json") && target.visitor !== "—";
    await checkTarget(target, {
      signedIn: html ? target.visitor === "membre" : undefined,
      posts: target.route.startsWith("/t/") && html ? 20 : undefined,
    });
  }
  if (options.serve) {
    console.log(`\nServing until Ctrl-C. Member cookie: ${member.cookie}`);
    for (const target of targets) console.log(`  ${target.visitor.padEnd(8)} ${target.url}`);
    await new Promise(() => undefined);
  }
  console.log(
    `\nThroughput: ${options.connections} connections, ${options.durationSeconds} s each after a ${WARMUP_SECONDS} s warm-up:`,
  );
  const results: Measured[] = [];
  for (const target of targets) results.push(await measure(target, options));

  console.log(`\nSequential latency, ${options.sequential} requests one at a time:`);
  const large = await latencySeries(latestTargets, options, `${counts.topics} topics`);
  const largeProfile = await profileQueries(app, member, topic.id);
  const series = [
    { label: `demo data (${demoTopics} topics)`, results: small, profile: smallProfile },
    {
      label: `${counts.topics.toLocaleString("en")} topics / ${counts.posts.toLocaleString("en")} posts`,
      results: large,
      profile: largeProfile,
    },
  ];

  if (options.million) {
    console.log("");
    await seedAndReport(app, database, MILLION_EXTRA);
    const million = { topics: await db.topic.count(), posts: await db.post.count() };
    console.log(`\nSequential latency, ${options.sequential} requests one at a time:`);
    series.push({
      label: `${million.topics.toLocaleString("en")} topics / ${million.posts.toLocaleString("en")} posts`,
      results: await latencySeries(latestTargets, options, `${million.topics} topics`),
      profile: await profileQueries(app, member, topic.id),
    });
  }

  const markdown = printReport({ options, database, seeded, counts, results, series });
  if (options.record) recordInBenchmarks(markdown);
  return [...results, ...series.flatMap((entry) => entry.results)].flatMap((result) =>
    result.failures.map((failure) => `${result.route} (${result.visitor}): ${failure}`),
  );
}

interface Report {
  options: Options;
  database: BenchDatabase;
  seeded: SeedReport;
  counts: { topics: number; posts: number };
  results: Measured[];
  series: { label: string; results: Measured[]; profile: ProfileLine[] }[];
}

/** Prints the report and returns it as Markdown, the same lines. */
function printReport(report: Report): string {
  const { options, seeded, counts, results, series } = report;
  const lines: string[] = [];
  const say = (text: string) => {
    console.log(text);
    lines.push(text);
  };
  console.log(`\n## Results\n`);
  say(`machine: ${machine()}; commit ${gitState()}; load average at end: ${loadAverage()}`);
  say(`server: ${serverProcesses()}`);
  say(`database: ${report.database.label.replace(/ \(.*/, "")}; ${counts.topics} topics, ${counts.posts} posts`);
  say(`seeding ${seeded.topics} topics / ${seeded.posts} posts (bulk): ${seconds(seeded.ms)}\n`);
  say(
    `Throughput (autocannon, ${options.connections} connections, ${options.durationSeconds} s per line; the topic page shows 20 posts per page):\n`,
  );
  say(throughputTable(results));
  say("\nTargets:\n");
  for (const verdict of verdicts(results)) say(`- ${verdict.pass ? "PASS" : "FAIL"} ${verdict.line}`);
  const bare = results[0]!;
  const anonymousJson = results.find((r) => r.visitor === "anonyme" && routeKey(r.route) === "/t/:id.json")!;
  say(
    `- (info) /t/:id.json (anonyme): ${percent(anonymousJson.requestsPerSecond, bare.requestsPerSecond)} of bare Node`,
  );
  say(`\n/latest, ${options.sequential} sequential requests (flat growth is the goal):\n`);
  say(
    table(
      ["data", "visitor", "p50 (ms)", "p99 (ms)", "server CPU (ms/req)"],
      series.flatMap((entry) =>
        entry.results.map((result) => [
          entry.label,
          result.visitor,
          fixed(result.p50, 2),
          fixed(result.p99, 2),
          fixed(result.cpuPerRequest, 2),
        ]),
      ),
    ),
  );
  say(`\nDatabase calls behind the routes, in the bench process, median of 50 (ms):\n`);
  const calls = [...new Set(series.flatMap((entry) => entry.profile.map((line) => line.call)))];
  say(
    table(
      ["call", "route", ...series.map((entry) => entry.label)],
      calls.map((call) => {
        const lines = series.map((entry) => entry.profile.find((line) => line.call === call));
        const route = lines.find(Boolean)!.route;
        return [call, route, ...lines.map((line) => (line ? fixed(line.medianMs, 2) : "—"))];
      }),
    ),
  );
  return lines.join("\n");
}

function serverProcesses(): string {
  // The app's own reading of the setting, so "auto" counts here as the server counts it.
  const workers = parseEnv({ WEB_CONCURRENCY: benchWebConcurrency }).WEB_CONCURRENCY;
  return `WEB_CONCURRENCY=${benchWebConcurrency} (${workers} worker${workers > 1 ? "s" : ""})`;
}

/** Adds the run to docs/BENCHMARKS.md, above the earlier entries (the file lists the newest first). */
function recordInBenchmarks(markdown: string): void {
  const file = path.join(root, "docs/BENCHMARKS.md");
  const current = readFileSync(file, "utf8");
  const firstEntry = current.indexOf("\n## ");
  const entry = `## ${new Date().toISOString().slice(0, 10)} — forum, \`npm run bench\` (recorded by the script)\n\n${markdown.trim()}\n\n`;
  const updated =
    firstEntry < 0
      ? `${current.trimEnd()}\n\n${entry}`
      : `${current.slice(0, firstEntry + 1)}${entry}${current.slice(firstEntry + 1)}`;
  writeFileSync(file, updated);
  console.log(`\nRecorded in docs/BENCHMARKS.md (--no-record leaves it alone).`);
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
  console.log(`\nWhole run: ${seconds(performance.now() - started)}`);
  if (failures.length) {
    console.error(`\nFAILED: responses other than 200 were measured:\n- ${failures.join("\n- ")}`);
    process.exit(1);
  }
}

await main();
