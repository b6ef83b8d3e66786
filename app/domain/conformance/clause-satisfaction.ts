/** What the clause page shows under « Qui satisfait cette clause aujourd'hui » (built by clause-satisfaction.server.ts). */

export interface SatisfyingDeployment {
  deployment: {
    slug: string;
    name: string;
    url: string;
    organisation: string;
    solution: { slug: string; name: string; version: string; url: string };
  };
  /** Verified: the runs of the classes' latest verdicts; declared: the probe run that read /conformance. */
  runs: { id: number; url: string; date: string }[];
}

export interface ClauseSatisfaction {
  classes: { uri: string; title: string; url: string | null }[];
  verified: SatisfyingDeployment[];
  declared: SatisfyingDeployment[];
}

/** True when every required class is in `held` once both are read through `canonical` (aliases, spellings). */
export function holdsAll(
  required: readonly string[],
  held: Iterable<string>,
  canonical: (uri: string) => string,
): boolean {
  const have = new Set([...held].map(canonical));
  return required.length > 0 && required.every((uri) => have.has(canonical(uri)));
}
