// The HTTP side of identity: cookies, who the viewer is, CSRF tokens, rate limits. Permission rules themselves
// live in app/domain/identity.
import { createCookie, redirect, type AppLoadContext } from "@remix-run/node";
import { authenticateApiKey } from "~/domain/identity/api-keys.server";
import type { ProConnectSettings } from "~/domain/identity/proconnect.server";
import { findActiveSession, type SessionPolicy } from "~/domain/identity/sessions.server";
import { hmac, safeEqual } from "~/domain/identity/tokens.server";
import { anonymous, type Viewer } from "~/domain/identity/viewer";
import { readerOf, type Reader } from "~/domain/forum/permissions";
import { getDb } from "./db.server";
import { getEnv } from "./env.server";
import { hitRateLimit, RATE_LIMITS, tooManyRequests } from "./rate-limit.server";
import { httpError } from "./responses.server";

const env = () => getEnv();
const secure = () => env().publicUrl.startsWith("https:");
const secret = () => env().SESSION_SECRET ?? "development-only-secret-change-me-please-32";

/** The app's signing secret (CSRF tokens, sign-in cookies, unsubscribe links). */
export const signingSecret = secret;

export function sessionPolicy(): SessionPolicy {
  return {
    idleTimeoutMs: env().SESSION_IDLE_TIMEOUT_HOURS * 3_600_000,
    maxAgeMs: env().SESSION_MAX_AGE_HOURS * 3_600_000,
  };
}

export function proConnectSettings(): ProConnectSettings | null {
  const e = env();
  if (!e.PROCONNECT_ISSUER || !e.PROCONNECT_CLIENT_ID || !e.PROCONNECT_CLIENT_SECRET) return null;
  return {
    issuer: e.PROCONNECT_ISSUER,
    clientId: e.PROCONNECT_CLIENT_ID,
    clientSecret: e.PROCONNECT_CLIENT_SECRET,
    scopes: e.PROCONNECT_SCOPES,
    requiredAcr: e.PROCONNECT_REQUIRED_ACR,
    idTokenAlg: e.PROCONNECT_ID_TOKEN_ALG,
    userinfoAlg: e.PROCONNECT_USERINFO_ALG,
    usePkce: e.PROCONNECT_USE_PKCE,
    publicUrl: e.publicUrl,
  };
}

// The cookies are created lazily: their Secure flag and signing secret come from the validated configuration.
let cookies: ReturnType<typeof createCookies> | undefined;
function createCookies() {
  const common = { httpOnly: true, sameSite: "lax" as const, path: "/", secure: secure() };
  return {
    // Holds only a random token; the session itself is a database row that can be revoked.
    session: createCookie(secure() ? "__Host-cicclo_session" : "cicclo_session", {
      ...common,
      maxAge: Math.floor(sessionPolicy().maxAgeMs / 1000),
    }),
    loginRequest: createCookie("cicclo_login", { ...common, secrets: [secret()], maxAge: 600 }),
    logoutState: createCookie("cicclo_logout", { ...common, secrets: [secret()], maxAge: 600 }),
  };
}
export function authCookies() {
  cookies ??= createCookies();
  return cookies;
}

const viewers = new WeakMap<Request, Promise<Viewer>>();

/** Who is making this request: an API key (Authorization: Bearer, or Discourse's Api-Key + Api-Username), a
 * browser session, or nobody. A wrong key is a 401, never a silent anonymous visit. */
export function getViewer(request: Request, context: AppLoadContext): Promise<Viewer> {
  let viewer = viewers.get(request);
  if (!viewer) {
    viewer = resolveViewer(request, context);
    viewers.set(request, viewer);
  }
  return viewer;
}

async function resolveViewer(request: Request, context: AppLoadContext): Promise<Viewer> {
  const db = await getDb();
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  const apiKey = bearer ?? request.headers.get("api-key");
  if (apiKey) {
    const viewer = await authenticateApiKey(db, apiKey, request.headers.get("api-username"));
    if (viewer) return viewer;
    const wait = hitRateLimit(`${context.clientIp}:api-key-failure`, RATE_LIMITS.apiKeyFailure);
    if (wait) throw tooManyRequests(wait);
    throw httpError(401, "Clé d'API invalide, expirée ou révoquée.");
  }
  const token = await authCookies().session.parse(request.headers.get("cookie"));
  const session = await findActiveSession(
    db,
    typeof token === "string" ? token : null,
    sessionPolicy(),
    new Date(),
    context.sessionCache,
  );
  return session ? { kind: "session", user: session.user, sessionId: session.sessionId } : anonymous;
}

/** The viewer as the forum's rules see them (role, groups, user id). */
export async function getReader(request: Request, context: AppLoadContext): Promise<Reader> {
  return readerOf(await getViewer(request, context));
}

/** The form token that proves a state-changing POST comes from our own page (synchroniser token, bound to the
 * session). Anonymous visitors have none and need none: they can change nothing. */
export function csrfToken(viewer: Viewer): string | null {
  return viewer.kind === "session" ? hmac(secret(), `csrf:${viewer.sessionId}`) : null;
}

export function requireCsrf(viewer: Viewer, formData: FormData): void {
  // API keys are not sent by browsers on their own, so they cannot be forged cross-site.
  if (viewer.kind === "api_key") return;
  const expected = csrfToken(viewer);
  const given = formData.get("csrf");
  if (!expected || typeof given !== "string" || !safeEqual(given, expected)) {
    throw httpError(403, "Le formulaire a expiré ou ne vient pas de CICCLO Interop. Rechargez la page puis réessayez.");
  }
}

/** For pages that need a signed-in user: anonymous visitors are sent to the login page and brought back. */
export async function requireSessionUser(request: Request, context: AppLoadContext) {
  const viewer = await getViewer(request, context);
  if (viewer.kind === "anonymous") {
    const url = new URL(request.url);
    throw redirect(`/login?returnTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return viewer;
}
