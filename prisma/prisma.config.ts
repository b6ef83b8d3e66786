// Prisma CLI configuration, used for `prisma generate` and `prisma migrate diff` only (the app applies
// migrations itself: scripts/db/migrate.ts). The JS engine with a driver adapter keeps the CLI offline; the
// schema must be named here, not with --schema, or the CLI falls back to downloading a native query engine.
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

const url = process.env.DATABASE_URL ?? "file:../data/cicclo.db";
const isPostgres = /^postgres(ql)?:/.test(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: isPostgres ? "postgresql/schema.prisma" : "sqlite/schema.prisma",
  adapter: async () => (isPostgres ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url })),
});
