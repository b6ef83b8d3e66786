// Prices, penalties and payment terms belong in the CCAP, not in the CCTP (clauses.md): a clause that carries them
// risks contradicting the CCAP, which prevails. These patterns find the usual words; a match is a warning because
// a human decides.

const LETTER = "[\\p{L}\\p{N}]";
/** Word boundaries that understand accented letters (JavaScript's \b does not). */
const word = (pattern: string) => new RegExp(`(?<!${LETTER})(?:${pattern})(?!${LETTER})`, "iu");

const ADMINISTRATIVE_TERMS: readonly { pattern: RegExp; topic: string }[] = [
  { pattern: word("prix"), topic: "les prix" },
  { pattern: word("pénalités?|pénalisée?s?"), topic: "les pénalités" },
  { pattern: word("réfactions?"), topic: "les réfactions" },
  {
    pattern: word("délais? de paiement|paiements?|payée?s?|règlements? financiers?"),
    topic: "les conditions de paiement",
  },
  { pattern: word("intérêts moratoires"), topic: "les intérêts moratoires" },
  // "à l'avance" is ordinary French: only the advance payment, with its article or qualifier, is administrative.
  {
    pattern: word("(?:une|des|les|d'|l')\\s*avances? (?:forfaitaires?|financières?|sur)|avances? forfaitaires?"),
    topic: "les avances",
  },
  { pattern: word("acomptes?"), topic: "les acomptes" },
  { pattern: word("retenues? de garantie|garanties? à première demande"), topic: "les garanties financières" },
  { pattern: word("factur(?:e|es|er|ation|é|ée|és|ées)"), topic: "la facturation" },
  { pattern: word("euros?|HT|TTC"), topic: "les montants" },
  { pattern: /\d[\d\s\u202f\u00a0]*(?:,\d+)?\s*€|€\s*\d+/u, topic: "les montants" },
  { pattern: word("résiliations?"), topic: "la résiliation" },
];

export interface AdministrativeTermMatch {
  /** 0-based line index within the text. */
  lineIndex: number;
  term: string;
  topic: string;
}

export function findAdministrativeContent(text: string): AdministrativeTermMatch[] {
  const matches: AdministrativeTermMatch[] = [];
  text.split("\n").forEach((line, lineIndex) => {
    for (const { pattern, topic } of ADMINISTRATIVE_TERMS) {
      const match = pattern.exec(line);
      if (match) matches.push({ lineIndex, term: match[0], topic });
    }
  });
  return matches;
}
