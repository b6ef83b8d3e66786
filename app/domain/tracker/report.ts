// The typed interoperability report a topic carries in a category whose form is "interop": who sees the problem
// (reporting solution and version), which solutions it affects, the standard or conformance class at stake, the
// service, how to reproduce it, and how bad it is. Framework-free: the new-topic page, the report's edit page and
// POST /posts.json share these rules and labels; reports.server.ts checks the choices against the database.
import { z, type ZodErrorMap } from "zod";
import { frenchErrorMap } from "~/domain/clauses/zod-french";

/** The category setting (Category.reportForm) that makes new topics file a typed report. */
export const INTEROP_REPORT_FORM = "interop";

export const SEVERITIES = ["blocking", "major", "minor", "trivial"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABELS: Record<Severity, string> = {
  blocking: "Bloquant",
  major: "Majeur",
  minor: "Mineur",
  trivial: "Cosmétique",
};

export const SEVERITY_HINTS: Record<Severity, string> = {
  blocking: "Aucun contournement : le service ou l'échange est inutilisable.",
  major: "Une fonction importante ne marche pas ; un contournement coûteux existe.",
  minor: "Gêne limitée, contournement simple.",
  trivial: "Présentation, libellé, détail sans effet sur les données.",
};

export const STATUSES = ["new", "confirmed", "in_progress", "fixed", "closed"] as const;
export type ReportStatus = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<ReportStatus, string> = {
  new: "Nouveau",
  confirmed: "Confirmé",
  in_progress: "En cours",
  fixed: "Corrigé",
  closed: "Fermé",
};

/** The DSFR badge variant of each status. */
export const STATUS_BADGES: Record<ReportStatus, string> = {
  new: "fr-badge--new",
  confirmed: "fr-badge--info",
  in_progress: "fr-badge--warning",
  fixed: "fr-badge--success",
  closed: "",
};

export const CLOSE_REASONS = ["duplicate", "wont_fix", "cant_reproduce", "not_interop", "works_as_designed"] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export const CLOSE_REASON_LABELS: Record<CloseReason, string> = {
  duplicate: "doublon",
  wont_fix: "ne sera pas corrigé",
  cant_reproduce: "impossible à reproduire",
  not_interop: "pas un problème d'interopérabilité",
  works_as_designed: "fonctionne comme prévu",
};

export const isStatus = (value: unknown): value is ReportStatus => STATUSES.includes(value as ReportStatus);
export const isCloseReason = (value: unknown): value is CloseReason => CLOSE_REASONS.includes(value as CloseReason);
export const isSeverity = (value: unknown): value is Severity => SEVERITIES.includes(value as Severity);

export const severityLabel = (value: string) => (isSeverity(value) ? SEVERITY_LABELS[value] : value);
export const statusLabel = (value: string) => (isStatus(value) ? STATUS_LABELS[value] : value);
export const closeReasonLabel = (value: string) => (isCloseReason(value) ? CLOSE_REASON_LABELS[value] : value);

/** A report as typed in a form or sent as JSON, before its choices are checked against the database. Solutions are
 * named by slug, versions by their version string, the class by its URI. */
export interface ReportDraft {
  reportingSolution: string;
  reportingVersion: string;
  affected: { solution: string; version: string }[];
  classUri: string;
  endpointUrl: string;
  steps: string;
  expected: string;
  actual: string;
  severity: string;
}

export const emptyReportDraft = (): ReportDraft => ({
  reportingSolution: "",
  reportingVersion: "",
  affected: [],
  classUri: "",
  endpointUrl: "",
  steps: "",
  expected: "",
  actual: "",
  severity: "",
});

export const TEXT_MAX = 10_000;
const URL_MAX = 2_000;

/** The label of each field, for messages and the form. */
export const REPORT_FIELD_LABELS = {
  reportingSolution: "Solution qui signale le problème",
  reportingVersion: "Version de la solution qui signale le problème",
  affected: "Solutions concernées",
  classUri: "Standard ou classe de conformité",
  endpointUrl: "URL du service",
  steps: "Étapes pour reproduire",
  expected: "Comportement attendu",
  actual: "Comportement constaté",
  severity: "Sévérité",
} as const;

/** The field names of POST /posts.json's `interop` object. */
export const REPORT_JSON_FIELDS: Record<keyof ReportDraft, string> = {
  reportingSolution: "reporting_solution",
  reportingVersion: "reporting_version",
  affected: "affected",
  classUri: "class_uri",
  endpointUrl: "endpoint_url",
  steps: "steps",
  expected: "expected",
  actual: "actual",
  severity: "severity",
};

const MESSAGES = {
  reportingSolution: "Choisissez la solution depuis laquelle vous constatez le problème.",
  reportingVersion: "Choisissez la version de la solution qui signale le problème.",
  affected: "Cochez au moins une solution concernée par le problème.",
  affectedSolution: "Choisissez la solution concernée.",
  affectedVersion: "Choisissez la version de la solution concernée.",
  classUri: "Choisissez le standard ou la classe de conformité concernée.",
  endpointUrl: "Indiquez l'URL du service concerné (https://…).",
  endpointUrlScheme: "L'URL du service doit être une adresse http:// ou https:// complète.",
  steps: "Décrivez les étapes pour reproduire le problème.",
  expected: "Décrivez le comportement attendu.",
  actual: "Décrivez le comportement constaté.",
  severity: "Choisissez la sévérité : bloquant, majeur, mineur ou cosmétique.",
};

const tooLong = (label: string, max: number) =>
  `${label} ne doit pas dépasser ${max.toLocaleString("fr-FR")} caractères.`;

function text(label: string, required: string, max = TEXT_MAX) {
  return z
    .string({ required_error: required, invalid_type_error: `${label} doit être un texte.` })
    .trim()
    .min(1, required)
    .max(max, tooLong(label, max));
}

/** http(s) URLs with a host: what a client can call to see the problem. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** French names accepted for the severity in JSON (and what the form's radio buttons read). */
const SEVERITY_ALIASES: Record<string, Severity> = {
  bloquant: "blocking",
  majeur: "major",
  mineur: "minor",
  cosmetique: "trivial",
  cosmétique: "trivial",
};

export const reportSchema = z.object({
  reportingSolution: text(REPORT_FIELD_LABELS.reportingSolution, MESSAGES.reportingSolution, 100),
  reportingVersion: text(REPORT_FIELD_LABELS.reportingVersion, MESSAGES.reportingVersion, 100),
  affected: z
    .array(
      z.object(
        {
          solution: text("La solution concernée", MESSAGES.affectedSolution, 100),
          version: text("La version concernée", MESSAGES.affectedVersion, 100),
        },
        { invalid_type_error: "Chaque solution concernée doit être un objet { solution, version }." },
      ),
      { required_error: MESSAGES.affected, invalid_type_error: "Les solutions concernées doivent être une liste." },
    )
    .min(1, MESSAGES.affected)
    .max(20, "Vingt solutions concernées au plus.")
    .refine(
      (rows) => new Set(rows.map((row) => row.solution)).size === rows.length,
      "Chaque solution concernée ne doit apparaître qu'une fois.",
    ),
  classUri: text(REPORT_FIELD_LABELS.classUri, MESSAGES.classUri, 500),
  endpointUrl: text(REPORT_FIELD_LABELS.endpointUrl, MESSAGES.endpointUrl, URL_MAX).refine(
    isHttpUrl,
    MESSAGES.endpointUrlScheme,
  ),
  steps: text(REPORT_FIELD_LABELS.steps, MESSAGES.steps),
  expected: text(REPORT_FIELD_LABELS.expected, MESSAGES.expected),
  actual: text(REPORT_FIELD_LABELS.actual, MESSAGES.actual),
  severity: z.preprocess(
    (value) => (typeof value === "string" ? (SEVERITY_ALIASES[value.trim().toLowerCase()] ?? value.trim()) : value),
    z.enum(SEVERITIES, { errorMap: () => ({ message: MESSAGES.severity }) }),
  ),
});

export type ReportInput = z.infer<typeof reportSchema>;

export type ReportParse = { ok: true; value: ReportInput } | { ok: false; fieldErrors: Record<string, string> };

/** The key a field error is filed under: the draft's field name, or `affected.<index>.<solution|version>`. */
export const affectedErrorKey = (index: number, field: "solution" | "version") => `affected.${index}.${field}`;

/** The schema's own messages win; anything it did not foresee gets the clause library's French wording, after the
 * field's label. */
const frenchFallback: ZodErrorMap = (issue, context) => {
  const english = z.defaultErrorMap(issue, { data: context.data, defaultError: "" }).message;
  if (context.defaultError !== english) return { message: context.defaultError };
  const label = REPORT_FIELD_LABELS[issue.path[0] as keyof typeof REPORT_FIELD_LABELS];
  const french = frenchErrorMap(issue, context).message;
  return { message: label ? `${label} : ${french}` : french };
};

/** Checks a report's shape: every field present and well formed, one French message per field at fault. Whether the
 * chosen solutions, versions and class exist is for reports.server.ts. */
export function parseReport(input: unknown): ReportParse {
  const parsed = reportSchema.safeParse(input ?? {}, { errorMap: frenchFallback });
  if (parsed.success) return { ok: true, value: parsed.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "report";
    // The first problem of each field is the one to fix first.
    fieldErrors[key] ??= issue.message;
  }
  return { ok: false, fieldErrors };
}

/** The form's field names. The reporting solution and version are one select (`reporting`, valued
 * "<slug>@<version>"). Affected solutions are checkboxes (`affected`, one per solution, valued by slug), each with its
 * version select (`affectedVersion.<slug>`): several may be checked, no JavaScript needed. */
export const affectedVersionField = (slug: string) => `affectedVersion.${slug}`;

/** "prodige@5.1": a solution and one of its versions in one form value. */
export const solutionVersionValue = (slug: string, version: string) => (slug ? `${slug}@${version}` : "");

export function splitSolutionVersion(value: string): { solution: string; version: string } {
  const at = value.indexOf("@");
  return at < 0 ? { solution: value, version: "" } : { solution: value.slice(0, at), version: value.slice(at + 1) };
}

/** The report part of a submitted form, as typed (kept to refill the form when something is wrong). */
export function reportDraftFromForm(form: {
  get(name: string): unknown;
  getAll(name: string): unknown[];
}): ReportDraft {
  const value = (name: string) => {
    const raw = form.get(name);
    return typeof raw === "string" ? raw : "";
  };
  const affected = form
    .getAll("affected")
    .filter((slug): slug is string => typeof slug === "string" && slug !== "")
    .map((solution) => ({ solution, version: value(affectedVersionField(solution)) }));
  const reporting = form.get("reporting");
  const { solution, version } =
    typeof reporting === "string"
      ? splitSolutionVersion(reporting)
      : { solution: value("reportingSolution"), version: value("reportingVersion") };
  return {
    reportingSolution: solution,
    reportingVersion: version,
    affected: [...new Map(affected.map((row) => [row.solution, row])).values()],
    classUri: value("classUri"),
    endpointUrl: value("endpointUrl"),
    steps: value("steps"),
    expected: value("expected"),
    actual: value("actual"),
    severity: value("severity"),
  };
}

/** POST /posts.json's `interop` object (snake_case, as Discourse's parameters), in the draft's names. Values are
 * passed as sent so that a wrong type gets its own message. */
export function reportInputFromJson(body: unknown): Record<string, unknown> | null {
  if (body === undefined || body === null) return null;
  if (typeof body !== "object" || Array.isArray(body)) return {};
  const source = body as Record<string, unknown>;
  const input: Record<string, unknown> = {};
  for (const [field, name] of Object.entries(REPORT_JSON_FIELDS)) {
    if (source[name] !== undefined) input[field] = source[name];
    // camelCase is accepted too: the draft's own names.
    else if (source[field] !== undefined) input[field] = source[field];
  }
  return input;
}

/** A field error key in POST /posts.json's names: `affected.0.version` → `interop.affected[0].version`. */
export function jsonFieldName(key: string): string {
  const [field, index, sub] = key.split(".");
  const name = REPORT_JSON_FIELDS[field as keyof ReportDraft] ?? field;
  return `interop.${name}${index !== undefined ? `[${index}]` : ""}${sub ? `.${sub}` : ""}`;
}

/** Whether a field error key belongs to the report (rather than to the title, message or category). */
export const isReportErrorKey = (key: string) =>
  key === "report" || key.split(".")[0]! in REPORT_JSON_FIELDS || key === "interop";

/** The names the history and the timeline give each kind of change. */
export const CHANGE_LABELS: Record<string, string> = {
  severity: "sévérité",
  reportingSolution: "solution qui signale",
  reportingVersion: "version de la solution qui signale",
  affectedSolutions: "solutions concernées",
  affectedVersions: "version concernée",
  classUri: "classe de conformité",
  endpointUrl: "URL du service",
  steps: "étapes pour reproduire",
  expected: "comportement attendu",
  actual: "comportement constaté",
};

export type ReportChanges = Record<string, [string, string]>;

/** The change keys in the order of the form, for stable timeline texts. */
const CHANGE_ORDER = Object.keys(CHANGE_LABELS);

/** "a modifié le rapport : sévérité, version concernée" */
export function fieldsEditedText(changes: ReportChanges): string {
  const labels = CHANGE_ORDER.filter((key) => key in changes).map((key) => CHANGE_LABELS[key]);
  return `a modifié le rapport : ${labels.join(", ")}`;
}

/** What a report's comparable fields look like, for computing the changes of an edit. */
export interface ReportSnapshot {
  reportingSolution: string; // display name
  reportingVersion: string;
  /** "geOrchestra" → "24.0" */
  affected: Record<string, string>;
  classUri: string;
  endpointUrl: string;
  steps: string;
  expected: string;
  actual: string;
  severity: string;
}

const affectedText = (affected: Record<string, string>) =>
  Object.entries(affected)
    .sort(([a], [b]) => a.localeCompare(b, "fr"))
    .map(([name, version]) => `${name} ${version}`)
    .join(", ");

/** {field: [before, after]} of what differs between two snapshots (empty when nothing does). A change of the set
 * of affected solutions is "solutions concernées"; a change of their versions only is "version concernée". */
export function diffReports(before: ReportSnapshot, after: ReportSnapshot): ReportChanges {
  const changes: ReportChanges = {};
  for (const key of [
    "reportingSolution",
    "reportingVersion",
    "classUri",
    "endpointUrl",
    "steps",
    "expected",
    "actual",
  ]) {
    const field = key as keyof Omit<ReportSnapshot, "affected">;
    if (before[field] !== after[field]) changes[key] = [before[field], after[field]];
  }
  if (before.severity !== after.severity) {
    changes.severity = [severityLabel(before.severity), severityLabel(after.severity)];
  }
  const [was, now] = [affectedText(before.affected), affectedText(after.affected)];
  if (was !== now) {
    const sameSolutions =
      Object.keys(before.affected).sort().join("\n") === Object.keys(after.affected).sort().join("\n");
    changes[sameSolutions ? "affectedVersions" : "affectedSolutions"] = [was, now];
  }
  return changes;
}
