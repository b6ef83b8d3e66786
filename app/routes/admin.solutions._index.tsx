import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { AdminLayout } from "~/components/admin-layout";
import { DsfrTable } from "~/components/dsfr-table";
import { FormResult } from "~/components/forms";
import { SolutionForm } from "~/components/solution-form";
import { validateSolutionInput } from "~/domain/conformance/solutions";
import { createSolution, groupChoices, listSolutionsForAdmin } from "~/domain/conformance/solutions.server";
import { requireAdminAction, requireAdminPage } from "~/infra/admin.server";
import { getDb } from "~/infra/db.server";
import { formAction } from "~/infra/responses.server";

export const meta: MetaFunction = () => [{ title: "Solutions — Administration — CICCLO Interop" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdminPage(request, context);
  const db = await getDb();
  return { solutions: await listSolutionsForAdmin(db), groups: await groupChoices(db) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { admin, form } = await requireAdminAction(request, context);
  return formAction(async () => {
    const input = validateSolutionInput(
      Object.fromEntries(form),
      "La solution n'a pas été créée : corrigez les champs signalés.",
    );
    const solution = await createSolution(await getDb(), admin, input);
    return { message: `La solution « ${solution.name} » a été créée.`, slug: solution.slug };
  });
}

export default function AdminSolutions() {
  const { solutions, groups } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fieldErrors = result && !result.ok ? result.fieldErrors : {};
  return (
    <AdminLayout title="Solutions">
      <p>
        Les solutions et leurs versions sont celles de la <Link to="/conformance">matrice de conformité</Link> et des
        signalements d&apos;interopérabilité.
      </p>
      <FormResult result={result} />
      {result?.ok ? (
        <p>
          <Link to={`/admin/solutions/${result.slug}`}>Ajouter ses versions</Link>
        </p>
      ) : null}
      {solutions.length === 0 ? (
        <p>Aucune solution.</p>
      ) : (
        <DsfrTable caption="Solutions">
          <thead>
            <tr>
              <th scope="col">Solution</th>
              <th scope="col">Versions</th>
              <th scope="col">Mainteneurs</th>
              <th scope="col">Liens</th>
            </tr>
          </thead>
          <tbody>
            {solutions.map((solution) => (
              <tr key={solution.id}>
                <td>
                  <Link to={`/admin/solutions/${solution.slug}`}>{solution.name}</Link>
                  <br />
                  <span className="fr-text--xs">{solution.slug}</span>
                </td>
                <td>{solution.versions.length ? solution.versions.join(", ") : "Aucune"}</td>
                <td>
                  {solution.maintainerGroup ? (
                    <Link to={`/admin/groups/${solution.maintainerGroup.name}`}>{solution.maintainerGroup.label}</Link>
                  ) : (
                    "Aucun groupe"
                  )}
                </td>
                <td>
                  {solution.repositoryUrl ? (
                    <a href={solution.repositoryUrl} rel="noopener noreferrer">
                      Code<span className="fr-sr-only"> de {solution.name}</span>
                    </a>
                  ) : null}
                  {solution.repositoryUrl && solution.trackerUrl ? " · " : null}
                  {solution.trackerUrl ? (
                    <a href={solution.trackerUrl} rel="noopener noreferrer">
                      Tickets<span className="fr-sr-only"> de {solution.name}</span>
                    </a>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </DsfrTable>
      )}
      <h2 className="fr-mt-6w">Nouvelle solution</h2>
      <SolutionForm
        // A new, empty form once a solution is created.
        key={result?.ok ? `created-${result.slug}` : "new-solution"}
        idPrefix="solution"
        groups={groups}
        fieldErrors={fieldErrors}
        submitLabel="Créer la solution"
      />
    </AdminLayout>
  );
}
