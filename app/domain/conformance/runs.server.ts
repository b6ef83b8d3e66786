/**
 * Recording and reading conformance runs. An upload is parsed whole by `importReport` first; only a report that
 * parsed is written, in ONE transaction (run, results, class verdicts, and the event posts of the linked tests it
 * flips), so a refused file leaves no row behind.
 */

import type { Db, Prisma } from "~/infra/db.server";
import { DomainError } from "~/domain/shared/errors";
import { groupClassMappingSchema, type GroupClassMapping } from "./group-mapping";
import { DEFAULT_MAX_REPORT_BYTES, importReport, type ImportedReport } from "./import-report";
import { refreshLatestVerdicts } from "./latest-verdicts.server";
import { requireRunUploader, type RunUploader } from "./permissions";
import type { ReportInput } from "./report-input";
import type { ClassVerdict, ConformanceRun, StatusCounts, TestStatus } from "./run-model";
import { recordTestFlips } from "./triage.server";

/** Rows per INSERT: keeps each statement under SQLite's and PostgreSQL's bound-parameter limits. */
const INSERT_BATCH = 500;

export interface DeploymentRef {
  id: number;
  slug: string;
  name: string;
  organisationLabel: string;
  endpointUrl: string;
  solution: { slug: string; name: string; version: string };
  maintainerGroup: string | null;
}

/** A deployment by numeric id or slug; 404 with a French message when there is none. */
export async function findDeployment(db: Db, idOrSlug: string | null | undefined): Promise<DeploymentRef> {
  const key = (idOrSlug ?? "").trim();
  if (!key) {
    throw new DomainError(
      422,
      "Indiquez le déploiement testé : champ « deployment » (identifiant ou slug), placé avant le champ « file », ou paramètre ?deployment=.",
    );
  }
  const where = /^\d{1,15}$/.test(key) ? { id: Number(key) } : { slug: key };
  const row = await db.deployment.findUnique({
    where,
    include: { solutionVersion: { include: { solution: { include: { maintainerGroup: true } } } } },
  });
  if (!row) throw new DomainError(404, `Le déploiement « ${key.slice(0, 100)} » est introuvable.`, { deployment: key });
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    organisationLabel: row.organisationLabel,
    endpointUrl: row.endpointUrl,
    solution: {
      slug: row.solutionVersion.solution.slug,
      name: row.solutionVersion.solution.name,
      version: row.solutionVersion.version,
    },
    maintainerGroup: row.solutionVersion.solution.maintainerGroup?.name ?? null,
  };
}

/** The admin-edited rules, in order; the defaults live in the seed. */
export async function loadGroupClassMapping(db: Db): Promise<GroupClassMapping> {
  const rules = await db.groupClassRule.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }] });
  return groupClassMappingSchema.parse(
    rules.map((rule) => ({ ...(rule.suite ? { suite: rule.suite } : {}), group: rule.group, classUri: rule.classUri })),
  );
}

export interface RecordRunInput {
  /** Deployment id or slug, as the uploader gave it. */
  deployment: string | null | undefined;
  report: ReportInput;
  mediaType?: string | null;
  maxBytes?: number;
  /**
   * Extra writes that must commit or roll back with the run (confirming a staged upload deletes it there, so a
   * double confirmation cannot record the run twice).
   */
  inTransaction?: (tx: Prisma.TransactionClient, runId: number) => Promise<void>;
}

export interface RecordedRun {
  id: number;
  deployment: string;
  format: string;
  fileFormat: string;
  suite: { name: string; version: string | null };
  counts: StatusCounts;
  classes: { classUri: string | null; group: string | null; verdict: ClassVerdict; counts: StatusCounts }[];
  warnings: readonly string[];
}

/** A report that passed the permission check and parsed whole, not written yet. */
export interface ParsedUpload {
  deployment: DeploymentRef;
  run: ImportedReport;
  /** The bytes as received, kept beside the parsed run (DESIGN.md "Data rules"). */
  raw: Buffer<ArrayBuffer>;
  mediaType: string;
}

