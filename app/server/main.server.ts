// The production entry point: `npm run serve` (and `npm start`, after its preparations). Serves the Remix build.
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { getEnv } from "../infra/env.server";
import { logger } from "../infra/logger.server";
import { SessionCache } from "../domain/identity/session-cache";
import { ReadCache } from "../domain/shared/read-cache";
import { closeSearchIndex } from "../domain/search/engine.server";
import { createHttpServer } from "./http.server";
import { startCacheBroadcast } from "./cache-broadcast.server";
import { RenderCache } from "./render-cache.server";
import { isPrimaryOfWorkers, runPrimary, runsBackgroundJobs, workerCacheSignal } from "./workers.server";

export interface RunningServer {
  url: string;
  close: () => Promise<void>;
}

export async function startServer(
  options: { buildDir?: string; port?: number; host?: string; jobs?: boolean } = {},
): Promise<RunningServer> {
  const env = getEnv();
  const buildDir = path.resolve(options.buildDir ?? "build");
  const build = (await import(pathToFileURL(path.join(buildDir, "server/index.js")).href)) as ServerBuild;
  const renderCache =
    env.RENDER_CACHE_SECONDS > 0
      ? new RenderCache({ ttlMs: env.RENDER_CACHE_SECONDS * 1000, maxEntries: 2000 })
      : undefined;
  const sessionCache =
    env.SESSION_CACHE_SECONDS > 0
      ? new SessionCache({ ttlMs: env.SESSION_CACHE_SECONDS * 1000, maxEntries: 10_000 })
      : undefined;
  const readCache =
    env.READ_CACHE_SECONDS > 0 ? new ReadCache({ ttlMs: env.READ_CACHE_SECONDS * 1000, maxEntries: 5_000 }) : undefined;
  const forgetCaches = () => {
    renderCache?.clear();
    sessionCache?.clear();
    readCache?.clear();
  };
  const caching = Boolean(renderCache || sessionCache || readCache);
  // Replicas share PostgreSQL: a write on one empties the others' caches too.
  const broadcast =
    caching && env.databaseProvider === "postgresql"
      ? await startCacheBroadcast(env.DATABASE_URL, forgetCaches, logger)
      : undefined;
  // Workers of one clustered server tell each other through their primary (workers.server.ts).
  const siblings = caching ? workerCacheSignal(forgetCaches) : undefined;
  const server = createHttpServer({
    build,
    clientDir: path.join(buildDir, "client"),
    logger,
    logRequests: env.LOG_REQUESTS,
    https: env.publicUrl.startsWith("https:"),
    // Signing out posts to us and is redirected to ProConnect's end-session endpoint.
    formActionOrigins: env.PROCONNECT_ISSUER ? [new URL(env.PROCONNECT_ISSUER).origin] : [],
    renderCache,
    sessionCache,
    readCache,
    readCacheSeconds: env.READ_CACHE_SECONDS,
    onWrite: () => {
      forgetCaches();
      broadcast?.publish();
      siblings?.publish();
    },
  });
  const host = options.host ?? env.HOST;
  server.listen(options.port ?? env.PORT, host);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  // Tests drive the jobs themselves; a running instance sends its e-mails in the background (one worker of a
  // clustered server).
  const stopJobs =
    options.jobs === false || !runsBackgroundJobs()
      ? async () => undefined
      : (await import("./jobs.server")).startJobs();
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url,
    close: async () => {
      await stopJobs();
      await new Promise<void>((resolve) => {
        void broadcast?.close();
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      // Leaves the embedded index's file checkpointed for the next start.
      await closeSearchIndex();
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    const workers = getEnv().WEB_CONCURRENCY;
    if (isPrimaryOfWorkers(workers)) runPrimary(workers, logger);
    else await serveInThisProcess();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

async function serveInThisProcess() {
  const server = await startServer();
  logger.info({ url: server.url, publicUrl: getEnv().publicUrl }, "CICCLO Interop is listening");
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      logger.info({ signal }, "shutting down");
      void server.close().then(() => process.exit(0));
      setTimeout(() => process.exit(0), 5_000).unref();
    });
  }
}
