import { z } from "zod";
import type { Viewer } from "~/domain/identity/viewer";
import { DomainError } from "~/domain/shared/errors";
import { MAX_SELECTION_ITEMS, type Selection } from "./selection";

// Saved named selections (docs/decisions/020): the rules that need no database. A saved selection is a buyer's
// working draft of a procurement, often before it is public: only its owner reads or changes it, staff included.

export const SAVED_SELECTION_NAME_MAX = 120;
const TEXT_MAX = 500;
const PARAMETER_VALUE_MAX = 10_000;
/** Beyond the item count, a bound on the stored JSON: 200 items with long texts stay well below it. */
export const SAVED_DOCUMENT_MAX_BYTES = 512 * 1024;

/** True only for the owner's own session or API key: anyone else gets the same 404 as for a missing selection. */
export function canAccessSavedSelection(viewer: Viewer, ownerId: number): boolean {
  return viewer.kind !== "anonymous" && viewer.user !== null && viewer.user.id === ownerId;
}

const invalid = (fieldErrors: Record<string, string>) =>
  new DomainError(422, `La sélection n'a pas été enregistrée : ${Object.values(fieldErrors).join(" ")}`, {
    fieldErrors,
  });

/** The name as stored (trimmed, 1 to 120 characters), or a 422 naming the field. */
export function requireSelectionName(input: unknown): string {
  const name = typeof input === "string" ? input.trim() : "";
  if (!name) throw invalid({ savedName: "« Nom de la sélection » est obligatoire." });
  if ([...name].length > SAVED_SELECTION_NAME_MAX)
    throw invalid({
      savedName: `« Nom de la sélection » ne doit pas dépasser ${SAVED_SELECTION_NAME_MAX} caractères.`,
    });
  return name;
}

/** "Clause n° 3 (« reversibilite »)": how messages name an item, as the page numbers them. */
export const itemLabel = (index: number, id: string) => `Clause n° ${index + 1} (« ${id} »)`;

/** Checks what can be checked without the library: sizes and lengths. Every problem at once, keyed by field. */
export function checkSelectionDocument(selection: Selection): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  if (selection.items.length > MAX_SELECTION_ITEMS)
    fieldErrors.items = `Une sélection compte au plus ${MAX_SELECTION_ITEMS} clauses (elle en a ${selection.items.length}).`;
  if (selection.title.length > TEXT_MAX)
    fieldErrors.title = `« Objet du marché » ne doit pas dépasser ${TEXT_MAX} caractères.`;
  if (selection.buyer.length > TEXT_MAX)
    fieldErrors.buyer = `« Nom de l'acheteur » ne doit pas dépasser ${TEXT_MAX} caractères.`;
  selection.items.slice(0, MAX_SELECTION_ITEMS).forEach((item, index) => {
    if (item.section.length > TEXT_MAX)
      fieldErrors[`item.${index}.section`] =
        `${itemLabel(index, item.id)} : la section ne doit pas dépasser ${TEXT_MAX} caractères.`;
    if (item.id.length > 200) fieldErrors[`item.${index}.id`] = `Clause n° ${index + 1} : identifiant trop long.`;
    for (const [name, value] of Object.entries(item.parameters))
      if (value.length > PARAMETER_VALUE_MAX)
        fieldErrors[`item.${index}.param.${name}`] =
          `${itemLabel(index, item.id)} : la valeur de « ${name} » ne doit pas dépasser ${PARAMETER_VALUE_MAX} caractères.`;
  });
  if (
    Object.keys(fieldErrors).length === 0 &&
    new TextEncoder().encode(serializeSelection(selection)).length > SAVED_DOCUMENT_MAX_BYTES
  )
    fieldErrors.items = "La sélection est trop volumineuse pour être enregistrée.";
  return fieldErrors;
}

/** Throws the 422 when checkSelectionDocument finds anything. */
export function requireSelectionDocument(selection: Selection): void {
  const fieldErrors = checkSelectionDocument(selection);
  if (Object.keys(fieldErrors).length > 0) throw invalid(fieldErrors);
}

const storedSelection = z.object({
  title: z.string().catch(""),
  buyer: z.string().catch(""),
  items: z
    .array(
      z.object({
        section: z.string(),
        id: z.string(),
        version: z.string().optional(),
        parameters: z.record(z.string()).catch({}),
      }),
    )
    .catch([]),
});

export function serializeSelection(selection: Selection): string {
  return JSON.stringify({
    title: selection.title,
    buyer: selection.buyer,
    items: selection.items.map((item) => ({
      section: item.section,
      id: item.id,
      version: item.version,
      parameters: item.parameters,
    })),
  });
}

/** The stored JSON back as a Selection; a row damaged by hand reads as an empty selection rather than a 500. */
export function parseStoredSelection(json: string): Selection {
  try {
    const parsed = storedSelection.safeParse(JSON.parse(json));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  return { title: "", buyer: "", items: [] };
}

/** "Plan réversibilité (copie)", cut so the copy's name stays within the limit. */
export function copyName(name: string): string {
  const suffix = " (copie)";
  return [...name].slice(0, SAVED_SELECTION_NAME_MAX - suffix.length).join("") + suffix;
}
