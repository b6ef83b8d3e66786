// Bulk inserts for the benchmark seeder, straight through the drivers the app uses (better-sqlite3, pg): Prisma's
// createMany costs about 35 s per 200,000 posts here, the drivers a few seconds. Values are written in the forms
// Prisma itself writes, so the app reads the rows back exactly as it reads its own.
import Database from "better-sqlite3";
import pg from "pg";

export type Value = string | number | boolean | Date | Buffer | null;
export type Row = Value[];

export interface BulkWriter {
  /** Runs `work` in one transaction. */
  transaction(work: () => Promise<void>): Promise<void>;
  insert(table: string, columns: string[], rows: Row[]): Promise<void>;
  /** One statement with positional parameters written `?`. */
  run(sql: string, values?: Value[]): Promise<void>;
  /** After explicit ids were inserted: PostgreSQL's sequence must move past them (SQLite's AUTOINCREMENT does). */
  syncSequence(table: string): Promise<void>;
  /** What a production database would have done on its own after such a load (see each implementation). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

const quoted = (name: string) => `"${name}"`;

/** Prisma stores SQLite DateTime as ISO 8601 text with an explicit offset, booleans as 0/1. */
function sqliteValue(value: Value): string | number | Buffer | null {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

export function sqliteWriter(file: string): BulkWriter {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  // NORMAL, as the app sets it: durable enough for a load we would redo anyway, and no fsync per transaction.
  db.pragma("synchronous = NORMAL");
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  return {
    async transaction(work) {
      db.exec("BEGIN");
      try {
        await work();
        db.exec("COMMIT");
      } catch (error) {
        db.exec("ROLLBACK");
        throw error;
      }
    },
    async insert(table, columns, rows) {
      // One prepared single-row statement replayed inside the caller's transaction is the fastest path in
      // better-sqlite3; multi-row VALUES lists gain nothing and hit the bind-parameter limit.
      const statement = prepared(
        `INSERT INTO ${quoted(table)} (${columns.map(quoted).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
      );
      for (const row of rows) statement.run(row.map(sqliteValue));
    },
    async run(sql, values = []) {
      prepared(sql).run(values.map(sqliteValue));
    },
    async syncSequence() {},
    async settle() {
      // SQLite has no background statistics: the app never runs ANALYZE, so neither do we. Only fold the WAL back
      // into the main file, as an automatic checkpoint would have done over time.
      db.pragma("wal_checkpoint(TRUNCATE)");
    },
    async close() {
      db.close();
    },
  };
}

/** Prisma's PostgreSQL DateTime is timestamp(3) without time zone holding UTC: send UTC text, never a local time. */
function postgresValue(value: Value): string | number | boolean | Buffer | null {
  return value instanceof Date ? value.toISOString() : value;
}

// PostgreSQL accepts at most 65,535 parameters per statement.
const PG_MAX_PARAMETERS = 65_535;

export async function postgresWriter(connectionString: string): Promise<BulkWriter> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const numbered = (sql: string) => {
    let index = 0;
    return sql.replace(/\?/g, () => `$${++index}`);
  };
  return {
    async transaction(work) {
      await client.query("BEGIN");
      try {
        await work();
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
    async insert(table, columns, rows) {
      const perStatement = Math.floor(PG_MAX_PARAMETERS / columns.length);
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement);
        const tuples = chunk.map(
          (_, row) => `(${columns.map((_, column) => `$${row * columns.length + column + 1}`).join(", ")})`,
        );
        await client.query(
          `INSERT INTO ${quoted(table)} (${columns.map(quoted).join(", ")}) VALUES ${tuples.join(", ")}`,
          chunk.flat().map(postgresValue),
        );
      }
    },
    async run(sql, values = []) {
      await client.query(numbered(sql), values.map(postgresValue));
    },
    async syncSequence(table) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence('${quoted(table)}', 'id'), (SELECT MAX("id") FROM ${quoted(table)}))`,
      );
    },
    async settle() {
      // Autovacuum would analyze these tables within minutes of such a load; do it now so the planner sees them.
      await client.query("ANALYZE");
    },
    async close() {
      await client.end();
    },
  };
}
