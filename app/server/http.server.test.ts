import { Writable } from "node:stream";
import type { ServerBuild } from "@remix-run/node";
import pino from "pino";
import { afterEach, expect, it } from "vitest";
import { createHttpApp } from "./http.server";

// A one-route Remix build: enough to exercise the server's own layers (headers, logs) without the app.
const build = {
  entry: { module: { default: () => new Response("<p>ok</p>", { headers: { "Content-Type": "text/html" } }) } },
  routes: {
    root: { id: "root", path: "", module: { default: () => null, loader: () => ({ ok: true }) } },
  },
  assets: { routes: {}, entry: { module: "", imports: [] }, url: "", version: "test" },
  future: {},
  publicPath: "/build/",
  assetsBuildDirectory: "",
  isSpaMode: false,
  mode: "production",
} as unknown as ServerBuild;

let close: (() => void) | undefined;
afterEach(() => close?.());

it("logs one JSON line per request with request id, method, path, status and duration", async () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const app = createHttpApp({ build, clientDir: "/nonexistent", logger: pino(sink), logRequests: true, https: true });
  const server = app.listen(0, "127.0.0.1");
  close = () => server.close();
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as { port: number };

  const response = await fetch(`http://127.0.0.1:${port}/quelque-part?x=1`, {
    headers: { "X-Request-Id": "req-abcdef12" },
  });
  await response.text();
  await new Promise((resolve) => setTimeout(resolve, 20));

  expect(response.headers.get("strict-transport-security")).toContain("max-age=");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ requestId: "req-abcdef12", method: "GET", path: "/quelque-part", status: 200 });
  expect(typeof lines[0]!.durationMs).toBe("number");
});
