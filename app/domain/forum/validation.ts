import { DomainError } from "~/domain/shared/errors";

export interface PostingLimits {
  titleMin: number;
  titleMax: number;
  postMin: number;
  postMax: number;
}

export const DEFAULT_POSTING_LIMITS: PostingLimits = { titleMin: 5, titleMax: 255, postMin: 1, postMax: 32_000 };

function lengthError(value: string, min: number, max: number, what: string): string | null {
  const length = [...value].length;
  if (length < min) return min === 1 ? `${what} est vide.` : `${what} doit contenir au moins ${min} caractères.`;
  if (length > max)
    return `${what} ne doit pas dépasser ${max.toLocaleString("fr-FR")} caractères (${length.toLocaleString("fr-FR")} actuellement).`;
  return null;
}

/** Checks a topic's title and first post together, so the person sees every problem at once. */
export function validateTopicInput(input: { title: string; raw: string }, limits: PostingLimits) {
  const title = input.title.replace(/\s+/g, " ").trim();
  const raw = input.raw.replace(/\r\n/g, "\n").trimEnd();
  const fieldErrors: Record<string, string> = {};
  const titleError = lengthError(title, limits.titleMin, limits.titleMax, "Le titre");
  if (titleError) fieldErrors.title = titleError;
  const rawError = lengthError(raw.trim(), limits.postMin, limits.postMax, "Le message");
  if (rawError) fieldErrors.raw = rawError;
  if (Object.keys(fieldErrors).length) throw new DomainError(422, "Le sujet n'a pas été publié.", { fieldErrors });
  return { title, raw };
}

export function validatePostInput(input: { raw: string }, limits: PostingLimits) {
  const raw = input.raw.replace(/\r\n/g, "\n").trimEnd();
  const rawError = lengthError(raw.trim(), limits.postMin, limits.postMax, "Le message");
  if (rawError) throw new DomainError(422, "Le message n'a pas été publié.", { fieldErrors: { raw: rawError } });
  return { raw };
}
