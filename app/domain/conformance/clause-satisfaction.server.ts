/**
 * « Qui satisfait cette clause aujourd'hui » : for the conformance classes that verify a clause, the deployments
 * whose latest verdict on EVERY one of them is "passed" (vérifié), and apart from them those whose own `/conformance`
 * document, as last read by the live probe, lists every one of them (déclaré). Spellings are reconciled through the
 * catalogue's aliases (1.0/1.1, /req/ vs /conf/). Five queries, whatever the number of runs.
 */

import { loadClauseVersionView } from "~/domain/clauses/library.server";
import type { Db } from "~/infra/db.server";
import {
  deploymentSummary,
  deploymentSummarySelect,
  latestVerdicts,
  loadCatalogue,
  verdictKey,
} from "./class-verdicts.server";
import { holdsAll, type ClauseSatisfaction, type SatisfyingDeployment } from "./clause-satisfaction";
import { parseDeclaredClasses } from "./declared-classes";

export async function clauseSatisfaction(db: Db, conformanceClasses: readonly string[]): Promise<ClauseSatisfaction> {
  const catalogue = await loadCatalogue(db);
  const required = [...new Set(conformanceClasses.map(catalogue.canonical))];
  const classes = required.map((uri) => {
    const known = catalogue.byUri.get(uri);
    return { uri, title: known?.title ?? uri, url: known?.url ?? null };
  });
  if (required.length === 0) return { classes, verified: [], declared: [] };

  const spellings = catalogue.classes
    .filter((cls) => required.includes(cls.uri))
    .flatMap((cls) => [cls.uri, ...cls.aliases]);
  const [deployments, verdicts, latestProbes] = await Promise.all([
    db.deployment.findMany({ orderBy: { name: "asc" }, select: deploymentSummarySelect }),
    latestVerdicts(db, catalogue.canonical, { classUri: { in: [...new Set([...spellings, ...required])] } }),
    db.conformanceRun.groupBy({ by: ["deploymentId"], where: { format: "probe" }, _max: { id: true } }),
  ]);
  const probeRunIds = latestProbes.map((row) => row._max.id).filter((id): id is number => id !== null);
  const declarations = await db.conformanceRun.findMany({
    where: { id: { in: probeRunIds } },
    select: { id: true, deploymentId: true, createdAt: true, declaredClasses: true },
  });
  const declaredBy = new Map(declarations.map((run) => [run.deploymentId, run]));

  const verified: SatisfyingDeployment[] = [];
  const declared: SatisfyingDeployment[] = [];
  for (const row of deployments) {
    const passing = required.map((uri) => verdicts.get(verdictKey(row.id, uri)));
    if (passing.every((verdict) => verdict?.verdict === "passed")) {
      const runs = [...new Map(passing.map((verdict) => [verdict!.runId, verdict!])).values()];
      verified.push({
        deployment: deploymentSummary(row),
        runs: runs.map((verdict) => ({ id: verdict.runId, url: verdict.runUrl, date: verdict.date })),
      });
    }
    const declaration = declaredBy.get(row.id);
    const uris = parseDeclaredClasses(declaration?.declaredClasses ?? null);
    if (declaration && uris && holdsAll(required, uris, catalogue.canonical)) {
      declared.push({
        deployment: deploymentSummary(row),
        runs: [
          {
            id: declaration.id,
            url: `/conformance/runs/${declaration.id}`,
            date: declaration.createdAt.toISOString(),
          },
        ],
      });
    }
  }
  return { classes, verified, declared };
}

/** The current clause page's data (/clauses/:id and its .json): the version view and who satisfies it today. */
export async function loadCurrentClausePage(db: Db, clauseId: string) {
  const view = await loadClauseVersionView(db, clauseId);
  const satisfaction = await clauseSatisfaction(
    db,
    view.conformanceClasses.map((conformanceClass) => conformanceClass.uri),
  );
  return { ...view, satisfaction };
}
