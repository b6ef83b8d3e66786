import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { FragmentRendererProvider } from "~/components/cached-fragment";
import { NonceProvider } from "~/components/nonce";
import { createFragmentRenderer } from "~/server/fragment-cache.server";
import { logger } from "~/infra/logger.server";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

// Most entries are a post with its buttons (about 3 kB of HTML), some a whole page of posts (about 60 kB): a few
// thousand posts and a few hundred pages of them, at most 16 M characters (16 to 32 MB) per worker.
const fragmentRenderer = createFragmentRenderer({ maxEntries: 3_000, maxChars: 16_000_000 });

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // Crawlers and no-JS clients get the whole document at once; browsers get it streamed.
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  const nonce = loadContext.cspNonce;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <FragmentRendererProvider value={fragmentRenderer}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </FragmentRendererProvider>
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          if (readyEvent === "onShellReady") ready();
        },
        onAllReady() {
          clearTimeout(abortTimer);
          if (readyEvent === "onAllReady") ready();
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logger.error({ err: error, requestId: loadContext.requestId }, "render error");
        },
      },
    );
    function ready() {
      shellRendered = true;
      const body = new PassThrough();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(
        new Response(createReadableStreamFromReadable(body), {
          headers: responseHeaders,
          status: responseStatusCode,
        }),
      );
      pipe(body);
    }
    // Stops a render still waiting on deferred data after ABORT_DELAY. Cleared as soon as everything is rendered
    // (React calls back later, never during renderToPipeableStream): a pending timer would keep the whole render, its
    // page and loader data, in memory for those seconds, and aborting a finished render ends its stream a second
    // time, which Node answers by building an error.
    const abortTimer = setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request, context }: { request: Request; context: AppLoadContext }) {
  if (request.signal.aborted) return;
  logger.error({ err: error, requestId: context.requestId, path: new URL(request.url).pathname }, "unhandled error");
}
