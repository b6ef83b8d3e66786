import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { StandardFilter } from "~/components/standard-filter";
import { Breadcrumb } from "~/components/breadcrumb";
import { DsfrTable } from "~/components/dsfr-table";
import { listClassCatalogue } from "~/domain/conformance/class-pages.server";
import { getDb } from "~/infra/db.server";

export const meta: MetaFunction = () => [
  { title: "Classes de conformité — Conformité — CICCLO Interop" },
  {
    name: "description",
    content:
      "Le catalogue des classes de conformité (OGC API, CQL2, ProConnect, schémas de données) et leurs résultats.",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const standard = new URL(request.url).searchParams.get("norme");
  return listClassCatalogue(await getDb(), { standard });
}

export default function ClassCataloguePage() {
  const { standard, standards, classes } = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb segments={[{ label: "Conformité", to: "/conformance" }]} current="Classes de conformité" />
      <h1>Classes de conformité</h1>
      <p>
        Les classes que vérifient les suites de tests et qu&apos;exigent les clauses du clausier. Les comptes portent
        sur le dernier verdict de chaque déploiement.
      </p>
      <StandardFilter standard={standard} standards={standards} />
      <DsfrTable caption={`Catalogue des classes de conformité${standard ? ` — ${standard}` : ""} (${classes.length})`}>
        <thead>
          <tr>
            <th scope="col">Classe</th>
            <th scope="col">Norme et partie</th>
            <th scope="col">URI et alias</th>
            <th scope="col">Déploiements conformes</th>
            <th scope="col">Déploiements en échec</th>
          </tr>
        </thead>
        <tbody>
          {classes.map((cls) => (
            <tr key={cls.uri} data-class={cls.uri}>
              <th scope="row">
                <Link to={cls.url}>{cls.title}</Link>
              </th>
              <td>
                {cls.standard}
                {cls.part ? ` — partie ${cls.part}` : ""}
              </td>
              <td className="fr-text--xs">
                <code>{cls.uri}</code>
                {cls.aliases.length > 0 ? (
                  <details>
                    <summary>
                      {cls.aliases.length > 1 ? `${cls.aliases.length} alias` : "1 alias"}
                      <span className="fr-sr-only"> de la classe « {cls.title} »</span>
                    </summary>
                    <ul>
                      {cls.aliases.map((alias) => (
                        <li key={alias}>
                          <code>{alias}</code>
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : null}
              </td>
              <td data-count="passing">{cls.passing}</td>
              <td data-count="failing">{cls.failing}</td>
            </tr>
          ))}
        </tbody>
      </DsfrTable>
      <p>
        <Link to="/conformance">Retour à la matrice de conformité</Link>
      </p>
    </div>
  );
}
