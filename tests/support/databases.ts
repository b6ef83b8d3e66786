// Test databases: one migrated and seeded template per run, one copy per test file, on SQLite (default) or on the
// PostgreSQL server named by DATABASE_URL. Used by the vitest global setup and by each worker.
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const testTmpRoot = path.join(rootDir, "tmp", "test");
// One folder per run, so concurrent runs (a developer's and an editor's) never delete each other's files.
const runDir = (runId: string) => path.join(testTmpRoot, runId);

export type TemplateDatabase =
  { provider: "sqlite"; file: string } | { provider: "postgresql"; url: string; name: string };

export function requestedProvider(): "sqlite" | "postgresql" {
  return /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? "") ? "postgresql" : "sqlite";
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function adminQuery(baseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates an empty database for the template and returns its URL (the caller migrates and seeds it). */
export async function createTemplateDatabase(runId: string): Promise<TemplateDatabase> {
  if (requestedProvider() === "sqlite") {
    mkdirSync(runDir(runId), { recursive: true });
    const file = path.join(runDir(runId), "template.db");
    rmSync(file, { force: true });
    return { provider: "sqlite", file };
  }
  const baseUrl = process.env.DATABASE_URL!;
  const name = `cicclo_test_${runId}_template`;
  await adminQuery(baseUrl, `DROP DATABASE IF EXISTS "${name}"`);
  await adminQuery(baseUrl, `CREATE DATABASE "${name}"`);
  return { provider: "postgresql", url: withDatabase(baseUrl, name), name };
}

export function templateUrl(template: TemplateDatabase): string {
  return template.provider === "sqlite" ? `file:${template.file}` : template.url;
}

/** A private copy of the template for one test file; returns its DATABASE_URL. */
export async function copyTemplate(template: TemplateDatabase, label: string): Promise<string> {
  if (template.provider === "sqlite") {
    const file = path.join(path.dirname(template.file), `${label}.db`);
    copyFileSync(template.file, file);
    return `file:${file}`;
  }
  const name = `${template.name.replace(/_template$/, "")}_${label}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  const baseUrl = process.env.DATABASE_URL!;
  // PostgreSQL refuses two copies of one template at the same instant: retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(baseUrl, `CREATE DATABASE "${name}" TEMPLATE "${template.name}"`);
      return withDatabase(baseUrl, name);
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
}

/** Drops every database and file this run created. */
export async function dropRunDatabases(runId: string): Promise<void> {
  if (requestedProvider() === "sqlite") {
    rmSync(runDir(runId), { recursive: true, force: true });
    return;
  }
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [
      `cicclo_test_${runId}_%`,
    ]);
    for (const row of rows) await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Runs one statement on a test database, outside the app (for fixtures set up before the app starts). */
export async function executeOn(url: string, sql: string, params: unknown[]): Promise<void> {
  if (url.startsWith("file:")) {
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(url.slice("file:".length));
    try {
      db.prepare(sql.replace(/\$\d+/g, "?")).run(...params);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}
