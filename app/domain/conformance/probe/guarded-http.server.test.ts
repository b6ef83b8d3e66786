// The guard's refusals, against a local node:http server: a real remote server cannot be asked to stall, send too
// much or redirect elsewhere on demand. Private-address refusals use an injected `lookup` (a mock, because tests
// cannot own a public DNS name that resolves to 10.x).
import { createServer, type RequestListener } from "node:http";
import { type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createGuardedHttpClient, GuardedRequestError, type FetchLike, type LookupLike } from "./guarded-http.server";
import { isPrivateAddress } from "./network-addresses";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function serve(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function refusal(promise: Promise<unknown>): Promise<GuardedRequestError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof GuardedRequestError)) throw new Error(`expected a GuardedRequestError, got ${String(error)}`);
  return error;
}

describe("isPrivateAddress", () => {
  it.each([
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "127.0.0.1",
    "169.254.169.254",
    "0.0.0.0",
    "::1",
    "::",
    "fc00::1",
    "fd12:3456::1",
    "fe80::1",
    "fe80::1%eth0",
    "::ffff:10.0.0.1",
    "::ffff:127.0.0.1",
    "not-an-ip",
  ])("refuses %s", (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(["8.8.8.8", "172.32.0.1", "192.169.0.1", "2001:4860:4860::8888", "2a01:cb00::1", "::ffff:8.8.8.8"])(
    "accepts %s",
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );
});

describe("createGuardedHttpClient", () => {
  it("reads a small answer and reports its status and content type", async () => {
    const base = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
    const client = createGuardedHttpClient(new URL(base), { allowPrivateAddresses: true });
    const answer = await client.get(`${base}/x`, "application/json");
    expect(answer).toMatchObject({ status: 200, contentType: "application/json", body: '{"ok":true}' });
  });

  it("refuses a host that resolves to a private address, even when another of its addresses is public", async () => {
    // Mocked DNS: the host name is made up, so the test never depends on real resolution.
    const lookup: LookupLike = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "10.0.0.7", family: 4 },
    ];
    const fetchNeverCalled: FetchLike = () => Promise.reject(new Error("fetch must not run"));
    const client = createGuardedHttpClient(new URL("https://geo.example.test/ogc"), {
      lookup,
      fetch: fetchNeverCalled,
    });
    const error = await refusal(client.get("https://geo.example.test/ogc", "application/json"));
    expect(error.kind).toBe("private-address");
    expect(error.message).toContain("10.0.0.7");
  });

  it("refuses a host whose DNS answer turns private between the check and the connection (DNS rebinding)", async () => {
    let requestsReceived = 0;
    const base = await serve((_request, response) => {
      requestsReceived++;
      response.end("secret interne");
    });
    const port = new URL(base).port;
    // Mocked DNS: a rebinding resolver answers a public address to the check, then loopback to the connection.
    let lookups = 0;
    const rebindingLookup: LookupLike = async () => {
      lookups++;
      return [{ address: lookups === 1 ? "93.184.216.34" : "127.0.0.1", family: 4 }];
    };
    const endpoint = new URL(`http://rebind.example.test:${port}/`);
    const client = createGuardedHttpClient(endpoint, { lookup: rebindingLookup });
    const error = await refusal(client.get(endpoint.href, "*/*"));
    expect(error.kind).toBe("private-address");
    expect(lookups).toBe(2);
    expect(requestsReceived).toBe(0);
  });

  it("refuses loopback literals without the option, before any connection", async () => {
    const client = createGuardedHttpClient(new URL("http://127.0.0.1:9/"));
    expect((await refusal(client.get("http://127.0.0.1:9/", "*/*"))).kind).toBe("private-address");
    expect((await refusal(client.get("http://[::1]:9/", "*/*"))).kind).toBe("other-host");
  });

  it("refuses schemes other than http and https", async () => {
    const client = createGuardedHttpClient(new URL("http://127.0.0.1/"), { allowPrivateAddresses: true });
    expect((await refusal(client.get("file:///etc/passwd", "*/*"))).kind).toBe("scheme");
  });

  it("follows a redirect on the same host but refuses one to another host", async () => {
    const base = await serve((request, response) => {
      if (request.url === "/moved") response.writeHead(301, { location: "/here" }).end();
      else if (request.url === "/away") response.writeHead(302, { location: "http://evil.example.test/" }).end();
      else response.writeHead(200, { "content-type": "text/plain" }).end("ici");
    });
    const client = createGuardedHttpClient(new URL(base), { allowPrivateAddresses: true });
    const followed = await client.get(`${base}/moved`, "*/*");
    expect(followed).toMatchObject({ status: 200, body: "ici", finalUrl: `${base}/here` });
    const error = await refusal(client.get(`${base}/away`, "*/*"));
    expect(error.kind).toBe("other-host");
    expect(error.message).toContain("evil.example.test");
  });

  it("stops after five redirects", async () => {
    const base = await serve((request, response) => {
      const hop = Number(request.url?.slice(1) ?? "0");
      response.writeHead(302, { location: `/${hop + 1}` }).end();
    });
    const client = createGuardedHttpClient(new URL(base), { allowPrivateAddresses: true });
    expect((await refusal(client.get(`${base}/0`, "*/*"))).kind).toBe("too-many-redirects");
  });

  it("aborts a streamed answer beyond the default 5 MB cap", async () => {
    let bytesSent = 0;
    const base = await serve((_request, response) => {
      // Chunked, without Content-Length: the cap must hold while streaming, not only on the declared length.
      response.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      const pump = () => {
        while (bytesSent < 50 * 1024 * 1024 && !response.destroyed) {
          bytesSent += chunk.length;
          if (!response.write(chunk)) return void response.once("drain", pump);
        }
        response.end();
      };
      pump();
    });
    const client = createGuardedHttpClient(new URL(base), { allowPrivateAddresses: true });
    const error = await refusal(client.get(base, "*/*"));
    expect(error.kind).toBe("too-large");
    expect(error.message).toContain("5 Mo");
    expect(bytesSent).toBeLessThan(50 * 1024 * 1024);
  });

  it("gives up on a slow answer after the per-request timeout", async () => {
    const base = await serve((_request, response) => {
      setTimeout(() => response.end("trop tard"), 5_000).unref();
    });
    const client = createGuardedHttpClient(new URL(base), { allowPrivateAddresses: true, requestTimeoutMs: 200 });
    const startedAt = Date.now();
    const error = await refusal(client.get(base, "*/*"));
    expect(error.kind).toBe("timeout");
    expect(Date.now() - startedAt).toBeLessThan(2_000);
  });

  it("stops even when an injected fetch ignores its abort signal", async () => {
    const stuckFetch: FetchLike = () => new Promise<Response>(() => undefined);
    const client = createGuardedHttpClient(new URL("http://127.0.0.1/"), {
      allowPrivateAddresses: true,
      fetch: stuckFetch,
      requestTimeoutMs: 100,
    });
    expect((await refusal(client.get("http://127.0.0.1/", "*/*"))).kind).toBe("timeout");
  });

  it("refuses every request once the overall deadline has passed", async () => {
    const base = await serve((_request, response) => {
      setTimeout(() => response.end("lent"), 300).unref();
    });
    const client = createGuardedHttpClient(new URL(base), { allowPrivateAddresses: true, overallTimeoutMs: 100 });
    expect((await refusal(client.get(base, "*/*"))).kind).toBe("deadline");
    expect((await refusal(client.get(base, "*/*"))).kind).toBe("deadline");
  });
});
