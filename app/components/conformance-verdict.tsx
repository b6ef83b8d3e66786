import type { ClassVerdict } from "~/domain/conformance/run-model";

// One formatter for every date: toLocaleDateString with options builds a new one per call, about 50 µs each, a
// quarter of a second for the matrix's 5,200 cells.
const RUN_DATE = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", dateStyle: "medium" });

/** French date of a run, the same on the server and in the browser (fixed time zone). */
export function formatRunDate(iso: string): string {
  return RUN_DATE.format(new Date(iso));
}

const BADGES: Record<ClassVerdict | "untested", { className: string; label: (failed: number) => string }> = {
  passed: { className: "fr-badge--success", label: () => "conforme" },
  failed: { className: "fr-badge--error", label: (failed) => (failed > 1 ? `${failed} échecs` : "1 échec") },
  inconclusive: { className: "fr-badge--warning", label: () => "non concluant" },
  "not-tested": { className: "fr-badge--info", label: () => "non testé" },
  untested: { className: "", label: () => "non testé" },
};

/** A verdict as text and colour: the colour never carries the meaning alone. */
export function VerdictBadge({ verdict, failed = 0 }: { verdict: ClassVerdict | "untested"; failed?: number }) {
  const badge = BADGES[verdict];
  return (
    <span className={`fr-badge fr-badge--sm fr-badge--no-icon ${badge.className}`} data-verdict={verdict}>
      {badge.label(failed)}
    </span>
  );
}

const STATUS_LABELS: Record<string, { className: string; label: string }> = {
  passed: { className: "fr-badge--success", label: "réussi" },
  failed: { className: "fr-badge--error", label: "échec" },
  error: { className: "fr-badge--warning", label: "erreur" },
  skipped: { className: "fr-badge--info", label: "ignoré" },
};

export function TestStatusBadge({ status }: { status: string }) {
  const badge = STATUS_LABELS[status] ?? { className: "", label: status };
  return <span className={`fr-badge fr-badge--sm fr-badge--no-icon ${badge.className}`}>{badge.label}</span>;
}
