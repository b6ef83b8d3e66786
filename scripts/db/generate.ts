// Generates the Prisma clients of both providers (run by `npm ci` through postinstall). Offline: the clients use
// the JS query compiler, so no engine is downloaded.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
for (const url of ["file::memory:", "postgresql://unused@127.0.0.1:5432/unused"]) {
  execFileSync(path.join(root, "node_modules/.bin/prisma"), ["generate", "--config", "prisma/prisma.config.ts"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}
console.log("Prisma clients generated (sqlite, postgresql).");
