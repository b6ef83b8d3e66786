// Loads the clause library (clauses/) into the database: run by `npm start`, `npm run db:seed` and the test setup.
// Idempotent: only new published versions are written; a changed published version is refused (see
// syncClauseLibrary). Files with errors (`npm run clauses:check` names them) are left out.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkClauseLibrary } from "../../app/domain/clauses/checks";
import { loadClauseLibrary } from "../../app/domain/clauses/load-library.server";
import {
  type ClauseSyncOptions,
  type ClauseSyncResult,
  syncClauseLibrary,
} from "../../app/domain/clauses/library.server";
import { resolveConformanceClassUri } from "../../app/domain/conformance/class-catalogue";
import type { Db } from "../../app/infra/db.server";

export const CLAUSES_DIRECTORY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../clauses");

export async function loadClausesIntoDatabase(
  db: Db,
  directory = CLAUSES_DIRECTORY,
  options: ClauseSyncOptions = {},
): Promise<ClauseSyncResult> {
  const library = await loadClauseLibrary(directory);
  // The full checks (template, parameters, conformance classes), not only the parse: a broken file is not loaded.
  const diagnostics = checkClauseLibrary(library, {
    isKnownClassUri: (uri) => resolveConformanceClassUri(uri) !== undefined,
  });
  return syncClauseLibrary(db, { ...library, diagnostics }, options);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { getDb, disconnectDb } = await import("../../app/infra/db.server");
  const result = await loadClausesIntoDatabase(await getDb());
  console.log(
    `Clause library loaded (${result.versionsAdded.length} new version(s), ${result.refused.length} refused).`,
  );
  await disconnectDb();
  if (result.refused.length > 0) process.exitCode = 1;
}
