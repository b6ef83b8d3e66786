// Usage: npm run db:migration -- <short_name>
// Needs a reachable PostgreSQL server (MIGRATION_DIFF_POSTGRES_URL) for the PostgreSQL diff.
// Regenerates both provider schemas from prisma/models.prisma and writes, for each provider, the SQL that takes the
// previous schema to the new one. Needs no database: it diffs schema files.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { providers, schemaFor, schemaPath } from "./write-schemas";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <short_name in snake_case>");
  process.exit(2);
}
// The JS schema engine opens a connection even for a file-to-file diff; it reads nothing and writes nothing there.
const diffPostgresUrl = process.env.MIGRATION_DIFF_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const models = readFileSync(path.join(root, "prisma/models.prisma"), "utf8");
const scratch = mkdtempSync(path.join(os.tmpdir(), "cicclo-migration-"));

for (const provider of providers) {
  const migrationsDir = path.join(root, "prisma", provider, "migrations");
  const previousFile = path.join(scratch, `${provider}.previous.prisma`);
  const hasHistory = existsSync(schemaPath(provider)) && existsSync(migrationsDir);
  if (hasHistory) writeFileSync(previousFile, readFileSync(schemaPath(provider), "utf8"));
  // The CLI reads the schema named in prisma.config.ts to pick its engine, so the new schema is written first.
  writeFileSync(schemaPath(provider), schemaFor(provider, models));
  const from = hasHistory ? ["--from-schema-datamodel", previousFile] : ["--from-empty"];
  const sql = execFileSync(
    path.join(root, "node_modules/.bin/prisma"),
    [
      "migrate",
      "diff",
      "--config",
      "prisma/prisma.config.ts",
      ...from,
      "--to-schema-datamodel",
      schemaPath(provider),
      "--script",
    ],
    {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: provider === "sqlite" ? "file::memory:" : diffPostgresUrl },
    },
  );
  if (!/\b(CREATE|ALTER|DROP|INSERT|UPDATE|PRAGMA)\b/.test(sql)) {
    console.log(`${provider}: no change`);
    continue;
  }
  const dir = path.join(migrationsDir, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`${provider}: wrote ${path.relative(root, dir)}/migration.sql`);
}
