// The public API of the clause library (framework-free; the file-system loader is in load-library.server.ts).
export { type Diagnostic, formatDiagnostic, hasErrors, sortDiagnostics } from "./diagnostics";
export {
  CLAUSE_OBLIGATIONS,
  CLAUSE_STATUSES,
  type Clause,
  type ClauseObligation,
  type ClauseParameter,
  type ClauseReference,
  type ClauseStatus,
  type ClauseVersion,
  latestVersion,
} from "./model";
export { parseClauseFile } from "./parse-clause-file";
export { assembleClauseLibrary, type ClauseFileText, type ClauseLibrary, findClauseVersion } from "./library";
export { checkClauseLibrary, type ClauseCheckOptions } from "./checks";
export {
  checkClauseLock,
  type ClauseLock,
  emptyClauseLock,
  LOCK_FILE_NAME,
  parseClauseLock,
  serializeClauseLock,
  updateClauseLock,
} from "./lock";
export {
  formatParameterValue,
  type ParameterValue,
  requireParameterValues,
  resolveParameterValues,
  validateParameterValue,
} from "./parameters";
export { formatReference, type RenderedClause, renderClauseVersion } from "./render";
export type { Block, Inline, ListItem } from "./blocks";
export { type ClauseVersionDiff, diffClauseVersions } from "./diff";
export {
  buildClauseDocument,
  type ClauseDocument,
  type ClauseInput,
  outlineOf,
  type SectionInput,
  type TitlePage,
} from "./document";
export { exportOdt, ODT_MEDIA_TYPE } from "./export-odt";
export { DOCX_MEDIA_TYPE, exportDocx } from "./export-docx";
export { exportMarkdown, renderedClauseToMarkdown } from "./export-markdown";
export { exportHtml, renderedClauseToHtml } from "./export-html";
