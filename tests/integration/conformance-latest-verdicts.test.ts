// The matrix's read model of latest verdicts (docs/decisions/011) against the history it summarises: each write to a
// deployment's runs leaves the matrix and the class pages showing the verdict of the newest run that tested the
// class, and the migration's backfill writes the same cells as the app.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { latestVerdicts, loadCatalogue } from "../../app/domain/conformance/class-verdicts.server";
import { refreshLatestVerdicts } from "../../app/domain/conformance/latest-verdicts.server";
import { getMatrix } from "../../app/domain/conformance/matrix.server";
import type { RunUploader } from "../../app/domain/conformance/permissions";
import { recordRun } from "../../app/domain/conformance/runs.server";
import { getDb, type Db } from "../../app/infra/db.server";
import { getEnv } from "../../app/infra/env.server";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/conformance");
const TESTNG = readFileSync(path.join(FIXTURES, "testng-features10.xml"), "utf8");
const PASSING = TESTNG.replace(/status="FAIL"/g, 'status="PASS"');
const OTHER_SUITE = readFileSync(path.join(FIXTURES, "junit-single-testsuite.xml"));
const CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
const moderator: RunUploader = { userId: null, apiKeyId: null, role: "moderator", groups: [] };

let deployments = 0;
async function newDeployment(db: Db): Promise<{ id: number; slug: string }> {
  const version = await db.solutionVersion.findFirstOrThrow({ orderBy: { id: "asc" } });
  const slug = `cellule-${Date.now().toString(36)}-${++deployments}`;
  return db.deployment.create({
    data: { slug, name: `Cellule ${slug}`, solutionVersionId: version.id },
    select: { id: true, slug: true },
  });
}

/** What the matrix shows for the deployment on the core class: verdict and run, or "untested". */
async function coreCell(db: Db, slug: string) {
  const matrix = await getMatrix(db);
  const column = matrix.columns.findIndex((c) => c.uri === CORE);
  const row = matrix.rows.find((r) => r.slug === slug);
  if (!row) return null;
  const cell = column < 0 ? null : row.cells[column]!;
  return cell ? { verdict: cell.verdict, runId: cell.runId } : { verdict: "untested", runId: null };
}

/** The class pages' reading (any spelling of the class) for the deployment on the core class. */
async function coreVerdictOfClassPages(db: Db, deploymentId: number) {
  const catalogue = await loadCatalogue(db);
  const core = catalogue.byUri.get(CORE)!;
  const verdicts = await latestVerdicts(db, catalogue.canonical, { classUri: { in: [core.uri, ...core.aliases] } });
  const verdict = verdicts.get(`${deploymentId} ${CORE}`);
  return verdict ? { verdict: verdict.verdict, runId: verdict.runId } : null;
}

/** The history's latest verdicts computed the long way, newest run first, for comparison with the read model. */
async function latestFromHistory(db: Db) {
  const rows = await db.conformanceRunClass.findMany({
    where: { classUri: { not: null } },
    orderBy: [{ runId: "desc" }, { id: "asc" }],
    include: { run: { select: { createdAt: true } } },
  });
  const cells = new Map<string, unknown>();
  for (const row of rows) {
    const key = `${row.deploymentId} ${row.classUri}`;
    if (cells.has(key)) continue;
    const { total, passed, failed, skipped, errored } = row;
    cells.set(key, {
      runId: row.runId,
      verdict: row.verdict,
      counts: [total, passed, failed, skipped, errored],
      date: row.run.createdAt.toISOString(),
    });
  }
  return cells;
}

async function readModel(db: Db) {
  const rows = await db.conformanceLatestVerdict.findMany();
  return new Map(
    rows.map((row) => [
      `${row.deploymentId} ${row.classUri}`,
      {
        runId: row.runId,
        verdict: row.verdict,
        counts: [row.total, row.passed, row.failed, row.skipped, row.errored],
        date: row.runCreatedAt.toISOString(),
      },
    ]),
  );
}

