import { z } from "zod";
import { DomainError } from "~/domain/shared/errors";
import { isCalendarDate } from "./model";
import { frenchErrorMap } from "./zod-french";

// The body of POST /api/clauses/export (and of the selection page's export form): one schema, French messages
// naming each field by its path (`sections[0].clauses[1].id`).

export const EXPORT_FORMATS = ["odt", "docx", "markdown", "html"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Above this, the request is refused before it is parsed. */
export const EXPORT_BODY_LIMIT_BYTES = 1024 * 1024;
const MAX_SECTIONS = 100;
const MAX_CLAUSES_PER_SECTION = 200;

const parameterValue = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);

const clauseEntry = z
  .object({
    id: z.string().trim().min(1).max(200),
    version: z
      .string()
      .trim()
      .regex(/^\d+\.\d+\.\d+$/, { message: "doit être une version MAJEURE.MINEURE.CORRECTIF" })
      .optional(),
    parameters: z.record(parameterValue).default({}),
  })
  .strict();

const section = z
  .object({
    title: z.string().trim().min(1).max(500),
    clauses: z.array(clauseEntry).min(1).max(MAX_CLAUSES_PER_SECTION),
  })
  .strict();

export const exportRequestSchema = z
  .object({
    format: z.enum(EXPORT_FORMATS),
    title: z.string().trim().min(1).max(500),
    buyer: z.string().trim().min(1).max(500),
    reference: z.string().trim().max(200).optional(),
    date: z.string().refine(isCalendarDate, { message: "doit être une date au format AAAA-MM-JJ" }).optional(),
    includeGuidance: z.boolean().default(false),
    /** Append the acceptance test plan (conformance classes and test suites of the chosen clauses). */
    acceptancePlan: z.boolean().default(false),
    sections: z.array(section).min(1).max(MAX_SECTIONS),
  })
  .strict();

export type ExportRequest = z.infer<typeof exportRequestSchema>;

const FIELD_NAMES: Record<string, string> = {
  format: "format",
  title: "title (objet du marché)",
  buyer: "buyer (nom de l'acheteur)",
};

/** `sections[0].clauses[1].id`: the path a developer reads in their own JSON. */
export function formatFieldPath(path: readonly (string | number)[]): string {
  return path
    .map((part, index) => (typeof part === "number" ? `[${part}]` : `${index > 0 ? "." : ""}${part}`))
    .join("");
}

/** Validates the body; every problem at once, as a 422 whose `fieldErrors` are keyed by path. */
export function parseExportRequest(body: unknown): ExportRequest {
  const parsed = exportRequestSchema.safeParse(body, { errorMap: frenchErrorMap });
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.code === "unrecognized_keys" ? issue.path : issue.path;
    const key = formatFieldPath(path) || "body";
    const name = FIELD_NAMES[key] ?? key;
    fieldErrors[key] ??=
      key === "body" ? `Le corps de la requête ${issue.message}.` : `Le champ « ${name} » ${issue.message}.`;
  }
  throw new DomainError(422, `La demande d'export est à corriger : ${Object.values(fieldErrors).join(" ")}`, {
    fieldErrors,
  });
}

export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  odt: "odt",
  docx: "docx",
  markdown: "md",
  html: "html",
};

/** `cctp-hebergement-de-la-plateforme.odt`: ASCII, so every browser and mail client keeps it. */
export function exportFileName(title: string, format: ExportFormat): string {
  const slug = title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80)
    .replace(/-$/, "");
  return `cctp${slug ? `-${slug}` : ""}.${EXPORT_EXTENSIONS[format]}`;
}
