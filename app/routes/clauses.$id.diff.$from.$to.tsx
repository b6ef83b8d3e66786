import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { Breadcrumb } from "~/components/breadcrumb";
import { ClauseDiffDetails } from "~/components/clause-diff";
import { loadClauseDiffView } from "~/domain/clauses/library.server";
import { getDb } from "~/infra/db.server";
import { orHttpError } from "~/infra/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.clause.title} : versions ${data.diff.from.version} et ${data.diff.to.version} — CICCLO Interop`
      : "Comparaison introuvable — CICCLO Interop",
  },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const db = await getDb();
  return orHttpError(() => loadClauseDiffView(db, params.id ?? "", params.from ?? "", params.to ?? ""));
}

export default function ClauseDiff() {
  const view = useLoaderData<typeof loader>();
  const { clause, diff } = view;
  const title = `Versions ${diff.from.version} et ${diff.to.version}`;
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb
        segments={[
          { label: "Clausier CCTP", to: "/clauses" },
          { label: clause.title, to: clause.url },
        ]}
        current={title}
      />
      <h1>
        {clause.title} : ce qui change de la version {diff.from.version} à la version {diff.to.version}
      </h1>
      <p>
        <Link to={`${clause.url}/v/${diff.from.version}`}>Version {diff.from.version}</Link>
        {" · "}
        <Link to={`${clause.url}/v/${diff.to.version}`}>Version {diff.to.version}</Link>
        {" · "}
        <a href={`${clause.url}/diff/${diff.from.version}/${diff.to.version}.json`}>Cette comparaison en JSON</a>
      </p>
      <p>
        <strong>Modifications annoncées :</strong> {diff.to.changelog}
      </p>
      <p className={`fr-alert fr-alert--sm fr-alert--${diff.bindingChanged ? "warning" : "info"} fr-mb-3w`}>
        {diff.bindingChanged
          ? "Le texte contractuel ou ses paramètres ont changé : relisez la clause avant de mettre à jour un CCTP."
          : "Le texte contractuel et ses paramètres n'ont pas changé."}
      </p>
      <ClauseDiffDetails view={view} />
    </div>
  );
}
