import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { formatRunDate, TestStatusBadge, VerdictBadge } from "~/components/conformance-verdict";
import { DsfrTable } from "~/components/dsfr-table";
import { getRun } from "~/domain/conformance/runs.server";
import { testPageUrl } from "~/domain/conformance/test-page-url";
import { getDb } from "~/infra/db.server";
import { orHttpError, requireIdParam } from "~/infra/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Passage n° ${data.id} — ${data.deployment.name} — CICCLO Interop` : "Conformité — CICCLO Interop" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const id = requireIdParam(params.id);
  return orHttpError(async () => getRun(await getDb(), id));
}

interface CapturedHttp {
  request?: { method: string | null; uri: string | null; body: string | null } | null;
  response?: { status: number | null; body: string | null } | null;
}

export default function ConformanceRunPage() {
  const run = useLoaderData<typeof loader>();
  const title = `Passage n° ${run.id} — ${run.deployment.name}`;
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb
        segments={[
          { label: "Conformité", to: "/conformance" },
          { label: run.deployment.name, to: `/conformance/deployments/${run.deployment.slug}` },
        ]}
        current={`Passage n° ${run.id}`}
      />
      <h1>{title}</h1>
      <ul>
        <li>
          Suite : {run.suite.name}
          {run.suite.version ? ` ${run.suite.version}` : ""} (format {run.format})
        </li>
        <li>
          Solution : {run.deployment.solution} {run.deployment.version}
        </li>
        {run.subject ? <li>Cible testée : {run.subject}</li> : null}
        <li>
          Envoyé le {formatRunDate(run.createdAt)}
          {run.uploadedBy ? ` par @${run.uploadedBy}` : ""}
        </li>
        <li>
          {run.counts.total} tests : {run.counts.passed} réussis, {run.counts.failed} échecs, {run.counts.error}{" "}
          erreurs, {run.counts.skipped} ignorés
        </li>
      </ul>
      {run.warnings.length > 0 ? (
        <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w">
          <p>{run.warnings.join(" ")}</p>
        </div>
      ) : null}
      <DsfrTable caption="Verdict par classe de conformité (échecs en premier)">
        <thead>
          <tr>
            <th scope="col">Classe</th>
            <th scope="col">Verdict</th>
            <th scope="col">Réussis</th>
            <th scope="col">Échecs</th>
            <th scope="col">Erreurs</th>
            <th scope="col">Ignorés</th>
          </tr>
        </thead>
        <tbody>
          {run.classes.map((summary, index) => (
            <tr key={summary.classUri ?? `group-${summary.group ?? index}`}>
              <th scope="row">
                <a href={`#classe-${index}`}>{summary.title}</a>
              </th>
              <td>
                <VerdictBadge verdict={summary.verdict} failed={summary.counts.failed} />
              </td>
              <td>{summary.counts.passed}</td>
              <td>{summary.counts.failed}</td>
              <td>{summary.counts.error}</td>
              <td>{summary.counts.skipped}</td>
            </tr>
          ))}
        </tbody>
      </DsfrTable>
      {run.classes.map((summary, index) => (
        <section key={summary.classUri ?? `group-${summary.group ?? index}`} className="fr-mt-4w">
          <h2 id={`classe-${index}`}>{summary.title}</h2>
          {summary.classUri ? <p className="fr-text--sm">{summary.classUri}</p> : null}
          <ul className="fr-raw-list">
            {summary.tests.map((test) => {
              const http = test.http as unknown as CapturedHttp | null;
              return (
                <li key={test.id} className="fr-mb-2w">
                  <TestStatusBadge status={test.status} />{" "}
                  <Link to={testPageUrl(test.caseKey)}>
                    <strong>{test.name}</strong>
                  </Link>
                  {test.parameters.length > 0 ? <span> ({test.parameters.join(", ")})</span> : null}
                  {test.message ? <p className="fr-mb-1w">{test.message}</p> : null}
                  {http?.request || http?.response ? (
                    <details>
                      <summary>Requête et réponse</summary>
                      {http.request ? (
                        <pre>
                          {`${http.request.method ?? ""} ${http.request.uri ?? ""}`.trim()}
                          {http.request.body ? `\n\n${http.request.body}` : ""}
                        </pre>
                      ) : null}
                      {http.response ? (
                        <pre>
                          {http.response.status !== null ? `HTTP ${http.response.status}` : "Réponse"}
                          {http.response.body ? `\n\n${http.response.body}` : ""}
                        </pre>
                      ) : null}
                    </details>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      <p>
        <Link to={`/conformance/deployments/${run.deployment.slug}`}>Historique des passages de ce déploiement</Link>
      </p>
    </div>
  );
}
