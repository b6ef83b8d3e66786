// A local ProConnect: oidc-provider behind ProConnect's issuer path, plus a login page offering the seeded
// identities. `npm start` signs people in against it and the test suites drive it over HTTP; the app cannot tell it
// from ProConnect, since it speaks the same OpenID Connect (docs/proconnect.md).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { demoIdentities, type DemoIdentity } from "../demo/identities";
import { createInteractionHandler } from "./login-interaction";
import { ISSUER_PATH } from "./proconnect";
import { createProvider } from "./provider";
import { loadOrCreateSigningKeys } from "./signing-keys";

export interface StandinClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  /** "RS256" | "ES256"; when undefined, userinfo is plain JSON (used by a test proving the app refuses it). */
  userinfo_signed_response_alg?: "RS256" | "ES256";
  /** Default "RS256", oidc-provider's and openid-client's default too. */
  id_token_signed_response_alg?: "RS256" | "ES256";
}

export interface StandinOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Interface to listen on; default "127.0.0.1". */
  host?: string;
  /** Hostname in the issuer URL; default "localhost". */
  publicHost?: string;
  clients: StandinClient[];
  /** Default: the demo identities of scripts/demo/identities.ts. */
  identities?: DemoIdentity[];
  /** Where the signing keys are kept across restarts; default: new keys in memory. */
  keysFile?: string;
}

export interface RunningStandin {
  /** e.g. http://localhost:3100/api/v2, without a trailing slash, like ProConnect's. */
  issuer: string;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Browsers and fetch keep connections alive; they would hold close() open.
    server.closeAllConnections();
  });
}

export async function startProConnectStandin(options: StandinOptions): Promise<RunningStandin> {
  const server = createServer();
  const port = await listen(server, options.port ?? 0, options.host ?? "127.0.0.1");
  const issuer = `http://${options.publicHost ?? "localhost"}:${port}${ISSUER_PATH}`;
  const identities = options.identities ?? demoIdentities;
  const provider = await createProvider({
    issuer,
    clients: options.clients,
    identities,
    signingKeys: loadOrCreateSigningKeys(options.keysFile),
  }).catch(async (error: unknown) => {
    await close(server);
    throw error;
  });
  const handleByProvider = provider.callback();
  const handleInteraction = createInteractionHandler(provider, identities);
  const interactionPath = new RegExp(`^${ISSUER_PATH}/interaction/([\\w-]+)$`);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? "/";
    // Browsers ask every origin for its icon; an empty answer keeps a 404 out of their console.
    if (url === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }
    const interactionUid = interactionPath.exec(url.split("?")[0]!)?.[1];
    if (interactionUid) return handleInteraction(req, res, interactionUid);
    if (url.startsWith(`${ISSUER_PATH}/`)) {
      // Mounted the way Express mounts it: oidc-provider reads its mount path from baseUrl to build its URLs.
      Object.assign(req, { baseUrl: ISSUER_PATH, url: url.slice(ISSUER_PATH.length) });
      return handleByProvider(req, res);
    }
    res.writeHead(404).end();
  }

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    route(req, res).catch((error: unknown) => {
      console.error("ProConnect stand-in:", error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  return { issuer, close: () => close(server) };
}
