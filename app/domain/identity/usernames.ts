/** "Élodie", "Le Goff" → "elodie.le-goff": the readable base of a username (Discourse-style @mention handle). */
export function usernameBase(givenName: string, usualName: string): string {
  const clean = (part: string) =>
    part
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
  const base = [clean(givenName), clean(usualName)].filter(Boolean).join(".");
  return (base || "utilisateur").slice(0, 40);
}

/** The first of base, base2, base3… that `isTaken` says is free. */
export async function uniqueUsername(base: string, isTaken: (candidate: string) => Promise<boolean>): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}${n}`;
    if (!(await isTaken(candidate))) return candidate;
  }
}
