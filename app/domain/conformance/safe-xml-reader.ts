/**
 * A streaming XML reader with the safety rules of report uploads, on top of saxes:
 * - no DTD at all: a `<!DOCTYPE` is refused (it is the only door to entity expansion, "billion laughs", and external
 *   entities). saxes itself never fetches or expands external entities and reports any non-predefined entity
 *   reference as undefined; the explicit refusal makes the rule independent of that behaviour;
 * - bounded nesting depth and attributes per element; captured text is truncated, never unbounded;
 * - UTF-8 only (the declared encoding must agree);
 * - every refusal is a DomainError 422 naming line, column and element.
 * No network or file access happens here: the reader only sees the chunks it is given.
 */

import { SaxesParser, type SaxesTagNS, type SaxesTagPlain } from "saxes";
import { DomainError } from "~/domain/shared/errors";
import { malformedReport, translateXmlParserMessage, unsupportedReport, type XmlPosition } from "./import-errors";

export interface XmlLimits {
  /** Deepest element nesting accepted (the deepest real report, a CTL EARL hierarchy, stays under 30). */
  readonly maxDepth: number;
  readonly maxAttributesPerElement: number;
  /** Longer captured text (a response body in EARL) is cut to this many characters, with a mark. */
  readonly maxTextLength: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxDepth: 128, maxAttributesPerElement: 64, maxTextLength: 65_536 };

export interface XmlElement {
  /** Qualified name as written (`earl:Assertion`). */
  readonly name: string;
  readonly local: string;
  /** Namespace URI ("" when none). */
  readonly uri: string;
  readonly attributes: readonly XmlAttribute[];
}

export interface XmlAttribute {
  readonly local: string;
  readonly uri: string;
  readonly value: string;
}

export function attributeOf(element: XmlElement, local: string, uri = ""): string | null {
  for (const attribute of element.attributes) {
    if (attribute.local === local && attribute.uri === uri) return attribute.value;
  }
  return null;
}

export interface XmlHandler {
  /** Called for each start tag with its ancestors (root first). Return true to receive the element's direct text. */
  onOpen(element: XmlElement, ancestors: readonly XmlElement[]): boolean | void;
  /** `text` is the element's own text (children excluded), "" unless onOpen asked for it. */
  onClose(element: XmlElement, text: string, ancestors: readonly XmlElement[]): void;
}

interface OpenFrame {
  readonly element: XmlElement;
  readonly captureText: boolean;
  text: string;
  truncated: boolean;
}

const TRUNCATION_MARK = " […tronqué]";

const UTF8_ENCODING_NAMES = new Set(["utf-8", "utf8", "us-ascii", "ascii"]);

/**
 * Feeds decoded text chunks to the handler. Resolves once the document is complete and well formed; rejects with a
 * DomainError otherwise (handlers may throw DomainErrors themselves, they are passed through unchanged).
 */
export async function readXml(
  chunks: AsyncIterable<string>,
  handler: XmlHandler,
  limits: XmlLimits = DEFAULT_XML_LIMITS,
  { namespaces = true }: { readonly namespaces?: boolean } = {},
): Promise<void> {
  // Namespace processing costs about a fifth of the parse time; TestNG and JUnit files have no namespaces.
  const parser = new SaxesParser({ xmlns: namespaces, position: true });
  const stack: OpenFrame[] = [];
  const ancestors: XmlElement[] = [];

  // The tag whose start was read but whose attributes are not finished: errors inside it name it.
  let tagBeingRead = null as string | null;
  const position = (): XmlPosition => ({
    line: parser.line,
    // saxes counts columns from 0; editors and users count from 1.
    column: parser.column + 1,
    element: tagBeingRead ?? stack.at(-1)?.element.name ?? null,
  });

  parser.on("opentagstart", (tag) => {
    tagBeingRead = tag.name;
  });

  parser.on("doctype", () => {
    throw malformedReport(
      "les déclarations <!DOCTYPE> (DTD et entités) sont refusées pour des raisons de sécurité",
      position(),
      { reason: "doctype" },
    );
  });

  parser.on("xmldecl", (declaration) => {
    const encoding = declaration.encoding?.toLowerCase();
    if (encoding !== undefined && !UTF8_ENCODING_NAMES.has(encoding)) {
      throw unsupportedReport(
        `encodage « ${declaration.encoding} » non pris en charge, enregistrez le fichier en UTF-8`,
        {
          encoding: declaration.encoding,
        },
      );
    }
  });

  parser.on("opentag", (tag) => {
    tagBeingRead = null;
    const element = namespaces ? toElement(tag as SaxesTagNS) : toPlainElement(tag as SaxesTagPlain);
    if (stack.length >= limits.maxDepth) {
      throw malformedReport(`imbrication trop profonde (plus de ${limits.maxDepth} niveaux)`, position());
    }
    if (element.attributes.length > limits.maxAttributesPerElement) {
      throw malformedReport(`trop d'attributs (plus de ${limits.maxAttributesPerElement})`, {
        ...position(),
        element: element.name,
      });
    }
    const captureText = handler.onOpen(element, ancestors) === true;
    stack.push({ element, captureText, text: "", truncated: false });
    ancestors.push(element);
  });

  const appendText = (text: string) => {
    const frame = stack.at(-1);
    if (!frame?.captureText || frame.truncated) return;
    const room = limits.maxTextLength - frame.text.length;
    if (text.length <= room) {
      frame.text += text;
    } else {
      frame.text += text.slice(0, Math.max(0, room)) + TRUNCATION_MARK;
      frame.truncated = true;
    }
  };
  parser.on("text", appendText);
  parser.on("cdata", appendText);

  parser.on("closetag", () => {
    const frame = stack.pop();
    ancestors.pop();
    if (frame) handler.onClose(frame.element, frame.text, ancestors);
  });

  try {
    for await (const chunk of chunks) parser.write(chunk);
    parser.close();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    if (error instanceof Error) throw malformedReport(translateXmlParserMessage(error.message), position());
    throw error;
  }
}

function toPlainElement(tag: SaxesTagPlain): XmlElement {
  const attributes: XmlAttribute[] = [];
  for (const name in tag.attributes) {
    attributes.push({ local: name, uri: "", value: tag.attributes[name] ?? "" });
  }
  return { name: tag.name, local: tag.name, uri: "", attributes };
}

function toElement(tag: SaxesTagNS): XmlElement {
  const attributes: XmlAttribute[] = [];
  for (const attribute of Object.values(tag.attributes)) {
    // Namespace declarations are parser business, not data.
    if (attribute.prefix === "xmlns" || attribute.name === "xmlns") continue;
    attributes.push({ local: attribute.local, uri: attribute.uri, value: attribute.value });
  }
  return { name: tag.name, local: tag.local, uri: tag.uri, attributes };
}
