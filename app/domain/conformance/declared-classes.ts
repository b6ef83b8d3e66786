/**
 * The classes a deployment DECLARES: what its own OGC API `/conformance` document lists (`conformsTo`), as opposed to
 * what test runs verified. The live probe reads that document; its run keeps the list in `declaredClasses` (JSON, as
 * the server spelled the URIs), and its conformance check says it in words for people.
 */

/** "Classes déclarées (2) : uri1, uri2", the message of the probe's conformance check. */
export function declaredClassesSummary(conformsTo: readonly string[]): string {
  return `Classes déclarées (${conformsTo.length}) : ${conformsTo.join(", ")}`;
}

/** A run's stored `declaredClasses`: the URIs, or null when the run did not read a declaration (unknown, not
 * "none"). */
export function parseDeclaredClasses(stored: string | null): string[] | null {
  if (stored === null) return null;
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) && value.every((uri) => typeof uri === "string") ? value : null;
  } catch {
    return null;
  }
}
