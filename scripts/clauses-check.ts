// `npm run clauses:check`: checks every clause file (format, parameters, conditions, conformance classes, CCAP
// content) and that no published version changed since it was locked. Exit code 1 on any error; warnings print
// but pass. `npm run clauses:check -- --update-lock` records new published versions, never changes existing ones.
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkClauseLibrary } from "../app/domain/clauses/checks";
import { formatDiagnostic, hasErrors } from "../app/domain/clauses/diagnostics";
import { loadClauseLibrary } from "../app/domain/clauses/load-library.server";
import {
  emptyClauseLock,
  LOCK_FILE_NAME,
  parseClauseLock,
  serializeClauseLock,
  updateClauseLock,
} from "../app/domain/clauses/lock";
import { resolveConformanceClassUri } from "../app/domain/conformance/class-catalogue";

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const clausesDirectory = path.join(repositoryRoot, "clauses");
const lockPath = path.join(clausesDirectory, LOCK_FILE_NAME);
const lockLabel = `clauses/${LOCK_FILE_NAME}`;

const isKnownClassUri = (uri: string) => resolveConformanceClassUri(uri) !== undefined;

async function main(): Promise<number> {
  const shouldUpdateLock = process.argv.slice(2).includes("--update-lock");
  const library = await loadClauseLibrary(clausesDirectory);
  let lock = existsSync(lockPath) ? parseClauseLock(await readFile(lockPath, "utf8")) : emptyClauseLock();

  if (shouldUpdateLock) {
    // A broken file must not be locked: its hash would freeze the mistake.
    const withoutLock = checkClauseLibrary(library, { isKnownClassUri });
    if (hasErrors(withoutLock)) {
      withoutLock.forEach((diagnostic) => console.error(formatDiagnostic(diagnostic)));
      console.error(`\n${lockLabel} n'a pas été mis à jour : corrigez d'abord les erreurs ci-dessus.`);
      return 1;
    }
    const update = updateClauseLock(library, lock, lockLabel);
    if (update.violations.length > 0) {
      update.violations.forEach((diagnostic) => console.error(formatDiagnostic(diagnostic)));
      console.error(`\n${lockLabel} n'a pas été mis à jour : une version publiée ne change jamais.`);
      return 1;
    }
    if (update.added.length > 0) {
      await writeFile(lockPath, serializeClauseLock(update.lock));
      console.log(`${lockLabel} : ${update.added.length} version(s) ajoutée(s) : ${update.added.join(", ")}.`);
    } else console.log(`${lockLabel} est à jour.`);
    lock = update.lock;
  }

  const diagnostics = checkClauseLibrary(library, { isKnownClassUri, lock, lockFile: lockLabel });
  for (const diagnostic of diagnostics)
    (diagnostic.severity === "error" ? console.error : console.warn)(formatDiagnostic(diagnostic));
  const errorCount = diagnostics.filter((diagnostic) => diagnostic.severity === "error").length;
  const warningCount = diagnostics.length - errorCount;
  const versionCount = library.clauses.reduce((count, clause) => count + clause.versions.length, 0);
  const draftCount = library.clauses.filter((clause) => clause.draft).length;
  console.log(
    `${library.clauses.length} clause(s), ${versionCount} version(s) publiée(s), ${draftCount} brouillon(s) : ${errorCount} erreur(s), ${warningCount} avertissement(s).`,
  );
  return hasErrors(diagnostics) ? 1 : 0;
}

process.exitCode = await main();
