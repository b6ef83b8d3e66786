import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { StandardFilter } from "~/components/standard-filter";
import { Breadcrumb } from "~/components/breadcrumb";
import { formatRunDate, VerdictBadge } from "~/components/conformance-verdict";
import { DsfrTable } from "~/components/dsfr-table";
import { getMatrix } from "~/domain/conformance/matrix.server";
import { getReader } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";

export const meta: MetaFunction = () => [
  { title: "Conformité — CICCLO Interop" },
  {
    name: "description",
    content: "Matrice de conformité des déploiements des plateformes aux classes de conformité (OGC API, Validata).",
  },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const standard = new URL(request.url).searchParams.get("norme");
  return getMatrix(await getDb(), {
    standard,
    reader: await getReader(request, context),
    readCache: context.readCache,
  });
}

export default function ConformanceMatrix() {
  const { standard, standards, columns, rows } = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb current="Conformité" />
      <h1>Conformité</h1>
      <p>
        Pour chaque déploiement, le verdict du dernier passage de tests sur chaque classe de conformité. Une classe dont
        tous les tests ont été ignorés est « non testé », jamais « conforme ».
      </p>
      <StandardFilter standard={standard} standards={standards} />
      {columns.length === 0 ? (
        <p>Aucun résultat de conformité{standard ? ` pour la norme ${standard}` : ""} n&apos;a encore été envoyé.</p>
      ) : (
        <DsfrTable
          className="conformance-matrix"
          caption={`Matrice de conformité${standard ? ` — ${standard}` : ""} : déploiements et classes`}
        >
          <thead>
            <tr>
              <th scope="col">Déploiement</th>
              {columns.map((column) => (
                <th scope="col" key={column.uri} data-class={column.uri}>
                  {column.url ? (
                    <Link to={column.url} title={column.uri}>
                      {column.title}
                    </Link>
                  ) : (
                    <span title={column.uri}>{column.title}</span>
                  )}
                  <br />
                  <span className="fr-text--xs">
                    {column.standard}
                    {column.part ? ` — partie ${column.part}` : ""}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.slug}>
                <th scope="row">
                  <Link to={row.url}>{row.name}</Link>
                  <br />
                  <span className="fr-text--xs">
                    <Link to={row.solutionUrl}>{row.solution}</Link> {row.version}
                    {row.organisation ? ` — ${row.organisation}` : ""}
                  </span>
                </th>
                {/* Plain anchors in the cells: a Remix Link resolves its path on every render, and the matrix
                    has two links in each of its thousands of cells (a third of the page's server time). For the
                    same reason the class URI is on the column header only, not on each cell. */}
                {row.cells.map((cell, index) => (
                  <td key={columns[index]!.uri}>
                    <VerdictBadge verdict={cell.verdict} failed={cell.failed} />
                    {cell.runId !== null && cell.triaged > 0 ? (
                      <span className="fr-text--xs">
                        {" · "}
                        <a href={`/conformance/runs/${cell.runId}#tests-en-echec`} data-triaged={cell.triaged}>
                          {cell.triaged} {cell.triaged > 1 ? "suivis" : "suivi"}
                        </a>
                      </span>
                    ) : null}
                    {cell.runId !== null && cell.date ? (
                      <a href={`/conformance/runs/${cell.runId}`} className="fr-text--xs">
                        passage du {formatRunDate(cell.date)}
                      </a>
                    ) : null}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </DsfrTable>
      )}
      <p>
        <Link to="/conformance/classes">Catalogue des classes de conformité</Link>
      </p>
      <p className="fr-text--sm">
        Les mainteneurs envoient leurs rapports (TEAM Engine TestNG ou EARL, JUnit, Validata) par l&apos;API{" "}
        <code>POST /api/conformance/runs</code> avec une clé d&apos;API de portée <code>conformance:write</code>, ou
        depuis la page <Link to="/conformance/envoyer">Envoyer un rapport</Link>.
      </p>
    </div>
  );
}
