import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { Link } from "~/components/link";
import { AdminLayout } from "~/components/admin-layout";
import { DsfrTable } from "~/components/dsfr-table";
import { CsrfInput, FormResult } from "~/components/forms";
import { SolutionForm } from "~/components/solution-form";
import { formatAbsolute } from "~/domain/shared/dates";
import { validateSolutionInput } from "~/domain/conformance/solutions";
import {
  addSolutionVersion,
  getSolutionForAdmin,
  groupChoices,
  updateSolution,
} from "~/domain/conformance/solutions.server";
import { requireAdminAction, requireAdminPage } from "~/infra/admin.server";
import { getDb } from "~/infra/db.server";
import { formAction, orHttpError } from "~/infra/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.solution.name ?? "Solution"} — Administration — CICCLO Interop` },
];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  await requireAdminPage(request, context);
  const db = await getDb();
  const solution = await orHttpError(() => getSolutionForAdmin(db, params.slug ?? ""));
  return { solution, groups: await groupChoices(db) };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const { admin, form } = await requireAdminAction(request, context);
  const db = await getDb();
  const slug = params.slug ?? "";
  return formAction(async () => {
    if (form.get("intent") === "add-version") {
      const { version, solutionName } = await addSolutionVersion(db, admin, slug, form.get("version"));
      return { message: `La version ${version} de ${solutionName} a été ajoutée.` };
    }
    const input = validateSolutionInput(Object.fromEntries(form));
    const updated = await updateSolution(db, admin, slug, input);
    // A new identifier moves the page: the browser follows, as after any other save.
    if (updated.slug !== slug) throw redirect(`/admin/solutions/${updated.slug}`);
    return { message: updated.changed ? "La solution a été enregistrée." : "Aucun changement." };
  });
}

export default function AdminSolution() {
  const { solution, groups } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fieldErrors = result && !result.ok ? result.fieldErrors : {};
  return (
    <AdminLayout title={solution.name}>
      <FormResult result={result} />
      <h2>Versions</h2>
      {solution.versions.length === 0 ? (
        <p>Aucune version.</p>
      ) : (
        <DsfrTable caption={`Versions de ${solution.name}`}>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Ajoutée le</th>
              <th scope="col">Déploiements</th>
            </tr>
          </thead>
          <tbody>
            {solution.versions.map((version) => (
              <tr key={version.id}>
                <td>{version.version}</td>
                <td>{formatAbsolute(version.createdAt)}</td>
                <td>{version.deployments}</td>
              </tr>
            ))}
          </tbody>
        </DsfrTable>
      )}
      <Form method="post" className="fr-mb-6w" key={result?.ok ? result.message : "new-version"}>
        <CsrfInput />
        <input type="hidden" name="intent" value="add-version" />
        <div className={`fr-input-group${fieldErrors.version ? " fr-input-group--error" : ""}`}>
          <label className="fr-label" htmlFor="solution-version">
            Nouvelle version
            <span className="fr-hint-text">Par exemple 24.0.1 ; une version n&apos;existe qu&apos;une fois.</span>
          </label>
          <input
            className={`fr-input${fieldErrors.version ? " fr-input--error" : ""}`}
            id="solution-version"
            name="version"
            required
            aria-describedby={fieldErrors.version ? "solution-version-error" : undefined}
          />
          {fieldErrors.version ? (
            <p className="fr-error-text" id="solution-version-error">
              {fieldErrors.version}
            </p>
          ) : null}
        </div>
        <button className="fr-btn fr-btn--secondary" type="submit">
          Ajouter la version
        </button>
      </Form>
      <h2>Modifier la solution</h2>
      <SolutionForm
        idPrefix="solution-edit"
        values={{
          name: solution.name,
          slug: solution.slug,
          repositoryUrl: solution.repositoryUrl,
          trackerUrl: solution.trackerUrl,
          maintainerGroup: solution.maintainerGroup?.name ?? "",
        }}
        groups={groups}
        fieldErrors={fieldErrors}
        submitLabel="Enregistrer"
      />
      <p>
        <Link to="/admin/solutions">Toutes les solutions</Link>
      </p>
    </AdminLayout>
  );
}
