import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { Link } from "~/components/link";
import { AdminLayout } from "~/components/admin-layout";
import { ApiKeyCreateForm, ApiKeyTable, NewApiKeySecret } from "~/components/api-key-forms";
import { CsrfInput, FormResult } from "~/components/forms";
import { parseApiKeyForm } from "~/domain/identity/api-key-form.server";
import { createApiKey, listApiKeys, revokeApiKey } from "~/domain/identity/api-keys.server";
import { addGroupMember, getGroup, removeGroupMember } from "~/domain/identity/groups.server";
import { requireAdminAction, requireAdminPage } from "~/infra/admin.server";
import { getDb } from "~/infra/db.server";
import { formAction, orHttpError } from "~/infra/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.group.label ?? "Groupe"} — Administration — CICCLO Interop` },
];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  await requireAdminPage(request, context);
  const db = await getDb();
  const group = await orHttpError(() => getGroup(db, params.name ?? ""));
  return { group, keys: await listApiKeys(db, { groupId: group.id }) };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const { admin, form } = await requireAdminAction(request, context);
  const db = await getDb();
  const groupName = params.name ?? "";
  const username = String(form.get("username") ?? "");
  return formAction(async () => {
    switch (form.get("intent")) {
      case "add-member": {
        const { added } = await addGroupMember(db, admin, groupName, username);
        return {
          message: added ? `@${username} a rejoint le groupe.` : `@${username} en était déjà membre.`,
          secret: null,
        };
      }
      case "remove-member":
        await removeGroupMember(db, admin, groupName, username);
        return { message: `@${username} a quitté le groupe.`, secret: null };
      case "revoke":
        await revokeApiKey(db, admin, Number(form.get("keyId")));
        return { message: "La clé a été révoquée.", secret: null };
      default: {
        const { secret } = await createApiKey(db, admin, parseApiKeyForm(form, { groupName }));
        return { message: undefined, secret };
      }
    }
  });
}

export default function AdminGroup() {
  const { group, keys } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fieldErrors = result && !result.ok ? result.fieldErrors : undefined;
  return (
    <AdminLayout title={group.label}>
      {group.description ? <p>{group.description}</p> : null}
      {result?.ok && result.secret ? <NewApiKeySecret secret={result.secret} /> : <FormResult result={result} />}
      <h2>Membres</h2>
      {group.members.length === 0 ? <p>Aucun membre.</p> : null}
      <ul>
        {group.members.map((member) => (
          <li key={member.username} className="fr-mb-1w">
            <Link to={`/u/${member.username}`}>{member.displayName}</Link> (@{member.username}){" "}
            <Form method="post" className="fr-displayed-inline" style={{ display: "inline" }}>
              <CsrfInput />
              <input type="hidden" name="username" value={member.username} />
              <button
                className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm"
                type="submit"
                name="intent"
                value="remove-member"
                aria-label={`Retirer ${member.displayName} du groupe`}
              >
                Retirer
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <Form method="post" className="fr-mb-6w">
        <CsrfInput />
        <input type="hidden" name="intent" value="add-member" />
        <div className={`fr-input-group${fieldErrors?.username ? " fr-input-group--error" : ""}`}>
          <label className="fr-label" htmlFor="member-username">
            Ajouter un membre
            <span className="fr-hint-text">Identifiant de l&apos;utilisateur, par exemple claire.martin</span>
          </label>
          <input className="fr-input" id="member-username" name="username" required />
          {fieldErrors?.username ? <p className="fr-error-text">{fieldErrors.username}</p> : null}
        </div>
        <button className="fr-btn fr-btn--secondary" type="submit">
          Ajouter
        </button>
      </Form>
      <h2>Clés d&apos;API du groupe</h2>
      <p>
        Une clé de groupe agit pour le groupe (par exemple pour envoyer les résultats de conformité de sa solution
        depuis une CI). Avec l&apos;en-tête <code>Api-Username</code>, elle agit pour l&apos;un de ses membres.
      </p>
      <ApiKeyTable keys={keys} />
      <h3 className="fr-mt-4w">Nouvelle clé de groupe</h3>
      <ApiKeyCreateForm
        // A new, empty form once a key is created.
        key={result?.ok && result.secret ? result.secret : "new-key"}
        fieldErrors={fieldErrors}
      />
      <p>
        <Link to="/admin/groups">Tous les groupes</Link>
      </p>
    </AdminLayout>
  );
}
