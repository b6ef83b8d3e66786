// oidc-provider configured to answer like ProConnect: its routes, scopes and claims, acr values, client
// authentication and lifetimes, a signed userinfo, and its stricter authorization requests.
import { randomBytes } from "node:crypto";
import type { ClientMetadata, Configuration, Provider } from "oidc-provider";
// The in-memory storage oidc-provider falls back to, passed explicitly: that fallback prints a warning meant for
// production servers, while a stand-in that forgets everything on restart is what is wanted here.
import { createMemoryAdapter } from "oidc-provider/lib/adapters/memory_adapter.js";
import type { DemoIdentity } from "../demo/identities";
import { claimsOf } from "./accounts";
import { endSessionWithoutConfirmation, redirectLogoutWithoutSession } from "./logout";
import { loadOidcProvider } from "./oidc-provider-module";
import { renderErrorPage, renderLoggedOutPage } from "./pages";
import { ACR_VALUES, CLAIMS_BY_SCOPE, ERROR_CODES, ISSUER_PATH, SCOPES } from "./proconnect";
import { authorizationParameters, refuseClientSecretBasic } from "./proconnect-rules";
import type { SigningJwk } from "./signing-keys";
import type { StandinClient } from "./standin";

const HOUR = 60 * 60;

function toClientMetadata(client: StandinClient): ClientMetadata {
  return {
    client_id: client.client_id,
    client_secret: client.client_secret,
    redirect_uris: client.redirect_uris,
    post_logout_redirect_uris: client.post_logout_redirect_uris,
    grant_types: ["authorization_code"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_post",
    id_token_signed_response_alg: client.id_token_signed_response_alg ?? "RS256",
    // Without it, oidc-provider answers userinfo in plain JSON, which is what a client registered that way must get.
    ...(client.userinfo_signed_response_alg && { userinfo_signed_response_alg: client.userinfo_signed_response_alg }),
  };
}

export interface ProviderSetup {
  issuer: string;
  clients: StandinClient[];
  identities: DemoIdentity[];
  signingKeys: SigningJwk[];
}

export async function createProvider({ issuer, clients, identities, signingKeys }: ProviderSetup): Promise<Provider> {
  const { Provider } = await loadOidcProvider();
  const identitiesBySub = new Map(identities.map((identity) => [identity.sub, identity]));

  const configuration: Configuration = {
    adapter: createMemoryAdapter(),
    clients: clients.map(toClientMetadata),
    clientAuthMethods: ["client_secret_post", "private_key_jwt"],
    responseTypes: ["code"],
    scopes: SCOPES,
    claims: { ...CLAIMS_BY_SCOPE, acr: null, amr: null, auth_time: null, sid: null },
    acrValues: [...ACR_VALUES],
    extraParams: await authorizationParameters(),
    routes: {
      authorization: "/authorize",
      token: "/token",
      userinfo: "/userinfo",
      end_session: "/session/end",
      jwks: "/jwks",
      introspection: "/token/introspection",
      revocation: "/token/revocation",
    },
    enabledJWA: {
      idTokenSigningAlgValues: ["RS256", "ES256"],
      userinfoSigningAlgValues: ["RS256", "ES256"],
    },
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      jwtUserinfo: { enabled: true },
      // A client sees and revokes its own tokens only: oidc-provider's default policy, minus its console notice.
      introspection: {
        enabled: true,
        allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
      },
      revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: endSessionWithoutConfirmation,
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = "html";
          ctx.body = renderLoggedOutPage();
        },
      },
      // ProConnect offers none of these, which oidc-provider enables by default.
      pushedAuthorizationRequests: { enabled: false },
      resourceIndicators: { enabled: false },
      dPoP: { enabled: false },
    },
    ttl: {
      AuthorizationCode: 60,
      AccessToken: HOUR,
      IdToken: HOUR,
      Interaction: HOUR,
      Session: 12 * HOUR,
      Grant: 12 * HOUR,
    },
    interactions: { url: async (_ctx, interaction) => `${ISSUER_PATH}/interaction/${interaction.uid}` },
    findAccount: async (_ctx, sub) => {
      const identity = identitiesBySub.get(sub);
      return identity && { accountId: sub, claims: () => claimsOf(identity) };
    },
    renderError: async (ctx, out) => {
      const description = out.error_description;
      ctx.type = "html";
      ctx.body = renderErrorPage({
        error: out.error,
        description,
        code: description && ERROR_CODES.find((known) => known.description.test(description))?.code,
      });
    },
    // Only the app's server calls the token and userinfo endpoints; no browser needs CORS.
    clientBasedCORS: () => false,
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    jwks: { keys: signingKeys },
  };

  const provider = new Provider(issuer, configuration);
  provider.use(refuseClientSecretBasic);
  provider.use(redirectLogoutWithoutSession);
  return provider;
}
