import { type Diagnostic, error } from "./diagnostics";
import type { Clause, ClauseVersion } from "./model";
import { parseClauseFile } from "./parse-clause-file";
import { compareSemver } from "./semver";

export interface ClauseFileText {
  /** Path as shown to people, `clauses/<id>/<file>.md`. */
  file: string;
  text: string;
}

export interface ClauseLibrary {
  /** Sorted by id. */
  clauses: Clause[];
  /** Problems found while reading the files (syntax, schema, names, duplicates). */
  diagnostics: Diagnostic[];
}

/** Builds the library from file texts: the pure half of the loader, usable from a script, a test or the database seed. */
export function assembleClauseLibrary(files: readonly ClauseFileText[]): ClauseLibrary {
  const diagnostics: Diagnostic[] = [];
  const versionsById = new Map<string, ClauseVersion[]>();
  for (const { file, text } of [...files].sort((a, b) => a.file.localeCompare(b.file))) {
    const parsed = parseClauseFile(file, text);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.version) continue;
    const versions = versionsById.get(parsed.version.id) ?? [];
    versionsById.set(parsed.version.id, versions);
    versions.push(parsed.version);
  }

  const clauses: Clause[] = [];
  for (const [id, versions] of [...versionsById].sort(([a], [b]) => a.localeCompare(b))) {
    // Files of another folder that reuse this id are reported once and left out of the clause.
    const ownVersions = versions.some((version) => folderOf(version.source.file) === id)
      ? versions.filter((version) => folderOf(version.source.file) === id)
      : versions;
    for (const version of versions.filter((candidate) => !ownVersions.includes(candidate)))
      diagnostics.push(
        error(
          "duplicate-id",
          version.source.file,
          version.source.lineOf(["id"]),
          `L'identifiant « ${id} » est déjà utilisé par le dossier ${id}/ : chaque clause a un identifiant unique.`,
        ),
      );
    const clause: Clause = { id, versions: [] };
    for (const version of ownVersions) {
      if (version.isDraft) {
        if (clause.draft)
          diagnostics.push(
            error(
              "duplicate-version",
              version.source.file,
              1,
              `La clause « ${id} » a déjà un brouillon (${clause.draft.source.file}).`,
            ),
          );
        else clause.draft = version;
        continue;
      }
      const twin = clause.versions.find((other) => other.version === version.version);
      if (twin)
        diagnostics.push(
          error(
            "duplicate-version",
            version.source.file,
            version.source.lineOf(["version"]),
            `La version ${version.version} de « ${id} » est déjà définie dans ${twin.source.file}.`,
          ),
        );
      else clause.versions.push(version);
    }
    clause.versions.sort((a, b) => compareSemver(a.version, b.version));
    const latest = clause.versions.at(-1);
    if (clause.draft && latest && compareSemver(clause.draft.version, latest.version) <= 0)
      diagnostics.push(
        error(
          "draft-version",
          clause.draft.source.file,
          clause.draft.source.lineOf(["version"]),
          `Le brouillon doit porter une version supérieure à la dernière version publiée (${latest.version}).`,
        ),
      );
    clauses.push(clause);
  }
  return { clauses, diagnostics };
}

const folderOf = (file: string) => file.split(/[\\/]/).at(-2);

export function findClauseVersion(library: ClauseLibrary, id: string, version: string): ClauseVersion | undefined {
  const clause = library.clauses.find((candidate) => candidate.id === id);
  if (!clause) return undefined;
  if (version === "draft") return clause.draft;
  return clause.versions.find((candidate) => candidate.version === version);
}
