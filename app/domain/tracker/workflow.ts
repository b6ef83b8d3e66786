// Who may move a report from one status to another. Framework-free, so the rules are unit-tested for every role and
// transition (workflow.test.ts) and the topic page offers exactly the moves the server accepts.
//
// The rules (docs/decisions/015-interop-reports.md):
// - Open statuses are new, confirmed, in_progress; fixed and closed end a report.
// - Maintainers of an involved solution (reporting or affected) and moderators triage: from an open status to any
//   other open status except back to new, to fixed (naming the version of an affected solution that ships the fix)
//   or to closed with a reason; a fixed or closed report is reopened to confirmed.
// - The reporter may close their own report as "impossible à reproduire" or "pas un problème d'interopérabilité"
//   (their own findings: it works now, it was their set-up). They do not mark it fixed: that names a release, which
//   is the maintainers' word. They may reopen it once, to new, so that maintainers look at it again.
// - Other members and anonymous visitors change nothing.
// - "duplicate" is never a reason here: closing as a duplicate names the other topic, through its own form
//   (« Fermer comme doublon »).
import {
  CLOSE_REASONS,
  STATUS_LABELS,
  type CloseReason,
  type ReportStatus,
  closeReasonLabel,
  isCloseReason,
  isStatus,
} from "./report";
import type { TrackerRole } from "./permissions";

export const OPEN_STATUSES: readonly ReportStatus[] = ["new", "confirmed", "in_progress"];
export const isOpen = (status: ReportStatus) => OPEN_STATUSES.includes(status);

/** The reasons the status form offers: every reason but duplicate. */
export const STATUS_FORM_REASONS: readonly CloseReason[] = CLOSE_REASONS.filter((reason) => reason !== "duplicate");

/** What the reporter may close their own report as. */
export const REPORTER_CLOSE_REASONS: readonly CloseReason[] = ["cant_reproduce", "not_interop"];

/** How many times a reporter may reopen their own report. */
export const REPORTER_REOPENS = 1;

export const DUPLICATE_MESSAGE =
  "Pour fermer ce rapport comme doublon, utilisez « Fermer comme doublon » : il faut désigner le sujet qui continue.";

export interface TransitionFacts {
  role: TrackerRole;
  from: ReportStatus;
  /** How many times the reporter has already reopened this report. */
  reporterReopens: number;
}

export interface TransitionRequest {
  to: string;
  reason?: string | null;
}

export type TransitionDecision =
  | { ok: true; to: ReportStatus; reason: CloseReason | null; reopen: boolean }
  | { ok: false; status: 403 | 422; message: string; field?: "status" | "reason" };

const triages = (role: TrackerRole) => role === "maintainer" || role === "moderator";

/** The statuses this person may move the report to from where it is, each with the close reasons it allows. */
export function allowedTransitions(facts: TransitionFacts): { to: ReportStatus; reasons: CloseReason[] }[] {
  const { role, from } = facts;
  if (triages(role)) {
    if (!isOpen(from)) return [{ to: "confirmed", reasons: [] }];
    return [
      ...OPEN_STATUSES.filter((status) => status !== "new" && status !== from).map((to) => ({ to, reasons: [] })),
      { to: "fixed", reasons: [] },
      { to: "closed", reasons: [...STATUS_FORM_REASONS] },
    ];
  }
  if (role === "reporter") {
    if (isOpen(from)) return [{ to: "closed", reasons: [...REPORTER_CLOSE_REASONS] }];
    return facts.reporterReopens < REPORTER_REOPENS ? [{ to: "new", reasons: [] }] : [];
  }
  return [];
}

/** Decides one requested change: the new status and reason, or the French refusal and its HTTP status. */
export function decideTransition(facts: TransitionFacts, request: TransitionRequest): TransitionDecision {
  const reason = request.reason ? request.reason : null;
  if (!isStatus(request.to)) {
    return { ok: false, status: 422, field: "status", message: "Choisissez un statut parmi ceux proposés." };
  }
  const to = request.to;
  if (to === "closed" && reason === "duplicate") {
    return { ok: false, status: 422, field: "reason", message: DUPLICATE_MESSAGE };
  }
  if (to === "closed" && !isCloseReason(reason)) {
    return { ok: false, status: 422, field: "reason", message: "Choisissez la raison de la fermeture." };
  }
  const allowed = allowedTransitions(facts);
  if (facts.role === "reporter" && !isOpen(facts.from) && facts.reporterReopens >= REPORTER_REOPENS) {
    return {
      ok: false,
      status: 403,
      message: "Vous avez déjà rouvert ce rapport une fois : un mainteneur ou un modérateur peut le rouvrir.",
    };
  }
  if (allowed.length === 0) {
    return { ok: false, status: 403, message: "Vous ne pouvez pas changer le statut de ce rapport." };
  }
  if (to === facts.from) {
    return { ok: false, status: 422, field: "status", message: `Le rapport est déjà « ${STATUS_LABELS[to]} ».` };
  }
  const move = allowed.find((candidate) => candidate.to === to);
  if (!move && triages(facts.role)) {
    return {
      ok: false,
      status: 422,
      field: "status",
      message: isOpen(facts.from)
        ? `Un rapport déjà trié ne revient pas à « ${STATUS_LABELS.new} ».`
        : `Un rapport « ${STATUS_LABELS[facts.from]} » se rouvre d'abord en « ${STATUS_LABELS.confirmed} ».`,
    };
  }
  if (!move) {
    return {
      ok: false,
      status: 403,
      field: "status",
      message: `Vous ne pouvez pas passer ce rapport de « ${STATUS_LABELS[facts.from]} » à « ${STATUS_LABELS[to]} ».`,
    };
  }
  if (to === "closed" && !move.reasons.includes(reason as CloseReason)) {
    return {
      ok: false,
      status: 403,
      field: "reason",
      message: `Vous ne pouvez pas fermer ce rapport comme « ${closeReasonLabel(reason!)} » : seuls les mainteneurs des solutions concernées et les modérateurs le peuvent.`,
    };
  }
  return {
    ok: true,
    to,
    reason: to === "closed" ? (reason as CloseReason) : null,
    reopen: !isOpen(facts.from) && isOpen(to),
  };
}

/** "Nouveau → Confirmé", "En cours → Fermé (impossible à reproduire)", "Confirmé → Corrigé dans geOrchestra 24.0.3" */
export function statusChangeText(
  from: ReportStatus,
  to: ReportStatus,
  details: { reason?: CloseReason | null; fixedIn?: { name: string; version: string } | null } = {},
): string {
  const target =
    to === "closed" && details.reason
      ? `${STATUS_LABELS.closed} (${closeReasonLabel(details.reason)})`
      : to === "fixed" && details.fixedIn
        ? `${STATUS_LABELS.fixed} dans ${details.fixedIn.name} ${details.fixedIn.version}`
        : STATUS_LABELS[to];
  return `${STATUS_LABELS[from]} → ${target}`;
}
