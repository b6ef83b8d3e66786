// Once per e2e run, after tests/support/global-setup.ts: the built production server in a child process, on its own
// copy of the seeded template database, as an operator would run it (`npm run serve`). Browser tests reach it
// through inject("baseUrl").
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, createWriteStream, mkdirSync, readFileSync, rmSync, type WriteStream } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { demoIssuer } from "../../scripts/demo/issuer";
import { startProConnectStandin } from "../../scripts/proconnect-standin/standin";
import { copyTemplate, executeOn, rootDir } from "../support/databases";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** The ProConnect stand-in the server signs people in with. */
    issuer: string;
    /** The server's database, for tests that run a background job themselves (the webhook delivery worker) or
     * arrange a fact no page creates. */
    databaseUrl: string;
  }
}

const HOST = "127.0.0.1";
const STARTUP_TIMEOUT_MS = 45_000;
const STOP_TIMEOUT_MS = 10_000;
// The child's output is kept in memory, and shown only when the server fails to start.
const MAX_OUTPUT_CHARS = 200_000;

/** A port nobody listens on right now: the OS picks it, we release it and hand it to the server. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error("No free port found"))));
    });
  });
}

// The whole of it goes to this file, read again at the end for what went wrong (see reportServerTrouble).
const SERVER_LOG = path.join(rootDir, "test-results", "e2e-server.log");
// Slower than this, a page or a form post may already have failed its test's wait.
const SLOW_REQUEST_MS = 5_000;
const MAX_TROUBLE_LINES = 40;

function collectOutput(child: ChildProcess, log: WriteStream) {
  const output = { stdout: "", stderr: "" };
  const keep = (stream: "stdout" | "stderr") => (chunk: Buffer) => {
    output[stream] = (output[stream] + chunk.toString("utf8")).slice(-MAX_OUTPUT_CHARS);
    log.write(chunk);
  };
  child.stdout?.on("data", keep("stdout"));
  child.stderr?.on("data", keep("stderr"));
  return output;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Kills the server's whole process group (tsx runs the app in a node grandchild) and waits for it to exit. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  signalGroup("SIGTERM");
  const forced = setTimeout(() => signalGroup("SIGKILL"), STOP_TIMEOUT_MS);
  await exited(child);
  clearTimeout(forced);
  // tsx relays SIGTERM to the app and exits with it; make sure no grandchild outlives it.
  signalGroup("SIGKILL");
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let lastProblem = "no answer yet";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited during startup (code ${child.exitCode ?? child.signalCode})`);
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      lastProblem = `GET /healthz answered ${response.status}: ${(await response.text()).slice(0, 500)}`;
    } catch (error) {
      lastProblem = `GET /healthz failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`the server did not answer 200 on /healthz within ${STARTUP_TIMEOUT_MS / 1000} s (${lastProblem})`);
}

/**
 * A private copy of build/, made right after global-setup.ts built it. The server reads build/ relative to its working
 * directory, and another run (an editor's, a colleague's `npm test`) may rebuild the shared build/ meanwhile: the
 * fingerprinted assets the running server announces would then answer 404. The copy lives under the repository,
 * so the bundle still resolves its packages from the repository's node_modules.
 */
function snapshotBuild(runId: string): string {
  const workDir = path.join(rootDir, "tmp", "e2e", runId);
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  cpSync(path.join(rootDir, "build"), path.join(workDir, "build"), { recursive: true });
  // The app reads the clause templates from its working directory, as in the Docker image.
  cpSync(path.join(rootDir, "clauses"), path.join(workDir, "clauses"), { recursive: true });
  return workDir;
}

