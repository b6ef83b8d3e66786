// Test fixtures for signed-in visitors. The sign-in flow itself is tested end to end against the ProConnect
// stand-in (tests/integration/login.test.ts); other tests start from a session row, as a logged-in browser would.
import { createSession } from "../../app/domain/identity/sessions.server";
import { authCookies, sessionPolicy } from "../../app/infra/auth.server";
import { getDb } from "../../app/infra/db.server";

/** A Cookie header for a fresh session of the seeded user `username`. */
export async function sessionCookieFor(username: string): Promise<{ cookie: string; sessionToken: string }> {
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({ where: { username } });
  const { token } = await createSession(
    db,
    { userId: user.id, idToken: null, userAgent: "vitest", ipAddress: "" },
    sessionPolicy(),
  );
  const setCookie = await authCookies().session.serialize(token);
  return { cookie: setCookie.split(";")[0]!, sessionToken: token };
}

/** The CSRF token a page's forms carry for this visitor (empty for anonymous visitors). */
export async function csrfFrom(baseUrl: string, path: string, cookie: string | undefined): Promise<string> {
  const response = await fetch(`${baseUrl}${path}`, { headers: cookie ? { cookie } : {} });
  const html = await response.text();
  return /name="csrf" value="([^"]*)"/.exec(html)?.[1] ?? "";
}

export function form(fields: Record<string, string | string[]>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
  }
  return body;
}

/** Submits one of the app's forms as a browser without JavaScript does: with the page's CSRF token, following no
 * redirect, so tests see the status and Location the browser would. */
export async function submitForm(
  baseUrl: string,
  path: string,
  cookie: string,
  fields: Record<string, string | string[]>,
) {
  const csrf = await csrfFrom(baseUrl, path.split("?")[0]!, cookie);
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: form({ ...fields, csrf }),
    redirect: "manual",
  });
  return { status: response.status, location: response.headers.get("location"), html: await response.text() };
}
