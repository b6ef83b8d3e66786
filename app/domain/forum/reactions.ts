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
