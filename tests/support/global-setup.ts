// Once per test run: build the app if sources changed, then migrate and seed a template database that every test
// file copies (tests/support/worker-database.ts).
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { buildIfNeeded } from "../../scripts/build-if-needed";
import { migrate } from "../../scripts/db/migrate";
import { createTemplateDatabase, dropRunDatabases, templateUrl, type TemplateDatabase } from "./databases";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: TemplateDatabase;
    runId: string;
  }
}

export default async function setup(project: TestProject) {
  const runId = `${process.pid}${randomBytes(2).toString("hex")}`;
  buildIfNeeded();
  const template = await createTemplateDatabase(runId);
  const url = templateUrl(template);
  await migrate(url);
  // The seed goes through the app's own modules, which read DATABASE_URL when first used.
  const previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  const { getDb, disconnectDb } = await import("../../app/infra/db.server");
  const { seedDemoData } = await import("../../scripts/db/seed");
  const { demoIssuer } = await import("../../scripts/demo/issuer");
  await seedDemoData(await getDb(), demoIssuer());
  const { loadClausesIntoDatabase } = await import("../../scripts/db/load-clauses");
  // Quiet about what it loads; files with errors and changed published versions still print.
  await loadClausesIntoDatabase(await getDb(), undefined, {
    log: {
      info: () => {},
      warn: (...args: unknown[]) => console.warn(...args),
      error: (...args: unknown[]) => console.error(...args),
    },
  });
  await disconnectDb();
  process.env.DATABASE_URL = previousUrl;
  project.provide("templateDatabase", template);
  project.provide("runId", runId);
  return async () => dropRunDatabases(runId);
}
