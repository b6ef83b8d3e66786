// `npm start` as a newcomer runs it: migrations, demo data, the ProConnect stand-in and the server, on the ports
// given; a restart keeps the data.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, inject, it } from "vitest";
import { executeOn, rootDir } from "../support/databases";
import { freePort } from "../support/proconnect-stack";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "cicclo-npm-start-"));
// On PostgreSQL the suite's own per-file database serves; on SQLite a fresh file shows the first start from zero.
const databaseUrl =
  inject("templateDatabase").provider === "sqlite" ? `file:${dataDir}/cicclo.db` : process.env.DATABASE_URL!;
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function start(port: number, standinPort: number): Promise<{ child: ChildProcess; output: () => string }> {
  let output = "";
  const child = spawn(path.join(rootDir, "node_modules/.bin/tsx"), ["scripts/start.ts"], {
    cwd: rootDir,
    env: {
      NODE_ENV: "production",
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: "127.0.0.1",
      PROCONNECT_STANDIN_PORT: String(standinPort),
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: "npm-start-test-secret-at-least-32-characters",
      LOG_REQUESTS: "false",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited: ${output}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`npm start did not answer within 60 s: ${output}`);
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

it(
  "serves the demo content with sign-in on the given PORT, and keeps data across a restart",
  { timeout: 150_000 },
  async () => {
    const [port, standinPort] = [await freePort(), await freePort()];
    const first = await start(port, standinPort);
    try {
      expect(first.output()).toContain(`ProConnect (local stand-in): http://localhost:${standinPort}/api/v2`);
      const latest = await (await fetch(`http://127.0.0.1:${port}/latest`)).text();
      expect(latest).toContain("OGC API Features : le lien « next » de geOrchestra perd le paramètre bbox");
      const login = await fetch(`http://127.0.0.1:${port}/auth/login`, { redirect: "manual" });
      expect(login.headers.get("location")).toContain(`http://localhost:${standinPort}/api/v2/authorize`);
    } finally {
      await stop(first.child);
    }

    await executeOn(databaseUrl, `UPDATE "Category" SET "name" = $1 WHERE "slug" = $2`, [
      "Annonces modifiées",
      "annonces",
    ]);

    const second = await start(port, standinPort);
    try {
      const latest = await (await fetch(`http://127.0.0.1:${port}/latest`)).text();
      expect(latest).toContain("Annonces modifiées");
      // Loaded once: the demo data is not added again on restart.
      expect(latest.match(/>Bienvenue sur CICCLO Interop<\/a>/g)).toHaveLength(1);
    } finally {
      await stop(second.child);
    }
  },
);
