// What the benchmarks that start the production server share: a fresh database (SQLite in a temporary folder, or a
// new database on the PostgreSQL server DATABASE_URL names), the environment the app server and the bench process
// must agree on, a signed-in member's cookie, and the machine and commit the figures were taken on.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { postgresWriter, sqliteWriter, type BulkWriter } from "./bulk-writer";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface BenchDatabase {
  url: string;
  label: string;
  writer: () => Promise<BulkWriter>;
  drop: () => Promise<void>;
}

export function createSqliteDatabase(name: string): BenchDatabase {
  const dir = mkdtempSync(path.join(os.tmpdir(), `cicclo-bench-${name}-`));
  const file = path.join(dir, `${name}.db`);
  return {
    url: `file:${file}`,
    label: `SQLite (${file})`,
    writer: async () => sqliteWriter(file),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createPostgresDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `cicclo_bench_${process.pid}_${Date.now()}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    label: `PostgreSQL (database ${name} on ${url.host})`,
    writer: () => postgresWriter(url.toString()),
    drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** PostgreSQL when DATABASE_URL names a server, SQLite in a temporary folder otherwise. */
export async function createBenchDatabase(name: string): Promise<BenchDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  return /^postgres(ql)?:/.test(serverUrl ?? "") ? createPostgresDatabase(serverUrl!) : createSqliteDatabase(name);
}

export interface BenchEnvironment {
  appPort: number;
  secret: string;
  publicUrl: string;
  outboxDir: string;
}

/** The same settings for the bench process (which writes the data and the session) and the app server: the session
 * cookie's name and attributes follow PUBLIC_URL, so both must agree. */
/** Production runs one worker per core (docs/deployment.md); WEB_CONCURRENCY=1 measures a single process. */
export const benchWebConcurrency = process.env.WEB_CONCURRENCY ?? "auto";

export function appEnvironment(database: BenchDatabase, bench: BenchEnvironment): Record<string, string> {
  return {
    NODE_ENV: "production",
    WEB_CONCURRENCY: benchWebConcurrency,
    LOG_REQUESTS: "false",
    LOG_LEVEL: "warn",
    SESSION_SECRET: bench.secret,
    DATABASE_URL: database.url,
    PORT: String(bench.appPort),
    HOST: "127.0.0.1",
    PUBLIC_URL: bench.publicUrl,
    MAIL_OUTBOX_DIR: bench.outboxDir,
  };
}

export interface SignedInMember {
  cookie: string;
  token: string;
  userId: number;
}

/** A session row for a demo member and the Cookie header a browser holding it sends. The app's modules are
 * imported here, so only after the caller has set the bench environment. */
export async function signIn(username: string, userAgent: string): Promise<SignedInMember> {
  const [{ getDb }, auth, sessions] = await Promise.all([
    import("../../app/infra/db.server"),
    import("../../app/infra/auth.server"),
    import("../../app/domain/identity/sessions.server"),
  ]);
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({ where: { username } });
  const { token } = await sessions.createSession(
    db,
    { userId: user.id, idToken: null, userAgent, ipAddress: "127.0.0.1" },
    auth.sessionPolicy(),
  );
  const setCookie = await auth.authCookies().session.serialize(token);
  return { cookie: setCookie.split(";")[0]!, token, userId: user.id };
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? "?"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

export function gitState(): string {
  try {
    const quiet = { cwd: root, stdio: ["ignore", "pipe", "ignore"] as ["ignore", "pipe", "ignore"] };
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], quiet).toString().trim();
    // --no-optional-locks: never refresh the index, another engineer works in this tree.
    const dirty = execFileSync("git", ["--no-optional-locks", "status", "--porcelain", "--", "app", "prisma"], quiet)
      .toString()
      .trim();
    return dirty ? `${commit} + uncommitted changes in app/ or prisma/` : commit;
  } catch {
    return "unknown";
  }
}

export const loadAverage = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(", ");

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** What a browser asks for when it follows a link: the render cache answers only such requests. */
export const BROWSER_ACCEPT = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };

/** `--name <positive number>` on a bench's command line, or the fallback. */
export function numberOption(argv: string[], name: string, fallback: number): number {
  const index = argv.indexOf(name);
  if (index < 0) return fallback;
  const value = Number(argv[index + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number`);
  return value;
}
