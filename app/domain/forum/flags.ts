export const FLAG_REASONS = {
  off_topic: "Hors sujet",
  inappropriate: "Inapproprié (propos, attaque personnelle)",
  spam: "Spam ou publicité",
  security: "Contient une information sensible (faille, secret)",
  other: "Autre raison (précisez)",
} as const;

export type FlagReason = keyof typeof FLAG_REASONS;

export function isFlagReason(value: unknown): value is FlagReason {
  return typeof value === "string" && value in FLAG_REASONS;
}