/**
 * Checks the uploader may report on the deployment (before reading the file), then parses the whole report with the
 * current group → class rules. Writes nothing: recordRun and the staged web upload share it.
 * Throws DomainErrors: 404 unknown deployment, 401/403 permission, 413 size, 422 malformed.
 */
export async function parseUpload(
  db: Db,
  uploader: RunUploader,
  input: Omit<RecordRunInput, "inTransaction">,
): Promise<ParsedUpload> {
  const deployment = await findDeployment(db, input.deployment);
  requireRunUploader(uploader, deployment);
  const maxBytes = input.maxBytes ?? DEFAULT_MAX_REPORT_BYTES;
  const kept: Uint8Array[] = [];
  async function* keepBytes(): AsyncGenerator<Uint8Array> {
    for await (const chunk of toChunks(input.report)) {
      // importReport stops pulling (413) as soon as maxBytes is crossed: at most one chunk past the limit is kept.
      kept.push(chunk);
      yield chunk;
    }
  }
  const run = await importReport(keepBytes(), { maxBytes, groupToClass: await loadGroupClassMapping(db) });
  const declared = (input.mediaType ?? "").split(";")[0]!.trim().toLowerCase();
  // curl --data-binary says form-urlencoded, generic clients octet-stream: keep the detected type then.
  const generic = ["", "application/octet-stream", "application/x-www-form-urlencoded", "text/plain"];
  const mediaType = generic.includes(declared) ? mediaTypeOf(run.fileFormat) : declared;
  return { deployment, run, raw: Buffer.concat(kept), mediaType };
}

/**
 * Checks the uploader may report on the deployment (before reading the file), parses the report, then writes it.
 * Throws DomainErrors: 404 unknown deployment, 401/403 permission, 413 size, 422 malformed.
 */
export async function recordRun(db: Db, uploader: RunUploader, input: RecordRunInput): Promise<RecordedRun> {
  const { deployment, run, raw, mediaType } = await parseUpload(db, uploader, input);
  const id = await db.$transaction(
    async (tx) => {
      const runId = await insertRun(tx, { deployment, uploader, run, raw, mediaType });
      await input.inTransaction?.(tx, runId);
      return runId;
    },
    { timeout: 60_000 },
  );
  return recordedRunOf(id, deployment.slug, run);
}

/** File format recorded for a live probe: its raw file is the probe's own result, as JSON. */
export const PROBE_FILE_FORMAT = "probe-json";

/**
 * Stores a live probe's result as a run like any imported report. The permission is the uploader's, as for an
 * upload; the raw file is the result itself, so the run page and a later audit can show what the probe saw.
 */
export async function recordProbeRun(
  db: Db,
  uploader: RunUploader,
  deployment: DeploymentRef,
  run: ConformanceRun,
): Promise<RecordedRun> {
  requireRunUploader(uploader, deployment);
  const raw = Buffer.from(JSON.stringify(run), "utf8");
  const stored = { ...run, fileFormat: PROBE_FILE_FORMAT };
  const id = await db.$transaction(
    (tx) => insertRun(tx, { deployment, uploader, run: stored, raw, mediaType: "application/json" }),
    { timeout: 60_000 },
  );
  return recordedRunOf(id, deployment.slug, stored);
}

interface RunToInsert {
  deployment: Pick<DeploymentRef, "id" | "name" | "slug">;
  uploader: RunUploader;
  run: ConformanceRun & { fileFormat: string };
  raw: Buffer<ArrayBuffer>;
  mediaType: string;
}

/** A new run, its results and verdicts; and the event posts of the linked tests it flips (a probe's too), since
 * topics hear of what each new observation changes. */
async function insertRun(tx: Prisma.TransactionClient, { deployment, uploader, run, raw, mediaType }: RunToInsert) {
  const created = await tx.conformanceRun.create({
    data: {
      deploymentId: deployment.id,
      ...runColumnsOf(run),
      rawFile: raw,
      rawMediaType: mediaType,
      rawSize: raw.length,
      uploadedById: uploader.userId,
      uploadedByKeyId: uploader.apiKeyId,
    },
  });
  await insertRunDetails(tx, created.id, deployment.id, run);
  // A new run can only change the cells of the classes it has a verdict on.
  await refreshLatestVerdicts(tx, deployment.id, {
    classUris: run.classes.flatMap((summary) => (summary.classUri === null ? [] : [summary.classUri])),
  });
  await recordTestFlips(tx, {
    deployment: { id: deployment.id, name: deployment.name, slug: deployment.slug },
    runId: created.id,
    results: run.tests,
    uploaderId: uploader.userId,
  });
  return created.id;
}

