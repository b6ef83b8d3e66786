import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { Breadcrumb } from "~/components/breadcrumb";
import { formatRunDate, TestStatusBadge } from "~/components/conformance-verdict";
import { DsfrTable } from "~/components/dsfr-table";
import { getTestHistory, parseHistoryCursor } from "~/domain/conformance/test-history.server";
import { getDb } from "~/infra/db.server";
import { orHttpError } from "~/infra/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Test ${data.test.name} — Conformité — CICCLO Interop` : "Conformité — CICCLO Interop" },
];

// The test is named by ?cas=<caseKey> (see test-history.server.ts for why not a path segment); ?avant= pages.
export async function loader({ request }: LoaderFunctionArgs) {
  const search = new URL(request.url).searchParams;
  return orHttpError(async () =>
    getTestHistory(await getDb(), search.get("cas"), { before: parseHistoryCursor(search.get("avant")) }),
  );
}

export default function ConformanceTestPage() {
  const { test, latest, results, newerPage, olderPage } = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb
        segments={[
          { label: "Conformité", to: "/conformance" },
          ...(test.class ? [{ label: test.class.title, to: test.class.url }] : []),
        ]}
        current={`Test ${test.name}`}
      />
      <h1>Test {test.name}</h1>
      <ul>
        <li>
          Identifiant : <code>{test.caseKey}</code>
        </li>
        <li>
          Classe :{" "}
          {test.class ? (
            <Link to={test.class.url}>{test.class.title}</Link>
          ) : test.classUri ? (
            <code>{test.classUri}</code>
          ) : (
            `aucune (groupe ${test.group ?? "inconnu"})`
          )}
        </li>
      </ul>
      {test.description ? <p>{test.description}</p> : null}

      <h2>Dernier résultat par déploiement</h2>
      <DsfrTable caption={`Dernier résultat du test ${test.name} sur chaque déploiement`}>
        <thead>
          <tr>
            <th scope="col">Déploiement</th>
            <th scope="col">Statut</th>
            <th scope="col">Passage</th>
          </tr>
        </thead>
        <tbody>
          {latest.map((row) => (
            <tr key={row.deployment.slug}>
              <th scope="row">
                <Link to={row.deployment.url}>{row.deployment.name}</Link>
              </th>
              <td>
                <TestStatusBadge status={row.status} />
              </td>
              <td>
                <Link to={row.run.url}>
                  n° {row.run.id} du {formatRunDate(row.run.date)}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </DsfrTable>

      <h2>Historique</h2>
      <DsfrTable caption={`Résultats du test ${test.name}, du plus récent au plus ancien`}>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Déploiement</th>
            <th scope="col">Passage</th>
            <th scope="col">Statut</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {results.map((result) => (
            <tr key={result.id}>
              <th scope="row">{formatRunDate(result.run.date)}</th>
              <td>
                <Link to={result.deployment.url}>{result.deployment.name}</Link>
                {result.parameters.length > 0 ? (
                  <span className="fr-text--xs"> ({result.parameters.join(", ")})</span>
                ) : null}
              </td>
              <td>
                <Link to={result.run.url}>n° {result.run.id}</Link>
              </td>
              <td>
                <TestStatusBadge status={result.status} />
              </td>
              <td className="fr-text--sm">{result.message ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </DsfrTable>
      {newerPage || olderPage ? (
        <nav aria-label="Pages de l'historique" className="fr-mt-2w">
          <ul className="fr-btns-group fr-btns-group--inline-sm">
            {newerPage ? (
              <li>
                <Link className="fr-btn fr-btn--secondary" to={newerPage}>
                  Résultats les plus récents
                </Link>
              </li>
            ) : null}
            {olderPage ? (
              <li>
                <Link className="fr-btn fr-btn--secondary" to={olderPage}>
                  Résultats plus anciens
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}
