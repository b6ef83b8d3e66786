import { marked } from "marked";
import { findAdministrativeContent } from "./administrative-content";
import { SUPPORTED_MARKDOWN_BLOCKS } from "./blocks";
import { type Diagnostic, error, sortDiagnostics, warning } from "./diagnostics";
import type { ClauseLibrary } from "./library";
import { checkClauseLock, type ClauseLock } from "./lock";
import type { ClauseVersion } from "./model";
import { parseDuration, validateParameterValue } from "./parameters";
import { collectParameterUses } from "./template";

export interface ClauseCheckOptions {
  /** Whether a conformance class URI is in the catalogue (app/domain/conformance/class-catalogue.ts in the app). */
  isKnownClassUri: (uri: string) => boolean;
  /** When given, published versions are compared with it (missing, changed, removed entries). */
  lock?: ClauseLock;
  lockFile?: string;
}

/** Every check of the library: what `npm run clauses:check` prints, errors and warnings, sorted by file and line. */
export function checkClauseLibrary(library: ClauseLibrary, options: ClauseCheckOptions): Diagnostic[] {
  const diagnostics = [...library.diagnostics];
  const knownIds = new Set(library.clauses.map((clause) => clause.id));
  for (const clause of library.clauses)
    for (const version of [...clause.versions, ...(clause.draft ? [clause.draft] : [])])
      diagnostics.push(...checkClauseVersion(version, { ...options, knownIds }));
  if (options.lock) diagnostics.push(...checkClauseLock(library, options.lock, options.lockFile));
  return sortDiagnostics(diagnostics);
}

export function checkClauseVersion(
  version: ClauseVersion,
  options: { isKnownClassUri: (uri: string) => boolean; knownIds: ReadonlySet<string> },
): Diagnostic[] {
  return [
    ...checkParameterDefinitions(version),
    ...checkParameterUses(version),
    ...checkMarkdownBlocks(version),
    ...checkAdministrativeContent(version),
    ...checkLinks(version, options),
  ];
}

function checkParameterDefinitions(version: ClauseVersion): Diagnostic[] {
  const { file, lineOf } = version.source;
  const diagnostics: Diagnostic[] = [];
  version.parameters.forEach((parameter, index) => {
    const at = (field: string) => lineOf(["parameters", index, field]);
    if (parameter.default !== undefined) {
      const result = validateParameterValue(parameter, parameter.default);
      if (!result.ok)
        diagnostics.push(
          error("invalid-default", file, at("default"), `Valeur par défaut refusée : ${result.message}`),
        );
    }
    if (
      parameter.type === "integer" &&
      parameter.min !== undefined &&
      parameter.max !== undefined &&
      parameter.min > parameter.max
    )
      diagnostics.push(
        error("invalid-default", file, at("min"), `« ${parameter.label} » : le minimum dépasse le maximum.`),
      );
    if (parameter.type === "duration" && parameter.min && parameter.max) {
      const [min, max] = [parseDuration(parameter.min), parseDuration(parameter.max)];
      if (min && max && min.family !== max.family)
        diagnostics.push(
          error(
            "invalid-default",
            file,
            at("max"),
            `« ${parameter.label} » : min et max doivent être tous deux en jours/semaines ou tous deux en mois/années.`,
          ),
        );
      else if (min && max && min.size > max.size)
        diagnostics.push(
          error("invalid-default", file, at("min"), `« ${parameter.label} » : le minimum dépasse le maximum.`),
        );
    }
  });
  return diagnostics;
}

function checkParameterUses(version: ClauseVersion): Diagnostic[] {
  const { file, lineOf } = version.source;
  const diagnostics: Diagnostic[] = [];
  const parameters = new Map(version.parameters.map((parameter) => [parameter.name, parameter]));
  const uses = collectParameterUses(version.template);
  for (const use of uses) {
    const parameter = parameters.get(use.name);
    if (!parameter) {
      diagnostics.push(
        error(
          "undefined-parameter",
          file,
          use.line,
          `Le paramètre « ${use.name} » n'est pas déclaré dans « parameters ».`,
        ),
      );
      continue;
    }
    const condition = use.condition;
    if (!condition || condition.operator === "truthy") continue;
    if (parameter.type !== "choice")
      diagnostics.push(
        error(
          "invalid-comparison",
          file,
          use.line,
          `« ${use.name} » est de type ${parameter.type} : la comparaison == ou != n'est permise que sur un paramètre de type choice.`,
        ),
      );
    else if (!parameter.options.some((option) => option.value === condition.value))
      diagnostics.push(
        error(
          "invalid-comparison",
          file,
          use.line,
          `« ${condition.value} » n'est pas une option de « ${use.name} » (options : ${parameter.options.map((o) => o.value).join(", ")}).`,
        ),
      );
  }
  const used = new Set(uses.map((use) => use.name));
  version.parameters.forEach((parameter, index) => {
    if (!used.has(parameter.name))
      diagnostics.push(
        warning(
          "unused-parameter",
          file,
          lineOf(["parameters", index, "name"]),
          `Le paramètre « ${parameter.name} » n'est utilisé nulle part dans le texte contractuel.`,
        ),
      );
  });
  return diagnostics;
}

/** Clause headings come from the document outline, so the binding text holds only paragraphs and lists. */
function checkMarkdownBlocks(version: ClauseVersion): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  let line = version.source.bindingStartLine;
  for (const token of marked.lexer(version.bindingText)) {
    if (!SUPPORTED_MARKDOWN_BLOCKS.has(token.type))
      diagnostics.push(
        error(
          "unsupported-markdown",
          version.source.file,
          line,
          `Bloc Markdown non pris en charge dans le texte contractuel (${token.type}) : seuls les paragraphes et les listes sont permis.`,
        ),
      );
    line += token.raw.split("\n").length - 1;
  }
  return diagnostics;
}

function checkAdministrativeContent(version: ClauseVersion): Diagnostic[] {
  return findAdministrativeContent(version.bindingText).map((match) =>
    warning(
      "administrative-content",
      version.source.file,
      version.source.bindingStartLine + match.lineIndex,
      `« ${match.term} » : ${match.topic} relèvent du CCAP, pas du CCTP. Déplacez ce contenu vers le CCAP.`,
    ),
  );
}

function checkLinks(
  version: ClauseVersion,
  options: { isKnownClassUri: (uri: string) => boolean; knownIds: ReadonlySet<string> },
): Diagnostic[] {
  const { file, lineOf } = version.source;
  const diagnostics: Diagnostic[] = [];
  version.conformanceClasses.forEach((uri, index) => {
    if (!options.isKnownClassUri(uri))
      diagnostics.push(
        error(
          "unknown-conformance-class",
          file,
          lineOf(["conformanceClasses", index]),
          `Classe de conformité inconnue du catalogue : ${uri}`,
        ),
      );
  });
  if (version.supersededBy && !options.knownIds.has(version.supersededBy))
    diagnostics.push(
      error("unknown-clause", file, lineOf(["supersededBy"]), `La clause « ${version.supersededBy} » n'existe pas.`),
    );
  if (version.supersededBy === version.id)
    diagnostics.push(
      error("unknown-clause", file, lineOf(["supersededBy"]), "Une clause ne peut pas se remplacer elle-même."),
    );
  return diagnostics;
}
