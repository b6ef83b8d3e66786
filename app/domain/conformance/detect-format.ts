/**
 * Recognizes a report by its content, never by its file name (CI uploads are often called `results.xml` or
 * `report`): the root element of an XML file, or a JSON object.
 */

export type ReportFileFormat = "testng-xml" | "earl-rdf" | "junit-xml" | "validata-json";

export interface PrologScan {
  /** Qualified name of the root element, when it starts within the scanned text. */
  readonly rootName: string | null;
  /** Where a `<!DOCTYPE` starts (1-based line and column), when the prolog has one. */
  readonly doctypeAt: { readonly line: number; readonly column: number } | null;
  readonly firstCharacter: string | null;
}

/** Walks an XML prolog (BOM, declaration, comments, processing instructions, DOCTYPE) up to the root start tag. */
export function scanXmlProlog(text: string): PrologScan {
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let doctypeAt: PrologScan["doctypeAt"] = null;
  const skipWhitespace = () => {
    while (index < text.length && /\s/.test(text[index] ?? "")) index++;
  };
  skipWhitespace();
  const firstCharacter = text[index] ?? null;
  for (;;) {
    skipWhitespace();
    if (text.startsWith("<?", index)) {
      const end = text.indexOf("?>", index + 2);
      if (end < 0) return { rootName: null, doctypeAt, firstCharacter };
      index = end + 2;
    } else if (text.startsWith("<!--", index)) {
      const end = text.indexOf("-->", index + 4);
      if (end < 0) return { rootName: null, doctypeAt, firstCharacter };
      index = end + 3;
    } else if (text.startsWith("<!", index)) {
      // A DOCTYPE (or anything else that would open a DTD): note where it is; the import refuses it.
      doctypeAt ??= lineAndColumn(text, index);
      const end = skipDeclaration(text, index);
      if (end < 0) return { rootName: null, doctypeAt, firstCharacter };
      index = end;
    } else if (text[index] === "<") {
      const match = /^<([^\s/>!?]+)/.exec(text.slice(index, index + 256));
      return { rootName: match?.[1] ?? null, doctypeAt, firstCharacter };
    } else {
      return { rootName: null, doctypeAt, firstCharacter };
    }
  }
}

/** Skips `<!DOCTYPE … [ … ]>` including an internal subset; -1 when the declaration does not end in the text. */
function skipDeclaration(text: string, start: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let index = start + 2; index < text.length; index++) {
    const character = text[index];
    if (quote) {
      if (character === quote) quote = null;
    } else if (character === '"' || character === "'") {
      quote = character;
    } else if (character === "[") {
      depth++;
    } else if (character === "]") {
      depth--;
    } else if (character === ">" && depth <= 0) {
      return index + 1;
    }
  }
  return -1;
}

export function lineAndColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let cursor = 0; cursor < index; cursor++) {
    if (text.charCodeAt(cursor) === 10) {
      line++;
      lineStart = cursor + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}

export function formatOfRootElement(rootName: string): ReportFileFormat | undefined {
  const local = rootName.includes(":") ? rootName.slice(rootName.indexOf(":") + 1) : rootName;
  if (local === "testng-results") return "testng-xml";
  if (local === "RDF") return "earl-rdf";
  if (local === "testsuites" || local === "testsuite") return "junit-xml";
  return undefined;
}

/**
 * The format of a report from its first bytes (a few KiB are enough; the prolog must fit), or undefined when the
 * content is none of the supported formats. JSON is reported as Validata; the importer tells the variants apart.
 */
export function detectReportFormat(firstBytes: Uint8Array | string): ReportFileFormat | undefined {
  const text = typeof firstBytes === "string" ? firstBytes : new TextDecoder("utf-8").decode(firstBytes);
  const scan = scanXmlProlog(text);
  if (scan.firstCharacter === "{") return "validata-json";
  if (scan.rootName === null) return undefined;
  return formatOfRootElement(scan.rootName);
}
