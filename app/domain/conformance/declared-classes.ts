/**
 * The classes a deployment DECLARES: what its own OGC API `/conformance` document lists (`conformsTo`), as opposed to
 * what test runs verified. The live probe reads that document and records the list in the message of its
 * `conformance` check; the two functions below write and read that message, so the format has one owner and the
 * declaration needs no column of its own.
 */

/** The probe's `conformance` check, as stored in ConformanceResult.caseKey. */
export const PROBE_CONFORMANCE_CASE_KEY = "cicclo-probe#conformance";

const SUMMARY = /Classes déclarées \((\d+)\) : (.*)$/s;

/** "Classes déclarées (2) : uri1, uri2", the spellings as the server wrote them. */
export function declaredClassesSummary(conformsTo: readonly string[]): string {
  return `Classes déclarées (${conformsTo.length}) : ${conformsTo.join(", ")}`;
}

/**
 * The declared URIs in a stored message of the probe's conformance check, or null when the message holds no
 * declaration (the document could not be read) or was cut (the count does not match): unknown, not "none".
 */
export function declaredClassesFromMessage(message: string | null | undefined): string[] | null {
  const match = SUMMARY.exec(message ?? "");
  if (!match) return null;
  const uris = match[2]!.trim() === "" ? [] : match[2]!.trim().split(", ");
  return uris.length === Number(match[1]) ? uris : null;
}
