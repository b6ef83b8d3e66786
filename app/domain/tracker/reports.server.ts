// Typed interop reports in the database: the choices the form offers, checking a report's solutions, versions and
// class against them, writing it in the topic's transaction, and reading it back for the topic page and the JSON.
// Edits and status changes are in workflow.server.ts.
import type { DbOrTx } from "~/infra/db.server";
import { normalizeConformanceClassUri } from "~/domain/conformance/class-catalogue";
import { notFound } from "~/domain/shared/errors";
import { visibleCategoriesWhere, type Reader } from "~/domain/forum/permissions";
import { trackerRoleOf, canEditReportFields, type TrackedTopic, type TrackerRole } from "./permissions";
import { loadAssignmentRows, type AssignmentRow } from "./assignment-rows.server";
import {
  affectedErrorKey,
  isStatus,
  parseReport,
  type ReportDraft,
  type ReportInput,
  type ReportStatus,
} from "./report";
import { allowedTransitions } from "./workflow";

export interface ReportOptions {
  /** Every solution with its versions, newest first. */
  solutions: { slug: string; name: string; versions: string[] }[];
  /** The conformance classes, grouped by standard in the catalogue's order. */
  standards: { standard: string; classes: { uri: string; title: string }[] }[];
}

// Not topics.server's displayName: posting.server imports this module, and topics.server imports posting.server.
const displayName = (user: { givenName: string; usualName: string }) => `${user.givenName} ${user.usualName}`.trim();

const newestFirst = (a: string, b: string) => b.localeCompare(a, "fr", { numeric: true });

/** What the report form offers. */
export async function loadReportOptions(db: DbOrTx): Promise<ReportOptions> {
  const [solutions, classes] = await Promise.all([
    db.solution.findMany({
      orderBy: { name: "asc" },
      select: { slug: true, name: true, versions: { select: { version: true } } },
    }),
    db.conformanceClass.findMany({ orderBy: { id: "asc" }, select: { uri: true, title: true, standard: true } }),
  ]);
  const standards = new Map<string, { uri: string; title: string }[]>();
  for (const row of classes) {
    if (!standards.has(row.standard)) standards.set(row.standard, []);
    standards.get(row.standard)!.push({ uri: row.uri, title: row.title });
  }
  return {
    solutions: solutions
      .map((solution) => ({
        slug: solution.slug,
        name: solution.name,
        versions: solution.versions.map((row) => row.version).sort(newestFirst),
      }))
      // In French order, whatever the case: geOrchestra among the G.
      .sort((a, b) => a.name.localeCompare(b.name, "fr", { sensitivity: "base" })),
    standards: [...standards].map(([standard, list]) => ({ standard, classes: list })),
  };
}

interface SolutionChoice {
  solutionId: number;
  slug: string;
  name: string;
  versionId: number;
  version: string;
}

/** A report whose choices all exist: ready to be written. */
export interface CheckedReport {
  input: ReportInput;
  reporting: SolutionChoice;
  affected: SolutionChoice[];
  classUri: string;
}

export type ReportCheck = { ok: true; report: CheckedReport } | { ok: false; fieldErrors: Record<string, string> };

const asText = (value: unknown) => (typeof value === "string" ? value.trim() : "");

/** Checks a report's shape (report.ts) and that its solutions, versions and class exist, reporting every problem at
 * once, each under its field. Writes nothing. */
