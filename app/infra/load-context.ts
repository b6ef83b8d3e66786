// What the HTTP server hands to every loader and action (app/server/http.server.ts).
declare module "@remix-run/node" {
  interface AppLoadContext {
    requestId: string;
    cspNonce: string;
    /** The client's address as seen through trusted proxies, for rate limits and the sessions list. */
    clientIp: string;
  }
}

export {};
