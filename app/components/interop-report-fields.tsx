import {
  REPORT_FIELD_LABELS,
  SEVERITIES,
  SEVERITY_HINTS,
  SEVERITY_LABELS,
  affectedErrorKey,
  affectedVersionField,
  solutionVersionValue,
  type ReportDraft,
} from "~/domain/tracker/report";

export interface ReportFormOptions {
  solutions: { slug: string; name: string; versions: string[] }[];
  standards: { standard: string; classes: { uri: string; title: string }[] }[];
}

function ErrorText({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p className="fr-error-text" id={id}>
      {message}
    </p>
  ) : null;
}

/** The typed interop report's fields, inside a form that posts them (new topic, report edit). Plain controls: it
 * works without JavaScript, keeps what was typed after a refusal and shows each French message next to its field. */
export function InteropReportFields({
  options,
  draft,
  fieldErrors = {},
}: {
  options: ReportFormOptions;
  draft: ReportDraft;
  fieldErrors?: Record<string, string>;
}) {
  const reportingError = fieldErrors.reportingSolution ?? fieldErrors.reportingVersion;
  const affectedErrors = new Map<string, string>();
  draft.affected.forEach((row, index) => {
    const message = fieldErrors[affectedErrorKey(index, "solution")] ?? fieldErrors[affectedErrorKey(index, "version")];
    if (message) affectedErrors.set(row.solution, message);
  });
  const knownAffected = new Set(options.solutions.map((solution) => solution.slug));
  const unknownAffected = draft.affected.filter((row) => !knownAffected.has(row.solution));
  const textarea = (name: "steps" | "expected" | "actual", hint: string) => (
    <div className={`fr-input-group${fieldErrors[name] ? " fr-input-group--error" : ""}`}>
      <label className="fr-label" htmlFor={`report-${name}`}>
        {REPORT_FIELD_LABELS[name]}
        <span className="fr-hint-text">{hint}</span>
      </label>
      <textarea
        className={`fr-input${fieldErrors[name] ? " fr-input--error" : ""}`}
        id={`report-${name}`}
        name={name}
        rows={name === "steps" ? 5 : 3}
        required
        defaultValue={draft[name]}
        aria-describedby={fieldErrors[name] ? `report-${name}-error` : undefined}
      />
      <ErrorText id={`report-${name}-error`} message={fieldErrors[name]} />
    </div>
  );

  return (
    <fieldset className="fr-fieldset interop-report-form" aria-labelledby="report-legend">
      <legend className="fr-fieldset__legend" id="report-legend">
        Rapport d&apos;interopérabilité
        <span className="fr-hint-text">
          Tous les champs sont obligatoires : ils permettent aux mainteneurs de reproduire le problème.
        </span>
      </legend>

      <div className="fr-fieldset__element">
        <div className={`fr-select-group${reportingError ? " fr-select-group--error" : ""}`}>
          <label className="fr-label" htmlFor="report-reporting">
            {REPORT_FIELD_LABELS.reportingSolution} et sa version
            <span className="fr-hint-text">La solution depuis laquelle vous constatez le problème (le client).</span>
          </label>
          <select
            className={`fr-select${reportingError ? " fr-select--error" : ""}`}
            id="report-reporting"
            name="reporting"
            required
            defaultValue={solutionVersionValue(draft.reportingSolution, draft.reportingVersion)}
            aria-describedby={reportingError ? "report-reporting-error" : undefined}
          >
            <option value="">Choisir une solution et sa version</option>
            {options.solutions.map((solution) => (
              <optgroup key={solution.slug} label={solution.name}>
                {solution.versions.map((version) => (
                  <option key={version} value={solutionVersionValue(solution.slug, version)}>
                    {solution.name} {version}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <ErrorText id="report-reporting-error" message={reportingError} />
        </div>
      </div>

      <div className="fr-fieldset__element">
        <fieldset
          className={`fr-fieldset${fieldErrors.affected || affectedErrors.size ? " fr-fieldset--error" : ""}`}
          aria-labelledby="report-affected-legend"
          aria-describedby={fieldErrors.affected ? "report-affected-error" : undefined}
        >
          <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id="report-affected-legend">
            {REPORT_FIELD_LABELS.affected}
            <span className="fr-hint-text">
              Cochez chaque solution en cause (le serveur, le connecteur…) et choisissez sa version. Plusieurs solutions
              possibles.
            </span>
          </legend>
          {options.solutions.map((solution) => {
            const chosen = draft.affected.find((row) => row.solution === solution.slug);
            const error = affectedErrors.get(solution.slug);
            const boxId = `report-affected-${solution.slug}`;
            const versionId = `report-affected-version-${solution.slug}`;
            return (
              <div className="fr-fieldset__element interop-report-form__affected" key={solution.slug}>
                <div className="fr-checkbox-group">
                  <input type="checkbox" id={boxId} name="affected" value={solution.slug} defaultChecked={!!chosen} />
                  <label className="fr-label" htmlFor={boxId}>
                    {solution.name}
                  </label>
                </div>
                <div className={`fr-select-group${error ? " fr-select-group--error" : ""}`}>
                  <label className="fr-label" htmlFor={versionId}>
                    Version de {solution.name}
                  </label>
                  <select
                    className={`fr-select${error ? " fr-select--error" : ""}`}
                    id={versionId}
                    name={affectedVersionField(solution.slug)}
                    defaultValue={chosen?.version ?? (solution.versions.length === 1 ? solution.versions[0] : "")}
                    aria-describedby={error ? `${versionId}-error` : undefined}
                    // Choosing a version says the solution is concerned: tick its box.
                    onChange={(event) => {
                      const box = document.getElementById(boxId);
                      if (box instanceof HTMLInputElement && event.currentTarget.value) box.checked = true;
                    }}
                  >
                    <option value="">Choisir une version</option>
                    {solution.versions.map((version) => (
                      <option key={version} value={version}>
                        {version}
                      </option>
                    ))}
                  </select>
                  <ErrorText id={`${versionId}-error`} message={error} />
                </div>
              </div>
            );
          })}
          {unknownAffected.map((row) => (
            <p className="fr-error-text fr-fieldset__element" key={row.solution}>
              {affectedErrors.get(row.solution) ?? `Solution inconnue : « ${row.solution} ».`}
            </p>
          ))}
          {fieldErrors.affected ? (
            <div className="fr-messages-group fr-fieldset__element" id="report-affected-error">
              <p className="fr-message fr-message--error">{fieldErrors.affected}</p>
            </div>
          ) : null}
        </fieldset>
      </div>

      <div className="fr-fieldset__element">
        <div className={`fr-select-group${fieldErrors.classUri ? " fr-select-group--error" : ""}`}>
          <label className="fr-label" htmlFor="report-class">
            {REPORT_FIELD_LABELS.classUri}
            <span className="fr-hint-text">La partie de la norme ou la classe de conformité en jeu.</span>
          </label>
          <select
            className={`fr-select${fieldErrors.classUri ? " fr-select--error" : ""}`}
            id="report-class"
            name="classUri"
            required
            defaultValue={draft.classUri}
            aria-describedby={fieldErrors.classUri ? "report-class-error" : undefined}
          >
            <option value="">Choisir un standard ou une classe</option>
            {options.standards.map((group) => (
              <optgroup key={group.standard} label={group.standard}>
                {group.classes.map((cls) => (
                  <option key={cls.uri} value={cls.uri}>
                    {cls.title}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <ErrorText id="report-class-error" message={fieldErrors.classUri} />
        </div>
      </div>

      <div className="fr-fieldset__element">
        <div className={`fr-input-group${fieldErrors.endpointUrl ? " fr-input-group--error" : ""}`}>
          <label className="fr-label" htmlFor="report-endpoint">
            {REPORT_FIELD_LABELS.endpointUrl}
            <span className="fr-hint-text">
              L&apos;adresse appelée quand le problème survient, par exemple https://exemple.fr/ogcapi/collections
            </span>
          </label>
          <input
            className={`fr-input${fieldErrors.endpointUrl ? " fr-input--error" : ""}`}
            id="report-endpoint"
            name="endpointUrl"
            type="url"
            inputMode="url"
            required
            maxLength={2000}
            defaultValue={draft.endpointUrl}
            aria-describedby={fieldErrors.endpointUrl ? "report-endpoint-error" : undefined}
          />
          <ErrorText id="report-endpoint-error" message={fieldErrors.endpointUrl} />
        </div>
      </div>

      <div className="fr-fieldset__element">
        {textarea("steps", "Les requêtes ou manipulations, dans l'ordre, qui font apparaître le problème.")}
      </div>
      <div className="fr-fieldset__element">{textarea("expected", "Ce que la norme ou la documentation prévoit.")}</div>
      <div className="fr-fieldset__element">{textarea("actual", "Ce qui se passe vraiment (réponse, message).")}</div>

      <div className="fr-fieldset__element">
        <fieldset
          className={`fr-fieldset${fieldErrors.severity ? " fr-fieldset--error" : ""}`}
          aria-labelledby="report-severity-legend"
          aria-describedby={fieldErrors.severity ? "report-severity-error" : undefined}
        >
          <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id="report-severity-legend">
            {REPORT_FIELD_LABELS.severity}
          </legend>
          {SEVERITIES.map((severity) => (
            <div className="fr-fieldset__element" key={severity}>
              <div className="fr-radio-group">
                <input
                  type="radio"
                  id={`report-severity-${severity}`}
                  name="severity"
                  value={severity}
                  defaultChecked={draft.severity === severity}
                />
                <label className="fr-label" htmlFor={`report-severity-${severity}`}>
                  {SEVERITY_LABELS[severity]}
                  <span className="fr-hint-text">{SEVERITY_HINTS[severity]}</span>
                </label>
              </div>
            </div>
          ))}
          {fieldErrors.severity ? (
            <div className="fr-messages-group fr-fieldset__element" id="report-severity-error">
              <p className="fr-message fr-message--error">{fieldErrors.severity}</p>
            </div>
          ) : null}
        </fieldset>
      </div>
    </fieldset>
  );
}
