import { DiffSegments, WRAPPING_TABLE } from "~/components/clause-view";
import { DsfrTable } from "~/components/dsfr-table";
import type { ClauseDiffView, ParameterView } from "~/domain/clauses/views";

// What changed between two versions of a clause: the diff page's body, also shown on /selection before a buyer
// moves a clause of their selection to a newer version.

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

/** The diff's sections; `level` is the heading level of their titles, to fit the page they sit in. */
export function ClauseDiffDetails({
  view,
  level = 2,
  showGuidance = true,
}: {
  view: ClauseDiffView;
  level?: 2 | 3 | 4;
  showGuidance?: boolean;
}) {
  const { diff, parameters } = view;
  const Heading = `h${level}` as const;
  const changedReferences = diff.references.filter((reference) => reference.change !== "unchanged");
  const changedClasses = diff.conformanceClasses.filter((entry) => entry.change !== "unchanged");
  return (
    <>
      <p className="fr-text--sm">
        Légende : les ajouts sont <ins>soulignés</ins> et annoncés « ajouté », les suppressions sont <del>barrées</del>{" "}
        et annoncées « supprimé ».
      </p>

      {diff.fields.length > 0 ? (
        <>
          <Heading>Informations de la clause</Heading>
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

      <Heading>Texte contractuel</Heading>
      <DiffSegments segments={diff.bindingText} />

      <Heading>Paramètres</Heading>
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

      <Heading>Références</Heading>
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

      <Heading>Classes de conformité</Heading>
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

      {showGuidance ? (
        <>
          <Heading>Guide de l&apos;acheteur</Heading>
          <DiffSegments segments={diff.guidance} />
        </>
      ) : null}
    </>
  );
}
