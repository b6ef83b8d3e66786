// RP-initiated logout the ProConnect way: GET /session/end ends the session and answers 303 to the
// post_logout_redirect_uri with `state`, with no confirmation page. oidc-provider would ask the user to confirm
// (a form posting to /session/end/confirm); it calls logoutSource only after validating id_token_hint and the
// registered post_logout_redirect_uri, so the stand-in does the confirmation's work there instead of rendering it.
import type { KoaContext, KoaContextWithOIDC, OIDCContext, Provider, ProviderMiddleware } from "oidc-provider";

async function revokeGrant(provider: Provider, grantId: string): Promise<void> {
  await Promise.all([
    provider.AccessToken.revokeByGrantId(grantId),
    provider.AuthorizationCode.revokeByGrantId(grantId),
    provider.Grant.find(grantId).then((grant) => grant?.destroy()),
  ]);
}

function redirectAfterLogout(ctx: KoaContext, oidc: OIDCContext): void {
  const { post_logout_redirect_uri: postLogoutRedirectUri, state } = oidc.params;
  const target = new URL(
    typeof postLogoutRedirectUri === "string" ? postLogoutRedirectUri : oidc.urlFor("end_session_success"),
  );
  if (typeof postLogoutRedirectUri === "string" && typeof state === "string") target.searchParams.set("state", state);
  ctx.status = 303;
  ctx.redirect(target.href);
}

/** logoutSource: called when the browser has a session; ends it on the spot. */
export async function endSessionWithoutConfirmation(ctx: KoaContextWithOIDC): Promise<void> {
  const { session, provider } = ctx.oidc;
  const grantIds = Object.values(session.authorizations ?? {}).flatMap(({ grantId }) => (grantId ? [grantId] : []));
  await Promise.all(grantIds.map((grantId) => revokeGrant(provider, grantId)));
  await session.destroy();
  ctx.cookies.set(provider.cookieName("session"), null);
  redirectAfterLogout(ctx, ctx.oidc);
}

/**
 * Without a session (expired, or another browser), oidc-provider answers /session/end with a form that posts itself
 * by script. There is nothing to end: go back to the service at once, as ProConnect does.
 */
export const redirectLogoutWithoutSession: ProviderMiddleware = async (ctx, next) => {
  await next();
  if (ctx.oidc?.route === "end_session" && ctx.status === 200) redirectAfterLogout(ctx, ctx.oidc);
};