describe("latest verdicts read model", () => {
  it("shows the newer run of the same suite, and keeps it when another suite not testing the class runs later", async () => {
    const db = await getDb();
    const deployment = await newDeployment(db);
    const failing = await recordRun(db, moderator, { deployment: deployment.slug, report: TESTNG });
    expect(await coreCell(db, deployment.slug)).toEqual({ verdict: "failed", runId: failing.id });

    const passing = await recordRun(db, moderator, { deployment: deployment.slug, report: PASSING });
    expect(await coreCell(db, deployment.slug)).toEqual({ verdict: "passed", runId: passing.id });
    expect(await coreVerdictOfClassPages(db, deployment.id)).toEqual({ verdict: "passed", runId: passing.id });

    const other = await recordRun(db, moderator, { deployment: deployment.slug, report: OTHER_SUITE });
    expect(other.classes.some((c) => c.classUri === CORE)).toBe(false);
    expect(await coreCell(db, deployment.slug)).toEqual({ verdict: "passed", runId: passing.id });
    expect(await coreVerdictOfClassPages(db, deployment.id)).toEqual({ verdict: "passed", runId: passing.id });
  });

  it("puts the older verdict back when the newest run is deleted and the deployment refreshed", async () => {
    const db = await getDb();
    const deployment = await newDeployment(db);
    const failing = await recordRun(db, moderator, { deployment: deployment.slug, report: TESTNG });
    const passing = await recordRun(db, moderator, { deployment: deployment.slug, report: PASSING });

    await db.$transaction(async (tx) => {
      await tx.conformanceRun.delete({ where: { id: passing.id } });
      await refreshLatestVerdicts(tx, deployment.id);
    });
    expect(await coreCell(db, deployment.slug)).toEqual({ verdict: "failed", runId: failing.id });

    // Without a refresh, a deleted run takes its cells along rather than leaving a link to a missing run.
    await db.conformanceRun.delete({ where: { id: failing.id } });
    expect(await coreCell(db, deployment.slug)).toEqual({ verdict: "untested", runId: null });
    expect(await coreVerdictOfClassPages(db, deployment.id)).toBeNull();
  });

  it("shows a re-parsed run's new verdict once the deployment is refreshed", async () => {
    const db = await getDb();
    const deployment = await newDeployment(db);
    const run = await recordRun(db, moderator, { deployment: deployment.slug, report: PASSING });
    await db.$transaction(async (tx) => {
      // What a re-parse with a fixed importer does to the run's verdict rows.
      await tx.conformanceRunClass.updateMany({
        where: { runId: run.id, classUri: CORE },
        data: { verdict: "failed", passed: 0, failed: 3 },
      });
      await refreshLatestVerdicts(tx, deployment.id);
    });
    expect(await coreCell(db, deployment.slug)).toEqual({ verdict: "failed", runId: run.id });
    const matrix = await getMatrix(db);
    const column = matrix.columns.findIndex((c) => c.uri === CORE);
    expect(matrix.rows.find((r) => r.slug === deployment.slug)!.cells[column]).toMatchObject({
      verdict: "failed",
      failed: 3,
    });
  });

  it("removes a deleted deployment's cells with it", async () => {
    const db = await getDb();
    const deployment = await newDeployment(db);
    await recordRun(db, moderator, { deployment: deployment.slug, report: TESTNG });
    expect(await db.conformanceLatestVerdict.count({ where: { deploymentId: deployment.id } })).toBeGreaterThan(0);
    await db.deployment.delete({ where: { id: deployment.id } });
    expect(await db.conformanceLatestVerdict.count({ where: { deploymentId: deployment.id } })).toBe(0);
    expect(await coreCell(db, deployment.slug)).toBeNull();
  });

  it("holds exactly the history's latest verdicts, and the migration's backfill writes the same rows", async () => {
    const db = await getDb();
    const first = await newDeployment(db);
    const second = await newDeployment(db);
    await recordRun(db, moderator, { deployment: first.slug, report: PASSING });
    await recordRun(db, moderator, { deployment: second.slug, report: TESTNG });
    await recordRun(db, moderator, { deployment: first.slug, report: OTHER_SUITE });
    await recordRun(db, moderator, { deployment: first.slug, report: TESTNG });
    await recordRun(db, moderator, { deployment: second.slug, report: OTHER_SUITE });

    const expected = await latestFromHistory(db);
    expect(expected.size).toBeGreaterThan(2);
    expect(await readModel(db)).toEqual(expected);

    const backfilled = await db
      .$transaction(async (tx) => {
        await tx.conformanceLatestVerdict.deleteMany();
        await tx.$executeRawUnsafe(backfillStatement());
        throw new Backfilled(await readModel(tx as unknown as Db));
      })
      .catch((outcome: unknown) => {
        if (outcome instanceof Backfilled) return outcome.cells;
        throw outcome;
      });
    expect(backfilled).toEqual(expected);
    // The transaction was rolled back: the app's rows are still there.
    expect(await readModel(db)).toEqual(expected);
  });
});

/** Carries the backfill's result out of a transaction that must not commit. */
class Backfilled extends Error {
  constructor(readonly cells: Awaited<ReturnType<typeof readModel>>) {
    super("rolled back on purpose");
  }
}

function backfillStatement(): string {
  const dir = path.resolve(import.meta.dirname, "../../prisma", getEnv().databaseProvider, "migrations");
  const migration = readdirSync(dir).find((name) => name.endsWith("_conformance_latest_verdict"))!;
  const sql = readFileSync(path.join(dir, migration, "migration.sql"), "utf8");
  return sql.slice(sql.indexOf("INSERT INTO")).trim().replace(/;$/, "");
}
