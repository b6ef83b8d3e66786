import { describe, expect, it } from "vitest";
import type { SignedInUser, Viewer } from "~/domain/identity/viewer";
import { type DomainError } from "~/domain/shared/errors";
import {
  canAccessSavedSelection,
  checkSelectionDocument,
  copyName,
  parseStoredSelection,
  requireSelectionName,
  serializeSelection,
} from "./saved-selections";
import { MAX_SELECTION_ITEMS, type Selection } from "./selection";

const user = (id: number, role: SignedInUser["role"]): SignedInUser => ({
  id,
  username: `u${id}`,
  displayName: `U ${id}`,
  role,
  groups: [],
});
const session = (id: number, role: SignedInUser["role"]): Viewer => ({
  kind: "session",
  user: user(id, role),
  sessionId: "s",
});

describe("who may read or change a saved selection", () => {
  const ownerId = 7;
  it("lets its owner in, by session or by their own API key", () => {
    expect(canAccessSavedSelection(session(ownerId, "member"), ownerId)).toBe(true);
    expect(
      canAccessSavedSelection(
        { kind: "api_key", user: user(ownerId, "member"), group: null, apiKeyId: 1, scopes: ["read"] },
        ownerId,
      ),
    ).toBe(true);
  });

  it("keeps out anonymous visitors, other members, moderators, admins and group keys", () => {
    expect(canAccessSavedSelection({ kind: "anonymous" }, ownerId)).toBe(false);
    expect(canAccessSavedSelection(session(8, "member"), ownerId)).toBe(false);
    expect(canAccessSavedSelection(session(9, "moderator"), ownerId)).toBe(false);
    expect(canAccessSavedSelection(session(10, "admin"), ownerId)).toBe(false);
    expect(
      canAccessSavedSelection({ kind: "api_key", user: null, group: "crige", apiKeyId: 2, scopes: ["read"] }, ownerId),
    ).toBe(false);
  });
});

describe("the name of a saved selection", () => {
  it("is trimmed and must hold 1 to 120 characters", () => {
    expect(requireSelectionName("  Plateforme 2027  ")).toBe("Plateforme 2027");
    expect(requireSelectionName("é".repeat(120))).toHaveLength(120);
    const refusal = (input: unknown) => {
      try {
        requireSelectionName(input);
      } catch (error) {
        return error as DomainError;
      }
      throw new Error("accepted");
    };
    expect(refusal("   ").status).toBe(422);
    expect(refusal("   ").context.fieldErrors).toEqual({ savedName: "« Nom de la sélection » est obligatoire." });
    expect(refusal("x".repeat(121)).context.fieldErrors).toEqual({
      savedName: "« Nom de la sélection » ne doit pas dépasser 120 caractères.",
    });
  });

  it("of a copy stays within the limit", () => {
    expect(copyName("CCTP socle")).toBe("CCTP socle (copie)");
    expect([...copyName("a".repeat(120))]).toHaveLength(120);
  });
});

describe("the stored document", () => {
  const selection: Selection = {
    title: "Plateforme",
    buyer: "Commune",
    items: [
      { id: "reversibilite", version: "1.0.0", section: "Fin du marché", parameters: { delaiRestitution: "P60D" } },
    ],
  };

  it("round-trips through JSON", () => {
    expect(parseStoredSelection(serializeSelection(selection))).toEqual(selection);
  });

  it("reads a damaged row as an empty selection", () => {
    expect(parseStoredSelection("{not json")).toEqual({ title: "", buyer: "", items: [] });
  });

  it("refuses too many items and too long texts, naming the item", () => {
    const many = { ...selection, items: Array.from({ length: MAX_SELECTION_ITEMS + 1 }, () => selection.items[0]!) };
    expect(checkSelectionDocument(many).items).toBe(
      `Une sélection compte au plus ${MAX_SELECTION_ITEMS} clauses (elle en a ${MAX_SELECTION_ITEMS + 1}).`,
    );
    const long = { ...selection, items: [{ ...selection.items[0]!, section: "s".repeat(501) }] };
    expect(checkSelectionDocument(long)).toEqual({
      "item.0.section": "Clause n° 1 (« reversibilite ») : la section ne doit pas dépasser 500 caractères.",
    });
    expect(checkSelectionDocument(selection)).toEqual({});
  });
});
