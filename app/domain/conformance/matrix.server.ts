/**
 * The conformance matrix: every deployment × the classes some run has a verdict on, each cell the verdict of the
 * deployment's LATEST run that tested the class (so a newer run of another suite does not hide an older verdict).
 */

import { anonymousReader, audienceKey, type Reader } from "~/domain/forum/permissions";
import { noReadCache, type ReadModels } from "~/domain/shared/read-cache";
import type { Db } from "~/infra/db.server";
import { CONFORMANCE_CLASSES, type ConformanceStandard } from "./class-catalogue";
import type { ClassVerdict } from "./run-model";
import { triagedFailureCounts } from "./triage.server";

export const MATRIX_STANDARDS = [...new Set(CONFORMANCE_CLASSES.map((cls) => cls.standard))] as ConformanceStandard[];

export interface MatrixCell {
  verdict: ClassVerdict | "untested";
  failed: number;
  /** The run the verdict comes from (its page is /conformance/runs/:runId); null when untested. The matrix holds
   * thousands of cells: each carries only what its own page needs. */
  runId: number | null;
  date: string | null;
  /** Failing tests of the cell linked to a topic the reader may read (docs/decisions/017). */
  triaged: number;
}

export interface MatrixColumn {
  uri: string;
  /** The class page; null for a URI the catalogue does not hold. */
  url: string | null;
  title: string;
  standard: string;
  part: string | null;
}

export interface MatrixRow {
  slug: string;
  name: string;
  url: string;
  organisation: string;
  solution: string;
  solutionUrl: string;
  version: string;
  cells: MatrixCell[];
}

const UNTESTED: MatrixCell = {
  verdict: "untested",
  failed: 0,
  runId: null,
  date: null,
  triaged: 0,
};

export function getMatrix(
  db: Db,
  {
    standard,
    reader = anonymousReader,
    readCache = noReadCache,
  }: {
    standard?: string | null;
    reader?: Reader;
    /** The matrix is the same for every reader of an audience (only triage counts depend on what one may read): it
     * is kept a few seconds, and emptied by every upload like the rest of the read cache. */
    readCache?: ReadModels;
  } = {},
) {
  return readCache.remember(`conformance-matrix:${audienceKey(reader)}:${standard ?? ""}`, () =>
    computeMatrix(db, standard, reader),
  );
}

async function computeMatrix(db: Db, standard: string | null | undefined, reader: Reader) {
  const chosen = standard && (MATRIX_STANDARDS as string[]).includes(standard) ? standard : null;
  const [deployments, verdicts, catalogue, triaged] = await Promise.all([
    db.deployment.findMany({
      orderBy: { name: "asc" },
      include: { solutionVersion: { include: { solution: true } } },
    }),
    // The read model holds one row per cell (latest-verdicts.server.ts): the matrix never reads the history.
    db.conformanceLatestVerdict.findMany({
      select: {
        deploymentId: true,
        classUri: true,
        verdict: true,
        failed: true,
        runId: true,
        runCreatedAt: true,
      },
    }),
    db.conformanceClass.findMany({ select: { id: true, uri: true, title: true, standard: true, part: true } }),
    triagedFailureCounts(db, reader),
  ]);
  const latest = new Map<string, MatrixCell>();
  for (const row of verdicts) {
    const key = `${row.deploymentId} ${row.classUri}`;
    latest.set(key, {
      verdict: row.verdict as ClassVerdict,
      failed: row.failed,
      runId: row.runId,
      date: row.runCreatedAt.toISOString(),
      triaged: triaged.get(key) ?? 0,
    });
  }
  const byUri = new Map(catalogue.map((cls) => [cls.uri, cls]));
  const testedUris = new Set(verdicts.map((row) => row.classUri));
  const catalogueOrder = new Map(CONFORMANCE_CLASSES.map((cls, index) => [cls.uri, index]));
  const columns: MatrixColumn[] = [...testedUris]
    .map((uri) => {
      const known = byUri.get(uri);
      return {
        uri,
        url: known ? `/conformance/classes/${known.id}` : null,
        title: known?.title ?? uri,
        standard: known?.standard ?? (uri.includes("schema.data.gouv.fr") ? "schema.data.gouv.fr" : "Autre"),
        part: known?.part ?? null,
      };
    })
    .filter((column) => chosen === null || column.standard === chosen)
    .sort(
      (a, b) =>
        (catalogueOrder.get(a.uri) ?? Number.MAX_SAFE_INTEGER) -
          (catalogueOrder.get(b.uri) ?? Number.MAX_SAFE_INTEGER) || a.uri.localeCompare(b.uri),
    );
  const rows: MatrixRow[] = deployments.map((deployment) => ({
    slug: deployment.slug,
    name: deployment.name,
    url: `/conformance/deployments/${deployment.slug}`,
    organisation: deployment.organisationLabel,
    solution: deployment.solutionVersion.solution.name,
    solutionUrl: `/conformance/solutions/${deployment.solutionVersion.solution.slug}`,
    version: deployment.solutionVersion.version,
    cells: columns.map((column) => latest.get(`${deployment.id} ${column.uri}`) ?? UNTESTED),
  }));
  return { standard: chosen, standards: MATRIX_STANDARDS, columns, rows };
}
