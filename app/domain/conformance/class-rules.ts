// The admin form of a group → class rule (/admin/conformance), framework-free: the fields checked with French
// messages next to each, and the reordering of the rules (the first matching rule wins, so order matters).
import { DomainError } from "~/domain/shared/errors";

export interface ClassRuleInput {
  /** Suite name prefix; null = any suite. */
  suite: string | null;
  group: string;
  classUri: string;
}

const MAX_LENGTH = 200;

export function validateClassRuleInput(
  input: Record<string, unknown>,
  failure = "La règle n'a pas été enregistrée : corrigez les champs signalés.",
): ClassRuleInput {
  const errors: Record<string, string> = {};
  const suite = String(input.suite ?? "").trim();
  const group = String(input.group ?? "").trim();
  const classUri = String(input.classUri ?? "").trim();
  if (suite.length > MAX_LENGTH) errors.suite = `${MAX_LENGTH} caractères au plus.`;
  if (!group) errors.group = "Indiquez le nom du groupe tel que la suite l'écrit, par exemple « Core ».";
  else if (group.length > MAX_LENGTH) errors.group = `${MAX_LENGTH} caractères au plus.`;
  if (!classUri) errors.classUri = "Choisissez la classe de conformité.";
  if (Object.keys(errors).length > 0) throw new DomainError(422, failure, { fieldErrors: errors });
  return { suite: suite || null, group, classUri };
}

export type MoveDirection = "up" | "down";

export function parseMoveDirection(value: unknown): MoveDirection {
  if (value === "up" || value === "down") return value;
  throw new DomainError(422, "Sens de déplacement inconnu : « up » ou « down ».");
}

/** The ids in their new order after moving `id` one step; unchanged at either end or when `id` is absent. */
export function moveInOrder(ids: readonly number[], id: number, direction: MoveDirection): number[] {
  const order = [...ids];
  const index = order.indexOf(id);
  const target = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || target < 0 || target >= order.length) return order;
  [order[index], order[target]] = [order[target]!, order[index]!];
  return order;
}
