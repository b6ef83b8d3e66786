// Tells every replica that anonymous pages went stale. Each app process keeps its own render cache; a write on one
// replica must empty the others' too, or anonymous visitors there would see the old page until the TTL runs out.
// On PostgreSQL the replicas share the database, so its LISTEN/NOTIFY carries the message; on SQLite there is one
// process, and nothing needs telling.
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { Logger } from "pino";

const CHANNEL = "cicclo_render_cache";

export interface CacheBroadcast {
  /** After a write in this process: the other replicas should forget their pages. */
  publish(): void;
  close(): Promise<void>;
}

/** Listens for the other replicas' writes (calling `onStale`) and returns how to announce ours. */
export async function startCacheBroadcast(
  databaseUrl: string,
  onStale: () => void,
  logger: Logger,
): Promise<CacheBroadcast> {
  const self = randomUUID();
  const listener = new pg.Client({ connectionString: databaseUrl });
  const publisher = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  listener.on("notification", (message) => {
    if (message.channel === CHANNEL && message.payload !== self) onStale();
  });
  // A lost connection leaves the TTL as the only bound on staleness: say so, do not crash the server.
  listener.on("error", (error) => logger.warn({ err: error }, "render cache broadcast: listener lost"));
  publisher.on("error", (error) => logger.warn({ err: error }, "render cache broadcast: publisher error"));
  await listener.connect();
  await listener.query(`LISTEN ${CHANNEL}`);
  return {
    publish() {
      publisher
        .query("SELECT pg_notify($1, $2)", [CHANNEL, self])
        .catch((error: unknown) => logger.warn({ err: error }, "render cache broadcast: not sent"));
    },
    async close() {
      await Promise.allSettled([listener.end(), publisher.end()]);
    },
  };
}
