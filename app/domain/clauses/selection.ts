import type { ExportFormat, ExportRequest } from "./export-request";

// A buyer's selection of clauses (/selection), kept in the page's form fields so it works without JavaScript (and in
// localStorage with it): a title page, then items, each a clause version with its parameter values and the title
// of the CCTP section it goes under. Consecutive items with the same section title form one section.

export const DEFAULT_SECTION = "Exigences techniques";
export const MAX_SELECTION_ITEMS = 200;

export interface SelectionItem {
  section: string;
  id: string;
  version?: string;
  /** Form values as typed (validated against the clause when previewed or exported). */
  parameters: Record<string, string>;
}

export interface Selection {
  title: string;
  buyer: string;
  items: SelectionItem[];
}

const ITEM_FIELD = /^item\.(\d+)\.(section|id|version|param\.([a-zA-Z0-9]+))$/;

/** Reads `title`, `buyer` and `item.<n>.section|id|version|param.<name>` fields, in the order of n. */
export function parseSelectionFields(entries: Iterable<[string, string]>): Selection {
  const byIndex = new Map<number, SelectionItem>();
  let title = "";
  let buyer = "";
  for (const [name, value] of entries) {
    if (name === "title") title = value;
    else if (name === "buyer") buyer = value;
    const match = ITEM_FIELD.exec(name);
    if (!match) continue;
    const index = Number(match[1]);
    if (index >= MAX_SELECTION_ITEMS) continue;
    const item = byIndex.get(index) ?? { section: "", id: "", parameters: {} };
    byIndex.set(index, item);
    if (match[3]) item.parameters[match[3]] = value;
    else if (match[2] === "section") item.section = value;
    else if (match[2] === "id") item.id = value.trim();
    else if (match[2] === "version") item.version = value.trim() || undefined;
  }
  const items = [...byIndex]
    .sort(([a], [b]) => a - b)
    .map(([, item]) => ({ ...item, section: item.section.trim() || DEFAULT_SECTION }))
    .filter((item) => item.id);
  return { title, buyer, items };
}

/** The same fields, for a form or for localStorage. */
export function selectionFields(selection: Selection): [string, string][] {
  const fields: [string, string][] = [
    ["title", selection.title],
    ["buyer", selection.buyer],
  ];
  selection.items.forEach((item, index) => {
    fields.push([`item.${index}.section`, item.section], [`item.${index}.id`, item.id]);
    if (item.version) fields.push([`item.${index}.version`, item.version]);
    for (const [name, value] of Object.entries(item.parameters)) fields.push([`item.${index}.param.${name}`, value]);
  });
  return fields;
}

export function addToSelection(selection: Selection, item: SelectionItem): Selection {
  if (selection.items.length >= MAX_SELECTION_ITEMS) return selection;
  return { ...selection, items: [...selection.items, item] };
}

export function removeFromSelection(selection: Selection, index: number): Selection {
  return { ...selection, items: selection.items.filter((_, position) => position !== index) };
}

/** Moves an item one place up or down (reordering also regroups sections). */
export function moveInSelection(selection: Selection, index: number, offset: -1 | 1): Selection {
  const target = index + offset;
  if (target < 0 || target >= selection.items.length) return selection;
  const items = [...selection.items];
  [items[index], items[target]] = [items[target]!, items[index]!];
  return { ...selection, items };
}

/** Moves an item to another position (drag and drop); the others keep their relative order. */
export function moveToPosition(selection: Selection, from: number, to: number): Selection {
  const count = selection.items.length;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || from >= count || to < 0 || to >= count)
    return selection;
  const items = [...selection.items];
  const [moved] = items.splice(from, 1);
  items.splice(to, 0, moved!);
  return { ...selection, items };
}

/** What a screen reader hears after a move: "Clause déplacée en position 3 sur 5." */
export const moveAnnouncement = (position: number, count: number) =>
  `Clause déplacée en position ${position + 1} sur ${count}.`;

/** Consecutive items with the same section title, with each item's index in the selection. */
export function groupSections(
  selection: Selection,
): { title: string; items: { index: number; item: SelectionItem }[] }[] {
  const sections: { title: string; items: { index: number; item: SelectionItem }[] }[] = [];
  selection.items.forEach((item, index) => {
    const last = sections.at(-1);
    if (last && last.title === item.section) last.items.push({ index, item });
    else sections.push({ title: item.section, items: [{ index, item }] });
  });
  return sections;
}

/** The export API's request for this selection; empty values are left out so defaults apply. */
export function selectionToExportRequest(
  selection: Selection,
  format: ExportFormat,
  options: { acceptancePlan?: boolean } = {},
): ExportRequest {
  return {
    format,
    title: selection.title.trim(),
    buyer: selection.buyer.trim(),
    includeGuidance: false,
    acceptancePlan: options.acceptancePlan ?? false,
    sections: groupSections(selection).map((section) => ({
      title: section.title,
      clauses: section.items.map(({ item }) => ({
        id: item.id,
        version: item.version,
        parameters: Object.fromEntries(Object.entries(item.parameters).filter(([, value]) => value.trim() !== "")),
      })),
    })),
  };
}