/** The run's own columns that a parse decides (a re-parse rewrites exactly these). */
export function runColumnsOf(run: ConformanceRun & { fileFormat: string }) {
  return {
    format: run.format,
    fileFormat: run.fileFormat,
    suiteName: run.suite.name,
    suiteVersion: run.suite.version,
    subject: run.subject,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    total: run.counts.total,
    passed: run.counts.passed,
    failed: run.counts.failed,
    skipped: run.counts.skipped,
    errored: run.counts.error,
    warnings: JSON.stringify(run.warnings),
    declaredClasses: run.declaredClasses ? JSON.stringify(run.declaredClasses) : null,
  };
}

/** Results (in batches) and one verdict row per class of a run. */
export async function insertRunDetails(
  tx: Prisma.TransactionClient,
  runId: number,
  deploymentId: number,
  run: ConformanceRun,
): Promise<void> {
  const results = run.tests.map((test, position) => ({
    runId,
    position,
    testId: test.id,
    caseKey: test.caseKey,
    name: test.name,
    group: test.group,
    classUri: test.classUri,
    status: test.status,
    skipCause: test.skipCause,
    message: test.message,
    description: test.description,
    durationMs: test.durationMs === null ? null : Math.round(test.durationMs),
    subject: test.subject,
    parameters: JSON.stringify(test.parameters),
    requirements: JSON.stringify(test.requirements),
    http: test.http ? JSON.stringify(test.http) : null,
    findings: JSON.stringify(test.findings),
  }));
  for (let start = 0; start < results.length; start += INSERT_BATCH) {
    await tx.conformanceResult.createMany({ data: results.slice(start, start + INSERT_BATCH) });
  }
  await tx.conformanceRunClass.createMany({
    data: run.classes.map((summary, position) => ({
      runId,
      deploymentId,
      position,
      classUri: summary.classUri,
      group: summary.group,
      verdict: summary.verdict,
      total: summary.counts.total,
      passed: summary.counts.passed,
      failed: summary.counts.failed,
      skipped: summary.counts.skipped,
      errored: summary.counts.error,
    })),
  });
}

function recordedRunOf(id: number, deployment: string, run: ConformanceRun & { fileFormat: string }): RecordedRun {
  return {
    id,
    deployment,
    format: run.format,
    fileFormat: run.fileFormat,
    suite: run.suite,
    counts: run.counts,
    classes: run.classes.map(({ classUri, group, verdict, counts }) => ({ classUri, group, verdict, counts })),
    warnings: run.warnings,
  };
}

async function* toChunks(input: ReportInput): AsyncGenerator<Uint8Array> {
  if (typeof input === "string") yield new TextEncoder().encode(input);
  else if (input instanceof Uint8Array) yield input;
  else for await (const chunk of input) yield typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
}

function mediaTypeOf(fileFormat: string): string {
  if (fileFormat === "earl-rdf") return "application/rdf+xml";
  if (fileFormat === "validata-json") return "application/json";
  return "application/xml";
}

// ---- Reading ---------------------------------------------------------------------------------------------------

