import { DomainError } from "~/domain/shared/errors";
import type { Db } from "~/infra/db.server";
import type { Block } from "./blocks";
import { type ExportedDocument, exportClauseSelection } from "./export.server";
import type { ExportFormat } from "./export-request";
import { getClauseVersion } from "./library.server";
import { resolveParameterValues } from "./parameters";
import { renderClauseVersion } from "./render";
import { groupSections, type Selection, selectionToExportRequest } from "./selection";
import { isOutdated, upgradeSelectionItem } from "./upgrade";
import { type ClauseDiffView, clauseDiffView, type ParameterView, parameterView } from "./views";

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
  /** The clause's current published version when it is newer than the one used here. */
  newerVersion: string | null;
  /** The current version's status: a deprecated or superseded clause is flagged, with its successor. */
  clauseStatus: "published" | "deprecated" | "superseded" | null;
  successor: { id: string; title: string; url: string } | null;
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
        const { clause, version } = await getClauseVersion(db, item.id, item.version);
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
          newerVersion: isOutdated(version.version, clause.currentVersion) ? clause.currentVersion : null,
          clauseStatus: clause.status,
          successor: clause.supersededBy ? await successorOf(db, clause.supersededBy) : null,
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
          newerVersion: null,
          clauseStatus: null,
          successor: null,
        });
      }
    }
    sections.push({ title: section.title, items });
  }
  return { title: selection.title, buyer: selection.buyer, sections, fieldErrors, errorCount };
}

async function successorOf(db: Db, id: string) {
  const successor = await db.clause.findUnique({ where: { id }, select: { id: true, title: true } });
  return successor ? { ...successor, url: `/clauses/${successor.id}` } : null;
}

/** The items an upgrade asks for: one index, or every outdated item ("all"). */
async function outdatedItems(db: Db, selection: Selection, which: number | "all") {
  const indexes = which === "all" ? selection.items.map((_, index) => index) : [which];
  const found = [];
  for (const index of indexes) {
    const item = selection.items[index];
    if (!item?.version) continue;
    const clause = await db.clause.findUnique({ where: { id: item.id }, select: { currentVersion: true } });
    if (!clause || !isOutdated(item.version, clause.currentVersion)) continue;
    try {
      const before = await getClauseVersion(db, item.id, item.version);
      const after = await getClauseVersion(db, item.id, clause.currentVersion);
      found.push({ index, item, before, after });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status !== 404) throw error;
    }
  }
  return found;
}

export interface UpgradeReview {
  which: number | "all";
  items: { index: number; title: string; from: string; to: string; diff: ClauseDiffView }[];
}

/** What an upgrade would change, for the buyer to read before confirming. */
export async function reviewSelectionUpgrade(
  db: Db,
  selection: Selection,
  which: number | "all",
): Promise<UpgradeReview> {
  const items = await outdatedItems(db, selection, which);
  return {
    which,
    items: items.map(({ index, before, after }) => ({
      index,
      title: after.version.title,
      from: before.version.version,
      to: after.version.version,
      diff: clauseDiffView(after.clause, before.version, after.version),
    })),
  };
}

export interface UpgradeReport {
  index: number;
  title: string;
  from: string;
  to: string;
  kept: string[];
  messages: string[];
}

/** Moves the chosen items to their clause's current version (upgrade.ts says what happens to each value). */
export async function upgradeSelection(
  db: Db,
  selection: Selection,
  which: number | "all",
): Promise<{ selection: Selection; reports: UpgradeReport[] }> {
  const items = [...selection.items];
  const reports: UpgradeReport[] = [];
  for (const { index, item, before, after } of await outdatedItems(db, selection, which)) {
    const upgrade = upgradeSelectionItem(item, before.version, after.version);
    items[index] = upgrade.item;
    reports.push({
      index,
      title: after.version.title,
      from: upgrade.from,
      to: upgrade.to,
      kept: upgrade.kept.map((entry) => entry.label),
      messages: [...upgrade.invalid, ...upgrade.added, ...upgrade.removed].map((entry) => entry.message),
    });
  }
  return { selection: { ...selection, items }, reports };
}

/** The exported file, or the view with every problem named (nothing is exported while one remains). */
export async function exportSelection(
  db: Db,
  selection: Selection,
  format: ExportFormat,
  options: { acceptancePlan?: boolean } = {},
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
  return { ok: true, document: await exportClauseSelection(db, selectionToExportRequest(selection, format, options)) };
}
