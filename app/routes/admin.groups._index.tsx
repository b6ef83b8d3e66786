import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { Link } from "~/components/link";
import { AdminLayout } from "~/components/admin-layout";
import { CsrfInput, FormResult } from "~/components/forms";
import { createGroup, listGroups, validateNewGroup } from "~/domain/identity/groups.server";
import { requireAdminAction, requireAdminPage } from "~/infra/admin.server";
import { getDb } from "~/infra/db.server";
import { formAction } from "~/infra/responses.server";

export const meta: MetaFunction = () => [{ title: "Groupes — Administration — CICCLO Interop" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdminPage(request, context);
  return { groups: await listGroups(await getDb()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { admin, form } = await requireAdminAction(request, context);
  return formAction(async () => {
    const group = await createGroup(await getDb(), admin, validateNewGroup(Object.fromEntries(form)));
    return { message: `Le groupe « ${group.label} » a été créé.` };
  });
}

export default function AdminGroups() {
  const { groups } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fieldErrors = result && !result.ok ? result.fieldErrors : {};
  return (
    <AdminLayout title="Groupes">
      <FormResult result={result} />
      <ul>
        {groups.map((group) => (
          <li key={group.id}>
            <Link to={`/admin/groups/${group.name}`}>{group.label}</Link> ({group.memberCount} membre
            {group.memberCount > 1 ? "s" : ""})
          </li>
        ))}
      </ul>
      <h2 className="fr-mt-6w">Nouveau groupe</h2>
      <Form method="post">
        <CsrfInput />
        {(
          [
            ["name", "Identifiant", "Minuscules, chiffres et tirets, par exemple « mainteneurs-prodige »."],
            ["label", "Nom", "Affiché aux utilisateurs."],
            ["description", "Description", "Facultative."],
          ] as const
        ).map(([field, label, hint]) => (
          <div className={`fr-input-group${fieldErrors[field] ? " fr-input-group--error" : ""}`} key={field}>
            <label className="fr-label" htmlFor={`group-${field}`}>
              {label}
              <span className="fr-hint-text">{hint}</span>
            </label>
            <input
              className={`fr-input${fieldErrors[field] ? " fr-input--error" : ""}`}
              id={`group-${field}`}
              name={field}
              required={field !== "description"}
              aria-describedby={fieldErrors[field] ? `group-${field}-error` : undefined}
            />
            {fieldErrors[field] ? (
              <p className="fr-error-text" id={`group-${field}-error`}>
                {fieldErrors[field]}
              </p>
            ) : null}
          </div>
        ))}
        <button className="fr-btn" type="submit">
          Créer le groupe
        </button>
      </Form>
    </AdminLayout>
  );
}
