import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { buildLogoutUrl } from "~/domain/identity/proconnect.server";
import { revokeSession } from "~/domain/identity/sessions.server";
import { randomToken } from "~/domain/identity/tokens.server";
import { authCookies, getViewer, proConnectSettings, requireCsrf } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { logger } from "~/infra/logger.server";

// Signing out ends our session first (so it is gone even if ProConnect is down), then ProConnect's.
export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await getViewer(request, context);
  const cookies = authCookies();
  const headers = new Headers({ "Set-Cookie": await cookies.session.serialize("", { maxAge: 0 }) });
  if (viewer.kind !== "session") return redirect("/", { headers });
  requireCsrf(viewer, await request.formData());
  const { idToken } = await revokeSession(await getDb(), viewer.user.id, viewer.sessionId);
  const settings = proConnectSettings();
  if (!idToken || !settings) return redirect("/auth/logged-out", { headers });
  try {
    const state = randomToken();
    headers.append("Set-Cookie", await cookies.logoutState.serialize(state));
    return redirect(await buildLogoutUrl(settings, idToken, state), { headers });
  } catch (error) {
    logger.warn({ requestId: context.requestId, err: error }, "ProConnect logout unavailable; local session ended");
    return redirect("/auth/logged-out", { headers });
  }
}

export function loader() {
  return redirect("/");
}
