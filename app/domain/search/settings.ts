// The search settings both adapters apply: French stop words, synonyms, typo rule, the window over which results
// are ranked and counted. Meilisearch receives them as index settings; the embedded engine applies them at query
// time. Bump SEARCH_SETTINGS_VERSION whenever anything here changes: Meilisearch then re-applies its settings.
import { normalizeText } from "./text";

export const SEARCH_SETTINGS_VERSION = 1;

/** Words that carry no meaning on their own; dropped from free text (kept inside quoted phrases). */
export const FRENCH_STOP_WORDS: readonly string[] = [
  "a", "au", "aux", "avec", "ce", "ces", "cet", "cette", "d", "dans", "de", "des", "du", "elle", "en", "est", "et",
  "eux", "il", "ils", "je", "l", "la", "le", "les", "leur", "leurs", "lui", "ma", "mais", "me", "mes", "mon", "n",
  "ne", "nos", "notre", "nous", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "s", "sa", "se", "ses", "son",
  "sur", "t", "ta", "te", "tes", "ton", "tu", "un", "une", "vos", "votre", "vous", "y",
]; // prettier-ignore

/** Groups of interchangeable words or expressions (normalised: lower case, no accents). */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ["bug", "bogue", "anomalie"],
  ["conformite", "conformance"],
  ["cctp", "cahier des clauses techniques particulieres"],
  ["wfs", "web feature service"],
  ["wms", "web map service"],
];

/** A typo is tolerated in query words of at least this many letters (never in the first letter). */
export const MIN_WORD_LENGTH_FOR_TYPO = 5;

/**
 * How many of the best-matching documents a query ranks and facets (and Meilisearch counts). The embedded engine
 * counts totals further, up to its EXACT_COUNT_LIMIT; beyond that the total is reported as a lower bound: counting
 * every match of a common word among a million posts would cost more than the query itself.
 */
export const RESULT_WINDOW = 1000;

export const MAX_PAGE_SIZE = 100;

const stopWords = new Set(FRENCH_STOP_WORDS);

export function isStopWord(normalizedWord: string): boolean {
  return stopWords.has(normalizedWord);
}

/** Meilisearch's synonym map: every member of a group points at the others. */
export function synonymMap(): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const group of SYNONYM_GROUPS) {
    for (const word of group) map[word] = group.filter((other) => other !== word);
  }
  return map;
}

const synonymsByWord = synonymMap();

/** The other expressions meaning the same as a single normalised word (empty when it has none). */
export function synonymsOf(word: string): readonly string[] {
  return synonymsByWord[normalizeText(word)] ?? [];
}
