import { Form } from "~/components/form";
import { NEW_GROUP_CHOICE } from "~/domain/conformance/solutions";
import { CsrfInput } from "./forms";

export interface SolutionFormValues {
  name: string;
  slug: string;
  repositoryUrl: string;
  trackerUrl: string;
  maintainerGroup: string;
}

const FIELDS = [
  ["name", "Nom", "Affiché dans la matrice de conformité, par exemple « geOrchestra »."],
  ["slug", "Identifiant", "Minuscules, chiffres et tirets ; laissez vide pour le déduire du nom."],
  ["repositoryUrl", "Dépôt du code source", "Facultatif, par exemple https://github.com/georchestra/georchestra"],
  [
    "trackerUrl",
    "Gestionnaire de tickets",
    "Facultatif, par exemple https://github.com/georchestra/georchestra/issues",
  ],
] as const;

/** The solution's fields, for creation (empty) and edition (the current values). */
export function SolutionForm({
  idPrefix,
  values,
  groups,
  fieldErrors,
  submitLabel,
}: {
  idPrefix: string;
  values?: SolutionFormValues;
  groups: { name: string; label: string }[];
  fieldErrors: Record<string, string>;
  submitLabel: string;
}) {
  const groupError = fieldErrors.maintainerGroup;
  return (
    <Form method="post" className="fr-mb-6w">
      <CsrfInput />
      <input type="hidden" name="intent" value="save" />
      {FIELDS.map(([field, label, hint]) => (
        <div className={`fr-input-group${fieldErrors[field] ? " fr-input-group--error" : ""}`} key={field}>
          <label className="fr-label" htmlFor={`${idPrefix}-${field}`}>
            {label}
            <span className="fr-hint-text">{hint}</span>
          </label>
          <input
            className={`fr-input${fieldErrors[field] ? " fr-input--error" : ""}`}
            id={`${idPrefix}-${field}`}
            name={field}
            type={field.endsWith("Url") ? "url" : "text"}
            required={field === "name"}
            defaultValue={values?.[field] ?? ""}
            aria-describedby={fieldErrors[field] ? `${idPrefix}-${field}-error` : undefined}
          />
          {fieldErrors[field] ? (
            <p className="fr-error-text" id={`${idPrefix}-${field}-error`}>
              {fieldErrors[field]}
            </p>
          ) : null}
        </div>
      ))}
      <div className={`fr-select-group${groupError ? " fr-select-group--error" : ""}`}>
        <label className="fr-label" htmlFor={`${idPrefix}-maintainerGroup`}>
          Groupe des mainteneurs
          <span className="fr-hint-text">
            Ses membres trient les signalements qui concernent la solution et envoient ses résultats de conformité.
          </span>
        </label>
        <select
          className={`fr-select${groupError ? " fr-select--error" : ""}`}
          id={`${idPrefix}-maintainerGroup`}
          name="maintainerGroup"
          defaultValue={values?.maintainerGroup ?? ""}
          aria-describedby={groupError ? `${idPrefix}-maintainerGroup-error` : undefined}
        >
          <option value="">Aucun</option>
          <option value={NEW_GROUP_CHOICE}>Créer le groupe « mainteneurs-&lt;identifiant&gt; »</option>
          {groups.map((group) => (
            <option key={group.name} value={group.name}>
              {group.label} ({group.name})
            </option>
          ))}
        </select>
        {groupError ? (
          <p className="fr-error-text" id={`${idPrefix}-maintainerGroup-error`}>
            {groupError}
          </p>
        ) : null}
      </div>
      <button className="fr-btn" type="submit">
        {submitLabel}
      </button>
    </Form>
  );
}
