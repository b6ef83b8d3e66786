import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { Link } from "~/components/link";
import { ContentPage } from "~/components/content-page";
import { CsrfInput, FormResult } from "~/components/forms";
import { requireSelf } from "~/domain/identity/viewer";
import { deleteSavedFilter, listSavedFilters } from "~/domain/tracker/list-filter.server";
import { requireCsrf, requireSessionUser } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { authorize, formAction } from "~/infra/responses.server";

export const meta: MetaFunction = () => [{ title: "Mes filtres enregistrés — CICCLO Interop" }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const viewer = await requireSessionUser(request, context);
  const user = authorize(() => requireSelf(viewer, params.username ?? ""));
  return { filters: await listSavedFilters(await getDb(), user.id) };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const viewer = await requireSessionUser(request, context);
  const user = authorize(() => requireSelf(viewer, params.username ?? ""));
  const form = await request.formData();
  requireCsrf(viewer, form);
  return formAction(async () => {
    await deleteSavedFilter(await getDb(), user.id, Number(form.get("filterId")));
    return { message: "Le filtre a été supprimé." };
  });
}

export default function SavedFilters() {
  const { filters } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <ContentPage title="Mes filtres enregistrés">
      <p>
        Les filtres que vous avez enregistrés depuis les listes de sujets (bouton « Enregistrer ce filtre »). Chacun est
        un lien que vous pouvez aussi partager.
      </p>
      <FormResult result={result} />
      {filters.length === 0 ? <p>Aucun filtre enregistré.</p> : null}
      <ul className="fr-raw-list">
        {filters.map((filter) => (
          <li key={filter.id} className="fr-grid-row fr-grid-row--middle fr-mb-2w">
            <Link to={filter.url} className="fr-link fr-mr-2w">
              {filter.name}
            </Link>
            <code className="fr-mr-2w">{filter.query}</code>
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="filterId" value={filter.id} />
              <button
                className="fr-btn fr-btn--sm fr-btn--tertiary"
                type="submit"
                aria-label={`Supprimer le filtre ${filter.name}`}
              >
                Supprimer
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </ContentPage>
  );
}
