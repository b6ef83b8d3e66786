// The production server with one worker per core (WEB_CONCURRENCY): every worker keeps its own caches, and a write
// answered by one must reach the others at once, on SQLite as on PostgreSQL (docs/decisions/021). Each request here
// opens its own connection, which the primary hands to the workers in turn, so a worker that missed the signal
// would answer some of them from its stale cache.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rootDir } from "../support/databases";
import { freePort } from "../support/proconnect-stack";
import { csrfFrom, form, sessionCookieFor } from "../support/sessions";

const WORKERS = 2;
const asBrowser = { accept: "text/html,application/xhtml+xml" };

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request on a connection of its own (no keep-alive), so consecutive requests reach different workers. */
function requestOnNewConnection(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on("error", reject);
  });
}

/** The pids of the server workers forked by `pid` (Linux /proc); tsx's esbuild service is a child too, and left out. */
function workerPids(pid: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        return parent === pid && readFileSync(`/proc/${entry}/cmdline`, "utf8").includes("main.server.ts");
      } catch {
        return false; // Exited while listed.
      }
    })
    .map(Number);
}

/** What `probe` answers once it answers `expected`, or its last answer after two seconds. */
async function settled<T>(probe: () => Promise<T>, expected: T): Promise<T> {
  const deadline = Date.now() + 2_000;
  let answer = await probe();
  while (JSON.stringify(answer) !== JSON.stringify(expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    answer = await probe();
  }
  return answer;
}

/** The production server as the Dockerfile starts it (node itself, not the tsx CLI, which would add a process between
 * the test and the primary), with WORKERS workers and the caches on; `output` collects both streams. */
function startClusteredServer(port: number) {
  const server = spawn(process.execPath, ["--import", "tsx", "app/server/main.server.ts"], {
    cwd: rootDir,
    env: {
      ...process.env,
      NODE_ENV: "production",
      WEB_CONCURRENCY: String(WORKERS),
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      RENDER_CACHE_SECONDS: "60",
      SESSION_CACHE_SECONDS: "60",
      READ_CACHE_SECONDS: "60",
      LOG_REQUESTS: "false",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const collected = { server, output: "" };
  server.stdout!.on("data", (chunk) => (collected.output += chunk));
  server.stderr!.on("data", (chunk) => (collected.output += chunk));
  return collected;
}

describe("clustered server (WEB_CONCURRENCY=2)", () => {
  let server: ChildProcess;
  let baseUrl = "";
  let started: ReturnType<typeof startClusteredServer>;
  const output = () => started.output;

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    started = startClusteredServer(port);
    server = started.server;
    const deadline = Date.now() + 60_000;
    let listening = 0;
    while (Date.now() < deadline && listening < WORKERS) {
      if (server.exitCode !== null) throw new Error(`the server exited: ${output()}`);
      listening = output().split("CICCLO Interop is listening").length - 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (listening < WORKERS) throw new Error(`${listening} of ${WORKERS} workers listening after 60 s: ${output()}`);
  }, 90_000);

  afterAll(async () => {
    if (!server || server.exitCode !== null) return;
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  });

  it("runs one primary and two workers, each with a young generation sized for page renders", () => {
    const workers = workerPids(server.pid!);
    expect(workers).toHaveLength(WORKERS);
    for (const pid of workers) {
      expect(readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")).toContain("--max-semi-space-size=64");
    }
  });

  it("a topic created through one worker shows at once on every worker's cached /latest", async () => {
    // Cache /latest in both workers first: from the second round on, every answer is a hit.
    for (let round = 0; round < 2 * WORKERS; round++) await requestOnNewConnection(`${baseUrl}/latest`, asBrowser);
    const cached = await Promise.all(
      Array.from({ length: WORKERS }, () => requestOnNewConnection(`${baseUrl}/latest`, asBrowser)),
    );
    expect(cached.map((answer) => answer.headers["x-render-cache"])).toEqual(Array(WORKERS).fill("hit"));

    const { cookie } = await sessionCookieFor("julien.roux");
    const { getDb } = await import("../../app/infra/db.server");
    const category = await (await getDb()).category.findUniqueOrThrow({ where: { slug: "annonces" } });
    const csrf = await csrfFrom(baseUrl, "/new-topic", cookie);
    const created = await fetch(`${baseUrl}/new-topic`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: form({
        category: String(category.id),
        title: "Annonce vue par tous les processus",
        raw: "Texte",
        intent: "publish",
        csrf,
      }),
      redirect: "manual",
    });
    expect(created.status).toBe(302);

    // The signal goes worker → primary → workers, a message between processes: allowed two seconds on a busy
    // machine, where the caches' own expiry (60 s here) would leave a worker stale.
    const fresh = await settled(
      async () => {
        const answers = [];
        for (let round = 0; round < 2 * WORKERS; round++) {
          answers.push(await requestOnNewConnection(`${baseUrl}/latest`, asBrowser));
        }
        return answers.map((answer) => answer.body.includes("Annonce vue par tous les processus"));
      },
      Array(2 * WORKERS).fill(true),
    );
    expect(fresh).toEqual(Array(2 * WORKERS).fill(true));
  });

  it("signing out through one worker ends the session on every worker at once", async () => {
    const { cookie } = await sessionCookieFor("claire.martin");
    const whoAmI = async () => {
      const answer = await requestOnNewConnection(`${baseUrl}/session/current.json`, { cookie });
      return (JSON.parse(answer.body) as { current_user?: { username: string } }).current_user?.username;
    };
    // Both workers now hold the session in their session cache.
    for (let round = 0; round < 2 * WORKERS; round++) expect(await whoAmI()).toBe("claire.martin");

    const csrf = await csrfFrom(baseUrl, "/latest", cookie);
    const out = await fetch(`${baseUrl}/logout`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: form({ csrf }),
      redirect: "manual",
    });
    expect(out.status).toBe(302);

    const after = await settled(
      async () => {
        const usernames = [];
        for (let round = 0; round < 2 * WORKERS; round++) usernames.push(await whoAmI());
        return usernames;
      },
      Array(2 * WORKERS).fill(undefined),
    );
    expect(after).toEqual(Array(2 * WORKERS).fill(undefined));
  });

  it("runs the background jobs in one worker only", () => {
    expect(output().split("background jobs started").length - 1).toBe(1);
  });

  it("stops the primary and every worker on SIGTERM", async () => {
    const workers = workerPids(server.pid!);
    const exited = new Promise<number | null>((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(workers.filter((pid) => existsSync(`/proc/${pid}`))).toEqual([]);
  });
});

describe("clustered server whose workers cannot start", () => {
  it("stops with an error after five quick deaths in a row instead of restarting them forever", async () => {
    // The port is taken: every worker fails to listen and exits at once.
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const started = startClusteredServer((taken.address() as net.AddressInfo).port);
    try {
      const code = await new Promise<number | null>((resolve) => started.server.once("exit", resolve));
      expect(code).toBe(1);
      expect(started.output).toContain("server workers keep dying at start; stopping");
    } finally {
      started.server.kill("SIGKILL");
      taken.close();
    }
  }, 60_000);
});
