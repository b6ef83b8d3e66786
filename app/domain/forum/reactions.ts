// The fixed set of reactions, in display order. Their words matter more than their pictures: screen readers and
// the JSON API use the label.
export const REACTIONS = [
  { kind: "+1", emoji: "👍", label: "D'accord" },
  { kind: "heart", emoji: "❤️", label: "Merci" },
  { kind: "eyes", emoji: "👀", label: "Je regarde" },
  { kind: "confused", emoji: "🤔", label: "Pas clair" },
] as const;

export type ReactionKind = (typeof REACTIONS)[number]["kind"];

export function isReactionKind(value: unknown): value is ReactionKind {
  return REACTIONS.some((reaction) => reaction.kind === value);
}

/** A reaction button's value: the post and the reaction, `<postId>:<kind>` (one form serves a page of posts). */
export function reactionChoice(postId: number, kind: ReactionKind): string {
  return `${postId}:${kind}`;
}

/** The post and the reaction a button's value names; an unknown reaction or a malformed value is null. */
export function parseReactionChoice(value: unknown): { postId: number; kind: ReactionKind } | null {
  if (typeof value !== "string") return null;
  const separator = value.indexOf(":");
  const postId = Number(value.slice(0, separator));
  const kind = value.slice(separator + 1);
  if (separator < 1 || !Number.isSafeInteger(postId) || postId < 1 || !isReactionKind(kind)) return null;
  return { postId, kind };
}
