/**
 * Validata (schema.data.gouv.fr) and frictionless JSON reports. Accepted shapes:
 * - Validata API (validata-table 0.12.x): `{version, schema, url, report: {valid, stats, errors, warnings}}`;
 * - Validata fatal problem: `{version, schema, error: {type, message}}` (no report);
 * - frictionless v5 / v4 reports: `{valid, errors, tasks: [{valid, name, place, errors}]}` (v4 says `code` for `type`);
 * - goodtables: `{valid, tables: [{valid, source, errors}]}`.
 * A validated file is one test whose class is its schema's conformance class; findings list the faulty cells.
 * `resource_data` (the validated rows themselves) is deliberately dropped: it may hold personal data.
 *
 * JSON is not streamed token by token (no streaming JSON parser among the dependencies): the text is gathered under
 * the same byte limit as every upload, then parsed once.
 */

import { z } from "zod";
import { buildSchemaConformanceClass } from "../class-catalogue";
import { lineAndColumn } from "../detect-format";
import { malformedReport, unsupportedReport } from "../import-errors";
import { parseReportDate, type ParsedReport, type ValidationFinding } from "../run-model";
import { TestCollector, textOrNull, type ImportLimits } from "./importer-support";

const findingSchema = z
  .object({
    type: z.string().optional(),
    code: z.string().optional(),
    title: z.string().optional(),
    name: z.string().optional(),
    message: z.string().optional(),
    note: z.string().optional(),
    rowNumber: z.number().optional(),
    rowPosition: z.number().optional(),
    "row-number": z.number().optional(),
    fieldName: z.string().optional(),
    fieldNumber: z.number().optional(),
    fieldPosition: z.number().optional(),
    "column-number": z.number().optional(),
    cell: z.unknown().optional(),
  })
  .passthrough();
type RawFinding = z.infer<typeof findingSchema>;

const validataReportSchema = z.object({
  version: z.string().nullish(),
  date: z.string().nullish(),
  schema: z.string().nullish(),
  url: z.string().nullish(),
  report: z.object({
    valid: z.boolean(),
    errors: z.array(findingSchema).default([]),
    warnings: z.array(z.union([z.string(), findingSchema])).default([]),
    stats: z.object({ errors: z.number().nullish(), warnings: z.number().nullish() }).passthrough().nullish(),
  }),
});

const validataErrorSchema = z.object({
  version: z.string().nullish(),
  date: z.string().nullish(),
  schema: z.string().nullish(),
  url: z.string().nullish(),
  error: z.object({ type: z.string().nullish(), message: z.string() }),
});

const frictionlessTaskSchema = z
  .object({
    valid: z.boolean(),
    name: z.string().nullish(),
    place: z.string().nullish(),
    source: z.string().nullish(),
    resource: z.object({ name: z.string().nullish(), path: z.string().nullish() }).passthrough().nullish(),
    errors: z.array(findingSchema).default([]),
  })
  .passthrough();

const frictionlessReportSchema = z.union([
  z.object({ valid: z.boolean(), errors: z.array(findingSchema).default([]), tasks: z.array(frictionlessTaskSchema) }),
  z.object({ valid: z.boolean(), errors: z.array(findingSchema).default([]), tables: z.array(frictionlessTaskSchema) }),
]);

export async function importValidataReport(chunks: AsyncIterable<string>, limits: ImportLimits): Promise<ParsedReport> {
  let text = "";
  for await (const chunk of chunks) text += chunk;
  const document = parseJson(text);

  const collector = new TestCollector(limits.maxTests);
  const validata = validataReportSchema.safeParse(document);
  if (validata.success) return fromValidataReport(validata.data, collector, limits);
  const validataError = validataErrorSchema.safeParse(document);
  if (validataError.success) return fromValidataError(validataError.data, collector);
  const frictionless = frictionlessReportSchema.safeParse(document);
  if (frictionless.success) return fromFrictionlessReport(frictionless.data, collector, limits);
  throw unsupportedReport("ce JSON n'est ni un rapport Validata ni un rapport frictionless", {
    issues: validata.error.issues.slice(0, 5),
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // V8 says "… in JSON at position 123 (line 4 column 5)"; older versions only give the position.
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : "");
    const index = position?.[1] !== undefined ? Number(position[1]) : text.length;
    throw malformedReport("JSON mal formé ou tronqué", { ...lineAndColumn(text, index), element: null });
  }
}

