// The anonymous render cache: anonymous visitors all see the same page for a URL, so the HTML is rendered once and
// served from memory until a write happens (Discourse serves anonymous traffic the same way). Only requests with no
// cookie and no credentials are served or stored, so nothing private or per-user can enter it. Each hit gets a fresh
// CSP nonce: the stored page's nonce is replaced, never reused. Hits are answered ahead of Express (serveHit), from
// bytes encoded once, so a hit costs little more than writing the page to the socket.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { NextFunction, Request, Response } from "express";

interface Entry {
  contentType: string;
  /** The page's bytes cut where its nonce was, to be joined again with each hit's own nonce. */
  bodyAroundNonce: Buffer[];
  /** Length of the page without its nonces, and how many nonces it had. */
  fixedLength: number;
  storedAt: number;
}

export interface RenderCacheOptions {
  /** Entries older than this are rendered again: the bound on staleness when another process wrote. */
  ttlMs: number;
  maxEntries: number;
}

export class RenderCache {
  readonly #entries = new Map<string, Entry>();
  constructor(readonly options: RenderCacheOptions) {}

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Answers a cacheable request from memory, ahead of Express; false when the page must be rendered. `respond`
   * gives, only for a hit, the response's nonce and security headers. */
  serveHit(
    req: IncomingMessage,
    res: ServerResponse,
    respond: () => { nonce: string; headers: OutgoingHttpHeaders },
  ): boolean {
    if (!isCacheable(req)) return false;
    const entry = this.#entries.get(req.url ?? "");
    if (!entry || Date.now() - entry.storedAt >= this.options.ttlMs) return false;
    const { nonce, headers } = respond();
    const nonceAttribute = Buffer.from(`nonce="${nonce}"`);
    const nonces = entry.bodyAroundNonce.length - 1;
    res.writeHead(200, {
      ...headers,
      "Content-Type": entry.contentType,
      "Content-Length": entry.fixedLength + nonceAttribute.length * nonces,
      "X-Render-Cache": "hit",
    });
    if (req.method === "HEAD") {
      res.end();
      return true;
    }
    // The parts go to the socket as they are, in one writev: joining them first would copy the whole page.
    res.cork();
    res.write(entry.bodyAroundNonce[0]!);
    for (let index = 1; index <= nonces; index++) {
      res.write(nonceAttribute);
      res.write(entry.bodyAroundNonce[index]!);
    }
    res.end();
    return true;
  }

  /** Express middleware, placed before the Remix handler: stores the cacheable pages Remix renders. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      if (req.method === "GET" && isCacheable(req)) this.#capture(req.originalUrl, res.locals.cspNonce as string, res);
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
        const bodyAroundNonce = splitBuffer(Buffer.concat(chunks), Buffer.from(`nonce="${nonce}"`));
        this.#entries.set(key, {
          contentType,
          bodyAroundNonce,
          fixedLength: bodyAroundNonce.reduce((total, part) => total + part.length, 0),
          storedAt: Date.now(),
        });
      }
      return (end as (...args: unknown[]) => Response)(chunk, ...rest);
    }) as Response["end"];
  }
}

function splitBuffer(buffer: Buffer, separator: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (let found = buffer.indexOf(separator); found !== -1; found = buffer.indexOf(separator, start)) {
    parts.push(buffer.subarray(start, found));
    start = found + separator.length;
  }
  parts.push(buffer.subarray(start));
  return parts;
}

function isCacheable(req: IncomingMessage): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const url = req.url ?? "";
  const queryAt = url.indexOf("?");
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  return (
    !req.headers.cookie &&
    !req.headers.authorization &&
    !req.headers["api-key"] &&
    !path.startsWith("/auth/") &&
    !path.endsWith(".json") &&
    (req.headers.accept ?? "").includes("text/html")
  );
}
