import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { ContentPage } from "~/components/content-page";
import { CsrfInput, FormResult } from "~/components/forms";
import { RelativeTime } from "~/components/relative-time";
import { listUserSessions, revokeAllSessions, revokeSession } from "~/domain/identity/sessions.server";
import { requireSelf } from "~/domain/identity/viewer";
import { authCookies, requireCsrf, requireSessionUser, sessionPolicy } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { authorize } from "~/infra/responses.server";

export const meta: MetaFunction = () => [{ title: "Mes sessions — CICCLO Interop" }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const viewer = await requireSessionUser(request, context);
  const user = authorize(() => requireSelf(viewer, params.username ?? ""));
  const sessionId = viewer.kind === "session" ? viewer.sessionId : null;
  return { sessions: await listUserSessions(await getDb(), user.id, sessionId, sessionPolicy()) };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const viewer = await requireSessionUser(request, context);
  const user = authorize(() => requireSelf(viewer, params.username ?? ""));
  const form = await request.formData();
  requireCsrf(viewer, form);
  const db = await getDb();
  if (form.get("intent") === "revoke-all") {
    await revokeAllSessions(db, user.id);
    return redirect("/", { headers: { "Set-Cookie": await authCookies().session.serialize("", { maxAge: 0 }) } });
  }
  const { revoked } = await revokeSession(db, user.id, String(form.get("sessionId") ?? ""));
  return { ok: revoked, message: revoked ? "La session a été fermée." : "Cette session était déjà fermée." };
}

export default function Sessions() {
  const { sessions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <ContentPage title="Mes sessions">
      <p>
        Les appareils et navigateurs où vous êtes connecté à CICCLO Interop. Fermez une session que vous ne reconnaissez
        pas.
      </p>
      <FormResult result={result} />
      <ul className="fr-raw-list">
        {sessions.map((session) => (
          <li key={session.id} className="fr-card fr-card--no-arrow fr-mb-2w">
            <div className="fr-card__body">
              <div className="fr-card__content">
                <h2 className="fr-card__title fr-h6">
                  {session.userAgent || "Navigateur inconnu"}
                  {session.current ? <span className="fr-badge fr-badge--info fr-ml-1w">Cette session</span> : null}
                </h2>
                <p className="fr-card__desc">
                  Ouverte <RelativeTime date={session.createdAt} />, active <RelativeTime date={session.lastUsedAt} />
                  {session.ipAddress ? ` · adresse ${session.ipAddress}` : ""}
                </p>
              </div>
              <div className="fr-card__footer">
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="sessionId" value={session.id} />
                  <button className="fr-btn fr-btn--secondary fr-btn--sm" type="submit" name="intent" value="revoke">
                    Fermer cette session
                  </button>
                </Form>
              </div>
            </div>
          </li>
        ))}
      </ul>
      <Form method="post" reloadDocument>
        <CsrfInput />
        <button className="fr-btn fr-btn--tertiary" type="submit" name="intent" value="revoke-all">
          Fermer toutes mes sessions, y compris celle-ci
        </button>
      </Form>
    </ContentPage>
  );
}