export async function checkReport(db: DbOrTx, input: unknown): Promise<ReportCheck> {
  const parsed = parseReport(input);
  const fieldErrors: Record<string, string> = parsed.ok ? {} : { ...parsed.fieldErrors };
  const raw = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
  const solutions = await db.solution.findMany({
    select: { id: true, slug: true, name: true, versions: { select: { id: true, version: true } } },
  });

  const choose = (slugValue: unknown, versionValue: unknown, solutionKey: string, versionKey: string) => {
    const slug = asText(slugValue);
    const version = asText(versionValue);
    if (!slug || fieldErrors[solutionKey]) return null;
    const solution = solutions.find((candidate) => candidate.slug === slug);
    if (!solution) {
      fieldErrors[solutionKey] = `Solution inconnue : « ${slug} ». Choisissez une solution de la liste.`;
      return null;
    }
    if (!version || fieldErrors[versionKey]) return null;
    const row = solution.versions.find((candidate) => candidate.version === version);
    if (!row) {
      fieldErrors[versionKey] = `« ${version} » n'est pas une version connue de ${solution.name}.`;
      return null;
    }
    return { solutionId: solution.id, slug, name: solution.name, versionId: row.id, version };
  };

  const reporting = choose(raw.reportingSolution, raw.reportingVersion, "reportingSolution", "reportingVersion");
  const rows = Array.isArray(raw.affected) ? (raw.affected as unknown[]) : [];
  const affected = rows.map((row, index) => {
    const value = (row && typeof row === "object" ? row : {}) as Record<string, unknown>;
    return choose(
      value.solution,
      value.version,
      affectedErrorKey(index, "solution"),
      affectedErrorKey(index, "version"),
    );
  });

  let classUri = asText(raw.classUri);
  if (classUri && !fieldErrors.classUri) {
    const known = await findConformanceClass(db, classUri);
    if (known) classUri = known;
    else fieldErrors.classUri = `Classe de conformité inconnue : « ${classUri} ». Choisissez-en une dans la liste.`;
  }

  if (!parsed.ok || Object.keys(fieldErrors).length || !reporting || affected.some((row) => !row)) {
    return { ok: false, fieldErrors };
  }
  return {
    ok: true,
    report: { input: parsed.value, reporting, affected: affected as SolutionChoice[], classUri },
  };
}

/** The canonical URI of a class named by its URI or one of its aliases (http/https, trailing slash…), or null. */
async function findConformanceClass(db: DbOrTx, uri: string): Promise<string | null> {
  const normalized = normalizeConformanceClassUri(uri);
  const exact = await db.conformanceClass.findFirst({
    where: { uri: { in: [uri, normalized] } },
    select: { uri: true },
  });
  if (exact) return exact.uri;
  const all = await db.conformanceClass.findMany({ select: { uri: true, aliases: true } });
  const match = all.find(
    (row) =>
      normalizeConformanceClassUri(row.uri) === normalized ||
      (JSON.parse(row.aliases) as string[]).some((alias) => normalizeConformanceClassUri(alias) === normalized),
  );
  return match?.uri ?? null;
}

/** Writes a checked report for a topic, in the caller's transaction (the topic's own, when it is created). */
export async function createReport(
  tx: DbOrTx,
  topicId: number,
  report: CheckedReport,
  options: { createdAt?: Date; status?: ReportStatus } = {},
) {
  const createdAt = options.createdAt ?? new Date();
  await tx.interopReport.create({
    data: {
      topicId,
      reportingSolutionId: report.reporting.solutionId,
      reportingVersionId: report.reporting.versionId,
      classUri: report.classUri,
      endpointUrl: report.input.endpointUrl,
      steps: report.input.steps,
      expected: report.input.expected,
      actual: report.input.actual,
      severity: report.input.severity,
      status: options.status ?? "new",
      statusChangedAt: createdAt,
      createdAt,
    },
  });
  await tx.reportAffectedSolution.createMany({
    data: report.affected.map((row) => ({ topicId, solutionId: row.solutionId, versionId: row.versionId })),
  });
}

export interface SolutionRef {
  slug: string;
  name: string;
  version: string | null;
  trackerUrl: string;
}

export type Assignee =
  { type: "user"; username: string; name: string } | { type: "group"; name: string; label: string };

export interface InteropReportView {
  topicId: number;
  status: ReportStatus;
  closeReason: string | null;
  severity: string;
  reporting: SolutionRef;
  affected: SolutionRef[];
  class: { uri: string; title: string; standard: string } | null;
  endpointUrl: string;
  steps: string;
  expected: string;
  actual: string;
  /** The topic this one duplicates, when the reader may see it. */
  duplicateOf: { id: number; slug: string; title: string } | null;
  fixedIn: { slug: string; name: string; version: string } | null;
  revision: number;
  statusChangedAt: string;
  createdAt: string;
  assignees: Assignee[];
  voteCount: number;
}

const solutionRefSelect = { slug: true, name: true, trackerUrl: true } as const;

/** One read of a topic's report with everything its views need: the summary box, the reader's actions, and who
 * maintains the involved solutions. The topic page reads it once for all its panels. */
