import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type Server } from "node:http";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express, { type NextFunction, type Request, type Response } from "express";
import type { Logger } from "pino";
import { pageJsonMiddleware } from "./page-json.server";
import type { SessionCache } from "~/domain/identity/session-cache";
import type { ReadModels } from "~/domain/shared/read-cache";
import type { RenderCache } from "./render-cache.server";

export interface HttpAppOptions {
  build: ServerBuild;
  /** Folder of the client build (build/client). */
  clientDir: string;
  logger: Logger;
  logRequests: boolean;
  /** Origins, besides our own, that forms may post or redirect to (the OpenID provider). */
  formActionOrigins?: string[];
  /** Send Strict-Transport-Security: only behind https. */
  https: boolean;
  /** Serve anonymous pages from memory (app/server/render-cache.server.ts); off when undefined. */
  renderCache?: RenderCache;
  /** Sessions read in the last seconds, for loaders and actions (app/domain/identity/session-cache.ts). */
  sessionCache?: SessionCache;
  /** Shared read models for loaders (app/domain/shared/read-cache.ts), and how long a replica may keep them. */
  readCache?: ReadModels;
  readCacheSeconds?: number;
  /** After each successful write request (any method but GET and HEAD, answered below 400): what it may have
   * changed must leave the caches. */
  onWrite?: () => void;
}

const REQUEST_ID = /^[\w.-]{8,128}$/;
/** Set on a write's answer: its author's next requests skip the shared read models for a while. */
const WROTE_COOKIE = "cicclo_wrote";

/** The production HTTP server: anonymous pages from memory, else Express (createHttpApp). */
export function createHttpServer(options: HttpAppOptions): Server {
  const app = createHttpApp(options);
  const { renderCache } = options;
  if (!renderCache) return createServer(app);
  const headers = securityHeaders(options);
  return createServer((req, res) => {
    const started = process.hrtime.bigint();
    let requestId = "";
    const hit = renderCache.serveHit(req, res, () => {
      requestId = requestIdOf(req);
      const nonce = newNonce();
      return { nonce, headers: { ...headers(nonce), "X-Request-Id": requestId } };
    });
    if (!hit) return app(req, res);
    const queryAt = (req.url ?? "").indexOf("?");
    const path = queryAt === -1 ? req.url : req.url!.slice(0, queryAt);
    if (options.logRequests) logRequest(options.logger, { requestId, method: req.method, path, status: 200, started });
  });
}

/** One JSON line per request, from the cache's fast path and from Express alike. */
function logRequest(
  logger: Logger,
  request: { requestId: string; method?: string; path?: string; status: number; started: bigint },
): void {
  const { started, ...fields } = request;
  logger.info({ ...fields, durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000 });
}

const NONCE_BYTES = 16;
// Random bytes are drawn 4 kB at a time, as randomUUID does: one call to the system's source per 256 nonces instead
// of one per response. Each nonce is still 128 fresh random bits, used once.
let noncePool = Buffer.alloc(0);
let noncePoolOffset = 0;

function newNonce(): string {
  if (noncePoolOffset + NONCE_BYTES > noncePool.length) {
    noncePool = randomBytes(256 * NONCE_BYTES);
    noncePoolOffset = 0;
  }
  noncePoolOffset += NONCE_BYTES;
  return noncePool.toString("base64", noncePoolOffset - NONCE_BYTES, noncePoolOffset);
}

function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers["x-request-id"];
  return typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** The Express app: security headers, static files, request logs, then Remix. */
export function createHttpApp(options: HttpAppOptions): express.Express {
  const app = express();
  const headers = securityHeaders(options);
  app.disable("x-powered-by");
  // Remix sends its own responses; the few express sends (cached pages, page JSON) carry a fresh nonce each time,
  // so hashing them for an ETag would cost CPU on every request and never match.
  app.set("etag", false);
  app.set("trust proxy", "loopback, linklocal, uniquelocal");

  app.use((req: Request, res: Response, next: NextFunction) => {
    const requestId = requestIdOf(req);
    res.locals.requestId = requestId;
    res.locals.cspNonce = newNonce();
    res.set("X-Request-Id", requestId);
    for (const [name, value] of Object.entries(headers(res.locals.cspNonce as string))) res.setHeader(name, value!);
    if (options.readCache && options.readCacheSeconds && req.method !== "GET" && req.method !== "HEAD") {
      // Read your own writes: another replica may answer the author's next pages before it hears of this write
      // (the signal is asynchronous), from read models it keeps up to readCacheSeconds. For that long the author's
      // pages are read without them.
      res.append(
        "Set-Cookie",
        `${WROTE_COOKIE}=1; Max-Age=${options.readCacheSeconds}; Path=/; HttpOnly; SameSite=Lax${options.https ? "; Secure" : ""}`,
      );
    }
    if (options.onWrite && req.method !== "GET" && req.method !== "HEAD") {
      const onWrite = options.onWrite;
      res.on("finish", () => {
        if (res.statusCode < 400) onWrite();
      });
    }
    if (options.logRequests) {
      const started = process.hrtime.bigint();
      res.on("finish", () =>
        logRequest(options.logger, { requestId, method: req.method, path: req.path, status: res.statusCode, started }),
      );
    }
    next();
  });

  // Vite fingerprints everything under /assets: cache it for a year.
  app.use(
    "/assets",
    express.static(path.join(options.clientDir, "assets"), { immutable: true, maxAge: "1y", index: false }),
  );
  // Files at the root of the client build (favicon, robots.txt…) are listed once, so that page requests do not
  // each cost a file-system lookup.
  const rootFiles = new Set(
    existsSync(options.clientDir)
      ? readdirSync(options.clientDir, { withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => `/${entry.name}`)
      : [],
  );
  const serveRootFile = express.static(options.clientDir, { maxAge: "1h", index: false });
  app.use((req: Request, res: Response, next: NextFunction) =>
    rootFiles.has(req.path) ? serveRootFile(req, res, next) : next(),
  );

  if (options.renderCache) app.use(options.renderCache.middleware());

  const getLoadContext = (req: Request, res: Response) => ({
    requestId: res.locals.requestId as string,
    cspNonce: res.locals.cspNonce as string,
    clientIp: req.ip ?? "",
    sessionCache: options.sessionCache,
    readCache: req.headers.cookie?.includes(`${WROTE_COOKIE}=`) ? undefined : options.readCache,
    htmlPage: !req.path.endsWith(".data"),
  });
  app.use(pageJsonMiddleware({ build: options.build, loadContext: getLoadContext }));
  app.all("*", createRequestHandler({ build: options.build, getLoadContext }));
  return app;
}

/** The security headers of every response, built once: only the CSP nonce changes per response. */
function securityHeaders(options: HttpAppOptions): (nonce: string) => OutgoingHttpHeaders {
  const formAction = ["'self'", ...(options.formActionOrigins ?? [])].join(" ");
  const [policyBefore, policyAfter] = [
    "default-src 'self'",
    // Scripts run only with this response's nonce; what they load inherits the trust (strict-dynamic).
    "script-src 'nonce-NONCE' 'strict-dynamic'",
    // DSFR sets the colour scheme with an inline style element and React writes style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action ${formAction}`,
    "frame-ancestors 'none'",
  ]
    .join("; ")
    .split("NONCE") as [string, string];
  const fixed: OutgoingHttpHeaders = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    ...(options.https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
  return (nonce) => ({ "Content-Security-Policy": policyBefore + nonce + policyAfter, ...fixed });
}
