import * as oidc from "openid-client";
import type { Db } from "~/infra/db.server";
import { acceptableAcrValues, satisfiesAcr, type AcrLevel } from "./acr";
import { LoginFailure } from "./login-errors";
import { randomToken } from "./tokens.server";
import type { ProConnectIdentity } from "./users.server";

export interface ProConnectSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  requiredAcr: AcrLevel;
  idTokenAlg: "RS256" | "ES256";
  userinfoAlg: "RS256" | "ES256";
  usePkce: boolean;
  /** Public origin of the app: redirect URIs are built from it, never from the request's Host header. */
  publicUrl: string;
}

export const callbackPath = "/auth/callback";
export const postLogoutPath = "/auth/logged-out";
const LOGIN_REQUEST_TTL_MS = 10 * 60_000;

// Discovery is fetched once per process and reused; a failed attempt is not cached, so the next login retries.
let discovered: { key: string; config: Promise<oidc.Configuration> } | undefined;

export function getProConnectConfiguration(settings: ProConnectSettings): Promise<oidc.Configuration> {
  const key = `${settings.issuer}|${settings.clientId}`;
  if (discovered?.key !== key) {
    const config = oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        {
          client_secret: settings.clientSecret,
          id_token_signed_response_alg: settings.idTokenAlg,
          // Pinning the algorithm makes a plain-JSON userinfo an error, as ProConnect always signs it.
          userinfo_signed_response_alg: settings.userinfoAlg,
        },
        oidc.ClientSecretPost(settings.clientSecret),
        { execute: settings.issuer.startsWith("http:") ? [oidc.allowInsecureRequests] : [], timeout: 10 },
      )
      .then((config) => {
        oidc.enableNonRepudiationChecks(config);
        return config;
      });
    config.catch(() => {
      if (discovered?.config === config) discovered = undefined;
    });
    discovered = { key, config };
  }
  return discovered.config;
}

async function configurationOrFailure(settings: ProConnectSettings) {
  try {
    return await getProConnectConfiguration(settings);
  } catch (error) {
    throw new LoginFailure("provider_unavailable", errorCode(error), { cause: error });
  }
}

/** Keeps only local paths, so the login cannot be used to bounce visitors to another site. */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return "/";
  return value;
}

/** Records a sign-in attempt and returns the provider URL to send the browser to. */
export async function startLogin(db: Db, settings: ProConnectSettings, returnTo: string, now = new Date()) {
  const config = await configurationOrFailure(settings);
  const request = {
    id: randomToken(),
    state: randomToken(),
    nonce: randomToken(),
    codeVerifier: oidc.randomPKCECodeVerifier(),
    returnTo: safeReturnTo(returnTo),
    expiresAt: new Date(now.getTime() + LOGIN_REQUEST_TTL_MS),
  };
  await db.loginRequest.deleteMany({ where: { expiresAt: { lt: now } } });
  await db.loginRequest.create({ data: request });
  const parameters: Record<string, string> = {
    redirect_uri: `${settings.publicUrl}${callbackPath}`,
    scope: settings.scopes,
    state: request.state,
    nonce: request.nonce,
    claims: JSON.stringify({
      id_token: { acr: { essential: true, values: acceptableAcrValues(settings.requiredAcr) }, amr: null },
    }),
  };
  if (settings.usePkce) {
    parameters.code_challenge = await oidc.calculatePKCECodeChallenge(request.codeVerifier);
    parameters.code_challenge_method = "S256";
  }
  return { loginRequestId: request.id, url: oidc.buildAuthorizationUrl(config, parameters).href };
}

export interface CompletedLogin {
  identity: ProConnectIdentity;
  idToken: string;
  acr: string;
  returnTo: string;
}

/** Checks the provider's answer against the stored request and returns the verified identity. The request is
 * consumed first, so a replayed callback fails even before the provider refuses the code. */
