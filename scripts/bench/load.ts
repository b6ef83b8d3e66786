// Servers under test and the load generator for scripts/bench/forum.ts. Every server runs in its own process: the
// load generator (autocannon, in the bench process) must not share an event loop with what it measures.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import autocannon, { type Options } from "autocannon";

export interface ServerProcess {
  url: string;
  stop: () => Promise<void>;
  /** CPU time (user + system) used so far by the server and its child processes, in ms; NaN where unknown. */
  cpuMs: () => number;
}

// CPU per request is what a busy machine distorts least: req/s falls when another process takes a core, the work
// each request costs barely moves. Read from /proc (Linux), where tsx's wrapper and the real server are one tree.
let clockTicks: number | undefined;
function ticksPerSecond(): number {
  clockTicks ??= Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  return clockTicks;
}

function processTreeCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    let ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond();
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      for (const child of children ? children.split(" ") : []) ms += processTreeCpuMs(Number(child));
    }
    return ms;
  } catch {
    return Number.NaN;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once("error", reject);
  });
}

/** The last few kilobytes a child wrote, to explain why it died. */
function keepTail(child: ChildProcess): () => string {
  let tail = "";
  const append = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  return () => tail;
}

async function waitFor200(url: string, child: ChildProcess, tail: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Server exited (${child.exitCode}) before answering:\n${tail()}`);
    const ok = await fetch(url).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No 200 from ${url} within ${timeoutMs / 1000} s:\n${tail()}`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
}

async function startProcess(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; readyUrl: string; baseUrl: string },
): Promise<ServerProcess> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  const tail = keepTail(child);
  const stop = stopper(child);
  try {
    await waitFor200(options.readyUrl, child, tail);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: options.baseUrl, stop, cpuMs: () => processTreeCpuMs(child.pid ?? -1) };
}

// The machine's ceiling: the least a Node HTTP server can do per request.
const HELLO_WORLD = `require("node:http")
  .createServer((request, response) => {
    response.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
    response.end("hello world\\n");
  })
  .listen(Number(process.env.PORT), "127.0.0.1");`;

export async function startBareNodeServer(root: string): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  return startProcess(process.execPath, ["-e", HELLO_WORLD], {
    cwd: root,
    env: { ...process.env, PORT: String(port) },
    readyUrl: url,
    baseUrl: url,
  });
}

// The ceiling for one page: the least a Node HTTP server can do to answer these exact bytes.
const STATIC_BODY = `const body = require("node:fs").readFileSync(process.env.BODY_FILE);
require("node:http")
  .createServer((request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": body.length });
    response.end(body);
  })
  .listen(Number(process.env.PORT), "127.0.0.1");`;

export async function startStaticBodyServer(root: string, bodyFile: string): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  return startProcess(process.execPath, ["-e", STATIC_BODY], {
    cwd: root,
    env: { ...process.env, PORT: String(port), BODY_FILE: bodyFile },
    readyUrl: url,
    baseUrl: url,
  });
}

/** The production server exactly as `npm run serve` starts it, with request logs off (they would measure pino). */
export async function startAppServer(root: string, env: Record<string, string>): Promise<ServerProcess> {
  const url = `http://127.0.0.1:${env.PORT}`;
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  // Mail must land in the bench's outbox folder, never on a real SMTP server the caller's shell may name.
  delete childEnv.SMTP_URL;
  // Node flags such as --cpu-prof are refused in NODE_OPTIONS: they go on the command line, tsx as a loader.
  const nodeArgs = process.env.BENCH_APP_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  return startProcess(process.execPath, [...nodeArgs, "--import", "tsx", "app/server/main.server.ts"], {
    cwd: root,
    env: childEnv,
    readyUrl: `${url}/healthz`,
    baseUrl: url,
  });
}

export interface LoadResult {
  requestsPerSecond: number;
  /** Milliseconds, from every response's own timing (autocannon's histogram rounds to whole milliseconds). */
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  requests: number;
  /** Anything but a 200, and connection errors or timeouts: each one fails the benchmark. */
  failures: string[];
}

function percentile(sorted: number[], fraction: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

/** One autocannon run; `amount` makes it a fixed number of requests instead of a duration. */
export async function runLoad(options: Options): Promise<LoadResult> {
  const latencies: number[] = [];
  const instance = autocannon({ timeout: 30, ...options });
  instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const failures = Object.entries(result.statusCodeStats)
    .filter(([status]) => status !== "200")
    .map(([status, { count }]) => `${count} × HTTP ${status}`);
  if (result.errors) failures.push(`${result.errors} connection error(s)`);
  if (result.timeouts) failures.push(`${result.timeouts} timeout(s)`);
  return {
    // autocannon's own figure: the mean of its one-second samples.
    requestsPerSecond: options.amount ? latencies.length / result.duration : result.requests.average,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    mean: latencies.length ? latencies.reduce((sum, latency) => sum + latency, 0) / latencies.length : Number.NaN,
    requests: latencies.length,
    failures,
  };
}
