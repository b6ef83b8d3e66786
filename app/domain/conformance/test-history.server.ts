/**
 * One test case across runs and deployments (addressed as test-page-url.ts explains). The history is
 * keyset-paginated on the result id, newest first, never by OFFSET.
 */

import { DomainError, notFound } from "~/domain/shared/errors";
import type { Db } from "~/infra/db.server";
import { deploymentSummary, deploymentSummarySelect, loadCatalogue } from "./class-verdicts.server";
import type { TestStatus } from "./run-model";
import { testPageUrl } from "./test-page-url";

export const TEST_HISTORY_PAGE_SIZE = 50;
const MAX_CASE_KEY_LENGTH = 2_000;

/** The `avant` cursor: a result id; anything else is a 404 rather than a server error. */
export function parseHistoryCursor(value: string | null): number | null {
  if (value === null || value === "") return null;
  if (!/^\d{1,15}$/.test(value) || Number(value) < 1)
    throw new DomainError(404, "Cette page de l'historique est introuvable.");
  return Number(value);
}

export async function getTestHistory(
  db: Db,
  caseKey: string | null,
  { before = null, pageSize = TEST_HISTORY_PAGE_SIZE }: { before?: number | null; pageSize?: number } = {},
) {
  const key = (caseKey ?? "").trim();
  if (!key || key.length > MAX_CASE_KEY_LENGTH) throw notFound("Ce test", { caseKey: key.slice(0, 100) });
  const runSelect = {
    select: { id: true, createdAt: true, deployment: { select: deploymentSummarySelect } },
  } as const;
  const [newest, page, latestRuns] = await Promise.all([
    db.conformanceResult.findFirst({
      where: { caseKey: key },
      orderBy: { id: "desc" },
      select: { name: true, classUri: true, group: true, description: true },
    }),
    db.conformanceResult.findMany({
      where: { caseKey: key, ...(before !== null ? { id: { lt: before } } : {}) },
      orderBy: { id: "desc" },
      take: pageSize + 1,
      select: { id: true, testId: true, status: true, message: true, parameters: true, run: runSelect },
    }),
    // The newest run of each deployment that ran the test: one row per deployment, whatever the history's length.
    db.conformanceRun.groupBy({
      by: ["deploymentId"],
      where: { results: { some: { caseKey: key } } },
      _max: { id: true },
    }),
  ]);
  if (!newest) throw notFound("Ce test", { caseKey: key.slice(0, 100) });
  const latestRunIds = latestRuns.map((row) => row._max.id!).filter((id) => id !== null);
  const [latestResults, catalogue] = await Promise.all([
    db.conformanceResult.findMany({
      where: { caseKey: key, runId: { in: latestRunIds } },
      orderBy: { id: "asc" },
      select: { status: true, run: runSelect },
    }),
    loadCatalogue(db),
  ]);

  const rows = page.slice(0, pageSize);
  const entry = (run: (typeof page)[number]["run"]) => ({
    deployment: deploymentSummary(run.deployment),
    run: { id: run.id, url: `/conformance/runs/${run.id}`, date: run.createdAt.toISOString() },
  });
  // A parameterized test runs several times in one run: the deployment's status is the worst of its latest run.
  const latestByDeployment = new Map<number, { status: TestStatus } & ReturnType<typeof entry>>();
  for (const result of latestResults) {
    const current = latestByDeployment.get(result.run.deployment.id);
    const status = result.status as TestStatus;
    if (!current || STATUS_SEVERITY[status] < STATUS_SEVERITY[current.status])
      latestByDeployment.set(result.run.deployment.id, { status, ...entry(result.run) });
  }
  const cls = newest.classUri ? catalogue.byUri.get(catalogue.canonical(newest.classUri)) : undefined;
  return {
    test: {
      caseKey: key,
      name: newest.name,
      description: newest.description,
      group: newest.group,
      classUri: newest.classUri,
      class: cls ? { id: cls.id, title: cls.title, url: cls.url } : null,
      url: testPageUrl(key),
    },
    latest: [...latestByDeployment.values()].sort((a, b) => a.deployment.name.localeCompare(b.deployment.name, "fr")),
    results: rows.map((result) => ({
      id: result.id,
      testId: result.testId,
      status: result.status as TestStatus,
      message: result.message,
      parameters: parseParameters(result.parameters),
      ...entry(result.run),
    })),
    newerPage: before !== null ? testPageUrl(key) : null,
    olderPage: page.length > pageSize ? testPageUrl(key, rows.at(-1)!.id) : null,
  };
}

const STATUS_SEVERITY: Record<TestStatus, number> = { failed: 0, error: 1, skipped: 2, passed: 3 };

function parseParameters(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}