const parseJson = <T>(text: string | null, fallback: T): T => {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

const countsOf = (row: { total: number; passed: number; failed: number; skipped: number; errored: number }) => ({
  total: row.total,
  passed: row.passed,
  failed: row.failed,
  skipped: row.skipped,
  error: row.errored,
});

const VERDICT_ORDER: Record<string, number> = { failed: 0, inconclusive: 1, "not-tested": 2, passed: 3 };
const STATUS_ORDER: Record<string, number> = { failed: 0, error: 1, skipped: 2, passed: 3 };

/** A run with its class summaries (failures first) and each class's tests (failures first). 404 when unknown. */
export async function getRun(db: Db, id: number) {
  const run = await db.conformanceRun.findUnique({
    where: { id },
    omit: { rawFile: true },
    include: {
      deployment: { include: { solutionVersion: { include: { solution: true } } } },
      uploadedBy: { select: { username: true } },
      classes: { orderBy: { position: "asc" } },
      results: { orderBy: { position: "asc" } },
    },
  });
  if (!run) throw new DomainError(404, "Ce passage de tests est introuvable.", { runId: id });
  const titles = await classTitles(
    db,
    run.classes.map((summary) => summary.classUri),
  );
  const tests = run.results.map((result) => ({
    /** The row's own id: what the run page's triage form sends. */
    resultId: result.id,
    id: result.testId,
    caseKey: result.caseKey,
    name: result.name,
    group: result.group,
    classUri: result.classUri,
    status: result.status as TestStatus,
    skipCause: result.skipCause,
    message: result.message,
    description: result.description,
    durationMs: result.durationMs,
    subject: result.subject,
    parameters: parseJson<string[]>(result.parameters, []),
    requirements: parseJson<string[]>(result.requirements, []),
    http: parseJson<unknown>(result.http, null),
    findings: parseJson<unknown[]>(result.findings, []),
  }));
  const classes = [...run.classes]
    .sort((a, b) => (VERDICT_ORDER[a.verdict] ?? 9) - (VERDICT_ORDER[b.verdict] ?? 9) || a.position - b.position)
    .map((summary) => ({
      classUri: summary.classUri,
      group: summary.group,
      title: (summary.classUri && titles.get(summary.classUri)) || summary.group || summary.classUri || "Sans classe",
      verdict: summary.verdict as ClassVerdict,
      counts: countsOf(summary),
      tests: tests
        .filter((test) =>
          summary.classUri !== null
            ? test.classUri === summary.classUri
            : test.classUri === null && test.group === summary.group,
        )
        .sort((a, b) => (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9)),
    }));
  return {
    id: run.id,
    url: `/conformance/runs/${run.id}`,
    deployment: {
      slug: run.deployment.slug,
      name: run.deployment.name,
      solution: run.deployment.solutionVersion.solution.name,
      version: run.deployment.solutionVersion.version,
    },
    format: run.format,
    fileFormat: run.fileFormat,
    suite: { name: run.suiteName, version: run.suiteVersion },
    subject: run.subject,
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    createdAt: run.createdAt.toISOString(),
    uploadedBy: run.uploadedBy?.username ?? null,
    counts: countsOf(run),
    warnings: parseJson<string[]>(run.warnings, []),
    raw: { mediaType: run.rawMediaType, size: run.rawSize },
    classes,
  };
}

/** A deployment and its runs, newest first. */
export async function listDeploymentRuns(db: Db, slug: string) {
  const deployment = await findDeployment(db, slug).catch((error: unknown) => {
    if (error instanceof DomainError && error.status === 422) throw new DomainError(404, "Déploiement introuvable.");
    throw error;
  });
  const runs = await db.conformanceRun.findMany({
    where: { deploymentId: deployment.id },
    orderBy: { id: "desc" },
    take: 200,
    omit: { rawFile: true },
    include: { classes: { orderBy: { position: "asc" } }, uploadedBy: { select: { username: true } } },
  });
  return {
    deployment: { ...deployment, maintainerGroup: deployment.maintainerGroup },
    runs: runs.map((run) => ({
      id: run.id,
      url: `/conformance/runs/${run.id}`,
      format: run.format,
      suite: { name: run.suiteName, version: run.suiteVersion },
      createdAt: run.createdAt.toISOString(),
      uploadedBy: run.uploadedBy?.username ?? null,
      counts: countsOf(run),
      verdicts: {
        passed: run.classes.filter((c) => c.verdict === "passed").length,
        failed: run.classes.filter((c) => c.verdict === "failed").length,
        other: run.classes.filter((c) => c.verdict !== "passed" && c.verdict !== "failed").length,
      },
    })),
  };
}

export async function classTitles(db: Db, uris: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(uris.filter((uri): uri is string => uri !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.conformanceClass.findMany({
    where: { uri: { in: wanted } },
    select: { uri: true, title: true },
  });
  return new Map(rows.map((row) => [row.uri, row.title]));
}
