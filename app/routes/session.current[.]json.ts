import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireScope } from "~/domain/identity/viewer";
import { getViewer } from "~/infra/auth.server";
import { authorize } from "~/infra/responses.server";

// Discourse's "who am I" endpoint, for scripts checking their API key and for Discourse clients.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await getViewer(request, context);
  if (viewer.kind === "anonymous") return Response.json({ error: "Non connecté." }, { status: 404 });
  authorize(() => requireScope(viewer, "read"));
  const user = viewer.user;
  return Response.json({
    current_user: user
      ? {
          id: user.id,
          username: user.username,
          name: user.displayName,
          admin: user.role === "admin",
          moderator: user.role === "moderator" || user.role === "admin",
          groups: user.groups,
        }
      : null,
    api_key: viewer.kind === "api_key" ? { id: viewer.apiKeyId, scopes: viewer.scopes, group: viewer.group } : null,
  });
}