function fromValidataReport(
  data: z.infer<typeof validataReportSchema>,
  collector: TestCollector,
  limits: ImportLimits,
): ParsedReport {
  const schemaClass = data.schema ? buildSchemaConformanceClass(data.schema) : null;
  const { report } = data;
  const warningTexts = report.warnings.map((warning) =>
    typeof warning === "string" ? warning : (warning.message ?? warning.type ?? ""),
  );
  const errorCount = report.stats?.errors ?? report.errors.length;
  const summary = report.valid
    ? warningTexts.length > 0
      ? `Fichier valide, ${warningTexts.length} avertissement(s).`
      : "Fichier valide."
    : `${errorCount} erreur(s)${warningTexts.length > 0 ? `, ${warningTexts.length} avertissement(s)` : ""}.`;
  const { findings, omitted } = boundFindings(report.errors, limits.maxFindingsPerTest);
  collector.add({
    caseKey: `validata:${schemaClass?.uri ?? "schéma inconnu"}`,
    name: validationName(data.url),
    group: schemaClass?.uri ?? null,
    classUri: schemaClass?.uri ?? null,
    status: report.valid ? "passed" : "failed",
    message: [summary, omittedNote(omitted), ...warningTexts].filter(Boolean).join("\n"),
    subject: textOrNull(data.url),
    findings,
  });
  const date = parseReportDate(data.date);
  return {
    format: "validata",
    suite: { name: "Validata", version: textOrNull(data.version) },
    subject: textOrNull(data.url),
    startedAt: date,
    finishedAt: date,
    tests: collector.tests,
    warnings: [],
  };
}

function fromValidataError(data: z.infer<typeof validataErrorSchema>, collector: TestCollector): ParsedReport {
  const schemaClass = data.schema ? buildSchemaConformanceClass(data.schema) : null;
  const type = textOrNull(data.error.type);
  collector.add({
    caseKey: `validata:${schemaClass?.uri ?? "schéma inconnu"}`,
    name: validationName(data.url),
    group: schemaClass?.uri ?? null,
    classUri: schemaClass?.uri ?? null,
    // Validata could not read the file at all: nothing was checked, so the verdict is "cannot tell", not "failed".
    status: "error",
    message: type ? `${type} : ${data.error.message}` : data.error.message,
    subject: textOrNull(data.url),
  });
  const date = parseReportDate(data.date);
  return {
    format: "validata",
    suite: { name: "Validata", version: textOrNull(data.version) },
    subject: textOrNull(data.url),
    startedAt: date,
    finishedAt: date,
    tests: collector.tests,
    warnings: [],
  };
}

function fromFrictionlessReport(
  data: z.infer<typeof frictionlessReportSchema>,
  collector: TestCollector,
  limits: ImportLimits,
): ParsedReport {
  const isGoodtables = "tables" in data;
  const tasks = "tasks" in data ? data.tasks : data.tables;
  const add = (fields: { key: string; valid: boolean; errors: RawFinding[]; subject: string | null }) => {
    const { findings, omitted } = boundFindings(fields.errors, limits.maxFindingsPerTest);
    collector.add({
      caseKey: `frictionless:${fields.key}`,
      name: `Validation de ${fields.key}`,
      group: null,
      status: fields.valid ? "passed" : "failed",
      message: fields.valid
        ? "Ressource valide."
        : [`${fields.errors.length} erreur(s).`, omittedNote(omitted)].filter(Boolean).join("\n"),
      subject: fields.subject,
      findings,
    });
  };
  tasks.forEach((task, index) => {
    const place = task.place ?? task.source ?? task.resource?.path ?? null;
    const key = task.name ?? task.resource?.name ?? place ?? `ressource ${index + 1}`;
    add({ key, valid: task.valid, errors: task.errors, subject: place });
  });
  // Errors outside any task (a package that cannot be read) become one test of their own.
  if (data.errors.length > 0 || tasks.length === 0) {
    add({ key: "rapport", valid: data.valid && data.errors.length === 0, errors: data.errors, subject: null });
  }
  return {
    format: "frictionless",
    suite: { name: isGoodtables ? "goodtables" : "frictionless", version: null },
    subject: null,
    startedAt: null,
    finishedAt: null,
    tests: collector.tests,
    warnings: [],
  };
}

function validationName(url: string | null | undefined): string {
  const fileUrl = textOrNull(url);
  return fileUrl ? `Validation de ${fileUrl}` : "Validation du fichier déposé";
}

function boundFindings(raw: readonly RawFinding[], max: number): { findings: ValidationFinding[]; omitted: number } {
  return { findings: raw.slice(0, max).map(toFinding), omitted: Math.max(0, raw.length - max) };
}

function omittedNote(omitted: number): string | null {
  return omitted > 0 ? `${omitted} erreur(s) supplémentaire(s) non conservée(s).` : null;
}

/** One finding, whatever the generation of the report (Validata, frictionless v5, v4 `code`, goodtables). */
function toFinding(raw: RawFinding): ValidationFinding {
  const cell = raw.cell;
  return {
    type: raw.type ?? raw.code ?? "error",
    title: raw.title ?? raw.name ?? null,
    message: raw.message ?? raw.note ?? "",
    rowNumber: raw.rowNumber ?? raw.rowPosition ?? raw["row-number"] ?? null,
    fieldName: raw.fieldName ?? null,
    fieldNumber: raw.fieldNumber ?? raw.fieldPosition ?? raw["column-number"] ?? null,
    cell: cell === undefined || cell === null ? null : typeof cell === "string" ? cell : JSON.stringify(cell),
  };
}
