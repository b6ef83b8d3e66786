/**
 * The one entry point for uploaded conformance reports. A route streams the upload into it:
 *
 *   const run = await importReport(fileStream, { maxBytes, groupToClass: await loadGroupClassMapping() });
 *
 * The format is recognized from the content; the whole file is read and checked before anything is returned, so a
 * caller never stores half a run. Refusals are DomainErrors: 413 past `maxBytes`, 422 for a file that is malformed,
 * truncated, unsafe (DOCTYPE/entities) or not a supported report, with a French message naming line and column.
 */

import { detectReportFormat, formatOfRootElement, scanXmlProlog, type ReportFileFormat } from "./detect-format";
import { buildClassResolver, DEFAULT_GROUP_CLASS_MAPPING, type GroupClassMapping } from "./group-mapping";
import { malformedReport, unsupportedReport } from "./import-errors";
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from "./importers/importer-support";
import { importEarlReport } from "./importers/earl";
import { importJUnitReport } from "./importers/junit";
import { importTestNgReport } from "./importers/testng";
import { importValidataReport } from "./importers/validata";
import { decodeUtf8, limitBytes, peekPrefix, type ReportInput } from "./report-input";
import { assembleRun, type ConformanceRun, type ParsedReport } from "./run-model";

export const DEFAULT_MAX_REPORT_BYTES = 50 * 1024 * 1024;

/** The prolog (declaration, comments, DOCTYPE) must end within this many bytes for the format to be recognized. */
const SNIFF_BYTES = 64 * 1024;

export interface ImportReportOptions {
  /** Larger uploads are refused with 413 as soon as the limit is crossed. Default 50 MiB. */
  readonly maxBytes?: number;
  /** Admin-edited rules from the suite's group names to class URIs. Default: ets-ogcapi-features10's groups. */
  readonly groupToClass?: GroupClassMapping;
  readonly limits?: Partial<ImportLimits>;
}

export interface ImportedReport extends ConformanceRun {
  readonly fileFormat: ReportFileFormat;
}

export { detectReportFormat };

export async function importReport(input: ReportInput, options: ImportReportOptions = {}): Promise<ImportedReport> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_REPORT_BYTES;
  const limits: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  const { prefix, all, close } = await peekPrefix(limitBytes(input, maxBytes), SNIFF_BYTES);
  let fileFormat: ReportFileFormat;
  try {
    fileFormat = recognizeFormat(new TextDecoder("utf-8").decode(prefix));
  } catch (error) {
    // Closes the source (destroys an upload stream) instead of leaving it paused forever.
    await close();
    throw error;
  }
  const parsed = await importerOf(fileFormat)(decodeUtf8(all), limits);
  const mapped = applyGroupClassMapping(parsed, options.groupToClass ?? DEFAULT_GROUP_CLASS_MAPPING);
  return { ...assembleRun(mapped), fileFormat };
}

function recognizeFormat(prefixText: string): ReportFileFormat {
  const scan = scanXmlProlog(prefixText);
  if (scan.firstCharacter === null) throw unsupportedReport("le fichier est vide");
  if (scan.doctypeAt !== null) {
    throw malformedReport(
      "les déclarations <!DOCTYPE> (DTD et entités) sont refusées pour des raisons de sécurité",
      { ...scan.doctypeAt, element: null },
      { reason: "doctype" },
    );
  }
  const format = detectReportFormat(prefixText);
  if (format) return format;
  if (scan.rootName !== null && formatOfRootElement(scan.rootName) === undefined) {
    throw unsupportedReport(
      `élément racine <${scan.rootName}> inconnu (attendu : <testng-results>, <rdf:RDF>, <testsuites> ou <testsuite>)`,
      { rootName: scan.rootName },
    );
  }
  if (scan.firstCharacter === "<") {
    throw unsupportedReport(`aucun élément racine dans les ${SNIFF_BYTES / 1024} premiers Kio du fichier`);
  }
  throw unsupportedReport("ni XML (TestNG, EARL, JUnit) ni JSON (Validata, frictionless)");
}

type FormatImporter = (chunks: AsyncIterable<string>, limits: ImportLimits) => Promise<ParsedReport>;

function importerOf(format: ReportFileFormat): FormatImporter {
  switch (format) {
    case "testng-xml":
      return importTestNgReport;
    case "earl-rdf":
      return importEarlReport;
    case "junit-xml":
      return importJUnitReport;
    case "validata-json":
      return importValidataReport;
  }
}

/**
 * Sets each test's class from the admin rules (group name, then TestNG method groups, then implementing class).
 * A class the importer already knows (a Validata schema) is kept unless a rule says otherwise.
 */
export function applyGroupClassMapping(report: ParsedReport, mapping: GroupClassMapping): ParsedReport {
  const resolver = buildClassResolver(mapping, report.suite.name);
  return {
    ...report,
    tests: report.tests.map((test) => {
      const classUri = resolver.resolve([test.group, ...test.tags, test.implementationClass]) ?? test.classUri;
      return classUri === test.classUri ? test : { ...test, classUri };
    }),
  };
}
