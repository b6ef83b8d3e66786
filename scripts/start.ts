// `npm start`: the newcomer's one command. Builds when the sources changed, migrates the database, loads the demo
// data, then serves the production build on http://localhost:3000 (PORT and HOST honoured).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildIfNeeded } from "./build-if-needed";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
process.env.NODE_ENV = "production";
if (existsSync(".env")) process.loadEnvFile(".env");

// Sessions must survive a restart: keep a generated secret beside the database rather than a new one each time.
function ensureSessionSecret(): void {
  if (process.env.SESSION_SECRET) return;
  const file = path.join(root, "data", "session-secret");
  mkdirSync(path.dirname(file), { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  process.env.SESSION_SECRET = readFileSync(file, "utf8").trim();
}

ensureSessionSecret();
if (buildIfNeeded()) console.log("App built.");

// Without a configured provider, the local ProConnect stand-in plays it, so a newcomer can sign in at once.
if (!process.env.PROCONNECT_ISSUER) {
  const { startLocalProConnect } = await import("./proconnect-standin/local");
  const standin = await startLocalProConnect();
  Object.assign(process.env, standin.appSettings);
  console.log(`ProConnect (local stand-in): ${standin.issuer}`);
}

const { getEnv } = await import("../app/infra/env.server");
const env = getEnv();
const { migrate } = await import("./db/migrate");
const applied = await migrate(env.DATABASE_URL);
if (applied.length) console.log(`Database migrated (${applied.join(", ")}).`);

const { getDb } = await import("../app/infra/db.server");
const { seedDemoData, seedDemoConformanceRuns } = await import("./db/seed");
const { demoIssuer } = await import("./demo/issuer");
const seeded = await seedDemoData(await getDb(), demoIssuer());
if (seeded.topicsCreated) console.log(`Demo data loaded (${seeded.topicsCreated} topics).`);
const demoRuns = await seedDemoConformanceRuns(await getDb());
if (demoRuns.runsRecorded) console.log(`Demo conformance runs recorded (${demoRuns.runsRecorded}).`);
const { loadClausesIntoDatabase } = await import("./db/load-clauses");
const clauses = await loadClausesIntoDatabase(await getDb());
if (clauses.versionsAdded.length) console.log(`Clause library loaded (${clauses.versionsAdded.length} new versions).`);
if (clauses.refused.length)
  console.error(`Clause versions REFUSED (a published version changed): ${clauses.refused.join(", ")}`);

const { startServer } = await import("../app/server/main.server");
const server = await startServer();
console.log(`CICCLO Interop: ${env.publicUrl} (${env.databaseProvider === "sqlite" ? "SQLite" : "PostgreSQL"})`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
