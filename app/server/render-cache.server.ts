// The anonymous render cache: anonymous visitors all see the same page for a URL, so the HTML is rendered once and
// served from memory until a write happens (Discourse serves anonymous traffic the same way). Only requests with no
// cookie and no credentials are served or stored, so nothing private or per-user can enter it. Each hit gets a fresh
// CSP nonce: the stored page's nonce is replaced, never reused.
import type { NextFunction, Request, Response } from "express";

interface Entry {
  status: number;
  contentType: string;
  /** The page cut where its nonce was, to be joined again with each hit's own nonce. */
  bodyAroundNonce: string[];
  storedAt: number;
}

export interface RenderCacheOptions {
  /** Entries older than this are rendered again: the bound on staleness when another process wrote. */
  ttlMs: number;
  maxEntries: number;
}

export class RenderCache {
  readonly #entries = new Map<string, Entry>();
  /** Set when other replicas must hear of this process's writes (cache-broadcast.server.ts). */
  onWrite: (() => void) | undefined;
  constructor(readonly options: RenderCacheOptions) {}

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Express middleware, placed before the Remix handler. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      if (req.method !== "GET" && req.method !== "HEAD") {
        // Any write may change what anonymous visitors see: forget everything once it succeeded.
        res.on("finish", () => {
          if (res.statusCode >= 400) return;
          this.clear();
          this.onWrite?.();
        });
        return next();
      }
      if (!isCacheable(req)) return next();
      const key = req.originalUrl;
      const entry = this.#entries.get(key);
      const nonce = res.locals.cspNonce as string;
      if (entry && Date.now() - entry.storedAt < this.options.ttlMs) {
        res.status(entry.status).type(entry.contentType).set("X-Render-Cache", "hit");
        res.send(entry.bodyAroundNonce.join(`nonce="${nonce}"`));
        return;
      }
      this.#capture(key, nonce, res);
      next();
    };
  }

  #capture(key: string, nonce: string, res: Response): void {
    const chunks: Buffer[] = [];
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (chunk) chunks.push(Buffer.from(chunk as Buffer));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as Response["write"];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk && typeof chunk !== "function") chunks.push(Buffer.from(chunk as Buffer));
      const contentType = String(res.getHeader("content-type") ?? "");
      if (res.statusCode === 200 && contentType.startsWith("text/html") && !res.getHeader("set-cookie")) {
        if (this.#entries.size >= this.options.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
        this.#entries.set(key, {
          status: 200,
          contentType,
          bodyAroundNonce: Buffer.concat(chunks).toString("utf8").split(`nonce="${nonce}"`),
          storedAt: Date.now(),
        });
      }
      return (end as (...args: unknown[]) => Response)(chunk, ...rest);
    }) as Response["end"];
  }
}

function isCacheable(req: Request): boolean {
  return (
    !req.headers.cookie &&
    !req.headers.authorization &&
    !req.headers["api-key"] &&
    !req.path.startsWith("/auth/") &&
    !req.path.endsWith(".json") &&
    (req.headers.accept ?? "").includes("text/html")
  );
}
