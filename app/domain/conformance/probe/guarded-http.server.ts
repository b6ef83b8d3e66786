/**
 * The only way the live probe talks to the network. The probe fetches URLs that maintainers type and links that the
 * remote server chooses, from inside the platform, so every request is bounded: http/https only, the endpoint's host
 * only (links and redirects included), no private/loopback/link-local address, a timeout per request and a deadline
 * for the whole run, and a size cap enforced while streaming.
 */

import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import { isPrivateAddress } from "./network-addresses";
import { createPinnedFetch, PRIVATE_ADDRESS_ERROR_CODE } from "./pinned-transport.server";

/** The subset of `fetch` the probe uses; tests inject their own. `redirect: "manual"` lets the guard vet each hop. */
export type FetchLike = (
  url: string,
  init: {
    readonly method: "GET";
    readonly headers: Record<string, string>;
    readonly redirect: "manual";
    readonly signal: AbortSignal;
  },
) => Promise<Response>;

export interface ResolvedAddress {
  readonly address: string;
  readonly family: number;
}

/** Resolves every address of a host name, like `dns.lookup(host, { all: true })`. */
export type LookupLike = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export interface GuardedHttpOptions {
  readonly fetch?: FetchLike;
  readonly lookup?: LookupLike;
  /** Development and tests only: lets the probe reach loopback and private networks. */
  readonly allowPrivateAddresses?: boolean;
  readonly requestTimeoutMs?: number;
  /** Budget of the whole probe run, counted from the creation of the client. */
  readonly overallTimeoutMs?: number;
  readonly maxResponseBytes?: number;
  readonly maxRedirects?: number;
}

export const DEFAULT_GUARDED_HTTP_OPTIONS = {
  requestTimeoutMs: 10_000,
  overallTimeoutMs: 120_000,
  maxResponseBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
} as const;

export type RequestRefusalKind =
  | "invalid-url"
  | "scheme"
  | "other-host"
  | "private-address"
  | "dns"
  | "too-many-redirects"
  | "timeout"
  | "deadline"
  | "too-large"
  | "network";

/** A request the guard refused or could not complete; `message` is French, for the test result. */
export class GuardedRequestError extends Error {
  override name = "GuardedRequestError";
  constructor(
    readonly kind: RequestRefusalKind,
    readonly url: string,
    message: string,
  ) {
    super(message);
  }
}

export interface GuardedResponse {
  /** The URL asked for, before redirects. */
  readonly requestedUrl: string;
  /** The URL that answered, after redirects. */
  readonly finalUrl: string;
  readonly redirects: readonly string[];
  readonly status: number;
  readonly contentType: string | null;
  readonly headers: Headers;
  readonly body: string;
  readonly durationMs: number;
}

export interface GuardedHttpClient {
  /** The host every request must stay on (the endpoint's). */
  readonly allowedHostname: string;
  get(url: string, accept: string): Promise<GuardedResponse>;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export const defaultLookup: LookupLike = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Lower-case host name without IPv6 brackets, as `dns.lookup` and `isIP` expect it. */
export function bareHostname(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
}

/** Parses a URL and applies the scheme rule; the endpoint check and every later request use it. */
export function parseHttpUrl(rawUrl: string): URL {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new GuardedRequestError("invalid-url", rawUrl, `L'adresse « ${rawUrl} » n'est pas une URL valide.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new GuardedRequestError(
      "scheme",
      rawUrl,
      `L'adresse « ${rawUrl} » utilise le protocole « ${url.protocol.replace(/:$/, "")} » : seuls http et https sont acceptés.`,
    );
  }
  if (url.username || url.password) {
    // Credentials in a URL would be sent to the remote server and stored in results: refuse them.
    throw new GuardedRequestError("invalid-url", rawUrl, `L'adresse ne doit pas contenir d'identifiants.`);
  }
  return url;
}

/** Refuses a host whose addresses include a private one (any, not just the first: the HTTP stack may pick another). */
export async function assertPublicHost(url: URL, lookup: LookupLike, allowPrivateAddresses: boolean): Promise<void> {
  if (allowPrivateAddresses) return;
  const hostname = bareHostname(url);
  let addresses: readonly ResolvedAddress[];
  if (isIP(hostname)) {
    addresses = [{ address: hostname, family: isIP(hostname) }];
  } else {
    try {
      addresses = await lookup(hostname);
    } catch {
      throw new GuardedRequestError("dns", url.href, `Le nom d'hôte « ${hostname} » est introuvable (DNS).`);
    }
  }
  if (addresses.length === 0) {
    throw new GuardedRequestError("dns", url.href, `Le nom d'hôte « ${hostname} » ne correspond à aucune adresse.`);
  }
  const privateAddress = addresses.find(({ address }) => isPrivateAddress(address));
  if (privateAddress) {
    throw new GuardedRequestError(
      "private-address",
      url.href,
      `L'hôte « ${hostname} » pointe vers une adresse privée ou locale (${privateAddress.address}) : la sonde refuse de s'y connecter.`,
    );
  }
}

