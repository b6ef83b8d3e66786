// What the HTTP server hands to every loader and action (app/server/http.server.ts).
declare module "@remix-run/node" {
  interface AppLoadContext {
    requestId: string;
    cspNonce: string;
  }
}

export {};
