import { Form } from "~/components/form";
import { Link } from "~/components/link";
import { useState, useSyncExternalStore } from "react";
import {
  CLOSE_REASON_LABELS,
  STATUS_BADGES,
  STATUS_LABELS,
  closeReasonLabel,
  severityLabel,
  solutionVersionValue,
  type CloseReason,
  type ReportStatus,
} from "~/domain/tracker/report";
import { CsrfInput } from "./forms";
import { RelativeTime } from "./relative-time";

export interface ReportSummaryData {
  status: ReportStatus;
  closeReason: string | null;
  severity: string;
  reporting: { slug: string; name: string; version: string | null; trackerUrl: string };
  affected: { slug: string; name: string; version: string | null; trackerUrl: string }[];
  class: { uri: string; title: string; standard: string } | null;
  endpointUrl: string;
  steps: string;
  expected: string;
  actual: string;
  duplicateOf: { id: number; slug: string; title: string } | null;
  fixedIn: { slug: string; name: string; version: string } | null;
  revision: number;
  statusChangedAt: string;
}

export interface ReportActionsData {
  canEdit: boolean;
  transitions: { to: ReportStatus; reasons: CloseReason[] }[];
  fixVersions: { slug: string; name: string; versions: string[] }[];
}

const SEVERITY_BADGES: Record<string, string> = {
  blocking: "fr-badge--error",
  major: "fr-badge--warning",
  minor: "fr-badge--info",
  trivial: "",
};

function SolutionName({ solution }: { solution: { name: string; trackerUrl: string } }) {
  return solution.trackerUrl ? (
    <a href={solution.trackerUrl} rel="noopener noreferrer" title={`Suivi des problèmes de ${solution.name}`}>
      {solution.name}
    </a>
  ) : (
    <>{solution.name}</>
  );
}

/** The outcome of a closed or fixed report, in words. */
export function reportOutcome(report: Pick<ReportSummaryData, "status" | "closeReason" | "fixedIn">): string | null {
  if (report.status === "fixed") {
    return report.fixedIn ? `Corrigé dans ${report.fixedIn.name} ${report.fixedIn.version}` : "Corrigé";
  }
  if (report.status === "closed") {
    return report.closeReason ? `Fermé : ${closeReasonLabel(report.closeReason)}` : "Fermé";
  }
  return null;
}

/** The typed report at the top of a tracked topic: status and severity badges, the solutions and versions (linked
 * to their own trackers), the class, the service, how to reproduce; then what the reader may do with it. Readable
 * without JavaScript; the status form works without it too. */
export function InteropReportSummary({
  report,
  actions,
  topicPath,
}: {
  report: ReportSummaryData;
  actions: ReportActionsData | null;
  topicPath: string;
}) {
  const outcome = reportOutcome(report);
  return (
    <section className="interop-report" id="rapport" aria-labelledby="report-heading">
      <h2 className="fr-h5 fr-mb-2w" id="report-heading">
        Rapport d&apos;interopérabilité
      </h2>
      <ul className="fr-badges-group fr-mb-1w">
        <li>
          <p className={`fr-badge ${STATUS_BADGES[report.status]}`} data-testid="report-status">
            <span className="fr-sr-only">Statut : </span>
            {STATUS_LABELS[report.status]}
          </p>
        </li>
        <li>
          <p className={`fr-badge ${SEVERITY_BADGES[report.severity] ?? ""}`}>
            Sévérité : {severityLabel(report.severity)}
          </p>
        </li>
      </ul>
      <p className="fr-text--sm fr-mb-2w">
        {outcome ? <strong>{outcome}</strong> : null}
        {report.status === "closed" && report.duplicateOf ? (
          <>
            {" — doublon de "}
            <Link to={`/t/${report.duplicateOf.slug}/${report.duplicateOf.id}`}>{report.duplicateOf.title}</Link>
          </>
        ) : null}
        {outcome ? " · " : null}
        Statut depuis <RelativeTime date={report.statusChangedAt} />
      </p>
      <dl className="interop-report__fields">
        <dt>Signalé depuis</dt>
        <dd>
          <SolutionName solution={report.reporting} /> {report.reporting.version}
        </dd>
        <dt>Solutions concernées</dt>
        <dd>
          <ul className="fr-raw-list">
            {report.affected.map((solution) => (
              <li key={solution.slug}>
                <SolutionName solution={solution} /> {solution.version}
              </li>
            ))}
          </ul>
        </dd>
        <dt>Standard ou classe</dt>
        <dd>
          {report.class ? (
            <>
              {report.class.title}
              <br />
              <code className="fr-text--xs">{report.class.uri}</code>
            </>
          ) : (
            "—"
          )}
        </dd>
        <dt>URL du service</dt>
        <dd>
          {/* Reports filed before the form asked for it (imported, backfilled) may have none. */}
          {report.endpointUrl ? (
            <a href={report.endpointUrl} rel="nofollow noopener noreferrer">
              {report.endpointUrl}
            </a>
          ) : (
            "—"
          )}
        </dd>
        <dt>Étapes pour reproduire</dt>
        <dd className="interop-report__text">{report.steps}</dd>
        <dt>Comportement attendu</dt>
        <dd className="interop-report__text">{report.expected}</dd>
        <dt>Comportement constaté</dt>
        <dd className="interop-report__text">{report.actual}</dd>
      </dl>
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-btns-group--icon-left">
        {actions?.canEdit ? (
          <li>
            <Link className="fr-btn fr-btn--secondary fr-icon-edit-line fr-btn--icon-left" to={`${topicPath}/rapport`}>
              Modifier le rapport
            </Link>
          </li>
        ) : null}
        <li>
          <Link className="fr-btn fr-btn--tertiary fr-icon-time-line fr-btn--icon-left" to={`${topicPath}/historique`}>
            Historique du rapport
          </Link>
        </li>
      </ul>
      {actions && actions.transitions.length ? (
        <ReportStatusForm report={report} actions={actions} topicPath={topicPath} />
      ) : null}
    </section>
  );
}