export async function completeLogin(
  db: Db,
  settings: ProConnectSettings,
  callbackUrl: URL,
  loginRequestId: string | null,
  now = new Date(),
): Promise<CompletedLogin> {
  const providerError = callbackUrl.searchParams.get("error");
  if (providerError) {
    if (loginRequestId) await db.loginRequest.updateMany({ where: { id: loginRequestId }, data: { consumedAt: now } });
    const kind =
      providerError === "access_denied" || providerError === "login_required" ? providerError : "provider_error";
    throw new LoginFailure(kind, providerError);
  }
  if (!loginRequestId) throw new LoginFailure("expired_request", "no_login_cookie");
  const { count } = await db.loginRequest.updateMany({
    where: { id: loginRequestId, consumedAt: null, expiresAt: { gt: now } },
    data: { consumedAt: now },
  });
  const request = await db.loginRequest.findUnique({ where: { id: loginRequestId } });
  if (count !== 1 || !request) throw new LoginFailure("expired_request", "login_request_used_or_expired");
  if (callbackUrl.searchParams.get("state") !== request.state) throw new LoginFailure("state_mismatch", "state");

  const config = await configurationOrFailure(settings);
  // The public URL, not the one the request arrived on: behind a proxy they differ and the provider checks it.
  const currentUrl = new URL(`${settings.publicUrl}${callbackPath}${callbackUrl.search}`);
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      expectedState: request.state,
      expectedNonce: request.nonce,
      pkceCodeVerifier: settings.usePkce ? request.codeVerifier : undefined,
      idTokenExpected: true,
    });
  } catch (error) {
    throw classifyGrantError(error);
  }
  const claims = tokens.claims();
  if (!claims || !tokens.id_token) throw new LoginFailure("invalid_response", "id_token_missing");
  if (!satisfiesAcr(claims.acr, settings.requiredAcr)) {
    throw new LoginFailure("acr_too_low", typeof claims.acr === "string" ? claims.acr : "acr_missing");
  }
  let userinfo: oidc.UserInfoResponse;
  try {
    userinfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
  } catch (error) {
    throw classifyGrantError(error);
  }
  const text = (name: string) => (typeof userinfo[name] === "string" ? (userinfo[name] as string) : null);
  const email = text("email");
  if (!email) throw new LoginFailure("invalid_response", "email_missing");
  return {
    identity: {
      issuer: settings.issuer,
      sub: claims.sub,
      email,
      givenName: text("given_name") ?? "",
      usualName: text("usual_name") ?? "",
      siret: text("siret"),
      organisationLabel: text("organization_label"),
    },
    idToken: tokens.id_token,
    acr: claims.acr as string,
    returnTo: request.returnTo,
  };
}

function errorCode(error: unknown): string {
  if (error instanceof oidc.ResponseBodyError || error instanceof oidc.AuthorizationResponseError) return error.error;
  if (error && typeof error === "object" && "code" in error && typeof error.code === "string") return error.code;
  return error instanceof Error ? error.name : "unknown";
}

/** The messages and claim names along an error's cause chain: openid-client wraps the precise one. */
function describeChain(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof Error) parts.push(current.message);
    if (typeof current === "object" && "claim" in current) parts.push(`claim:${String(current.claim)}`);
    current = typeof current === "object" && "cause" in current ? current.cause : undefined;
  }
  return parts.join(" | ");
}

function classifyGrantError(error: unknown): LoginFailure {
  const code = errorCode(error);
  const message = describeChain(error);
  if (error instanceof oidc.ResponseBodyError && error.error === "invalid_grant") {
    return new LoginFailure("code_rejected", code, { cause: error });
  }
  if (error instanceof oidc.AuthorizationResponseError) {
    const kind = error.error === "access_denied" || error.error === "login_required" ? error.error : "provider_error";
    return new LoginFailure(kind, code, { cause: error });
  }
  if (code === "OAUTH_JWT_CLAIM_COMPARISON_FAILED" && /nonce/.test(message)) {
    return new LoginFailure("nonce_mismatch", code, { cause: error });
  }
  if (/state/.test(message) && code === "OAUTH_INVALID_RESPONSE") {
    return new LoginFailure("state_mismatch", code, { cause: error });
  }
  if (error instanceof TypeError || /ECONNREFUSED|fetch failed|timeout|aborted/i.test(`${message} ${code}`)) {
    return new LoginFailure("provider_unavailable", code, { cause: error });
  }
  return new LoginFailure("invalid_response", code, { cause: error });
}

/** The provider URL that ends the ProConnect session too, and comes back to us with `state`. */
export async function buildLogoutUrl(settings: ProConnectSettings, idToken: string, state: string) {
  const config = await getProConnectConfiguration(settings);
  return oidc.buildEndSessionUrl(config, {
    id_token_hint: idToken,
    state,
    post_logout_redirect_uri: `${settings.publicUrl}${postLogoutPath}`,
  }).href;
}
