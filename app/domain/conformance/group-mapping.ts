/**
 * Maps a suite's own grouping names to conformance class URIs. TEAM Engine results never carry class URIs, only
 * `<test>` names ("Core", "Coordinate Reference Systems by Reference"), so the link is DATA an admin edits: a plain
 * array of rules, serializable as JSON, passed to the importers. The defaults cover ets-ogcapi-features10.
 */

import { z } from "zod";

export interface GroupClassRule {
  /** Suite name prefix, compared loosely (case, spaces and dashes); absent = any suite. */
  readonly suite?: string;
  /** The group name as the suite writes it (TestNG `<test>` name or method group, EARL requirement, JUnit suite). */
  readonly group: string;
  readonly classUri: string;
}

export type GroupClassMapping = readonly GroupClassRule[];

/** The shape an admin form or a JSON settings file must have; reuse it to validate edits. */
export const groupClassMappingSchema = z.array(
  z.object({
    suite: z.string().trim().min(1).optional(),
    group: z.string().trim().min(1),
    classUri: z.string().trim().url(),
  }),
);

/**
 * ets-ogcapi-features10 names its two `<test>`s after the classes it tests (conformance-reports.md); EARL writes the
 * same names with dashes, which the loose comparison absorbs. The suite is scoped because other suites (EDR,
 * Processes, Tiles) also have a group called "Core".
 */
export const DEFAULT_GROUP_CLASS_MAPPING: GroupClassMapping = [
  {
    suite: "ogcapi-features-1.0",
    group: "Core",
    classUri: "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
  },
  {
    suite: "ogcapi-features-1.0",
    group: "Coordinate Reference Systems by Reference",
    classUri: "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
  },
];

/** Case, dashes, underscores and runs of spaces do not distinguish names ("Coordinate-Reference-Systems-by-…"). */
export function looseName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");
}

export interface ClassResolver {
  /** The class URI for the first candidate name that a rule of this suite maps, or null. */
  resolve(candidates: readonly (string | null)[]): string | null;
}

export function buildClassResolver(mapping: GroupClassMapping, suiteName: string): ClassResolver {
  const suite = looseName(suiteName);
  const byGroup = new Map<string, string>();
  for (const rule of mapping) {
    if (rule.suite !== undefined && !suite.startsWith(looseName(rule.suite))) continue;
    const key = looseName(rule.group);
    // The first rule wins so an admin can put a specific override before a general one.
    if (!byGroup.has(key)) byGroup.set(key, rule.classUri);
  }
  return {
    resolve(candidates) {
      for (const candidate of candidates) {
        if (candidate === null) continue;
        const classUri = byGroup.get(looseName(candidate));
        if (classUri !== undefined) return classUri;
      }
      return null;
    },
  };
}
