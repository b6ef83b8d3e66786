import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { assembleClauseLibrary, type ClauseFileText, type ClauseLibrary } from "./library";

/**
 * Reads `<directory>/<clause-id>/*.md` (other files, such as README.md or the lock file, are not clauses).
 * Paths in diagnostics start with the directory's own name (`clauses/…`), as seen from the repository root.
 */
export async function loadClauseLibrary(directory: string): Promise<ClauseLibrary> {
  return assembleClauseLibrary(await readClauseFiles(directory));
}

export async function readClauseFiles(directory: string): Promise<ClauseFileText[]> {
  const displayRoot = path.basename(path.resolve(directory));
  const files: ClauseFileText[] = [];
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    for (const fileName of await readdir(path.join(directory, entry.name))) {
      if (!fileName.endsWith(".md")) continue;
      files.push({
        file: `${displayRoot}/${entry.name}/${fileName}`,
        text: await readFile(path.join(directory, entry.name, fileName), "utf8"),
      });
    }
  }
  return files;
}
