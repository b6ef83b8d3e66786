/** One problem found in the clause library, located at a line of a file so an editor or CI log can jump to it. */
export interface Diagnostic {
  severity: "error" | "warning";
  /** A stable code for tests and tooling (e.g. "schema", "undefined-parameter"); the message is for people. */
  code: DiagnosticCode;
  /** Path as shown to people, e.g. `clauses/reversibilite/1.0.0.md`. */
  file: string;
  /** 1-based line number. */
  line: number;
  /** French sentence. */
  message: string;
}

export type DiagnosticCode =
  | "file-name"
  | "front-matter"
  | "yaml-syntax"
  | "schema"
  | "template-syntax"
  | "undefined-parameter"
  | "unused-parameter"
  | "invalid-comparison"
  | "invalid-default"
  | "unsupported-markdown"
  | "duplicate-id"
  | "duplicate-version"
  | "id-mismatch"
  | "version-mismatch"
  | "draft-version"
  | "unknown-clause"
  | "unknown-conformance-class"
  | "administrative-content"
  | "lock-changed"
  | "lock-missing"
  | "lock-removed";

export const error = (code: DiagnosticCode, file: string, line: number, message: string): Diagnostic => ({
  severity: "error",
  code,
  file,
  line,
  message,
});

export const warning = (code: DiagnosticCode, file: string, line: number, message: string): Diagnostic => ({
  severity: "warning",
  code,
  file,
  line,
  message,
});

/** `file:line: erreur : message`, the shape compilers use, so CI logs and editors make it clickable. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const label = diagnostic.severity === "error" ? "erreur" : "avertissement";
  return `${diagnostic.file}:${diagnostic.line}: ${label} : ${diagnostic.message}`;
}

/** Sorted by file then line, so the output reads top to bottom like the files. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

export const hasErrors = (diagnostics: readonly Diagnostic[]) => diagnostics.some((d) => d.severity === "error");
