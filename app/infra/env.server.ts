import os from "node:os";
import path from "node:path";
import { z } from "zod";

// Every setting the app reads, validated once at start so a wrong value stops the app with a sentence naming it.
// Documented one by one in .env.example.

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "doit commencer par file: (SQLite) ou postgresql:// (PostgreSQL)")
    .default("file:./data/cicclo.db"),
  SESSION_SECRET: z.string().min(32, "doit contenir au moins 32 caractères").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SESSION_IDLE_TIMEOUT_HOURS: z.coerce
    .number()
    .positive()
    .default(24 * 7),
  SESSION_MAX_AGE_HOURS: z.coerce
    .number()
    .positive()
    .default(24 * 30),
  PROCONNECT_ISSUER: z
    .string()
    .url()
    .refine((value) => !value.endsWith("/"), "sans barre oblique finale (https://…/api/v2)")
    .optional(),
  PROCONNECT_CLIENT_ID: z.string().min(1).optional(),
  PROCONNECT_CLIENT_SECRET: z.string().min(1).optional(),
  PROCONNECT_SCOPES: z.string().default("openid given_name usual_name email uid siret idp_id"),
  PROCONNECT_REQUIRED_ACR: z
    .enum(["eidas0", "eidas0-mfa", "eidas1", "eidas1-mfa", "eidas2", "eidas3"])
    .default("eidas1"),
  PROCONNECT_ID_TOKEN_ALG: z.enum(["RS256", "ES256"]).default("RS256"),
  PROCONNECT_USERINFO_ALG: z.enum(["RS256", "ES256"]).default("RS256"),
  PROCONNECT_USE_PKCE: z
    .enum(["true", "false"])
    .default("true")
    .transform((value) => value === "true"),
  TOPIC_TITLE_MIN_LENGTH: z.coerce.number().int().min(1).default(5),
  TOPIC_TITLE_MAX_LENGTH: z.coerce.number().int().min(10).max(1000).default(255),
  POST_MIN_LENGTH: z.coerce.number().int().min(1).default(1),
  POST_MAX_LENGTH: z.coerce.number().int().min(100).max(200_000).default(32_000),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default("CICCLO Interop <ne-pas-repondre@cicclo.localhost>"),
  MAIL_OUTBOX_DIR: z.string().default("data/outbox"),
  FIRST_POSTS_HELD_FOR_REVIEW: z.coerce.number().int().min(0).max(100).default(0),
  TRACKER_REMINDER_DAYS: z.coerce.number().int().min(1, "au moins 1 jour").max(365, "au plus 365 jours").default(14),
  RENDER_CACHE_SECONDS: z.coerce.number().int().min(0).default(10),
  SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(10),
  READ_CACHE_SECONDS: z.coerce.number().int().min(0).default(10),
  WEB_CONCURRENCY: z
    .union([z.literal("auto"), z.coerce.number().int().min(1, "au moins 1").max(64, "au plus 64")])
    .default(1)
    .transform((value) => (value === "auto" ? Math.min(os.availableParallelism(), 16) : value)),
  LOG_REQUESTS: z
    .enum(["true", "false"])
    .default("true")
    .transform((value) => value === "true"),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(8),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(1).max(120_000).default(10_000),
  WEBHOOK_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  PROBE_ALLOW_PRIVATE_ADDRESSES: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
  PROBE_COOLDOWN_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  SEARCH_INDEX_PATH: z.string().min(1).optional(),
  MEILI_URL: z.string().url().optional(),
  MEILI_MASTER_KEY: z.string().min(1).optional(),
  MEILI_INDEX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "lettres, chiffres, tirets et soulignés seulement")
    .default("cicclo"),
});

export type Env = z.infer<typeof envSchema> & {
  publicUrl: string;
  databaseProvider: "sqlite" | "postgresql";
  /** The embedded search index's file (used unless MEILI_URL is set). */
  searchIndexPath: string;
};

export class ConfigurationError extends Error {
  override name = "ConfigurationError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigurationError(`Configuration invalide (voir .env.example) :\n- ${problems.join("\n- ")}`);
  }
  const env = result.data;
  if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
    throw new ConfigurationError(
      "Configuration invalide (voir .env.example) :\n- SESSION_SECRET: obligatoire en production (32 caractères au moins)",
    );
  }
  const proconnect = [env.PROCONNECT_ISSUER, env.PROCONNECT_CLIENT_ID, env.PROCONNECT_CLIENT_SECRET];
  if (proconnect.some(Boolean) && !proconnect.every(Boolean)) {
    throw new ConfigurationError(
      "Configuration invalide (voir .env.example) :\n- PROCONNECT_ISSUER, PROCONNECT_CLIENT_ID et PROCONNECT_CLIENT_SECRET vont ensemble : renseignez les trois",
    );
  }
  const databaseProvider = env.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgresql";
  const databaseUrl = databaseProvider === "sqlite" ? resolveSqliteUrl(env.DATABASE_URL) : env.DATABASE_URL;
  return {
    ...env,
    DATABASE_URL: databaseUrl,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    databaseProvider,
    searchIndexPath: path.resolve(env.SEARCH_INDEX_PATH ?? defaultSearchIndexPath(databaseUrl)),
  };
}

// The embedded search index sits beside the SQLite database (data/cicclo.db → data/cicclo-search.db), so that each
// database has its own; with PostgreSQL, in data/, named after the database.
function defaultSearchIndexPath(databaseUrl: string): string {
  if (databaseUrl.startsWith("file:")) {
    const file = databaseUrl.slice("file:".length).replace(/\?.*$/, "");
    const { dir, name } = path.parse(file);
    return path.join(dir, `${name}-search.db`);
  }
  const database = new URL(databaseUrl).pathname.replace(/^\//, "") || "postgres";
  return path.join("data", `search-${database.replace(/[^A-Za-z0-9_-]/g, "_")}.db`);
}

// A relative SQLite path is taken from the working directory, which npm sets to the repository root.
function resolveSqliteUrl(url: string): string {
  const file = url.slice("file:".length);
  return `file:${path.resolve(file)}`;
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
