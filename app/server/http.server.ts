import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express, { type NextFunction, type Request, type Response } from "express";
import type { Logger } from "pino";
import { pageJsonMiddleware } from "./page-json.server";
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
}

const REQUEST_ID = /^[\w.-]{8,128}$/;

/** The production HTTP server: security headers, static files, request logs, then Remix. */
export function createHttpApp(options: HttpAppOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // Remix sends its own responses; the few express sends (cached pages, page JSON) carry a fresh nonce each time,
  // so hashing them for an ETag would cost CPU on every request and never match.
  app.set("etag", false);
  app.set("trust proxy", "loopback, linklocal, uniquelocal");

  app.use((req: Request, res: Response, next: NextFunction) => {
    const incoming = req.get("x-request-id");
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.locals.cspNonce = randomBytes(16).toString("base64");
    res.set("X-Request-Id", requestId);
    setSecurityHeaders(res, options);
    if (options.logRequests) {
      const started = process.hrtime.bigint();
      res.on("finish", () => {
        options.logger.info({
          requestId,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        });
      });
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
  });
  app.use(pageJsonMiddleware({ build: options.build, loadContext: getLoadContext }));
  app.all("*", createRequestHandler({ build: options.build, getLoadContext }));
  return app;
}

function setSecurityHeaders(res: Response, options: HttpAppOptions): void {
  const nonce = res.locals.cspNonce as string;
  const formAction = ["'self'", ...(options.formActionOrigins ?? [])].join(" ");
  res.set(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      // Scripts run only with this response's nonce; what they load inherits the trust (strict-dynamic).
      `script-src 'nonce-${nonce}' 'strict-dynamic'`,
      // DSFR sets the colour scheme with an inline style element and React writes style attributes.
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: https:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      `form-action ${formAction}`,
      "frame-ancestors 'none'",
    ].join("; "),
  );
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "strict-origin-when-cross-origin");
  res.set("X-Frame-Options", "DENY");
  res.set("Cross-Origin-Opener-Policy", "same-origin");
  res.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
  if (options.https) res.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
}
