import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma as SqliteNamespace, PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { getEnv } from "./env.server";

// Both clients come from one model definition (prisma/models.prisma), so the SQLite client's type
// describes the PostgreSQL one too. See docs/decisions/002-database-dual-provider.md.
export type Db = SqliteClient;
export type { Prisma } from "./generated/sqlite/client";
import type { Prisma } from "./generated/sqlite/client";
/** Either the client or the handle of a transaction in progress: domain writes accept both. */
export type DbOrTx = Db | Prisma.TransactionClient;

/** A new client of the configured database: the app holds one (getDb); tests open a second one to act as
 * another replica. */
export function createDb(): Db {
  const { DATABASE_URL, databaseProvider } = getEnv();
  if (databaseProvider === "postgresql") {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: DATABASE_URL }) }) as unknown as Db;
  }
  return new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: DATABASE_URL, timeout: 5000 }) });
}

/**
 * A list of values for `IN (…)` in hand-written SQL (`db.$queryRaw`), which the hottest per-request reads use: a
 * model query costs 0.3–0.7 ms of CPU in Prisma's query compiler, the same read as SQL 0.07–0.15 ms
 * (docs/decisions/021). Identifiers in double quotes read the same on SQLite and PostgreSQL. Never empty.
 */
export function sqlList(values: readonly (number | string)[]) {
  return SqliteNamespace.join(values);
}

/** A case-insensitive "contains" on both databases: SQLite's LIKE already ignores ASCII case, PostgreSQL's needs
 * Prisma's `mode` (which the SQLite client, and so the shared type, does not know). */
export function containsIgnoringCase(text: string): Prisma.StringFilter {
  return getEnv().databaseProvider === "postgresql"
    ? ({ contains: text, mode: "insensitive" } as Prisma.StringFilter)
    : { contains: text };
}

// better-sqlite3 holds one connection per client: these pragmas apply to every query the app makes.
const SQLITE_PRAGMAS = ["journal_mode = WAL", "foreign_keys = ON", "synchronous = NORMAL", "busy_timeout = 5000"];

let client: Db | undefined;
let ready: Promise<Db> | undefined;

/** The process-wide database client, connected and configured. */
export function getDb(): Promise<Db> {
  ready ??= (async () => {
    client = createDb();
    if (getEnv().databaseProvider === "sqlite") {
      for (const pragma of SQLITE_PRAGMAS) await client.$queryRawUnsafe(`PRAGMA ${pragma}`);
    }
    return client;
  })();
  return ready;
}

export async function disconnectDb(): Promise<void> {
  if (client) await client.$disconnect();
  client = undefined;
  ready = undefined;
}

/** For /healthz: whether the database answers, and how fast. The error itself goes to the log, not to callers. */
export async function checkDatabase(): Promise<{ ok: boolean; provider: string; latencyMs: number; error?: unknown }> {
  const provider = getEnv().databaseProvider;
  const started = performance.now();
  try {
    const db = await getDb();
    await db.$queryRawUnsafe("SELECT 1");
    return { ok: true, provider, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { ok: false, provider, latencyMs: Math.round(performance.now() - started), error };
  }
}