export function createGuardedHttpClient(endpoint: URL, options: GuardedHttpOptions = {}): GuardedHttpClient {
  const lookup = options.lookup ?? defaultLookup;
  const allowPrivateAddresses = options.allowPrivateAddresses ?? false;
  // The default transport re-checks addresses when connecting, against DNS rebinding (see pinned-transport).
  const fetchImpl: FetchLike = options.fetch ?? createPinnedFetch(lookup, allowPrivateAddresses);
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_GUARDED_HTTP_OPTIONS.requestTimeoutMs;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_GUARDED_HTTP_OPTIONS.maxResponseBytes;
  const maxRedirects = options.maxRedirects ?? DEFAULT_GUARDED_HTTP_OPTIONS.maxRedirects;
  const deadline = Date.now() + (options.overallTimeoutMs ?? DEFAULT_GUARDED_HTTP_OPTIONS.overallTimeoutMs);
  const allowedHostname = bareHostname(endpoint);

  async function vetUrl(rawUrl: string): Promise<URL> {
    const url = parseHttpUrl(rawUrl);
    if (bareHostname(url) !== allowedHostname) {
      throw new GuardedRequestError(
        "other-host",
        rawUrl,
        `La sonde ne suit pas « ${rawUrl} » : elle reste sur l'hôte du point d'accès (${allowedHostname}).`,
      );
    }
    await assertPublicHost(url, lookup, allowPrivateAddresses);
    return url;
  }

  async function get(rawUrl: string, accept: string): Promise<GuardedResponse> {
    const remainingMs = deadline - Date.now();
    if (remainingMs <= 0) {
      throw new GuardedRequestError("deadline", rawUrl, "Le délai global de la sonde est écoulé.");
    }
    const timeoutMs = Math.min(requestTimeoutMs, remainingMs);
    const hitDeadline = timeoutMs < requestTimeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const startedAt = Date.now();
    try {
      return await untilAborted(controller.signal, async () => {
        const redirects: string[] = [];
        let currentUrl = rawUrl;
        for (;;) {
          const url = await vetUrl(currentUrl);
          const response = await fetchImpl(url.href, {
            method: "GET",
            headers: { accept, "user-agent": "CICCLO-Interop-live-probe/1.0" },
            redirect: "manual",
            signal: controller.signal,
          });
          const location = response.headers.get("location");
          if (REDIRECT_STATUSES.has(response.status) && location) {
            await response.body?.cancel().catch(() => undefined);
            if (redirects.length >= maxRedirects) {
              throw new GuardedRequestError(
                "too-many-redirects",
                rawUrl,
                `Plus de ${maxRedirects} redirections depuis « ${rawUrl} ».`,
              );
            }
            currentUrl = new URL(location, url).href;
            redirects.push(currentUrl);
            continue;
          }
          const body = await readBoundedBody(response, maxResponseBytes, url.href);
          return {
            requestedUrl: rawUrl,
            finalUrl: url.href,
            redirects,
            status: response.status,
            contentType: response.headers.get("content-type"),
            headers: response.headers,
            body,
            durationMs: Date.now() - startedAt,
          };
        }
      });
    } catch (error) {
      if (error instanceof GuardedRequestError) throw error;
      if (controller.signal.aborted) {
        throw hitDeadline
          ? new GuardedRequestError("deadline", rawUrl, "Le délai global de la sonde est écoulé pendant la requête.")
          : new GuardedRequestError(
              "timeout",
              rawUrl,
              `Pas de réponse complète en ${formatSeconds(requestTimeoutMs)} (délai par requête dépassé).`,
            );
      }
      if (hasCode(error, PRIVATE_ADDRESS_ERROR_CODE) || hasCode(errorCause(error), PRIVATE_ADDRESS_ERROR_CODE)) {
        throw new GuardedRequestError(
          "private-address",
          rawUrl,
          `L'hôte de « ${rawUrl} » résout vers une adresse privée ou locale au moment de la connexion : la sonde refuse de s'y connecter.`,
        );
      }
      const cause = errorCause(error);
      const detail = cause instanceof Error ? cause.message : error instanceof Error ? error.message : "";
      throw new GuardedRequestError("network", rawUrl, `La requête a échoué (${detail || "erreur réseau"}).`);
    } finally {
      clearTimeout(timer);
    }
  }

  return { allowedHostname, get };
}

function hasCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

/** undici wraps socket errors in `TypeError: fetch failed` with the real one as `cause`. */
function errorCause(error: unknown): unknown {
  return error instanceof Error ? error.cause : undefined;
}

/**
 * Runs `work` but settles as soon as the signal aborts, so an injected fetch that ignores its signal (or a body
 * stream that never ends) cannot hold the probe past its timeout.
 */
function untilAborted<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error("aborted"));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    work().then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** Reads the body as UTF-8 text, stopping as soon as it passes `maxBytes` (before buffering what follows). */
async function readBoundedBody(response: Response, maxBytes: number, url: string): Promise<string> {
  const tooLarge = () =>
    new GuardedRequestError(
      "too-large",
      url,
      `La réponse dépasse la taille maximale lue par la sonde (${formatMegabytes(maxBytes)}).`,
    );
  const declaredLength = Number(response.headers.get("content-length"));
  if (Number.isFinite(declaredLength) && declaredLength > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      // Cancelling the stream closes the connection: the rest of the body is never downloaded.
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function formatMegabytes(bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  return megabytes >= 1 ? `${Number(megabytes.toFixed(1)).toLocaleString("fr-FR")} Mo` : `${bytes} octets`;
}

function formatSeconds(milliseconds: number): string {
  return `${Number((milliseconds / 1000).toFixed(1)).toLocaleString("fr-FR")} s`;
}
