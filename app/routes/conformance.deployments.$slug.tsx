import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { formatRunDate } from "~/components/conformance-verdict";
import { DsfrTable } from "~/components/dsfr-table";
import { listDeploymentRuns } from "~/domain/conformance/runs.server";
import { getDb } from "~/infra/db.server";
import { orHttpError } from "~/infra/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.deployment.name} — Conformité — CICCLO Interop` : "Conformité — CICCLO Interop" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  return orHttpError(async () => listDeploymentRuns(await getDb(), params.slug ?? ""));
}

export default function DeploymentRunsPage() {
  const { deployment, runs } = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb segments={[{ label: "Conformité", to: "/conformance" }]} current={deployment.name} />
      <h1>{deployment.name}</h1>
      <ul>
        <li>
          Solution : {deployment.solution.name} {deployment.solution.version}
        </li>
        {deployment.organisationLabel ? <li>Exploité par : {deployment.organisationLabel}</li> : null}
        {deployment.endpointUrl ? <li>Point d&apos;accès : {deployment.endpointUrl}</li> : null}
      </ul>
      {runs.length === 0 ? (
        <p>Aucun passage de tests n&apos;a encore été envoyé pour ce déploiement.</p>
      ) : (
        <DsfrTable caption="Historique des passages de tests, du plus récent au plus ancien">
          <thead>
            <tr>
              <th scope="col">Passage</th>
              <th scope="col">Suite</th>
              <th scope="col">Tests</th>
              <th scope="col">Classes conformes</th>
              <th scope="col">Classes en échec</th>
              <th scope="col">Envoyé par</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id}>
                <th scope="row">
                  <Link to={run.url}>
                    n° {run.id} du {formatRunDate(run.createdAt)}
                  </Link>
                </th>
                <td>
                  {run.suite.name}
                  {run.suite.version ? ` ${run.suite.version}` : ""} ({run.format})
                </td>
                <td>
                  {run.counts.passed} réussis / {run.counts.failed} échecs / {run.counts.total}
                </td>
                <td>{run.verdicts.passed}</td>
                <td>{run.verdicts.failed}</td>
                <td>{run.uploadedBy ? `@${run.uploadedBy}` : "clé de groupe"}</td>
              </tr>
            ))}
          </tbody>
        </DsfrTable>
      )}
    </div>
  );
}
