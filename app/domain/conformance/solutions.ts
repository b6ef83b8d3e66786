// The solutions admin's forms, framework-free: a solution (name, slug derived from the name unless typed, links,
// maintainer group) and its versions, checked with French messages next to each field.
import { DomainError } from "~/domain/shared/errors";

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/;
const GROUP_NAME = /^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$/;
const VERSION = /^[0-9A-Za-z][0-9A-Za-z.+_-]{0,49}$/;

/** "Géoplateforme (IGN)" → "geoplateforme-ign". */
export function solutionSlug(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

/** The maintainer group of a solution: none, an existing group, or "mainteneurs-<slug>" created with it. */
export type MaintainerChoice = { kind: "none" } | { kind: "existing"; name: string } | { kind: "create"; name: string };

export interface SolutionInput {
  name: string;
  slug: string;
  repositoryUrl: string;
  trackerUrl: string;
  maintainer: MaintainerChoice;
}

export const NEW_GROUP_CHOICE = "__new__";

function optionalHttpUrl(value: unknown): { url: string; ok: boolean } {
  const text = String(value ?? "").trim();
  if (!text) return { url: "", ok: true };
  try {
    const url = new URL(text);
    return { url: url.href, ok: (url.protocol === "http:" || url.protocol === "https:") && text.length <= 500 };
  } catch {
    return { url: text, ok: false };
  }
}

export function validateSolutionInput(
  input: Record<string, unknown>,
  failure = "La solution n'a pas été enregistrée : corrigez les champs signalés.",
): SolutionInput {
  const errors: Record<string, string> = {};
  const name = String(input.name ?? "").trim();
  if (name.length < 2 || name.length > 100) errors.name = "Le nom doit contenir de 2 à 100 caractères.";
  const typedSlug = String(input.slug ?? "").trim();
  const slug = typedSlug || solutionSlug(name);
  if (!SLUG.test(slug)) {
    errors.slug = typedSlug
      ? "Identifiant de 1 à 60 caractères : lettres minuscules sans accent, chiffres et tirets (pas en bout)."
      : "Impossible de déduire un identifiant de ce nom : saisissez-en un.";
  }
  const repository = optionalHttpUrl(input.repositoryUrl);
  if (!repository.ok) errors.repositoryUrl = "Adresse http:// ou https:// attendue (500 caractères au plus).";
  const tracker = optionalHttpUrl(input.trackerUrl);
  if (!tracker.ok) errors.trackerUrl = "Adresse http:// ou https:// attendue (500 caractères au plus).";

  const group = String(input.maintainerGroup ?? "").trim();
  let maintainer: MaintainerChoice = { kind: "none" };
  if (group === NEW_GROUP_CHOICE) {
    const groupName = `mainteneurs-${slug}`;
    if (!GROUP_NAME.test(groupName) && !errors.slug) {
      errors.maintainerGroup = `« ${groupName} » dépasse 50 caractères : raccourcissez l'identifiant de la solution.`;
    }
    maintainer = { kind: "create", name: groupName };
  } else if (group) {
    maintainer = { kind: "existing", name: group };
  }

  if (Object.keys(errors).length > 0) throw new DomainError(422, failure, { fieldErrors: errors });
  return { name, slug, repositoryUrl: repository.url, trackerUrl: tracker.url, maintainer };
}

export function validateVersion(value: unknown): string {
  const version = String(value ?? "").trim();
  if (!VERSION.test(version)) {
    throw new DomainError(422, "La version n'a pas été ajoutée.", {
      fieldErrors: {
        version: "De 1 à 50 caractères : chiffres, lettres, points, tirets, « + » ou « _ », par exemple 24.0.1.",
      },
    });
  }
  return version;
}
