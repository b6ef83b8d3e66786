/**
 * Re-parsing stored runs: after an importer fix or a change of the group → class rules, a run's raw file is read again
 * with the current code and rules, and its results and class verdicts are replaced in ONE transaction (same run id, so
 * links to it keep working; counts updated; audited). Live probe runs have no report to re-read and are left alone.
 */

import type { Db } from "~/infra/db.server";
import { recordAudit } from "~/domain/identity/audit.server";
import { DomainError } from "~/domain/shared/errors";
import { importReport } from "./import-report";
import type { StatusCounts } from "./run-model";
import { refreshLatestVerdicts } from "./latest-verdicts.server";
import { insertRunDetails, loadGroupClassMapping, runColumnsOf } from "./runs.server";

export interface RunTally {
  counts: StatusCounts;
  /** Verdict per class URI (or per unmapped group, as "group:<name>"). */
  verdicts: Record<string, string>;
}

export interface ReparsedRun {
  id: number;
  before: RunTally;
  after: RunTally;
}

const keyOf = (row: { classUri: string | null; group: string | null }) => row.classUri ?? `group:${row.group ?? ""}`;

export async function reparseRun(db: Db, runId: number, actorId: number | null = null): Promise<ReparsedRun> {
  const stored = await db.conformanceRun.findUnique({
    where: { id: runId },
    include: { classes: { orderBy: { position: "asc" } } },
  });
  if (!stored) throw new DomainError(404, `Le passage n° ${runId} est introuvable.`, { runId });
  if (stored.format === "probe") {
    throw new DomainError(
      422,
      `Le passage n° ${runId} vient de la vérification en direct : il n'a pas de rapport à ré-analyser.`,
      { runId },
    );
  }
  const before: RunTally = {
    counts: {
      total: stored.total,
      passed: stored.passed,
      failed: stored.failed,
      skipped: stored.skipped,
      error: stored.errored,
    },
    verdicts: Object.fromEntries(stored.classes.map((row) => [keyOf(row), row.verdict])),
  };
  // The stored file was accepted once; no size limit applies to reading it again.
  const run = await importReport(new Uint8Array(stored.rawFile), {
    maxBytes: Math.max(stored.rawSize, stored.rawFile.length),
    groupToClass: await loadGroupClassMapping(db),
  });
  const after: RunTally = {
    counts: run.counts,
    verdicts: Object.fromEntries(run.classes.map((summary) => [keyOf(summary), summary.verdict])),
  };
  await db.$transaction(
    async (tx) => {
      await tx.conformanceResult.deleteMany({ where: { runId } });
      await tx.conformanceRunClass.deleteMany({ where: { runId } });
      await tx.conformanceRun.update({ where: { id: runId }, data: runColumnsOf(run) });
      await insertRunDetails(tx, runId, stored.deploymentId, run);
      // A re-parse may change which classes the run covers: the deployment's every cell is computed again.
      await refreshLatestVerdicts(tx, stored.deploymentId);
      await recordAudit(tx, {
        actorId,
        action: "conformance_run.reparsed",
        targetType: "conformance_run",
        targetId: runId,
        details: { before, after },
      });
    },
    { timeout: 60_000 },
  );
  return { id: runId, before, after };
}

/** Ids of every run that has a report to re-read, oldest first. */
export async function reparsableRunIds(db: Db): Promise<number[]> {
  const rows = await db.conformanceRun.findMany({
    where: { format: { not: "probe" } },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  return rows.map((row) => row.id);
}
