// Writes one Prisma schema per provider from prisma/models.prisma, because Prisma cannot take the
// datasource provider from an environment variable (docs/decisions/002-database-dual-provider.md).
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const providers = ["sqlite", "postgresql"] as const;
export type Provider = (typeof providers)[number];

export function schemaFor(provider: Provider, models: string): string {
  return `// GENERATED from prisma/models.prisma by scripts/db/write-schemas.ts: edit the models file, not this one.
generator client {
  provider     = "prisma-client"
  output       = "../../app/infra/generated/${provider}"
  engineType   = "client"
  moduleFormat = "esm"
  runtime      = "nodejs"
}

datasource db {
  provider = "${provider}"
  url      = env("DATABASE_URL")
}

${models.trim()}
`;
}

export function schemaPath(provider: Provider): string {
  return path.join(root, "prisma", provider, "schema.prisma");
}

export function writeSchemas(): void {
  const models = readFileSync(path.join(root, "prisma/models.prisma"), "utf8");
  for (const provider of providers) {
    mkdirSync(path.dirname(schemaPath(provider)), { recursive: true });
    writeFileSync(schemaPath(provider), schemaFor(provider, models));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeSchemas();
