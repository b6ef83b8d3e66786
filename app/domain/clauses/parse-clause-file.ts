import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import { computeContentHash, normalizeClauseFile } from "./content-hash";
import { type Diagnostic, error } from "./diagnostics";
import { type ClauseVersion, clauseFrontMatterSchema } from "./model";
import { isSemver } from "./semver";
import { parseTemplate } from "./template";
import { frenchErrorMap } from "./zod-french";

/** The heading that separates the binding text from the buyer's guide (the straight or curly apostrophe). */
export const GUIDANCE_HEADING = /^## Guide de l['’]acheteur[ \t]*$/m;
export const DRAFT_FILE_NAME = "draft.md";

export interface ParsedClauseFile {
  /** Present when the front matter is valid; other errors (template, file name) still come with it. */
  version?: ClauseVersion;
  diagnostics: Diagnostic[];
}

/**
 * Parses one clause file. `file` is the path shown to people (`clauses/<id>/<version>.md`); its last two segments
 * are checked against the front matter's id and version.
 */
export function parseClauseFile(file: string, rawText: string): ParsedClauseFile {
  const diagnostics: Diagnostic[] = [];
  const text = normalizeClauseFile(rawText);
  const contentHash = computeContentHash(text);

  if (!text.startsWith("---\n")) {
    diagnostics.push(
      error("front-matter", file, 1, "Le fichier doit commencer par un en-tête YAML entre deux lignes « --- »."),
    );
    return { diagnostics };
  }
  const closing = text.indexOf("\n---\n", 3);
  if (closing === -1) {
    diagnostics.push(error("front-matter", file, 1, "L'en-tête YAML ouvert ligne 1 n'est jamais refermé par « --- »."));
    return { diagnostics };
  }
  const yamlText = text.slice(4, closing + 1);
  const yamlFirstLine = 2;
  const lineCounter = new LineCounter();
  const document = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAtOffset = (offset: number) => yamlFirstLine + lineCounter.linePos(offset).line - 1;
  if (document.errors.length > 0) {
    for (const yamlError of document.errors)
      diagnostics.push(
        error("yaml-syntax", file, lineAtOffset(yamlError.pos[0]), `YAML invalide : ${firstLine(yamlError.message)}`),
      );
    return { diagnostics };
  }
  const lineOf = (path: readonly (string | number)[]) => lineAtOffset(offsetOfPath(document, path));

  const parsed = clauseFrontMatterSchema.safeParse(document.toJS() ?? {}, { errorMap: frenchErrorMap });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // An unknown key is best shown on the key's own line.
      const path = issue.code === "unrecognized_keys" && issue.keys[0] ? [...issue.path, issue.keys[0]] : issue.path;
      const field = formatPath(issue.path);
      diagnostics.push(
        error("schema", file, lineOf(path), field ? `Champ « ${field} » : ${issue.message}.` : `${issue.message}.`),
      );
    }
    return { diagnostics };
  }
  const frontMatter = parsed.data;

  const bodyStartLine = yamlFirstLine + countLines(yamlText) + 1;
  const body = text.slice(closing + 5);
  const guidanceMatch = GUIDANCE_HEADING.exec(body);
  const rawBinding = guidanceMatch ? body.slice(0, guidanceMatch.index) : body;
  const guidanceText = guidanceMatch ? body.slice(guidanceMatch.index + guidanceMatch[0].length).trim() : "";
  const guidanceStartLine = guidanceMatch ? bodyStartLine + countLines(body.slice(0, guidanceMatch.index)) : 0;

  if (!rawBinding.trim())
    diagnostics.push(error("template-syntax", file, bodyStartLine, "Le texte contractuel de la clause est vide."));
  const template = parseTemplate(rawBinding, bodyStartLine);
  for (const templateError of template.errors)
    diagnostics.push(error("template-syntax", file, templateError.line, templateError.message));

  const [folderName, fileName] = file.split(/[\\/]/).slice(-2);
  const isDraft = fileName === DRAFT_FILE_NAME;
  if (folderName !== undefined && folderName !== frontMatter.id)
    diagnostics.push(
      error(
        "id-mismatch",
        file,
        lineOf(["id"]),
        `L'identifiant « ${frontMatter.id} » doit être le nom du dossier (« ${folderName} »).`,
      ),
    );
  if (isDraft) {
    if (frontMatter.status !== "draft")
      diagnostics.push(
        error("draft-version", file, lineOf(["status"]), "Le fichier draft.md doit avoir « status: draft »."),
      );
  } else if (fileName !== undefined) {
    const fileVersion = fileName.replace(/\.md$/, "");
    if (!isSemver(fileVersion))
      diagnostics.push(
        error("file-name", file, 1, "Le fichier doit s'appeler <version>.md (par exemple 1.0.0.md) ou draft.md."),
      );
    else if (fileVersion !== frontMatter.version)
      diagnostics.push(
        error(
          "version-mismatch",
          file,
          lineOf(["version"]),
          `La version « ${frontMatter.version} » doit être le nom du fichier (« ${fileVersion} »).`,
        ),
      );
    if (frontMatter.status === "draft")
      diagnostics.push(
        error(
          "draft-version",
          file,
          lineOf(["status"]),
          "Un brouillon s'écrit dans draft.md ; un fichier <version>.md est publié.",
        ),
      );
  }

  return {
    version: {
      ...frontMatter,
      isDraft,
      bindingText: rawBinding.trim(),
      guidanceText,
      template: template.nodes,
      source: {
        file,
        contentHash,
        normalizedText: text,
        bindingStartLine: bodyStartLine + (/^\s*/.exec(rawBinding)?.[0].split("\n").length ?? 1) - 1,
        guidanceStartLine,
        lineOf,
      },
    },
    diagnostics,
  };
}

const firstLine = (message: string) => message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");

function countLines(text: string): number {
  return text.split("\n").length - 1;
}

/** `parameters[0].min` from ["parameters", 0, "min"]: the path as an author would look for it in the file. */
export function formatPath(path: readonly (string | number)[]): string {
  return path
    .map((segment, index) => (typeof segment === "number" ? `[${segment}]` : index ? `.${segment}` : segment))
    .join("");
}

/** The offset of the deepest node of `path` that exists (a key's own position for a map entry). */
function offsetOfPath(document: Document, path: readonly (string | number)[]): number {
  let node: unknown = document.contents;
  let offset = 0;
  if (isMap(node) || isSeq(node)) offset = node.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === segment);
      if (!pair) break;
      offset = (isScalar(pair.key) ? pair.key.range?.[0] : undefined) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment];
      if (!item) break;
      offset = (isMap(item) || isSeq(item) || isScalar(item) ? item.range?.[0] : undefined) ?? offset;
      node = item;
    } else break;
  }
  return offset;
}
