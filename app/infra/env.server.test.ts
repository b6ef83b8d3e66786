import os from "node:os";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.server";

describe("configuration", () => {
  it("gives working defaults for a newcomer: SQLite under data/, port 3000", () => {
    const env = parseEnv({});
    expect(env.databaseProvider).toBe("sqlite");
    expect(env.DATABASE_URL).toMatch(/^file:\/.*\/data\/cicclo\.db$/);
    expect(env.PORT).toBe(3000);
    expect(env.publicUrl).toBe("http://localhost:3000");
  });

  it("runs one server process unless WEB_CONCURRENCY asks for more; auto means one per core", () => {
    expect(parseEnv({}).WEB_CONCURRENCY).toBe(1);
    expect(parseEnv({ WEB_CONCURRENCY: "3" }).WEB_CONCURRENCY).toBe(3);
    expect(parseEnv({ WEB_CONCURRENCY: "auto" }).WEB_CONCURRENCY).toBe(Math.min(os.availableParallelism(), 16));
    expect(() => parseEnv({ WEB_CONCURRENCY: "0" })).toThrow(/WEB_CONCURRENCY: au moins 1/);
    expect(() => parseEnv({ WEB_CONCURRENCY: "beaucoup" })).toThrow(/WEB_CONCURRENCY/);
  });

  it("keeps the embedded search index beside its database, or where SEARCH_INDEX_PATH says", () => {
    expect(parseEnv({}).searchIndexPath).toMatch(/\/data\/cicclo-search\.db$/);
    expect(parseEnv({ DATABASE_URL: "file:/srv/cicclo/main.db" }).searchIndexPath).toBe("/srv/cicclo/main-search.db");
    expect(parseEnv({ DATABASE_URL: "postgresql://u@127.0.0.1:5432/cicclo" }).searchIndexPath).toMatch(
      /\/data\/search-cicclo\.db$/,
    );
    expect(parseEnv({ SEARCH_INDEX_PATH: "/var/lib/cicclo/search.db" }).searchIndexPath).toBe(
      "/var/lib/cicclo/search.db",
    );
  });

  it("selects PostgreSQL from DATABASE_URL and honours PORT, HOST and PUBLIC_URL", () => {
    const env = parseEnv({
      DATABASE_URL: "postgresql://u@127.0.0.1:5432/db",
      PORT: "8080",
      HOST: "0.0.0.0",
      PUBLIC_URL: "https://interop.example.gouv.fr/",
    });
    expect(env.databaseProvider).toBe("postgresql");
    expect([env.PORT, env.HOST, env.publicUrl]).toEqual([8080, "0.0.0.0", "https://interop.example.gouv.fr"]);
  });

  it.each([
    [{ PORT: "quatre-vingts" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL: doit commencer par file: (SQLite) ou postgresql://"],
    [{ NODE_ENV: "production" }, "SESSION_SECRET: obligatoire en production"],
    [{ SESSION_SECRET: "court" }, "SESSION_SECRET: doit contenir au moins 32 caractères"],
    [
      { PROCONNECT_ISSUER: "https://auth.agentconnect.gouv.fr/api/v2/" },
      "PROCONNECT_ISSUER: sans barre oblique finale",
    ],
    [
      { PROCONNECT_ISSUER: "https://auth.agentconnect.gouv.fr/api/v2" },
      "PROCONNECT_ISSUER, PROCONNECT_CLIENT_ID et PROCONNECT_CLIENT_SECRET vont ensemble",
    ],
    [{ PROCONNECT_REQUIRED_ACR: "eidas9" }, "PROCONNECT_REQUIRED_ACR"],
  ])("stops with a sentence naming the wrong setting (%o)", (source, message) => {
    expect(() => parseEnv(source)).toThrow(message);
  });
});
