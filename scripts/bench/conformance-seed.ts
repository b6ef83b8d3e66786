// Bulk seeding of a conformance history for scripts/bench/conformance-matrix.ts: deployments over the demo solutions'
// versions, and for each a history of runs, each run with one verdict per class and a few results, written as
// recordRun writes them (app/domain/conformance/runs.server.ts) but straight through the drivers (bulk-writer.ts):
// recordRun parses a file and takes one transaction per run, minutes for thousands of runs.
//
// The read model of the latest verdicts is then filled by the app's own refreshLatestVerdicts.
//
// Rows follow the app's invariants: run ids grow with their upload date (the matrix's "newest run" is the highest
// id), each verdict row carries its run's deploymentId, a class has one verdict per run, a run's counts are the sum
// of its classes'.
import { refreshLatestVerdicts } from "../../app/domain/conformance/latest-verdicts.server";
import type { Db } from "../../app/infra/db.server";
import type { BulkWriter, Row } from "./bulk-writer";
import { between, seededRandom, type Random } from "./forum-text";

const DAY = 24 * 3_600_000;

export interface ConformanceShape {
  deployments: number;
  classes: number;
  runsPerDeployment: number;
  /** Results written per run (on as many of its classes): enough for the class and run pages to have tests. */
  resultsPerRun: number;
  seed: number;
  now: Date;
  historyDays: number;
}

export interface ConformanceSeedReport {
  deployments: { id: number; slug: string }[];
  classes: { id: number; uri: string }[];
  runs: number;
  verdicts: number;
  results: number;
  ms: number;
}

