/**
 * The "latest verdict" read model (docs/decisions/011): one ConformanceLatestVerdict row per deployment and class URI
 * (as stored, any spelling), the verdict of the deployment's newest run that has a verdict on the class. The matrix
 * and the class, solution and clause pages read these rows instead of the whole verdict history.
 *
 * refreshLatestVerdicts is the one way to keep it right: whatever records, re-parses or deletes runs of a deployment
 * calls it in the same transaction, after its own writes.
 */

import type { DbOrTx } from "~/infra/db.server";
import { getEnv } from "~/infra/env.server";

/**
 * Recomputes the deployment's latest verdicts from its ConformanceRunClass rows: all its classes, or only
 * `classUris` when the caller knows no other class changed (a newly recorded run). Call it inside the transaction
 * that wrote the runs, after the writes.
 */
export async function refreshLatestVerdicts(
  tx: DbOrTx,
  deploymentId: number,
  { classUris }: { classUris?: readonly string[] } = {},
): Promise<void> {
  await serializeRefreshes(tx, deploymentId);
  const scope = classUris ? { in: [...classUris] } : { not: null };
  const newest = await tx.conformanceRunClass.groupBy({
    by: ["classUri"],
    where: { deploymentId, classUri: scope },
    _max: { runId: true },
  });
  const newestRunOf = new Map(newest.map((group) => [group.classUri!, group._max.runId!]));
  const rows = newestRunOf.size
    ? await tx.conformanceRunClass.findMany({
        where: {
          deploymentId,
          runId: { in: [...new Set(newestRunOf.values())] },
          classUri: { in: [...newestRunOf.keys()] },
        },
        // A run holds one verdict per class; were there two, the first wins, as in the migration's backfill.
        orderBy: { id: "asc" },
        select: {
          classUri: true,
          runId: true,
          verdict: true,
          total: true,
          passed: true,
          failed: true,
          skipped: true,
          errored: true,
          run: { select: { createdAt: true } },
        },
      })
    : [];
  const cells = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    if (newestRunOf.get(row.classUri!) === row.runId && !cells.has(row.classUri!)) cells.set(row.classUri!, row);
  }
  await tx.conformanceLatestVerdict.deleteMany({
    where: { deploymentId, ...(classUris ? { classUri: { in: [...classUris] } } : {}) },
  });
  if (cells.size === 0) return;
  await tx.conformanceLatestVerdict.createMany({
    data: [...cells.values()].map(({ run, classUri, ...verdict }) => ({
      ...verdict,
      deploymentId,
      classUri: classUri!,
      runCreatedAt: run.createdAt,
    })),
  });
}

/** Two transactions refreshing one deployment at once on PostgreSQL would each compute from what it saw, and the last
 * to commit could put back a verdict older than the other's run: the deployment row's lock makes them take turns,
 * each then reading what the other committed. NO KEY UPDATE does not wait for the key-share lock that inserting a run
 * (its foreign key) already holds on the row. SQLite runs one write transaction at a time. */
async function serializeRefreshes(tx: DbOrTx, deploymentId: number): Promise<void> {
  if (getEnv().databaseProvider !== "postgresql") return;
  await tx.$queryRaw`SELECT "id" FROM "Deployment" WHERE "id" = ${deploymentId} FOR NO KEY UPDATE`;
}
