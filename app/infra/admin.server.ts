import type { AppLoadContext } from "@remix-run/node";
import { requireAdmin } from "~/domain/identity/viewer";
import { getViewer, requireCsrf } from "./auth.server";
import { authorize } from "./responses.server";

/** Every admin loader starts here: 403 for anyone but an admin signed in through a browser session. */
export async function requireAdminPage(request: Request, context: AppLoadContext) {
  const viewer = await getViewer(request, context);
  return authorize(() => requireAdmin(viewer));
}

/** Every admin action starts here: the admin check, then the CSRF check, then the parsed form. */
export async function requireAdminAction(request: Request, context: AppLoadContext) {
  const viewer = await getViewer(request, context);
  const admin = authorize(() => requireAdmin(viewer));
  const form = await request.formData();
  requireCsrf(viewer, form);
  return { admin, form };
}
