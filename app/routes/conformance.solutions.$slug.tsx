import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { Breadcrumb } from "~/components/breadcrumb";
import { formatRunDate, VerdictBadge } from "~/components/conformance-verdict";
import { DsfrTable } from "~/components/dsfr-table";
import { getSolutionPage } from "~/domain/conformance/solution-page.server";
import { getDb } from "~/infra/db.server";
import { orHttpError } from "~/infra/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.solution.name} — Conformité — CICCLO Interop` : "Conformité — CICCLO Interop" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  return orHttpError(async () => getSolutionPage(await getDb(), params.slug ?? ""));
}

export default function ConformanceSolutionPage() {
  const { solution, versions, deployments, classes } = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb segments={[{ label: "Conformité", to: "/conformance" }]} current={solution.name} />
      <h1>{solution.name}</h1>
      {solution.repositoryUrl || solution.trackerUrl ? (
        <ul>
          {solution.repositoryUrl ? (
            <li>
              <a href={solution.repositoryUrl}>Code source de {solution.name}</a>
            </li>
          ) : null}
          {solution.trackerUrl ? (
            <li>
              <a href={solution.trackerUrl}>Gestionnaire de tickets de {solution.name}</a>
            </li>
          ) : null}
        </ul>
      ) : null}

      <h2>Versions</h2>
      {versions.length === 0 ? (
        <p>Aucune version n&apos;est enregistrée.</p>
      ) : (
        <ul>
          {versions.map((version) => (
            <li key={version.version}>
              {solution.name} {version.version} :{" "}
              {version.deployments === 0
                ? "aucun déploiement"
                : version.deployments > 1
                  ? `${version.deployments} déploiements`
                  : "1 déploiement"}
            </li>
          ))}
        </ul>
      )}

      <h2>Déploiements</h2>
      {deployments.length === 0 ? (
        <p>Aucun déploiement de cette solution n&apos;est enregistré.</p>
      ) : (
        <DsfrTable caption={`Déploiements de ${solution.name} et leur dernier passage de tests`}>
          <thead>
            <tr>
              <th scope="col">Déploiement</th>
              <th scope="col">Version</th>
              <th scope="col">Exploité par</th>
              <th scope="col">Dernier passage</th>
              <th scope="col">Tests réussis</th>
            </tr>
          </thead>
          <tbody>
            {deployments.map((deployment) => (
              <tr key={deployment.slug}>
                <th scope="row">
                  <Link to={deployment.url}>{deployment.name}</Link>
                </th>
                <td>{deployment.solution.version}</td>
                <td>{deployment.organisation || "—"}</td>
                <td>
                  {deployment.latestRun ? (
                    <Link to={deployment.latestRun.url}>
                      n° {deployment.latestRun.id} du {formatRunDate(deployment.latestRun.date)}
                    </Link>
                  ) : (
                    "aucun"
                  )}
                </td>
                <td>
                  {deployment.latestRun
                    ? `${deployment.latestRun.passed} sur ${deployment.latestRun.total} (${deployment.latestRun.failed} échecs)`
                    : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </DsfrTable>
      )}

      <h2>Classes de conformité</h2>
      {classes.length === 0 ? (
        <p>Aucun passage de tests n&apos;a encore porté sur une classe de conformité.</p>
      ) : (
        <DsfrTable caption={`Dernier verdict des déploiements de ${solution.name}, par classe`}>
          <thead>
            <tr>
              <th scope="col">Classe</th>
              <th scope="col">Conformes</th>
              <th scope="col">En échec</th>
              <th scope="col">Autres</th>
              <th scope="col">Verdict par déploiement</th>
            </tr>
          </thead>
          <tbody>
            {classes.map((cls) => (
              <tr key={cls.uri} data-class={cls.uri}>
                <th scope="row">{cls.url ? <Link to={cls.url}>{cls.title}</Link> : cls.title}</th>
                <td>{cls.passing}</td>
                <td>{cls.failing}</td>
                <td>{cls.other}</td>
                <td>
                  <ul className="fr-raw-list">
                    {cls.deployments.map((entry) => (
                      <li key={entry.deployment.slug}>
                        <Link to={entry.runUrl}>{entry.deployment.name}</Link> :{" "}
                        <VerdictBadge verdict={entry.verdict} failed={entry.failed} />
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </DsfrTable>
      )}
    </div>
  );
}
