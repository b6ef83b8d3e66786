import { DomainError } from "~/domain/shared/errors";
import { acceptancePlanBlocks, buildAcceptancePlan } from "./acceptance-plan";
import type { Block } from "./blocks";
import type { ClauseVersion } from "./model";
import { formatFrenchDate } from "./parameters";
import { formatReference, type RenderedClause, renderClauseVersion } from "./render";

// The one document model every exporter reads (ODT, DOCX, HTML, Markdown): a title page, then numbered sections
// holding clauses and sub-sections. Numbers are computed here for the formats without automatic numbering (HTML,
// Markdown, the pre-filled table of contents); ODT and DOCX number headings through their own outline styles.

export const DEFAULT_DOCUMENT_TITLE = "Cahier des clauses techniques particulières (CCTP)";
/** Heading levels a word processor's table of contents shows by default; 2.1.1.1 is as deep as a CCTP goes. */
export const MAX_HEADING_LEVEL = 4;

export interface TitlePage {
  buyerName: string;
  procurementTitle: string;
  /** Defaults to "Cahier des clauses techniques particulières (CCTP)". */
  documentTitle?: string;
  /** The buyer's file reference, e.g. "Marché n° 2027-014". */
  procurementReference?: string;
  /** AAAA-MM-JJ. */
  date?: string;
}

export type DocumentNode = { kind: "clause"; clause: RenderedClause } | { kind: "section"; section: DocumentSection };

export interface DocumentSection {
  title: string;
  children: DocumentNode[];
}

export interface ClauseDocument {
  titlePage: Required<Pick<TitlePage, "buyerName" | "procurementTitle" | "documentTitle">> & TitlePage;
  sections: DocumentSection[];
  /** Print the buyer's guide as comments (ODT/DOCX) or asides (HTML/Markdown). Never as binding text. */
  includeGuidance: boolean;
  /** The acceptance test plan annex (acceptance-plan.ts), when asked for; exporters print it after the clause list. */
  acceptancePlan: Block[] | null;
}

export interface SectionInput {
  title: string;
  children: (ClauseInput | SectionInput)[];
}

export interface ClauseInput {
  clause: ClauseVersion;
  /** The buyer's values, as typed values or form strings; defaults apply to what is missing. */
  values?: Readonly<Record<string, unknown>>;
}

/**
 * Renders every clause with its values and assembles the document. Refuses with a 422 DomainError whose
 * `fieldErrors` are keyed `<clause id>.<parameter>` and name each field in French, all problems at once.
 */
export function buildClauseDocument(input: {
  titlePage: TitlePage;
  sections: SectionInput[];
  includeGuidance?: boolean;
  includeAcceptancePlan?: boolean;
}): ClauseDocument {
  const fieldErrors: Record<string, string> = {};
  if (!input.titlePage.buyerName.trim()) fieldErrors.buyerName = "« Nom de l'acheteur » est obligatoire.";
  if (!input.titlePage.procurementTitle.trim()) fieldErrors.procurementTitle = "« Objet du marché » est obligatoire.";

  const buildSection = (section: SectionInput, level: number): DocumentSection => {
    if (level >= MAX_HEADING_LEVEL)
      throw new DomainError(
        422,
        `La section « ${section.title} » est trop profonde : le CCTP compte au plus ${MAX_HEADING_LEVEL} niveaux de titres.`,
      );
    const children: DocumentNode[] = [];
    for (const child of section.children) {
      if ("clause" in child) {
        try {
          children.push({ kind: "clause", clause: renderClauseVersion(child.clause, child.values ?? {}) });
        } catch (caught) {
          if (!(caught instanceof DomainError)) throw caught;
          const clauseErrors = (caught.context.fieldErrors ?? {}) as Record<string, string>;
          for (const [name, message] of Object.entries(clauseErrors))
            fieldErrors[`${child.clause.id}.${name}`] = message;
        }
      } else children.push({ kind: "section", section: buildSection(child, level + 1) });
    }
    return { title: section.title, children };
  };
  const sections = input.sections.map((section) => buildSection(section, 1));

  if (Object.keys(fieldErrors).length > 0)
    throw new DomainError(422, "Le CCTP ne peut pas être exporté : des paramètres sont à corriger.", { fieldErrors });
  const document: ClauseDocument = {
    titlePage: { ...input.titlePage, documentTitle: input.titlePage.documentTitle ?? DEFAULT_DOCUMENT_TITLE },
    sections,
    includeGuidance: input.includeGuidance ?? false,
    acceptancePlan: null,
  };
  if (input.includeAcceptancePlan)
    document.acceptancePlan = acceptancePlanBlocks(buildAcceptancePlan(outlineOf(document)));
  return document;
}

export type OutlineItem =
  | { kind: "section"; level: number; number: string; title: string }
  | { kind: "clause"; level: number; number: string; title: string; clause: RenderedClause };

/** The document in reading order, each heading with its level (1–4) and its number ("2.1.1"). */
export function outlineOf(document: ClauseDocument): OutlineItem[] {
  const items: OutlineItem[] = [];
  const visit = (nodes: readonly DocumentNode[], prefix: string, level: number) => {
    nodes.forEach((node, index) => {
      const number = prefix ? `${prefix}.${index + 1}` : String(index + 1);
      if (node.kind === "clause")
        items.push({ kind: "clause", level, number, title: node.clause.title, clause: node.clause });
      else {
        items.push({ kind: "section", level, number, title: node.section.title });
        visit(node.section.children, number, level + 1);
      }
    });
  };
  visit(
    document.sections.map((section) => ({ kind: "section", section })),
    "",
    1,
  );
  return items;
}

export const ANNEX_TITLE = "Annexe : liste des clauses";
export const TABLE_OF_CONTENTS_TITLE = "Table des matières";
export const GUIDANCE_TITLE = "Guide de l'acheteur";
export const ANNEX_COLUMNS = ["N°", "Clause", "Identifiant", "Version", "Empreinte (SHA-256)"] as const;

/** The discreet line under each clause heading: where the text comes from, so it can be traced and verified. */
export function clauseReferenceLine(clause: RenderedClause): string {
  const references = clause.references.map(formatReference).join(" ; ");
  return `Clause ${clause.id}, version ${clause.version}${references ? ` — Références : ${references}` : ""}`;
}

/** Lines of the title page below the main title, in order. */
export function titlePageDetails(titlePage: TitlePage): string[] {
  return [
    titlePage.procurementReference,
    titlePage.date ? `Version du ${formatFrenchDate(titlePage.date)}` : undefined,
  ].filter((line): line is string => Boolean(line));
}
