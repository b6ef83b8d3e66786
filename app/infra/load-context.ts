// What the HTTP server hands to every loader and action (app/server/http.server.ts).
import type { SessionCache } from "~/domain/identity/session-cache";
import type { ReadModels } from "~/domain/shared/read-cache";

declare module "@remix-run/node" {
  interface AppLoadContext {
    requestId: string;
    cspNonce: string;
    /** The client's address as seen through trusted proxies, for rate limits and the sessions list. */
    clientIp: string;
    /** Sessions read in the last seconds (absent under the Vite dev server: every request reads the database). */
    sessionCache?: SessionCache;
    /** Shared read models kept a few seconds (app/domain/shared/read-cache.ts); absent: always read. */
    readCache?: ReadModels;
    /** The answer is an HTML page, not a data answer (`.data`, a client-side navigation): large JSON texts travel in
     * the page itself (app/infra/json-text.ts). */
    htmlPage: boolean;
  }
}

export {};
