import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { Breadcrumb } from "~/components/breadcrumb";
import { formatRunDate, VerdictBadge } from "~/components/conformance-verdict";
import { DsfrTable } from "~/components/dsfr-table";
import { getClassPage } from "~/domain/conformance/class-pages.server";
import { STATUS_BADGES } from "~/domain/tracker/report";
import { getReader } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { orHttpError, requireIdParam } from "~/infra/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.class.title} — Conformité — CICCLO Interop` : "Conformité — CICCLO Interop" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = requireIdParam(params.id);
  const reader = await getReader(request, context);
  return orHttpError(async () => getClassPage(await getDb(), reader, id));
}

export default function ConformanceClassPage() {
  const { class: cls, results, clauses, issues, tests } = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb
        segments={[
          { label: "Conformité", to: "/conformance" },
          { label: "Classes de conformité", to: "/conformance/classes" },
        ]}
        current={cls.title}
      />
      <h1>{cls.title}</h1>
      <ul>
        <li>
          Norme : {cls.standard}
          {cls.part ? `, partie ${cls.part}` : ""}
        </li>
        <li>
          URI : <code>{cls.uri}</code>
        </li>
        {cls.aliases.length > 0 ? (
          <li>
            Également déclarée sous :
            <ul>
              {cls.aliases.map((alias) => (
                <li key={alias}>
                  <code>{alias}</code>
                </li>
              ))}
            </ul>
          </li>
        ) : null}
      </ul>
      {cls.verified ? null : (
        <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
          <p>L&apos;URI de cette classe suit le schéma de nommage de l&apos;OGC mais reste à vérifier dans la norme.</p>
        </div>
      )}

      <h2 id="verdicts">Dernier verdict par déploiement</h2>
      {results.length === 0 ? (
        <p>Aucun passage de tests n&apos;a encore porté sur cette classe.</p>
      ) : (
        <DsfrTable caption={`Dernier verdict de chaque déploiement sur la classe « ${cls.title} »`} hideCaption>
          <thead>
            <tr>
              <th scope="col">Déploiement</th>
              <th scope="col">Solution</th>
              <th scope="col">Verdict</th>
              <th scope="col">Tests réussis</th>
              <th scope="col">Passage</th>
            </tr>
          </thead>
          <tbody>
            {results.map((result) => (
              <tr key={result.deployment.slug}>
                <th scope="row">
                  <Link to={result.deployment.url}>{result.deployment.name}</Link>
                </th>
                <td>
                  <Link to={result.deployment.solution.url}>{result.deployment.solution.name}</Link>{" "}
                  {result.deployment.solution.version}
                </td>
                <td>
                  <VerdictBadge verdict={result.verdict} failed={result.failed} />
                </td>
                <td>
                  {result.passed} sur {result.total}
                </td>
                <td>
                  <Link to={result.runUrl}>
                    n° {result.runId} du {formatRunDate(result.date)}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </DsfrTable>
      )}

      <h2 id="tests">Tests de la classe</h2>
      {tests.length === 0 ? (
        <p>Aucun test de cette classe n&apos;a encore été envoyé.</p>
      ) : (
        <ul>
          {tests.map((test) => (
            <li key={test.caseKey}>
              <Link to={test.url}>{test.name}</Link> <code className="fr-text--xs">{test.caseKey}</code>
            </li>
          ))}
        </ul>
      )}

      <h2 id="clauses">Clauses qui exigent cette classe</h2>
      {clauses.length === 0 ? (
        <p>Aucune clause en vigueur du clausier n&apos;exige cette classe.</p>
      ) : (
        <ul>
          {clauses.map((clause) => (
            <li key={clause.id}>
              <Link to={clause.url}>{clause.title}</Link> (version {clause.version})
            </li>
          ))}
        </ul>
      )}

      <h2 id="problemes">Problèmes ouverts</h2>
      {issues.length === 0 ? (
        <p>Aucun problème d&apos;interopérabilité ouvert ne porte sur cette classe.</p>
      ) : (
        <ul>
          {issues.map((issue) => (
            <li key={issue.topicId}>
              <Link to={issue.url}>{issue.title}</Link>{" "}
              <span className={`fr-badge fr-badge--sm fr-badge--no-icon ${STATUS_BADGES[issue.status] ?? ""}`}>
                {issue.statusLabel}
              </span>{" "}
              <span className="fr-text--sm">signalé par {issue.solution}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