export default async function setup(project: TestProject) {
  const { templateDatabase, runId } = project.getProvidedContext();
  const databaseUrl = await copyTemplate(templateDatabase, "e2e");
  const workDir = snapshotBuild(runId);
  const port = await freePort();
  const url = `http://${HOST}:${port}`;
  // The real sign-in path: the stand-in registers this server's exact redirect URIs, as ProConnect would.
  const proconnect = { clientId: "cicclo-interop-e2e", clientSecret: "cicclo-interop-e2e-secret-0123456789" };
  const standin = await startProConnectStandin({
    port: 0,
    clients: [
      {
        client_id: proconnect.clientId,
        client_secret: proconnect.clientSecret,
        redirect_uris: [`${url}/auth/callback`],
        post_logout_redirect_uris: [`${url}/auth/logged-out`],
        userinfo_signed_response_alg: "RS256",
      },
    ],
  });
  // The seeded demo users belong to the default stand-in's issuer: hand them to this one.
  await executeOn(databaseUrl, 'UPDATE "User" SET "issuer" = $1 WHERE "issuer" = $2', [standin.issuer, demoIssuer()]);
  const tsconfig = path.join(rootDir, "tsconfig.json");
  const entry = path.join(rootDir, "app/server/main.server.ts");
  const child = spawn(path.join(rootDir, "node_modules/.bin/tsx"), ["--tsconfig", tsconfig, entry], {
    cwd: workDir,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      HOST,
      PORT: String(port),
      PUBLIC_URL: url,
      SESSION_SECRET: "e2e-session-secret-at-least-32-characters-long",
      PROCONNECT_ISSUER: standin.issuer,
      PROCONNECT_CLIENT_ID: proconnect.clientId,
      PROCONNECT_CLIENT_SECRET: proconnect.clientSecret,
      LOG_LEVEL: "info",
      LOG_REQUESTS: "true",
    },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so that stop() reaches tsx's node grandchild too.
    detached: true,
  });
  mkdirSync(path.dirname(SERVER_LOG), { recursive: true });
  const log = createWriteStream(SERVER_LOG);
  const output = collectOutput(child, log);
  // If vitest itself dies without running the teardown, do not leave a server listening.
  const killOnExit = () => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  };
  process.once("exit", killOnExit);

  try {
    await waitForHealth(url, child);
  } catch (error) {
    await stop(child);
    await standin.close();
    process.off("exit", killOnExit);
    rmSync(workDir, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      [
        `The e2e server (tsx app/server/main.server.ts in ${workDir}, on ${url}, DATABASE_URL=${databaseUrl}) did not start: ${reason}.`,
        `--- server stderr ---\n${output.stderr.trim() || "(empty)"}`,
        `--- server stdout (last lines) ---\n${output.stdout.trim().split("\n").slice(-40).join("\n") || "(empty)"}`,
      ].join("\n"),
    );
  }

  project.provide("baseUrl", url);
  project.provide("issuer", standin.issuer);
  project.provide("databaseUrl", databaseUrl);
  return async () => {
    await stop(child);
    await standin.close();
    process.off("exit", killOnExit);
    rmSync(workDir, { recursive: true, force: true });
    await new Promise((resolve) => log.end(resolve));
    reportServerTrouble();
  };
}

/**
 * Prints the server's warnings, errors, 5xx answers and slow requests of the run: when a browser test fails
 * because a page never came, this says whether the server failed it or kept it waiting.
 */
function reportServerTrouble(): void {
  const trouble = readFileSync(SERVER_LOG, "utf8")
    .split("\n")
    .filter((line) => {
      if (line.trim() === "") return false;
      try {
        const entry = JSON.parse(line) as { level?: string; status?: number; durationMs?: number };
        return (
          entry.level === "warn" ||
          entry.level === "error" ||
          entry.level === "fatal" ||
          (entry.status ?? 0) >= 500 ||
          (entry.durationMs ?? 0) >= SLOW_REQUEST_MS
        );
      } catch {
        // Not one of the logger's lines: a stack trace or a crash message.
        return true;
      }
    });
  if (trouble.length === 0) return;
  console.error(
    [
      `The e2e server logged ${trouble.length} warning(s), error(s) or slow answer(s) (whole log: ${SERVER_LOG}):`,
      ...trouble.slice(0, MAX_TROUBLE_LINES),
      ...(trouble.length > MAX_TROUBLE_LINES ? [`… and ${trouble.length - MAX_TROUBLE_LINES} more`] : []),
    ].join("\n"),
  );
}
