import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { clauseFile } from "../../../tests/clauses/clause-file-factory";
import { resolveConformanceClassUri } from "~/domain/conformance/class-catalogue";
import { checkClauseLibrary } from "./checks";
import { formatDiagnostic } from "./diagnostics";
import { findClauseVersion } from "./library";
import { loadClauseLibrary } from "./load-library.server";
import { parseClauseLock } from "./lock";
import { renderClauseVersion } from "./render";

const CLAUSES_DIRECTORY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../clauses");

describe("the real clause library (clauses/)", async () => {
  const library = await loadClauseLibrary(CLAUSES_DIRECTORY);
  const lock = parseClauseLock(await readFile(path.join(CLAUSES_DIRECTORY, "clauses.lock.json"), "utf8"));

  it("loads and passes every check, with no warning, against the real catalogue and lock", () => {
    const diagnostics = checkClauseLibrary(library, {
      isKnownClassUri: (uri) => resolveConformanceClassUri(uri) !== undefined,
      lock,
    });
    expect(diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(library.clauses.length).toBeGreaterThanOrEqual(10);
  });

  it("has a clause with two published versions and a changelog", () => {
    const clause = library.clauses.find((candidate) => candidate.versions.length >= 2);
    expect(clause?.versions.map((version) => version.changelog).every((line) => line.length > 10)).toBe(true);
  });

  it("renders every published version with its defaults plus required texts", () => {
    for (const clause of library.clauses)
      for (const version of clause.versions) {
        const values = Object.fromEntries(
          version.parameters
            .filter((p) => p.type === "text" && p.default === undefined)
            .map((p) => [p.name, "valeur d'essai"]),
        );
        const rendered = renderClauseVersion(version, values);
        expect(rendered.markdown, `${clause.id} ${version.version}`).not.toMatch(/{{|}}/);
        expect(rendered.blocks.length).toBeGreaterThan(0);
      }
  });

  it("finds a version by id and version", () => {
    expect(findClauseVersion(library, "reversibilite", "1.1.0")?.version).toBe("1.1.0");
    expect(findClauseVersion(library, "reversibilite", "9.9.9")).toBeUndefined();
  });
});

describe("loadClauseLibrary", () => {
  it("reads <dir>/<id>/*.md, skips other files, and names files from the directory", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "clauses-"));
    try {
      await mkdir(path.join(root, "exemple"));
      await writeFile(path.join(root, "exemple", "1.0.0.md"), clauseFile());
      await writeFile(path.join(root, "exemple", "notes.txt"), "pas une clause");
      await writeFile(path.join(root, "README.md"), "# pas une clause");
      const library = await loadClauseLibrary(root);
      expect(library.diagnostics).toEqual([]);
      expect(library.clauses.map((clause) => clause.versions[0]?.source.file)).toEqual([
        `${path.basename(root)}/exemple/1.0.0.md`,
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