const RUNS_PER_TRANSACTION = 200;
const RAW_FILE = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<testng-results total="0"/>\n`);

const nextId = async (db: Db, table: "deployment" | "conformanceRun" | "conformanceRunClass" | "conformanceResult") =>
  // The delegates share the aggregate signature; the union of their argument types does not type-check as one call.
  ((await (db[table] as typeof db.deployment).aggregate({ _max: { id: true } }))._max.id ?? 0) + 1;

/** Each (deployment, class) has its own health, so the matrix shows mostly stable cells and a few flaky ones. */
function verdictOf(random: Random, health: number): { verdict: string; counts: number[] } {
  const total = between(random, 4, 30);
  const roll = random();
  if (roll < 0.08) return { verdict: "not-tested", counts: [total, 0, 0, total, 0] };
  if (random() < health) return { verdict: "passed", counts: [total, total, 0, 0, 0] };
  const failed = between(random, 1, total);
  return { verdict: "failed", counts: [total, total - failed, failed, 0, 0] };
}

export async function seedConformanceHistory(
  db: Db,
  writer: BulkWriter,
  shape: ConformanceShape,
): Promise<ConformanceSeedReport> {
  const started = performance.now();
  const random = seededRandom(shape.seed);
  const versions = await db.solutionVersion.findMany({ orderBy: { id: "asc" }, select: { id: true } });
  const classes = await db.conformanceClass.findMany({
    orderBy: { id: "asc" },
    take: shape.classes,
    select: { id: true, uri: true },
  });
  if (classes.length < shape.classes) {
    throw new Error(`The seeded catalogue holds ${classes.length} classes, ${shape.classes} asked.`);
  }
  const uploader = await db.user.findFirstOrThrow({ where: { role: "admin" }, select: { id: true } });

  let deploymentId = await nextId(db, "deployment");
  const deployments: ConformanceSeedReport["deployments"] = [];
  const deploymentRows: Row[] = [];
  const created = new Date(shape.now.getTime() - (shape.historyDays + 1) * DAY);
  for (let index = 0; index < shape.deployments; index++) {
    const slug = `bench-deploiement-${String(index + 1).padStart(3, "0")}`;
    deployments.push({ id: deploymentId, slug });
    deploymentRows.push([
      deploymentId++,
      slug,
      `Banc ${String(index + 1).padStart(3, "0")} — plateforme de test`,
      `Collectivité ${index + 1}`,
      `https://bench-${index + 1}.example.org/ogcapi`,
      versions[index % versions.length]!.id,
      created,
    ]);
  }
  await writer.transaction(() =>
    writer.insert(
      "Deployment",
      ["id", "slug", "name", "organisationLabel", "endpointUrl", "solutionVersionId", "createdAt"],
      deploymentRows,
    ),
  );

  // Every run of the history, in upload order, so ids grow with dates as they do when CIs upload.
  const span = shape.historyDays * DAY;
  const plannedRuns = deployments
    .flatMap((deployment) =>
      Array.from({ length: shape.runsPerDeployment }, () => ({
        deploymentId: deployment.id,
        at: shape.now.getTime() - span + Math.floor(random() * span),
      })),
    )
    .sort((a, b) => a.at - b.at);
  const health = new Map<string, number>();
  const healthOf = (deployment: number, classIndex: number) => {
    const key = `${deployment} ${classIndex}`;
    let value = health.get(key);
    if (value === undefined) health.set(key, (value = random() < 0.7 ? 0.95 : 0.5));
    return value;
  };

  let runId = await nextId(db, "conformanceRun");
  let verdictId = await nextId(db, "conformanceRunClass");
  let resultId = await nextId(db, "conformanceResult");
  const report: ConformanceSeedReport = { deployments, classes, runs: 0, verdicts: 0, results: 0, ms: 0 };
  for (let start = 0; start < plannedRuns.length; start += RUNS_PER_TRANSACTION) {
    const runRows: Row[] = [];
    const verdictRows: Row[] = [];
    const resultRows: Row[] = [];
    for (const planned of plannedRuns.slice(start, start + RUNS_PER_TRANSACTION)) {
      const id = runId++;
      const totals = [0, 0, 0, 0, 0];
      const firstResultClass = between(random, 0, classes.length - 1);
      classes.forEach((cls, position) => {
        const { verdict, counts } = verdictOf(random, healthOf(planned.deploymentId, position));
        counts.forEach((count, index) => (totals[index]! += count));
        verdictRows.push([verdictId++, id, planned.deploymentId, position, cls.uri, null, verdict, ...counts]);
        const offset = (position - firstResultClass + classes.length) % classes.length;
        if (offset < shape.resultsPerRun) {
          const status = verdict === "failed" ? "failed" : verdict === "passed" ? "passed" : "skipped";
          const testId = `bench.${position}.verifie${offset}`;
          resultRows.push([
            resultId++,
            id,
            offset,
            testId,
            `cicclo-bench#${testId}`,
            `Vérification ${offset} de la classe ${position + 1}`,
            null,
            cls.uri,
            status,
            status === "skipped" ? "skipped by dependency" : null,
            status === "failed" ? "Réponse inattendue : 500 au lieu de 200" : null,
            1 + (offset % 200),
          ]);
        }
      });
      const at = new Date(planned.at);
      runRows.push([
        id,
        planned.deploymentId,
        "testng",
        "testng-xml",
        "cicclo-bench",
        "1.0",
        at,
        new Date(planned.at + 60_000),
        ...totals,
        RAW_FILE,
        "application/xml",
        RAW_FILE.length,
        uploader.id,
        at,
      ]);
    }
    await writer.transaction(async () => {
      await writer.insert(
        "ConformanceRun",
        [
          "id",
          "deploymentId",
          "format",
          "fileFormat",
          "suiteName",
          "suiteVersion",
          "startedAt",
          "finishedAt",
          "total",
          "passed",
          "failed",
          "skipped",
          "errored",
          "rawFile",
          "rawMediaType",
          "rawSize",
          "uploadedById",
          "createdAt",
        ],
        runRows,
      );
      await writer.insert(
        "ConformanceRunClass",
        [
          "id",
          "runId",
          "deploymentId",
          "position",
          "classUri",
          "group",
          "verdict",
          "total",
          "passed",
          "failed",
          "skipped",
          "errored",
        ],
        verdictRows,
      );
      await writer.insert(
        "ConformanceResult",
        [
          "id",
          "runId",
          "position",
          "testId",
          "caseKey",
          "name",
          "group",
          "classUri",
          "status",
          "skipCause",
          "message",
          "durationMs",
        ],
        resultRows,
      );
    });
    report.runs += runRows.length;
    report.verdicts += verdictRows.length;
    report.results += resultRows.length;
  }
  for (const table of ["Deployment", "ConformanceRun", "ConformanceRunClass", "ConformanceResult"]) {
    await writer.syncSequence(table);
  }
  // The matrix's read model, through the app's own function, as recordRun would have kept it.
  for (const deployment of deployments) {
    await db.$transaction((tx) => refreshLatestVerdicts(tx, deployment.id));
  }
  await writer.settle();
  report.ms = performance.now() - started;
  return report;
}
