/**
 * What a maintainer sees of an uploaded report before recording it: the format recognized, the suite, the counts and
 * the verdict per class. Framework-free, so the summary's shape and the staging lifetime are unit-tested.
 */

import type { ClassVerdict, ConformanceRun, StatusCounts } from "./run-model";

/** A staged upload not confirmed within this delay is deleted (the job runner, and every new upload, purge them). */
export const STAGED_UPLOAD_LIFETIME_MS = 24 * 60 * 60 * 1000;

export interface StagedUploadSummary {
  fileName: string;
  size: number;
  format: ConformanceRun["format"];
  fileFormat: string;
  formatLabel: string;
  suite: { name: string; version: string | null };
  subject: string | null;
  counts: StatusCounts;
  classes: {
    classUri: string | null;
    group: string | null;
    title: string;
    verdict: ClassVerdict;
    counts: StatusCounts;
  }[];
  warnings: string[];
}

const FORMAT_LABELS: Record<string, string> = {
  "testng-xml": "TEAM Engine, résultats TestNG (XML)",
  "earl-rdf": "TEAM Engine, résultats EARL (RDF/XML)",
  "junit-xml": "JUnit (XML)",
  "validata-json": "Validata ou frictionless (JSON)",
};

export function formatLabelOf(fileFormat: string): string {
  return FORMAT_LABELS[fileFormat] ?? fileFormat;
}

/** Classes in the order the run page uses (failures first), each titled from the catalogue when it is known there. */
export function summarizeStagedRun(
  run: ConformanceRun & { fileFormat: string },
  file: { name: string; size: number },
  titles: ReadonlyMap<string, string>,
): StagedUploadSummary {
  const order: Record<ClassVerdict, number> = { failed: 0, inconclusive: 1, "not-tested": 2, passed: 3 };
  return {
    fileName: file.name,
    size: file.size,
    format: run.format,
    fileFormat: run.fileFormat,
    formatLabel: formatLabelOf(run.fileFormat),
    suite: { name: run.suite.name, version: run.suite.version },
    subject: run.subject,
    counts: run.counts,
    classes: run.classes
      .map((summary, position) => ({ summary, position }))
      .sort((a, b) => order[a.summary.verdict] - order[b.summary.verdict] || a.position - b.position)
      .map(({ summary }) => ({
        classUri: summary.classUri,
        group: summary.group,
        title: (summary.classUri && titles.get(summary.classUri)) ?? summary.group ?? summary.classUri ?? "Sans classe",
        verdict: summary.verdict,
        counts: summary.counts,
      })),
    warnings: [...run.warnings],
  };
}

export function isStagedUploadExpired(createdAt: Date, now: Date): boolean {
  return now.getTime() - createdAt.getTime() >= STAGED_UPLOAD_LIFETIME_MS;
}

/** The file name as the browser sent it, without a path, bounded, for display only. */
export function displayFileName(name: string | null | undefined): string {
  const base = (name ?? "").split(/[\\/]/).pop()?.trim() ?? "";
  return base.slice(0, 200) || "rapport";
}
