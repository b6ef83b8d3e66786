import { DomainError } from "~/domain/shared/errors";
import type { Db } from "~/infra/db.server";
import type { Block } from "./blocks";
import { type ExportedDocument, exportClauseSelection } from "./export.server";
import type { ExportFormat } from "./export-request";
import { getClauseVersion } from "./library.server";
import { resolveParameterValues } from "./parameters";
import { renderClauseVersion } from "./render";
import { groupSections, type Selection, selectionToExportRequest } from "./selection";
import { type ParameterView, parameterView } from "./views";

export interface SelectionItemView {
  index: number;
  id: string;
  /** The version used: the one asked for, or the current one. */
  version: string | null;
  title: string | null;
  parameters: ParameterView[];
  values: Record<string, string>;
  /** Parameter name → French message; `_clause` for an unknown clause or version. */
  fieldErrors: Record<string, string>;
  /** The binding text with the values given so far (missing values read « [libellé] »). */
  preview: Block[];
}

export interface SelectionView {
  title: string;
  buyer: string;
  sections: { title: string; items: SelectionItemView[] }[];
  /** title / buyer → French message. */
  fieldErrors: Record<string, string>;
  errorCount: number;
}

/** The selection with each clause loaded, its parameters checked and its text rendered, for the page. */
export async function buildSelectionView(
  db: Db,
  selection: Selection,
  options: { requireTitlePage: boolean },
): Promise<SelectionView> {
  const fieldErrors: Record<string, string> = {};
  if (options.requireTitlePage) {
    if (!selection.title.trim()) fieldErrors.title = "« Objet du marché » est obligatoire.";
    if (!selection.buyer.trim()) fieldErrors.buyer = "« Nom de l'acheteur » est obligatoire.";
  }
  let errorCount = Object.keys(fieldErrors).length;
  const sections = [];
  for (const section of groupSections(selection)) {
    const items: SelectionItemView[] = [];
    for (const { index, item } of section.items) {
      try {
        const { version } = await getClauseVersion(db, item.id, item.version);
        const known = new Set(version.parameters.map((parameter) => parameter.name));
        const values = Object.fromEntries(Object.entries(item.parameters).filter(([name]) => known.has(name)));
        const given = Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== ""));
        const itemErrors = resolveParameterValues(version.parameters, given).fieldErrors;
        errorCount += Object.keys(itemErrors).length;
        const valid = Object.fromEntries(Object.entries(given).filter(([name]) => !itemErrors[name]));
        items.push({
          index,
          id: item.id,
          version: version.version,
          title: version.title,
          parameters: version.parameters.map(parameterView),
          values,
          fieldErrors: itemErrors,
          preview: renderClauseVersion(version, valid, { allowMissing: true }).blocks,
        });
      } catch (error) {
        if (!(error instanceof DomainError) || error.status !== 404) throw error;
        errorCount++;
        items.push({
          index,
          id: item.id,
          version: item.version ?? null,
          title: null,
          parameters: [],
          values: {},
          fieldErrors: { _clause: error.userMessage },
          preview: [],
        });
      }
    }
    sections.push({ title: section.title, items });
  }
  return { title: selection.title, buyer: selection.buyer, sections, fieldErrors, errorCount };
}

/** The exported file, or the view with every problem named (nothing is exported while one remains). */
export async function exportSelection(
  db: Db,
  selection: Selection,
  format: ExportFormat,
): Promise<{ ok: true; document: ExportedDocument } | { ok: false; view: SelectionView; message: string }> {
  const view = await buildSelectionView(db, selection, { requireTitlePage: true });
  if (selection.items.length === 0)
    return { ok: false, view, message: "Ajoutez au moins une clause à la sélection avant de l'exporter." };
  if (view.errorCount > 0)
    return {
      ok: false,
      view,
      message: `Le CCTP ne peut pas être exporté : ${view.errorCount} champ${view.errorCount > 1 ? "s sont" : " est"} à corriger.`,
    };
  return { ok: true, document: await exportClauseSelection(db, selectionToExportRequest(selection, format)) };
}
