/**
 * The refusals of the report importers, as DomainErrors with a French message a maintainer can act on: where the
 * file is broken (line, column, element) and why. 413 for size, 422 for everything else in the file.
 */

import { DomainError } from "~/domain/shared/errors";

export interface XmlPosition {
  readonly line: number;
  readonly column: number;
  /** The element being read when the problem was found (null before the root element). */
  readonly element: string | null;
}

export function describePosition({ line, column, element }: XmlPosition): string {
  const where = `ligne ${line}, colonne ${column}`;
  return element ? `${where} (élément <${element}>)` : where;
}

/** A file that is not well-formed XML/JSON, or that breaks a safety rule, at a known place. */
export function malformedReport(detail: string, position: XmlPosition, context: Record<string, unknown> = {}) {
  return new DomainError(422, `Le rapport est invalide à la ${describePosition(position)} : ${detail}.`, {
    ...context,
    ...position,
  });
}

/** A well-formed file that is not a report this platform reads. */
export function unsupportedReport(detail: string, context: Record<string, unknown> = {}) {
  return new DomainError(422, `Ce fichier n'est pas un rapport de conformité pris en charge : ${detail}.`, context);
}

export function reportTooLarge(maxBytes: number) {
  return new DomainError(413, `Le rapport dépasse la taille maximale autorisée (${formatMegabytes(maxBytes)}).`, {
    maxBytes,
  });
}

function formatMegabytes(bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  return `${Number.isInteger(megabytes) ? megabytes : megabytes.toFixed(1).replace(".", ",")} Mo`;
}

/** saxes speaks English; the common messages get a French rendering, the rest keep saxes' words in quotes. */
export function translateXmlParserMessage(message: string): string {
  const withoutPrefix = message.replace(/^(?:.*?:)?\d+:\d+: /, "");
  const translations: [RegExp, (match: RegExpExecArray) => string][] = [
    [/^undefined entity\.?$/, () => "entité non définie (seules les entités prédéfinies de XML sont acceptées)"],
    [/^unclosed tag: (.*)$/, (m) => `fichier tronqué ou balise <${m[1]}> jamais fermée`],
    [/^document must contain a root element\.?$/, () => "aucun élément racine : fichier vide ou tronqué"],
    [/^unexpected close tag\.?$/, () => "balise fermante inattendue"],
    [/^unexpected end\.?$/, () => "fin de fichier inattendue : fichier tronqué"],
    [/^unmatched closing tag: (.*)\.?$/, (m) => `balise fermante </${(m[1] ?? "").replace(/\.$/, "")}> sans ouverture`],
    [/^text data outside of root node\.?$/, () => "texte en dehors de l'élément racine"],
    [/^disallowed character/, () => "caractère interdit"],
    [/^unbound namespace prefix: "?([^"]*)"?\.?$/, (m) => `préfixe d'espace de noms « ${m[1]} » non déclaré`],
  ];
  for (const [pattern, render] of translations) {
    const match = pattern.exec(withoutPrefix);
    if (match) return render(match);
  }
  return `XML mal formé (« ${withoutPrefix} »)`;
}
