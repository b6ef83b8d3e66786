// What the HTTP server hands to every loader and action (app/server/http.server.ts).
import type { SessionCache } from "~/domain/identity/session-cache";

declare module "@remix-run/node" {
  interface AppLoadContext {
    requestId: string;
    cspNonce: string;
    /** The client's address as seen through trusted proxies, for rate limits and the sessions list. */
    clientIp: string;
    /** Sessions read in the last seconds (absent under the Vite dev server: every request reads the database). */
    sessionCache?: SessionCache;
  }
}

export {};
