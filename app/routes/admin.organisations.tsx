import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { DsfrTable } from "~/components/dsfr-table";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { AdminLayout } from "~/components/admin-layout";
import { CsrfInput, FormResult } from "~/components/forms";
import { ORGANISATION_KINDS } from "~/domain/identity/organisation-kinds";
import { listOrganisations, parseOrganisationKind, setOrganisationKind } from "~/domain/identity/organisations.server";
import { requireAdminAction, requireAdminPage } from "~/infra/admin.server";
import { getDb } from "~/infra/db.server";
import { formAction } from "~/infra/responses.server";

export const meta: MetaFunction = () => [{ title: "Organisations — Administration — CICCLO Interop" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdminPage(request, context);
  return { organisations: await listOrganisations(await getDb()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { admin, form } = await requireAdminAction(request, context);
  const siret = String(form.get("siret") ?? "");
  return formAction(async () => {
    const kind = parseOrganisationKind(form.get("kind"));
    const { changed } = await setOrganisationKind(await getDb(), admin, siret, kind);
    return { message: changed ? "Le type de l'organisation a été modifié." : "Aucun changement." };
  });
}

export default function AdminOrganisations() {
  const { organisations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <AdminLayout title="Organisations">
      <p>
        Les organisations sont créées à la connexion de leurs membres, d&apos;après le SIRET transmis par ProConnect.
      </p>
      <FormResult result={result} />
      <DsfrTable caption="Organisations">
        <thead>
          <tr>
            <th scope="col">Organisation</th>
            <th scope="col">SIRET</th>
            <th scope="col">Membres</th>
            <th scope="col">Type</th>
          </tr>
        </thead>
        <tbody>
          {organisations.map((organisation) => (
            <tr key={organisation.id}>
              <td>{organisation.label}</td>
              <td>{organisation.siret}</td>
              <td>{organisation.userCount}</td>
              <td>
                <Form method="post" className="fr-grid-row fr-grid-row--middle">
                  <CsrfInput />
                  <input type="hidden" name="siret" value={organisation.siret} />
                  <label className="fr-sr-only" htmlFor={`kind-${organisation.id}`}>
                    Type de {organisation.label}
                  </label>
                  <select
                    className="fr-select fr-mr-1w"
                    id={`kind-${organisation.id}`}
                    name="kind"
                    defaultValue={organisation.kind ?? ""}
                    style={{ width: "auto" }}
                  >
                    <option value="">Non précisé</option>
                    {Object.entries(ORGANISATION_KINDS).map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </select>
                  <button
                    className="fr-btn fr-btn--sm fr-btn--secondary"
                    type="submit"
                    aria-label={`Enregistrer le type de ${organisation.label}`}
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