const reportRecordInclude = {
  reportingSolution: { select: { ...solutionRefSelect, maintainerGroup: { select: { name: true } } } },
  reportingVersion: { select: { version: true } },
  fixedInVersion: { select: { version: true, solution: { select: { slug: true, name: true } } } },
  affected: {
    include: {
      solution: {
        select: {
          ...solutionRefSelect,
          maintainerGroup: { select: { name: true } },
          versions: { select: { version: true } },
        },
      },
      version: { select: { version: true } },
    },
  },
} as const;

export type ReportRecord = NonNullable<Awaited<ReturnType<typeof loadReportRecord>>>;

export function loadReportRecord(db: DbOrTx, topicId: number) {
  return db.interopReport.findUnique({ where: { topicId }, include: reportRecordInclude });
}

/** The tracker's permission facts for a topic, from its report (no report: nobody maintains it). */
export function trackedTopicOf(reporterId: number, record: ReportRecord | null): TrackedTopic {
  const solutions = record ? [record.reportingSolution, ...record.affected.map((row) => row.solution)] : [];
  const groups = solutions.map((solution) => solution.maintainerGroup?.name).filter((name): name is string => !!name);
  return { reporterId, maintainerGroups: [...new Set(groups)] };
}

/** A topic's report as the summary box and the JSON show it, or null when the topic has none. The caller has
 * checked that the reader sees the topic. */
export async function getReportView(db: DbOrTx, reader: Reader, topicId: number): Promise<InteropReportView | null> {
  const [record, topic, assignments] = await Promise.all([
    loadReportRecord(db, topicId),
    db.topic.findUnique({ where: { id: topicId }, select: { voteCount: true } }),
    loadAssignmentRows(db, topicId),
  ]);
  return record ? reportViewOf(db, reader, record, { voteCount: topic?.voteCount ?? 0, assignments }) : null;
}

export async function reportViewOf(
  db: DbOrTx,
  reader: Reader,
  report: ReportRecord,
  topic: { voteCount: number; assignments: AssignmentRow[] },
): Promise<InteropReportView> {
  const [cls, duplicate] = await Promise.all([
    report.classUri
      ? db.conformanceClass.findUnique({
          where: { uri: report.classUri },
          select: { uri: true, title: true, standard: true },
        })
      : null,
    report.duplicateOfTopicId
      ? db.topic.findFirst({
          where: { id: report.duplicateOfTopicId, deletedAt: null, category: visibleCategoriesWhere(reader) },
          select: { id: true, slug: true, title: true },
        })
      : null,
  ]);
  const solutionRef = (solution: { slug: string; name: string; trackerUrl: string }, version: string | null) => ({
    slug: solution.slug,
    name: solution.name,
    trackerUrl: solution.trackerUrl,
    version,
  });
  return {
    topicId: report.topicId,
    status: isStatus(report.status) ? report.status : "new",
    closeReason: report.closeReason,
    severity: report.severity,
    reporting: solutionRef(report.reportingSolution, report.reportingVersion?.version ?? null),
    affected: report.affected
      .map((row) => solutionRef(row.solution, row.version?.version ?? null))
      .sort((a, b) => a.name.localeCompare(b.name, "fr")),
    class: cls ?? (report.classUri ? { uri: report.classUri, title: report.classUri, standard: "" } : null),
    endpointUrl: report.endpointUrl,
    steps: report.steps,
    expected: report.expected,
    actual: report.actual,
    duplicateOf: duplicate,
    fixedIn: report.fixedInVersion
      ? {
          slug: report.fixedInVersion.solution.slug,
          name: report.fixedInVersion.solution.name,
          version: report.fixedInVersion.version,
        }
      : null,
    revision: report.revision,
    statusChangedAt: report.statusChangedAt.toISOString(),
    createdAt: report.createdAt.toISOString(),
    assignees: topic.assignments.flatMap((row): Assignee[] => {
      if (row.user) return [{ type: "user", username: row.user.username, name: displayName(row.user) }];
      if (row.group) return [{ type: "group", name: row.group.name, label: row.group.label }];
      return [];
    }),
    voteCount: topic.voteCount,
  };
}

/** How many times the reporter has reopened their own report (the reporter may do it once). */
export async function countReporterReopens(db: DbOrTx, topicId: number): Promise<number> {
  const events = await db.post.findMany({
    where: { topicId, postType: 3, action: "status_changed" },
    select: { actionData: true },
  });
  return events.filter((event) => {
    const data = JSON.parse(event.actionData ?? "{}") as { reopen?: boolean; role?: string };
    return data.reopen === true && data.role === "reporter";
  }).length;
}

