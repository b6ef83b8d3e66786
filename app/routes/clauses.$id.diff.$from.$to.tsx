import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { DiffSegments, WRAPPING_TABLE } from "~/components/clause-view";
import { DsfrTable } from "~/components/dsfr-table";
import { loadClauseDiffView } from "~/domain/clauses/library.server";
import type { ParameterView } from "~/domain/clauses/views";
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

const CHANGE_LABELS = { added: "Ajouté", removed: "Supprimé", changed: "Modifié", unchanged: "Inchangé" } as const;
const FIELD_LABELS = {
  title: "Titre",
  theme: "Thème",
  status: "Statut",
  obligation: "Obligation",
  inForceFrom: "Entrée en vigueur",
  supersededBy: "Remplacée par",
} as const;

const describeParameter = (parameter: ParameterView | null) =>
  parameter
    ? [
        parameter.label,
        parameter.typeLabel,
        parameter.bounds,
        parameter.defaultLabel ? `défaut : ${parameter.defaultLabel}` : null,
      ]
        .filter(Boolean)
        .join(" · ")
    : "—";

export default function ClauseDiff() {
  const { clause, diff, parameters } = useLoaderData<typeof loader>();
  const title = `Versions ${diff.from.version} et ${diff.to.version}`;
  const changedReferences = diff.references.filter((reference) => reference.change !== "unchanged");
  const changedClasses = diff.conformanceClasses.filter((entry) => entry.change !== "unchanged");
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
      <p className="fr-text--sm">
        Légende : les ajouts sont <ins>soulignés</ins> et annoncés « ajouté », les suppressions sont <del>barrées</del>{" "}
        et annoncées « supprimé ».
      </p>

      {diff.fields.length > 0 ? (
        <>
          <h2>Informations de la clause</h2>
          <DsfrTable caption="Informations modifiées" hideCaption className={WRAPPING_TABLE}>
            <thead>
              <tr>
                <th scope="col">Champ</th>
                <th scope="col">Version {diff.from.version}</th>
                <th scope="col">Version {diff.to.version}</th>
              </tr>
            </thead>
            <tbody>
              {diff.fields.map((field) => (
                <tr key={field.field}>
                  <th scope="row">{FIELD_LABELS[field.field]}</th>
                  <td>{field.before ?? "—"}</td>
                  <td>{field.after ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </DsfrTable>
        </>
      ) : null}

      <h2>Texte contractuel</h2>
      <DiffSegments segments={diff.bindingText} />

      <h2>Paramètres</h2>
      {parameters.length > 0 ? (
        <DsfrTable caption="Paramètres comparés" hideCaption className={WRAPPING_TABLE}>
          <thead>
            <tr>
              <th scope="col">Paramètre</th>
              <th scope="col">Changement</th>
              <th scope="col">Version {diff.from.version}</th>
              <th scope="col">Version {diff.to.version}</th>
            </tr>
          </thead>
          <tbody>
            {parameters.map((parameter) => (
              <tr key={parameter.name}>
                <th scope="row">
                  <code>{parameter.name}</code>
                </th>
                <td>
                  {CHANGE_LABELS[parameter.change]}
                  {parameter.changedFields.length > 0 ? ` (${parameter.changedFields.join(", ")})` : null}
                </td>
                <td>{parameter.change === "added" ? "—" : describeParameter(parameter.before)}</td>
                <td>{parameter.change === "removed" ? "—" : describeParameter(parameter.after)}</td>
              </tr>
            ))}
          </tbody>
        </DsfrTable>
      ) : (
        <p>Aucun paramètre dans l&apos;une ou l&apos;autre version.</p>
      )}

      <h2>Références</h2>
      {changedReferences.length > 0 ? (
        <ul>
          {changedReferences.map((reference) => (
            <li key={`${reference.standard}-${reference.change}`}>
              {reference.change === "added" ? (
                <ins>
                  <span className="fr-sr-only">[ajouté : </span>
                  {reference.afterLabel}
                  <span className="fr-sr-only">]</span>
                </ins>
              ) : reference.change === "removed" ? (
                <del>
                  <span className="fr-sr-only">[supprimé : </span>
                  {reference.beforeLabel}
                  <span className="fr-sr-only">]</span>
                </del>
              ) : (
                <>
                  {CHANGE_LABELS.changed} : {reference.beforeLabel} → {reference.afterLabel}
                </>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>Références inchangées.</p>
      )}

      <h2>Classes de conformité</h2>
      {changedClasses.length > 0 ? (
        <ul>
          {changedClasses.map((entry) => (
            <li key={entry.uri}>
              {CHANGE_LABELS[entry.change]} : <code className="fr-text--xs">{entry.uri}</code>
            </li>
          ))}
        </ul>
      ) : (
        <p>Classes de conformité inchangées.</p>
      )}

      <h2>Guide de l&apos;acheteur</h2>
      <DiffSegments segments={diff.guidance} />
    </div>
  );
}
