// ProConnect's assurance levels, weakest first. A "-mfa" variant is stronger than its base level and weaker than
// the next level; certification-dirigeant is a separate attestation, accepted only when asked for by name.
const LEVELS = ["eidas0", "eidas0-mfa", "eidas1", "eidas1-mfa", "eidas2", "eidas3"] as const;
export type AcrLevel = (typeof LEVELS)[number];

/** The acr values that satisfy a minimum level: what the app asks ProConnect for, and what it accepts back. */
export function acceptableAcrValues(minimum: AcrLevel): AcrLevel[] {
  return LEVELS.slice(LEVELS.indexOf(minimum));
}

export function satisfiesAcr(acr: unknown, minimum: AcrLevel): boolean {
  return typeof acr === "string" && (acceptableAcrValues(minimum) as string[]).includes(acr);
}
