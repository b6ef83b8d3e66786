import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import Database from "better-sqlite3";
import pg from "pg";
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

/** A connection of a client's own database that runs hand-written reads without Prisma (see readRows). */
interface DirectReader {
  read(query: Prisma.Sql): Promise<unknown[]>;
  close(): Promise<void>;
}

const directReaders = new WeakMap<object, DirectReader>();

/** A new client of the configured database: the app holds one (getDb); tests open a second one to act as
 * another replica. */
export function createDb(): Db {
  const { DATABASE_URL, databaseProvider } = getEnv();
  if (databaseProvider === "postgresql") {
    // One pool for Prisma and the direct reads; Prisma ends it when it disconnects.
    const pool = new pg.Pool({ connectionString: DATABASE_URL });
    const db = new PostgresClient({
      adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    }) as unknown as Db;
    directReaders.set(db, {
      read: async (query) => (await pool.query(query.text, query.values)).rows,
      close: async () => {
        if (!pool.ending && !pool.ended) await pool.end();
      },
    });
    return db;
  }
  const db = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: DATABASE_URL, timeout: 5000 }) });
  const file = DATABASE_URL.replace(/^file:/, "");
  // An in-memory database exists only on Prisma's connection: its reads stay there.
  if (file && !file.startsWith(":memory:")) directReaders.set(db, sqliteDirectReader(file));
  return db;
}

/** A second connection to the SQLite file, opened on first use, for reads only. In WAL mode a reader sees the last
 * committed state and neither waits for Prisma's connection nor makes it wait. */
function sqliteDirectReader(file: string): DirectReader {
  let connection: Database.Database | undefined;
  const statements = new Map<string, Database.Statement>();
  return {
    read: async (query) => {
      if (!connection) {
        connection = new Database(file, { fileMustExist: true, timeout: 5000 });
        connection.pragma("query_only = ON");
      }
      let statement = statements.get(query.sql);
      if (!statement) {
        // The statements are a handful of fixed texts; a bound keeps an IN list of varying length from growing it.
        if (statements.size >= 1000) statements.clear();
        statement = connection.prepare(query.sql);
        statements.set(query.sql, statement);
      }
      return statement.all(...query.values.map((value) => (typeof value === "boolean" ? Number(value) : value)));
    },
    close: async () => {
      connection?.close();
      connection = undefined;
      statements.clear();
    },
  };
}

/** Hand-written SQL, with `${value}` parameters (and sqlList for lists): see readRows. */
export const sql = SqliteNamespace.sql;

/**
 * The rows of a hand-written read. The few reads on every signed-in page (the bell's count, the reader's state in a
 * topic, their votes and saved filters) are SQL (docs/decisions/021) and go to the driver directly: through
 * Prisma, each statement still costs about 0.1 ms of CPU (its WebAssembly query compiler runs for every raw query
 * too) for a few microseconds of SQL (docs/decisions/026). A transaction handle reads through Prisma, so that it
 * sees its own writes. Values come as each driver gives them: read numbers with Number() (a count is a bigint or a
 * string on PostgreSQL), booleans as truthy values (0/1 on SQLite).
 */
export async function readRows<T>(db: DbOrTx, query: Prisma.Sql): Promise<T[]> {
  const direct = directReaders.get(db);
  return direct ? ((await direct.read(query)) as T[]) : db.$queryRaw<T[]>(query);
}

/**
 * A list of values for `IN (…)` in hand-written SQL (readRows), which the hottest per-request reads use: a model
 * query costs 0.3–0.7 ms of CPU in Prisma's query compiler, the same read as SQL 0.07–0.15 ms
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
  if (client) {
    await client.$disconnect();
    await directReaders.get(client)?.close();
  }
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
