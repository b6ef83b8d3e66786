// Before each test file: its own copy of the seeded template database, so files run in parallel without sharing
// rows. Runs before the file's imports, so the app's modules read this DATABASE_URL.
import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { copyTemplate } from "./databases";

const label = `w${process.env.VITEST_POOL_ID ?? "0"}_${randomBytes(3).toString("hex")}`;
process.env.DATABASE_URL = await copyTemplate(inject("templateDatabase"), label);
process.env.LOG_LEVEL ??= "silent";
// Tests write to the database behind the server's back; the caches have their own test files that turn them on.
process.env.RENDER_CACHE_SECONDS ??= "0";
process.env.SESSION_CACHE_SECONDS ??= "0";
process.env.READ_CACHE_SECONDS ??= "0";
process.env.SESSION_SECRET ??= "test-session-secret-at-least-32-characters-long";

afterAll(async () => {
  const { disconnectDb } = await import("../../app/infra/db.server");
  await disconnectDb();
});