export interface ReportActions {
  role: TrackerRole;
  canEdit: boolean;
  transitions: ReturnType<typeof allowedTransitions>;
  /** For "fixed": the versions of each affected solution. */
  fixVersions: { slug: string; name: string; versions: string[] }[];
}

/** What this reader may do with the report: edit its fields, and which statuses they may move it to. */
export async function getReportActions(
  db: DbOrTx,
  reader: Reader,
  topic: { id: number; reporterId: number },
): Promise<ReportActions> {
  const record = await loadReportRecord(db, topic.id);
  if (!record) return { role: "anonymous", canEdit: false, transitions: [], fixVersions: [] };
  return reportActionsOf(db, trackerRoleOf(reader, trackedTopicOf(topic.reporterId, record)), record);
}

export async function reportActionsOf(db: DbOrTx, role: TrackerRole, report: ReportRecord): Promise<ReportActions> {
  const from = isStatus(report.status) ? report.status : "new";
  const reporterReopens = role === "reporter" ? await countReporterReopens(db, report.topicId) : 0;
  const transitions = allowedTransitions({ role, from, reporterReopens });
  return {
    role,
    canEdit: canEditReportFields(role),
    transitions,
    fixVersions: transitions.some((transition) => transition.to === "fixed")
      ? report.affected
          .map((row) => ({
            slug: row.solution.slug,
            name: row.solution.name,
            versions: row.solution.versions.map((version) => version.version).sort(newestFirst),
          }))
          .sort((a, b) => a.name.localeCompare(b.name, "fr"))
      : [],
  };
}

/** The `interop` key of /t/:id.json. */
export function interopJson(view: InteropReportView) {
  return {
    reporting_solution: { slug: view.reporting.slug, name: view.reporting.name, version: view.reporting.version },
    affected: view.affected.map((row) => ({ slug: row.slug, name: row.name, version: row.version })),
    class: view.class ? { uri: view.class.uri, title: view.class.title } : null,
    endpoint_url: view.endpointUrl,
    steps: view.steps,
    expected: view.expected,
    actual: view.actual,
    severity: view.severity,
    status: view.status,
    close_reason: view.closeReason,
    duplicate_of: view.duplicateOf?.id ?? null,
    fixed_in: view.fixedIn ? { solution: view.fixedIn.slug, version: view.fixedIn.version } : null,
    assignees: view.assignees.map((assignee) =>
      assignee.type === "user"
        ? { type: "user" as const, username: assignee.username }
        : { type: "group" as const, name: assignee.name },
    ),
    vote_count: view.voteCount,
    revision: view.revision,
    status_changed_at: view.statusChangedAt,
  };
}

/** A tracked topic the reader may see, with its report and what the reader may do with it; 404 when the topic is
 * missing, hidden from the reader or has no report. For the report's own pages (status, edit, history). */
export async function getReportTopic(db: DbOrTx, reader: Reader, topicId: number) {
  const topic = await db.topic.findFirst({
    where: { id: topicId, deletedAt: null, category: visibleCategoriesWhere(reader) },
    select: {
      id: true,
      slug: true,
      title: true,
      userId: true,
      category: { select: { id: true, slug: true, name: true } },
    },
  });
  if (!topic) throw notFound("Ce sujet", { topicId });
  const report = await getReportView(db, reader, topicId);
  if (!report) throw notFound("Le rapport d'interopérabilité de ce sujet", { topicId });
  const actions = await getReportActions(db, reader, { id: topic.id, reporterId: topic.userId });
  const { userId: _author, ...shown } = topic;
  return { topic: shown, report, actions };
}

/** The report as its edit form starts: what is stored, in the form's terms. */
export function reportDraftOf(view: InteropReportView): ReportDraft {
  return {
    reportingSolution: view.reporting.slug,
    reportingVersion: view.reporting.version ?? "",
    affected: view.affected.map((row) => ({ solution: row.slug, version: row.version ?? "" })),
    classUri: view.class?.uri ?? "",
    endpointUrl: view.endpointUrl,
    steps: view.steps,
    expected: view.expected,
    actual: view.actual,
    severity: view.severity,
  };
}
