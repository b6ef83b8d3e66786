/**
 * The class catalogue page and each class's page: latest verdict per deployment, the clauses that require the
 * class, and the open interop reports about it that the reader may see. A bounded number of queries per page.
 */

import { visibleCategoriesWhere, type Reader } from "~/domain/forum/permissions";
import { notFound } from "~/domain/shared/errors";
import { STATUS_LABELS, type ReportStatus } from "~/domain/tracker/report";
import { OPEN_STATUSES } from "~/domain/tracker/workflow";
import type { Db } from "~/infra/db.server";
import {
  deploymentSummary,
  deploymentSummarySelect,
  latestVerdicts,
  loadCatalogue,
  spellingsOf,
  type CatalogueClass,
  type StoredCatalogue,
} from "./class-verdicts.server";
import { MATRIX_STANDARDS } from "./matrix.server";
import type { ClassVerdict } from "./run-model";
import { testPageUrl } from "./test-page-url";

export interface ClassCatalogueEntry extends CatalogueClass {
  /** Deployments whose latest verdict on the class is passed / failed. */
  passing: number;
  failing: number;
}

export async function listClassCatalogue(db: Db, { standard }: { standard?: string | null } = {}) {
  const chosen = standard && (MATRIX_STANDARDS as string[]).includes(standard) ? standard : null;
  const catalogue = await loadCatalogue(db);
  const verdicts = await latestVerdicts(db, catalogue.canonical);
  const counts = new Map<string, { passing: number; failing: number }>();
  for (const verdict of verdicts.values()) {
    const count = counts.get(verdict.classUri) ?? { passing: 0, failing: 0 };
    if (verdict.verdict === "passed") count.passing++;
    if (verdict.verdict === "failed") count.failing++;
    counts.set(verdict.classUri, count);
  }
  const classes: ClassCatalogueEntry[] = catalogue.classes
    .filter((cls) => chosen === null || cls.standard === chosen)
    .map((cls) => ({ ...cls, ...(counts.get(cls.uri) ?? { passing: 0, failing: 0 }) }));
  return { standard: chosen, standards: MATRIX_STANDARDS, classes };
}

/** A numeric id from the URL, or the French 404 of an unknown class. */
function findClass(catalogue: StoredCatalogue, id: number): CatalogueClass {
  const found = catalogue.classes.find((cls) => cls.id === id);
  if (!found) throw notFound("Cette classe de conformité", { classId: id });
  return found;
}

export interface RequiringClause {
  id: string;
  title: string;
  version: string;
  url: string;
}

/**
 * The clauses whose current version lists the class (any of its spellings) among the classes that verify it.
 * Deprecated or superseded clauses are left out: they no longer require anything of a new procurement.
 */
export async function clausesRequiringClass(
  db: Db,
  catalogue: StoredCatalogue,
  classUri: string,
): Promise<RequiringClause[]> {
  const clauses = await db.clause.findMany({
    where: { status: "published" },
    select: { id: true, title: true, currentVersion: true },
  });
  if (clauses.length === 0) return [];
  const versions = await db.clauseVersion.findMany({
    where: { OR: clauses.map((clause) => ({ clauseId: clause.id, version: clause.currentVersion })) },
    select: { clauseId: true, version: true, title: true, frontMatter: true },
  });
  return versions
    .filter((version) => conformanceClassesOf(version.frontMatter).some((uri) => catalogue.canonical(uri) === classUri))
    .map((version) => ({
      id: version.clauseId,
      title: version.title,
      version: version.version,
      url: `/clauses/${version.clauseId}`,
    }))
    .sort((a, b) => a.title.localeCompare(b.title, "fr"));
}

export function conformanceClassesOf(frontMatter: string): string[] {
  try {
    const parsed = JSON.parse(frontMatter) as { conformanceClasses?: unknown };
    return Array.isArray(parsed.conformanceClasses)
      ? parsed.conformanceClasses.filter((uri): uri is string => typeof uri === "string")
      : [];
  } catch {
    return [];
  }
}

export interface OpenIssue {
  topicId: number;
  title: string;
  url: string;
  status: ReportStatus;
  statusLabel: string;
  severity: string;
  solution: string;
}

/** Open interop reports about the class, only in categories the reader may see (a private report never leaks). */
export async function openIssuesAboutClass(db: Db, reader: Reader, cls: CatalogueClass): Promise<OpenIssue[]> {
  const reports = await db.interopReport.findMany({
    where: {
      classUri: { in: spellingsOf(cls) },
      status: { in: [...OPEN_STATUSES] },
      topic: { deletedAt: null, category: visibleCategoriesWhere(reader) },
    },
    orderBy: { topicId: "desc" },
    take: 100,
    select: {
      topicId: true,
      status: true,
      severity: true,
      topic: { select: { slug: true, title: true } },
      reportingSolution: { select: { name: true } },
    },
  });
  return reports.map((report) => ({
    topicId: report.topicId,
    title: report.topic.title,
    url: `/t/${report.topic.slug}/${report.topicId}`,
    status: report.status as ReportStatus,
    statusLabel: STATUS_LABELS[report.status as ReportStatus] ?? report.status,
    severity: report.severity,
    solution: report.reportingSolution.name,
  }));
}

const MAX_TESTS_LISTED = 200;

/** The test cases that ran under the class (any spelling), each once, most recently run first. */
export async function testsOfClass(db: Db, cls: CatalogueClass) {
  const groups = await db.conformanceResult.groupBy({
    by: ["caseKey"],
    where: { classUri: { in: spellingsOf(cls) } },
    _max: { id: true },
    orderBy: { _max: { id: "desc" } },
    take: MAX_TESTS_LISTED,
  });
  const newest = await db.conformanceResult.findMany({
    where: { id: { in: groups.map((group) => group._max.id).filter((id): id is number => id !== null) } },
    orderBy: { id: "desc" },
    select: { caseKey: true, name: true },
  });
  return newest.map((result) => ({ caseKey: result.caseKey, name: result.name, url: testPageUrl(result.caseKey) }));
}

export async function getClassPage(db: Db, reader: Reader, id: number) {
  const catalogue = await loadCatalogue(db);
  const cls = findClass(catalogue, id);
  const [verdicts, deployments, clauses, issues, tests] = await Promise.all([
    latestVerdicts(db, catalogue.canonical, { classUri: { in: spellingsOf(cls) } }),
    db.deployment.findMany({ orderBy: { name: "asc" }, select: deploymentSummarySelect }),
    clausesRequiringClass(db, catalogue, cls.uri),
    openIssuesAboutClass(db, reader, cls),
    testsOfClass(db, cls),
  ]);
  const byDeployment = new Map([...verdicts.values()].map((verdict) => [verdict.deploymentId, verdict]));
  const results = deployments.flatMap((row) => {
    const verdict = byDeployment.get(row.id);
    if (!verdict) return [];
    return [
      {
        deployment: deploymentSummary(row),
        verdict: verdict.verdict as ClassVerdict,
        passed: verdict.passed,
        failed: verdict.failed,
        total: verdict.total,
        runId: verdict.runId,
        runUrl: verdict.runUrl,
        date: verdict.date,
      },
    ];
  });
  return { class: cls, results, clauses, issues, tests };
}
