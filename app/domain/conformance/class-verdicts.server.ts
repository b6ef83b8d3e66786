/**
 * What the conformance pages share: the stored class catalogue with its alias resolver, and the latest verdict of
 * each deployment on each class (the matrix's rule: newest run first, the first verdict seen per pair wins, so a
 * later run of another suite does not hide an older verdict), read from the one-row-per-cell read model. Each
 * helper is one query, whatever the data size.
 */

import type { Db, Prisma } from "~/infra/db.server";
import { canonicalClassUriResolver, CONFORMANCE_CLASSES, parseStoredAliases } from "./class-catalogue";
import type { ClassVerdict } from "./run-model";

export interface CatalogueClass {
  id: number;
  uri: string;
  title: string;
  standard: string;
  part: string | null;
  aliases: string[];
  verified: boolean;
  url: string;
}

export interface StoredCatalogue {
  /** In the seed's order, classes an admin added last. */
  classes: CatalogueClass[];
  byUri: Map<string, CatalogueClass>;
  /** Any spelling → the canonical URI of the catalogue (or the normalized spelling when unknown). */
  canonical: (uri: string) => string;
}

const SEED_ORDER = new Map(CONFORMANCE_CLASSES.map((seed, index) => [seed.uri, index]));

export const classUrl = (id: number) => `/conformance/classes/${id}`;

export async function loadCatalogue(db: Db): Promise<StoredCatalogue> {
  const rows = await db.conformanceClass.findMany();
  const classes = rows
    .map((row) => ({
      id: row.id,
      uri: row.uri,
      title: row.title,
      standard: row.standard,
      part: row.part,
      aliases: parseStoredAliases(row.aliases),
      verified: row.verified,
      url: classUrl(row.id),
    }))
    .sort(
      (a, b) =>
        (SEED_ORDER.get(a.uri) ?? Number.MAX_SAFE_INTEGER) - (SEED_ORDER.get(b.uri) ?? Number.MAX_SAFE_INTEGER) ||
        a.uri.localeCompare(b.uri),
    );
  return {
    classes,
    byUri: new Map(classes.map((cls) => [cls.uri, cls])),
    canonical: canonicalClassUriResolver(rows),
  };
}

export interface LatestVerdict {
  deploymentId: number;
  /** Canonical URI. */
  classUri: string;
  verdict: ClassVerdict;
  passed: number;
  failed: number;
  total: number;
  runId: number;
  runUrl: string;
  date: string;
}

export const verdictKey = (deploymentId: number, canonicalUri: string) => `${deploymentId} ${canonicalUri}`;

/** The latest verdict per (deployment, canonical class) among the cells `where` selects, from the read model
 * (latest-verdicts.server.ts). Two spellings of one class are two cells there: the newer run wins. */
export async function latestVerdicts(
  db: Db,
  canonical: (uri: string) => string,
  where: Prisma.ConformanceLatestVerdictWhereInput = {},
): Promise<Map<string, LatestVerdict>> {
  const rows = await db.conformanceLatestVerdict.findMany({
    where,
    select: {
      deploymentId: true,
      classUri: true,
      verdict: true,
      failed: true,
      passed: true,
      total: true,
      runId: true,
      runCreatedAt: true,
    },
  });
  const latest = new Map<string, LatestVerdict>();
  for (const row of rows) {
    const classUri = canonical(row.classUri);
    const key = verdictKey(row.deploymentId, classUri);
    const seen = latest.get(key);
    if (seen && seen.runId >= row.runId) continue;
    latest.set(key, {
      deploymentId: row.deploymentId,
      classUri,
      verdict: row.verdict as ClassVerdict,
      passed: row.passed,
      failed: row.failed,
      total: row.total,
      runId: row.runId,
      runUrl: `/conformance/runs/${row.runId}`,
      date: row.runCreatedAt.toISOString(),
    });
  }
  return latest;
}

/** Every URI a class may be stored under: the canonical one and its aliases (for `in` filters). */
export const spellingsOf = (cls: Pick<CatalogueClass, "uri" | "aliases">) => [cls.uri, ...cls.aliases];

export interface DeploymentSummary {
  id: number;
  slug: string;
  name: string;
  url: string;
  organisation: string;
  solution: { slug: string; name: string; version: string; url: string };
}

export const deploymentSummarySelect = {
  id: true,
  slug: true,
  name: true,
  organisationLabel: true,
  solutionVersion: { select: { version: true, solution: { select: { slug: true, name: true } } } },
} as const;

export function deploymentSummary(row: {
  id: number;
  slug: string;
  name: string;
  organisationLabel: string;
  solutionVersion: { version: string; solution: { slug: string; name: string } };
}): DeploymentSummary {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    url: `/conformance/deployments/${row.slug}`,
    organisation: row.organisationLabel,
    solution: {
      slug: row.solutionVersion.solution.slug,
      name: row.solutionVersion.solution.name,
      version: row.solutionVersion.version,
      url: solutionUrl(row.solutionVersion.solution.slug),
    },
  };
}

export const solutionUrl = (slug: string) => `/conformance/solutions/${slug}`;
