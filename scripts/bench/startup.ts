// Time from `npm start` to the first 200 on /, on this machine: a first start (empty database: migrations and demo
// data), then restarts on the same data. `--with-build` deletes build/ first, so the first start also builds.
//   npx tsx scripts/bench/startup.ts [--with-build] [--runs 3]
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const withBuild = process.argv.includes("--with-build");
const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 3;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function timeToFirst200(databaseUrl: string): Promise<number> {
  const [port, standinPort] = [await freePort(), await freePort()];
  const started = performance.now();
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["scripts/start.ts"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      PROCONNECT_STANDIN_PORT: String(standinPort),
      DATABASE_URL: databaseUrl,
      LOG_REQUESTS: "false",
    },
    stdio: "ignore",
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error("npm start exited before answering");
      const ok = await fetch(`http://127.0.0.1:${port}/`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ok) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
}

const dir = mkdtempSync(path.join(os.tmpdir(), "cicclo-bench-start-"));
const databaseUrl = `file:${dir}/cicclo.db`;
if (withBuild) rmSync(path.join(root, "build"), { recursive: true, force: true });
const times: number[] = [];
for (let run = 0; run < runs; run++) times.push(await timeToFirst200(databaseUrl));
rmSync(dir, { recursive: true, force: true });

const [first, ...restarts] = times;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
);
console.log(`first start${withBuild ? " (with build)" : ""}, empty database: ${seconds(first!)}`);
if (restarts.length) {
  const median = [...restarts].sort((a, b) => a - b)[Math.floor(restarts.length / 2)]!;
  console.log(`restart on existing data (median of ${restarts.length}): ${seconds(median)}`);
  console.log(`ratio first / restart: ${(first! / median).toFixed(2)}`);
}
