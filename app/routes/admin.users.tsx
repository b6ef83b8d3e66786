import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { DsfrTable } from "~/components/dsfr-table";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { Link } from "~/components/link";
import { AdminLayout } from "~/components/admin-layout";
import { CsrfInput, FormResult } from "~/components/forms";
import { RelativeTime } from "~/components/relative-time";
import { changeUserRole, listUsers, parseRole } from "~/domain/identity/users.server";
import { requireAdminAction, requireAdminPage } from "~/infra/admin.server";
import { getDb } from "~/infra/db.server";
import { formAction } from "~/infra/responses.server";

export const meta: MetaFunction = () => [{ title: "Utilisateurs — Administration — CICCLO Interop" }];

const ROLE_OPTIONS = [
  { value: "member", label: "Membre" },
  { value: "moderator", label: "Modérateur" },
  { value: "admin", label: "Administrateur" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdminPage(request, context);
  return { users: await listUsers(await getDb()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { admin, form } = await requireAdminAction(request, context);
  const username = String(form.get("username") ?? "");
  return formAction(async () => {
    const { changed } = await changeUserRole(await getDb(), admin, username, parseRole(form.get("role")));
    return { message: changed ? `Le rôle de @${username} a été modifié.` : `@${username} avait déjà ce rôle.` };
  });
}

export default function AdminUsers() {
  const { users } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <AdminLayout title="Utilisateurs">
      <FormResult result={result} />
      <DsfrTable caption="Utilisateurs et rôles">
        <thead>
          <tr>
            <th scope="col">Utilisateur</th>
            <th scope="col">Organisation</th>
            <th scope="col">Dernière connexion</th>
            <th scope="col">Rôle</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>
                <Link to={`/u/${user.username}`}>{user.displayName}</Link>
                <br />
                <span className="fr-text--xs">@{user.username}</span>
              </td>
              <td>{user.organisation?.label ?? "—"}</td>
              <td>{user.lastSeenAt ? <RelativeTime date={user.lastSeenAt} /> : "Jamais"}</td>
              <td>
                <Form method="post" className="fr-grid-row fr-grid-row--middle">
                  <CsrfInput />
                  <input type="hidden" name="username" value={user.username} />
                  <label className="fr-sr-only" htmlFor={`role-${user.id}`}>
                    Rôle de {user.displayName}
                  </label>
                  <select
                    className="fr-select fr-mr-1w"
                    id={`role-${user.id}`}
                    name="role"
                    defaultValue={user.role}
                    style={{ width: "auto" }}
                  >
                    {ROLE_OPTIONS.map((option) => (
                      <option key={option.value} value={option.value}>
                        {option.label}
                      </option>
                    ))}
                  </select>
                  <button
                    className="fr-btn fr-btn--sm fr-btn--secondary"
                    type="submit"
                    aria-label={`Enregistrer le rôle de ${user.displayName}`}
                  >
                    Enregistrer
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </DsfrTable>
    </AdminLayout>
  );
}
