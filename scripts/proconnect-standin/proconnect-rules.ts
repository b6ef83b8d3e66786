// Where ProConnect is stricter than oidc-provider, or says more. oidc-provider's extraParams validators are its
// hook on authorization requests, called once it has checked the client and the redirect_uri (so a refusal goes
// back to the service with `state`) and before it reads the claims parameter.
import type { ExtraParamValidator, ProviderMiddleware } from "oidc-provider";
import { loadOidcProvider } from "./oidc-provider-module";
import { SCOPES } from "./proconnect";

type Errors = Awaited<ReturnType<typeof loadOidcProvider>>["errors"];

function required(errors: Errors, name: string): ExtraParamValidator {
  return (_ctx, value) => {
    if (typeof value !== "string" || !value) throw new errors.InvalidRequest(`${name} is required`);
  };
}

/** oidc-provider silently drops the scopes it does not know; ProConnect refuses the request. */
function knownScopesOnly(errors: Errors): ExtraParamValidator {
  return (ctx) => {
    // ctx.oidc.params.scope is already narrowed to known scopes: read the scope as the service sent it.
    const sent = (ctx.method === "POST" ? ctx.oidc.body : ctx.query)?.scope;
    const unknown = String(sent ?? "")
      .split(" ")
      .find((scope) => scope && !SCOPES.includes(scope));
    if (unknown) throw new errors.InvalidScope("requested scope is not allowed", unknown);
  };
}

/**
 * ProConnect's ID token always carries acr, auth_time and sid; oidc-provider adds them only when the claims
 * parameter asks for them, so ask on the service's behalf, keeping what it asked (an essential acr above all).
 * oidc-provider has already checked that the parameter, when present, is a JSON object.
 */
const alwaysInIdToken: ExtraParamValidator = (ctx, value) => {
  const requested = typeof value === "string" ? (JSON.parse(value) as { id_token?: object }) : {};
  ctx.oidc.params.claims = JSON.stringify({
    ...requested,
    id_token: { acr: null, auth_time: null, sid: null, ...requested.id_token },
  });
};

export async function authorizationParameters(): Promise<Record<string, ExtraParamValidator | null>> {
  const { errors } = await loadOidcProvider();
  return {
    nonce: required(errors, "nonce"),
    state: required(errors, "state"),
    scope: knownScopesOnly(errors),
    claims: alwaysInIdToken,
    idp_hint: null,
    siret_hint: null,
  };
}

/**
 * oidc-provider takes client_secret_basic from any client allowed client_secret_post; ProConnect accepts only the
 * latter (or private_key_jwt), so a Basic Authorization header is refused wherever it comes.
 */
export const refuseClientSecretBasic: ProviderMiddleware = async (ctx, next) => {
  if (!/^basic /i.test(ctx.get("authorization"))) return next();
  ctx.status = 401;
  ctx.body = {
    error: "invalid_client",
    error_description: "client_secret_basic is not supported: authenticate with client_secret_post",
  };
};