const subscribeNever = () => () => {};

const transitionLabel = (from: ReportStatus, to: ReportStatus) =>
  (from === "fixed" || from === "closed") && to !== "fixed" && to !== "closed"
    ? `Rouvrir (${STATUS_LABELS[to]})`
    : STATUS_LABELS[to];

/** Changing the status: only the moves this person may make are offered. Without JavaScript every field shows
 * (the server checks the combination); with it, the reason and the version appear with the status needing them. */
export function ReportStatusForm({
  report,
  actions,
  topicPath,
  fieldErrors = {},
}: {
  report: Pick<ReportSummaryData, "status" | "revision">;
  actions: ReportActionsData;
  topicPath: string;
  fieldErrors?: Record<string, string>;
}) {
  // False on the server and during hydration: without JavaScript every field stays.
  const hydrated = useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
  const [chosen, setChosen] = useState<string>(actions.transitions[0]?.to ?? "");
  const reasons = [...new Set(actions.transitions.flatMap((transition) => transition.reasons))];
  const offersFix = actions.transitions.some((transition) => transition.to === "fixed");
  const showReason = reasons.length > 0 && (!hydrated || chosen === "closed");
  const showFix = offersFix && (!hydrated || chosen === "fixed");
  const error = (name: string) =>
    fieldErrors[name] ? (
      <p className="fr-error-text" id={`report-${name}-error`}>
        {fieldErrors[name]}
      </p>
    ) : null;
  return (
    <Form method="post" action={`${topicPath}/statut`} className="fr-mt-2w" preventScrollReset>
      <CsrfInput />
      <input type="hidden" name="revision" value={report.revision} />
      <fieldset className="fr-fieldset" aria-labelledby="report-status-legend">
        <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id="report-status-legend">
          Changer le statut
        </legend>
        <div className="fr-fieldset__element fr-fieldset__element--inline">
          <div className={`fr-select-group${fieldErrors.status ? " fr-select-group--error" : ""}`}>
            <label className="fr-label" htmlFor="report-new-status">
              Nouveau statut
            </label>
            <select
              className="fr-select"
              id="report-new-status"
              name="status"
              defaultValue={chosen}
              onChange={(event) => setChosen(event.currentTarget.value)}
              aria-describedby={fieldErrors.status ? "report-status-error" : undefined}
            >
              {actions.transitions.map((transition) => (
                <option key={transition.to} value={transition.to}>
                  {transitionLabel(report.status, transition.to)}
                </option>
              ))}
            </select>
            {error("status")}
          </div>
        </div>
        {showReason ? (
          <div className="fr-fieldset__element fr-fieldset__element--inline">
            <div className={`fr-select-group${fieldErrors.reason ? " fr-select-group--error" : ""}`}>
              <label className="fr-label" htmlFor="report-close-reason">
                Raison de la fermeture
                {hydrated ? null : <span className="fr-hint-text">Pour le statut « Fermé ».</span>}
              </label>
              <select
                className="fr-select"
                id="report-close-reason"
                name="reason"
                defaultValue=""
                aria-describedby={fieldErrors.reason ? "report-reason-error" : undefined}
              >
                <option value="">Choisir une raison</option>
                {reasons.map((reason) => (
                  <option key={reason} value={reason}>
                    {CLOSE_REASON_LABELS[reason].replace(/^./, (first) => first.toUpperCase())}
                  </option>
                ))}
              </select>
              {error("reason")}
            </div>
          </div>
        ) : null}
        {showFix ? (
          <div className="fr-fieldset__element fr-fieldset__element--inline">
            <div className={`fr-select-group${fieldErrors.fixedIn ? " fr-select-group--error" : ""}`}>
              <label className="fr-label" htmlFor="report-fixed-in">
                Corrigé dans la version
                {hydrated ? null : <span className="fr-hint-text">Pour le statut « Corrigé ».</span>}
              </label>
              <select
                className="fr-select"
                id="report-fixed-in"
                name="fixedIn"
                defaultValue=""
                aria-describedby={fieldErrors.fixedIn ? "report-fixedIn-error" : undefined}
              >
                <option value="">Choisir une version</option>
                {actions.fixVersions.map((solution) => (
                  <optgroup key={solution.slug} label={solution.name}>
                    {solution.versions.map((version) => (
                      <option key={version} value={solutionVersionValue(solution.slug, version)}>
                        {solution.name} {version}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
              {error("fixedIn")}
            </div>
          </div>
        ) : null}
        <div className="fr-fieldset__element">
          <button className="fr-btn fr-btn--sm" type="submit">
            Changer le statut
          </button>
        </div>
      </fieldset>
    </Form>
  );
}
