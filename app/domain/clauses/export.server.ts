import { DomainError } from "~/domain/shared/errors";
import type { Db } from "~/infra/db.server";
import { buildClauseDocument, type SectionInput } from "./document";
import { DOCX_MEDIA_TYPE, exportDocx } from "./export-docx";
import { exportHtml } from "./export-html";
import { exportMarkdown } from "./export-markdown";
import { exportOdt, ODT_MEDIA_TYPE } from "./export-odt";
import { exportFileName, type ExportFormat, type ExportRequest, formatFieldPath } from "./export-request";
import { resolveClauseVersions } from "./library.server";
import { resolveParameterValues } from "./parameters";

export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
  odt: ODT_MEDIA_TYPE,
  docx: DOCX_MEDIA_TYPE,
  markdown: "text/markdown; charset=utf-8",
  html: "text/html; charset=utf-8",
};

export interface ExportedDocument {
  body: Uint8Array | string;
  contentType: string;
  fileName: string;
}

/**
 * Builds the whole document in memory before answering: any unknown clause or version, unknown parameter or value
 * out of bounds refuses the export (French messages keyed by field path), so nothing is ever half-exported.
 */
export async function exportClauseSelection(db: Db, request: ExportRequest): Promise<ExportedDocument> {
  const entries = request.sections.flatMap((section, sectionIndex) =>
    section.clauses.map((clause, clauseIndex) => ({
      ...clause,
      path: formatFieldPath(["sections", sectionIndex, "clauses", clauseIndex]),
    })),
  );
  const versions = await resolveClauseVersions(db, entries);

  const fieldErrors: Record<string, string> = {};
  entries.forEach((entry, index) => {
    const version = versions[index]!;
    const known = new Set(version.parameters.map((parameter) => parameter.name));
    for (const name of Object.keys(entry.parameters).filter((name) => !known.has(name)))
      fieldErrors[`${entry.path}.parameters.${name}`] =
        `La clause « ${version.title} » n'a pas de paramètre « ${name} ».`;
    const values = Object.fromEntries(Object.entries(entry.parameters).filter(([, value]) => value !== null));
    for (const [name, message] of Object.entries(resolveParameterValues(version.parameters, values).fieldErrors))
      fieldErrors[`${entry.path}.parameters.${name}`] = `${message} (clause « ${version.title} »)`;
  });
  if (Object.keys(fieldErrors).length > 0)
    throw new DomainError(422, `Le CCTP ne peut pas être exporté : ${Object.values(fieldErrors).join(" ")}`, {
      fieldErrors,
    });

  let cursor = 0;
  const sections: SectionInput[] = request.sections.map((section) => ({
    title: section.title,
    children: section.clauses.map((clause) => ({
      clause: versions[cursor++]!,
      values: Object.fromEntries(Object.entries(clause.parameters).filter(([, value]) => value !== null)),
    })),
  }));
  const document = buildClauseDocument({
    titlePage: {
      buyerName: request.buyer,
      procurementTitle: request.title,
      procurementReference: request.reference || undefined,
      date: request.date,
    },
    sections,
    includeGuidance: request.includeGuidance,
    includeAcceptancePlan: request.acceptancePlan,
  });
  const body =
    request.format === "odt"
      ? exportOdt(document)
      : request.format === "docx"
        ? exportDocx(document)
        : request.format === "markdown"
          ? exportMarkdown(document)
          : exportHtml(document);
  return {
    body,
    contentType: EXPORT_MEDIA_TYPES[request.format],
    fileName: exportFileName(request.title, request.format),
  };
}
