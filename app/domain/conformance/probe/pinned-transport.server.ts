/**
 * The probe's default transport: node:http/https with the address check done at connection time. Checking the host
 * name before `fetch` is not enough on its own, because `fetch` resolves it again and a DNS server under an
 * attacker's control can answer a public address first and 127.0.0.1 second (DNS rebinding). Here the socket
 * connects only to addresses that passed the check.
 */

import { type LookupFunction } from "node:net";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { Readable } from "node:stream";
import { type FetchLike, type LookupLike } from "./guarded-http.server";
import { isPrivateAddress } from "./network-addresses";

/** Statuses whose Response must have no body (the WHATWG constructor throws otherwise). */
/** The error code of a connection refused by the address check, so the guard can tell it from network errors. */
export const PRIVATE_ADDRESS_ERROR_CODE = "ECICCLOPRIVATEADDRESS";

const NULL_BODY_STATUSES = new Set([204, 205, 304]);

export function createPinnedFetch(lookup: LookupLike, allowPrivateAddresses: boolean): FetchLike {
  const checkedLookup: LookupFunction = (hostname, options, callback) => {
    lookup(hostname).then(
      (addresses) => {
        const usable = addresses.filter(({ address }) => allowPrivateAddresses || !isPrivateAddress(address));
        if (usable.length === 0 || usable.length !== addresses.length) {
          const refused = Object.assign(new Error(`${hostname} resolves to a private address`), {
            code: PRIVATE_ADDRESS_ERROR_CODE,
          });
          callback(refused, "", 4);
          return;
        }
        const [first] = usable;
        if (options.all)
          callback(
            null,
            usable.map(({ address, family }) => ({ address, family })),
          );
        else if (first) callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 4),
    );
  };

  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url);
      const send = target.protocol === "https:" ? httpsRequest : httpRequest;
      const outgoing = send(target, {
        method: init.method,
        headers: init.headers,
        signal: init.signal,
        lookup: checkedLookup,
      });
      outgoing.on("error", reject);
      outgoing.on("response", (incoming: IncomingMessage) => resolve(toResponse(incoming)));
      outgoing.end();
    });
}

function toResponse(incoming: IncomingMessage): Response {
  const status = incoming.statusCode ?? 502;
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  if (status < 200 || status > 599) {
    // Informational or invalid statuses cannot be a final Response; the probe judges them as a bad gateway.
    incoming.resume();
    return new Response(null, { status: 502, headers });
  }
  if (NULL_BODY_STATUSES.has(status)) {
    incoming.resume();
    return new Response(null, { status, headers });
  }
  return new Response(Readable.toWeb(incoming) as ReadableStream<Uint8Array>, { status, headers });
}
