import { requireSignedIn, type Viewer } from "~/domain/identity/viewer";
import { DomainError, notFound } from "~/domain/shared/errors";
import type { Db } from "~/infra/db.server";
import {
  canAccessSavedSelection,
  copyName,
  itemLabel,
  parseStoredSelection,
  requireSelectionDocument,
  requireSelectionName,
  serializeSelection,
} from "./saved-selections";
import type { Selection } from "./selection";

// Saved named selections (docs/decisions/020). Every function takes the viewer and checks ownership itself: a
// selection that is not the viewer's is "introuvable" (404), whoever asks, so its existence does not leak.

export interface SavedSelectionSummary {
  id: number;
  name: string;
  revision: number;
  itemCount: number;
  title: string;
  createdAt: string;
  updatedAt: string;
  url: string;
}

export interface SavedSelectionDetail extends SavedSelectionSummary {
  selection: Selection;
}

const missing = (id: number) => notFound("Cette sélection enregistrée", { savedSelectionId: id });

type Row = { id: number; name: string; revision: number; document: string; createdAt: Date; updatedAt: Date };

function detailOf(row: Row): SavedSelectionDetail {
  const selection = parseStoredSelection(row.document);
  return {
    id: row.id,
    name: row.name,
    revision: row.revision,
    itemCount: selection.items.length,
    title: selection.title,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    url: `/selection?enregistree=${row.id}`,
    selection,
  };
}

async function findOwned(db: Db, viewer: Viewer, id: number): Promise<Row & { ownerId: number }> {
  const row = Number.isSafeInteger(id) && id > 0 ? await db.savedSelection.findUnique({ where: { id } }) : null;
  if (!row || !canAccessSavedSelection(viewer, row.ownerId)) throw missing(id);
  return row;
}

export async function listSavedSelections(db: Db, viewer: Viewer): Promise<SavedSelectionSummary[]> {
  const owner = requireSignedIn(viewer);
  const rows = await db.savedSelection.findMany({ where: { ownerId: owner.id }, orderBy: { updatedAt: "desc" } });
  return rows.map((row) => {
    const { selection: _selection, ...summary } = detailOf(row);
    return summary;
  });
}

export async function getSavedSelection(db: Db, viewer: Viewer, id: number): Promise<SavedSelectionDetail> {
  return detailOf(await findOwned(db, viewer, id));
}

/**
 * Pins every item to a published version (the current one when none is given) and refuses unknown clauses or
 * versions with a 422 naming each item, before anything is written.
 */
export async function pinSelectionVersions(db: Db, selection: Selection): Promise<Selection> {
  requireSelectionDocument(selection);
  const ids = [...new Set(selection.items.map((item) => item.id))];
  const clauses = await db.clause.findMany({
    where: { id: { in: ids } },
    select: { id: true, title: true, currentVersion: true, versions: { select: { version: true } } },
  });
  const byId = new Map(clauses.map((clause) => [clause.id, clause]));
  const fieldErrors: Record<string, string> = {};
  const items = selection.items.map((item, index) => {
    const clause = byId.get(item.id);
    if (!clause) {
      fieldErrors[`item.${index}.id`] = `${itemLabel(index, item.id)} : cette clause n'existe pas.`;
      return item;
    }
    const version = item.version ?? clause.currentVersion;
    if (!clause.versions.some((candidate) => candidate.version === version))
      fieldErrors[`item.${index}.version`] =
        `${itemLabel(index, item.id)} : la clause « ${clause.title} » n'a pas de version publiée ${version}.`;
    return { ...item, version };
  });
  if (Object.keys(fieldErrors).length > 0)
    throw new DomainError(422, `La sélection n'a pas été enregistrée : ${Object.values(fieldErrors).join(" ")}`, {
      fieldErrors,
    });
  return { ...selection, items };
}

export async function createSavedSelection(
  db: Db,
  viewer: Viewer,
  input: { name: unknown; selection: Selection },
): Promise<SavedSelectionDetail> {
  const owner = requireSignedIn(viewer);
  const name = requireSelectionName(input.name);
  const selection = await pinSelectionVersions(db, input.selection);
  const row = await db.savedSelection.create({
    data: { ownerId: owner.id, name, document: serializeSelection(selection) },
  });
  return detailOf(row);
}

const stale = (name: string) =>
  new DomainError(
    409,
    `La sélection « ${name} » a été modifiée ailleurs (dans un autre onglet ou une autre session) depuis que vous l'avez ouverte : vos modifications n'ont pas été enregistrées. Enregistrez-les comme nouvelle sélection, ou rouvrez la sélection pour repartir de sa dernière version.`,
    { fieldErrors: {} },
  );

/**
 * Replaces the name and/or the document, only if nobody saved it since `revision` was read: the check and the
 * write are one UPDATE … WHERE revision = ?, so two concurrent saves cannot both pass.
 */
export async function updateSavedSelection(
  db: Db,
  viewer: Viewer,
  id: number,
  input: { revision: number; name?: unknown; selection?: Selection },
): Promise<SavedSelectionDetail> {
  const current = await findOwned(db, viewer, id);
  const name = input.name === undefined ? undefined : requireSelectionName(input.name);
  const selection = input.selection ? await pinSelectionVersions(db, input.selection) : undefined;
  if (!Number.isSafeInteger(input.revision) || input.revision !== current.revision) throw stale(current.name);
  const { count } = await db.savedSelection.updateMany({
    where: { id, ownerId: current.ownerId, revision: input.revision },
    data: {
      ...(name === undefined ? {} : { name }),
      ...(selection ? { document: serializeSelection(selection) } : {}),
      revision: { increment: 1 },
    },
  });
  if (count === 0) throw stale(current.name);
  return detailOf(await db.savedSelection.findUniqueOrThrow({ where: { id } }));
}

export async function duplicateSavedSelection(db: Db, viewer: Viewer, id: number): Promise<SavedSelectionDetail> {
  const source = await findOwned(db, viewer, id);
  const row = await db.savedSelection.create({
    data: { ownerId: source.ownerId, name: copyName(source.name), document: source.document },
  });
  return detailOf(row);
}

export async function deleteSavedSelection(db: Db, viewer: Viewer, id: number): Promise<{ name: string }> {
  const row = await findOwned(db, viewer, id);
  const { count } = await db.savedSelection.deleteMany({ where: { id, ownerId: row.ownerId } });
  if (count === 0) throw missing(id);
  return { name: row.name };
}
