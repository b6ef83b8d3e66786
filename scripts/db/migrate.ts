// Applies prisma/<provider>/migrations/*/migration.sql in order, each in its own transaction, and records it with
// a checksum. The app owns this step because Prisma's migrate engine cannot reach PostgreSQL through the driver
// adapter offline (docs/decisions/002-database-dual-provider.md).
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { parseEnv } from "../../app/infra/env.server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(provider: "sqlite" | "postgresql"): Migration[] {
  const dir = path.join(root, "prisma", provider, "migrations");
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const LEDGER = `CREATE TABLE IF NOT EXISTS "_migrations" (
  "name" TEXT PRIMARY KEY,
  "checksum" TEXT NOT NULL,
  "appliedAt" TEXT NOT NULL
)`;

function assertUnchanged(applied: Map<string, string>, migrations: Migration[]): void {
  for (const migration of migrations) {
    const checksum = applied.get(migration.name);
    if (checksum && checksum !== migration.checksum) {
      throw new Error(`Migration ${migration.name} was changed after it was applied: add a new migration instead.`);
    }
  }
}

export function migrateSqlite(url: string): string[] {
  const file = url.replace(/^file:/, "");
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    db.exec(LEDGER);
    const rows = db.prepare(`SELECT "name", "checksum" FROM "_migrations"`).all() as {
      name: string;
      checksum: string;
    }[];
    const applied = new Map(rows.map((row) => [row.name, row.checksum]));
    const migrations = listMigrations("sqlite");
    assertUnchanged(applied, migrations);
    const done: string[] = [];
    for (const migration of migrations.filter((m) => !applied.has(m.name))) {
      db.transaction(() => {
        db.exec(migration.sql);
        db.prepare(`INSERT INTO "_migrations" ("name", "checksum", "appliedAt") VALUES (?, ?, ?)`).run(
          migration.name,
          migration.checksum,
          new Date().toISOString(),
        );
      })();
      done.push(migration.name);
    }
    return done;
  } finally {
    db.close();
  }
}

export async function migratePostgres(connectionString: string): Promise<string[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    // Replicas starting together: one migrates, the others wait for it and then find nothing to do.
    await client.query("SELECT pg_advisory_lock(727274)");
    await client.query(LEDGER);
    const { rows } = await client.query<{ name: string; checksum: string }>(
      `SELECT "name", "checksum" FROM "_migrations"`,
    );
    const applied = new Map(rows.map((row) => [row.name, row.checksum]));
    const migrations = listMigrations("postgresql");
    assertUnchanged(applied, migrations);
    const done: string[] = [];
    for (const migration of migrations.filter((m) => !applied.has(m.name))) {
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(`INSERT INTO "_migrations" ("name", "checksum", "appliedAt") VALUES ($1, $2, $3)`, [
          migration.name,
          migration.checksum,
          new Date().toISOString(),
        ]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed: ${String(error)}`);
      }
      done.push(migration.name);
    }
    return done;
  } finally {
    await client.end();
  }
}

export async function migrate(databaseUrl: string): Promise<string[]> {
  return databaseUrl.startsWith("file:") ? migrateSqlite(databaseUrl) : migratePostgres(databaseUrl);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const env = parseEnv(process.env);
  const applied = await migrate(env.DATABASE_URL);
  console.log(
    applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database schema is up to date.",
  );
}
