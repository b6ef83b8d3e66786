import { z } from "zod";
import { type Diagnostic, error } from "./diagnostics";
import type { ClauseLibrary } from "./library";

// clauses/clauses.lock.json records the content hash of every published version: a published version never
// changes (DESIGN.md), and CI proves it by recomputing the hashes. Only new entries may be added.

export const LOCK_FILE_NAME = "clauses.lock.json";
export const UPDATE_LOCK_COMMAND = "npm run clauses:check -- --update-lock";

const lockSchema = z
  .object({
    lockVersion: z.literal(1),
    clauses: z.record(z.string(), z.record(z.string(), z.string().regex(/^sha256:[0-9a-f]{64}$/))),
  })
  .strict();

export type ClauseLock = z.infer<typeof lockSchema>;

export const emptyClauseLock = (): ClauseLock => ({ lockVersion: 1, clauses: {} });

/** Throws a plain Error with a French message when the file is not a lock file: CI must stop, not guess. */
export function parseClauseLock(text: string): ClauseLock {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new Error(`${LOCK_FILE_NAME} n'est pas du JSON valide : ${(cause as Error).message}`);
  }
  const parsed = lockSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(`${LOCK_FILE_NAME} n'a pas la forme attendue : ${parsed.error.issues[0]?.message ?? ""}`);
  return parsed.data;
}

/** Sorted keys and a final newline, so the file diffs cleanly in review. */
export function serializeClauseLock(lock: ClauseLock): string {
  const clauses: Record<string, Record<string, string>> = {};
  for (const id of Object.keys(lock.clauses).sort()) {
    const versions = lock.clauses[id] ?? {};
    clauses[id] = Object.fromEntries(
      Object.keys(versions)
        .sort()
        .map((version) => [version, versions[version]!]),
    );
  }
  return `${JSON.stringify({ lockVersion: 1, clauses }, null, 2)}\n`;
}

function publishedVersions(library: ClauseLibrary) {
  return library.clauses.flatMap((clause) => clause.versions);
}

/** Changed or removed published versions: never acceptable, with or without --update-lock. */
function findLockViolations(library: ClauseLibrary, lock: ClauseLock, lockFile: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const present = new Set<string>();
  for (const version of publishedVersions(library)) {
    present.add(`${version.id}@${version.version}`);
    const locked = lock.clauses[version.id]?.[version.version];
    if (locked && locked !== version.source.contentHash)
      diagnostics.push(
        error(
          "lock-changed",
          version.source.file,
          1,
          `La version publiée ${version.version} de « ${version.id} » a été modifiée (empreinte ${version.source.contentHash}, ${locked} attendue). Une version publiée ne change jamais : annulez la modification et publiez une nouvelle version (par exemple dans draft.md).`,
        ),
      );
  }
  for (const [id, versions] of Object.entries(lock.clauses))
    for (const version of Object.keys(versions))
      if (!present.has(`${id}@${version}`))
        diagnostics.push(
          error(
            "lock-removed",
            lockFile,
            1,
            `La version publiée ${version} de « ${id} » est enregistrée dans le verrou mais son fichier est absent ou illisible : une version publiée ne se supprime pas.`,
          ),
        );
  return diagnostics;
}

export function checkClauseLock(
  library: ClauseLibrary,
  lock: ClauseLock,
  lockFile = `clauses/${LOCK_FILE_NAME}`,
): Diagnostic[] {
  const diagnostics = findLockViolations(library, lock, lockFile);
  for (const version of publishedVersions(library))
    if (!lock.clauses[version.id]?.[version.version])
      diagnostics.push(
        error(
          "lock-missing",
          version.source.file,
          1,
          `La version publiée ${version.version} de « ${version.id} » n'est pas enregistrée dans ${LOCK_FILE_NAME} : lancez « ${UPDATE_LOCK_COMMAND} ».`,
        ),
      );
  return diagnostics;
}

/**
 * Adds the published versions the lock does not know yet. Refuses (returns the violations and the lock unchanged)
 * when an existing entry was changed or removed: --update-lock is for new versions only.
 */
export function updateClauseLock(
  library: ClauseLibrary,
  lock: ClauseLock,
  lockFile = `clauses/${LOCK_FILE_NAME}`,
): { lock: ClauseLock; added: string[]; violations: Diagnostic[] } {
  const violations = findLockViolations(library, lock, lockFile);
  if (violations.length > 0) return { lock, added: [], violations };
  const updated: ClauseLock = {
    lockVersion: 1,
    clauses: Object.fromEntries(Object.entries(lock.clauses).map(([id, versions]) => [id, { ...versions }])),
  };
  const added: string[] = [];
  for (const version of publishedVersions(library)) {
    const versions = (updated.clauses[version.id] ??= {});
    if (versions[version.version]) continue;
    versions[version.version] = version.source.contentHash;
    added.push(`${version.id} ${version.version}`);
  }
  return { lock: updated, added, violations };
}
