// The stand-in as `npm start` and main.ts run it: on PROCONNECT_STANDIN_PORT, registered with the app's client as
// the app's environment describes it, with its keys kept in data/ so that a restart leaves the app's ID tokens
// valid for logout.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { STANDIN_PORT } from "../demo/issuer";
import { startProConnectStandin, type RunningStandin, type StandinClient } from "./standin";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface LocalProConnect extends RunningStandin {
  /** The environment variables that point the app at this stand-in. */
  appSettings: { PROCONNECT_ISSUER: string; PROCONNECT_CLIENT_ID: string; PROCONNECT_CLIENT_SECRET: string };
}

/** The algorithms the app expects (PROCONNECT_ID_TOKEN_ALG, PROCONNECT_USERINFO_ALG), so that both sides agree. */
function algorithm(name: string): "RS256" | "ES256" {
  const value = process.env[name] ?? "RS256";
  if (value !== "RS256" && value !== "ES256") throw new Error(`${name} must be RS256 or ES256, not "${value}"`);
  return value;
}

function appClient(): StandinClient {
  // The app's own default public URL (app/infra/env.server.ts), so that the redirect URIs match exactly.
  const publicUrl = (process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
  return {
    client_id: process.env.PROCONNECT_CLIENT_ID ?? "cicclo-interop-local",
    client_secret: process.env.PROCONNECT_CLIENT_SECRET ?? "cicclo-interop-local-secret",
    redirect_uris: [`${publicUrl}/auth/callback`],
    post_logout_redirect_uris: [`${publicUrl}/auth/logged-out`],
    id_token_signed_response_alg: algorithm("PROCONNECT_ID_TOKEN_ALG"),
    userinfo_signed_response_alg: algorithm("PROCONNECT_USERINFO_ALG"),
  };
}

export async function startLocalProConnect(): Promise<LocalProConnect> {
  const client = appClient();
  const standin = await startProConnectStandin({
    port: STANDIN_PORT,
    clients: [client],
    keysFile: path.join(root, "data", "proconnect-standin-keys.json"),
  });
  return {
    ...standin,
    appSettings: {
      PROCONNECT_ISSUER: standin.issuer,
      PROCONNECT_CLIENT_ID: client.client_id,
      PROCONNECT_CLIENT_SECRET: client.client_secret,
    },
  };
}
