// The app and a ProConnect stand-in wired to each other, for one test file: the app's public URL is fixed before
// the stand-in starts, so the stand-in can register the exact redirect URIs, as ProConnect's partner space does.
import { createServer } from "node:net";
import { afterAll, beforeAll } from "vitest";
import {
  startProConnectStandin,
  type RunningStandin,
  type StandinClient,
} from "../../scripts/proconnect-standin/standin";
import { demoIssuer } from "../../scripts/demo/issuer";
import type { RunningServer } from "../../app/server/main.server";

export const TEST_CLIENT_ID = "cicclo-interop-test";
const TEST_CLIENT_SECRET = "cicclo-interop-test-secret-with-enough-entropy";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export interface ProConnectStack {
  appUrl: string;
  issuer: string;
  /** Stops the stand-in, to see what the app does when ProConnect is down. */
  stopProvider(): Promise<void>;
}

export function useAppWithProConnect(
  options: { client?: Partial<StandinClient>; env?: Record<string, string> } = {},
): () => ProConnectStack {
  let standin: RunningStandin | undefined;
  let app: RunningServer | undefined;
  let stack: ProConnectStack | undefined;
  beforeAll(async () => {
    const port = await freePort();
    const appUrl = `http://127.0.0.1:${port}`;
    standin = await startProConnectStandin({
      port: 0,
      clients: [
        {
          client_id: TEST_CLIENT_ID,
          client_secret: TEST_CLIENT_SECRET,
          redirect_uris: [`${appUrl}/auth/callback`],
          post_logout_redirect_uris: [`${appUrl}/auth/logged-out`],
          userinfo_signed_response_alg: "RS256",
          id_token_signed_response_alg: "RS256",
          ...options.client,
        },
      ],
    });
    const seededIssuer = demoIssuer();
    Object.assign(process.env, {
      PUBLIC_URL: appUrl,
      PROCONNECT_ISSUER: standin.issuer,
      PROCONNECT_CLIENT_ID: TEST_CLIENT_ID,
      PROCONNECT_CLIENT_SECRET: TEST_CLIENT_SECRET,
      ...options.env,
    });
    // The seeded demo users belong to the default stand-in's issuer; this one listens elsewhere.
    const { getDb } = await import("../../app/infra/db.server");
    await (await getDb()).user.updateMany({ where: { issuer: seededIssuer }, data: { issuer: standin.issuer } });
    const { startServer } = await import("../../app/server/main.server");
    app = await startServer({ port, host: "127.0.0.1", jobs: false });
    const running = standin;
    stack = { appUrl, issuer: standin.issuer, stopProvider: () => running.close() };
  });
  afterAll(async () => {
    await app?.close();
    await standin?.close().catch(() => undefined);
  });
  return () => {
    if (!stack) throw new Error("The app and its ProConnect stand-in are not started yet");
    return stack;
  };
}
