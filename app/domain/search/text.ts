// Text processing shared by the search adapters: the same normalisation, tokens and French light stemmer at index
// and query time, so "Géoplateforme", "geoplateforme" and "GEOPLATEFORME" are one word and "clauses" meets "clause".
// The tokenizer mirrors SQLite's `unicode61 remove_diacritics 2` (letters and digits, everything else separates), so
// what we compute in JavaScript (stems, typo candidates, highlights) lines up with what FTS5 indexed.
import { escapeHtml } from "~/domain/shared/html";

const TOKEN = /[\p{L}\p{N}]+/gu;
const COMBINING_MARKS = /\p{M}+/gu;
const NON_ASCII = /[^ -~\s]/;

/** Lower case without diacritics: "Interopérabilité" → "interoperabilite". */
export function normalizeText(text: string): string {
  // Indexing a million posts runs this on every one: skip the Unicode decomposition when there is nothing to strip.
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text.normalize("NFD").replace(COMBINING_MARKS, "").toLowerCase();
}

/** The normalised words of a text, in order. */
export function tokenize(text: string): string[] {
  return normalizeText(text).match(TOKEN) ?? [];
}

export interface TokenSpan {
  /** Normalised form, for matching. */
  token: string;
  /** Offsets in the original text, for highlighting without losing its accents and case. */
  start: number;
  end: number;
}

/** Words with their position in the original text (normalising per word keeps the offsets right). */
export function tokenSpans(text: string): TokenSpan[] {
  const spans: TokenSpan[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const start = match.index;
    const normalized = normalizeText(match[0]);
    if (normalized) spans.push({ token: normalized, start, end: start + match[0].length });
  }
  return spans;
}

/**
 * A light French stemmer for normalised tokens (no diacritics): folds plurals (s, x, aux → al, eaux → eau) and the
 * endings that make masculine, feminine and past participle forms differ ("donnée", "données", "donné" → "donn";
 * "valider", "validé" → "valid"). Deliberately light: it only has to map inflected forms of a word to one key, and
 * over-stemming would merge unrelated words. Words of three letters or fewer are left alone.
 */
export function stemFrench(token: string): string {
  if (token.length <= 3) return token;
  // Indexing, highlighting and ranking stem the same few thousand words over and over: remember them.
  let stem = stemCache.get(token);
  if (stem === undefined) {
    stem = stemUncached(token);
    if (stemCache.size >= STEM_CACHE_SIZE) stemCache.clear();
    stemCache.set(token, stem);
  }
  return stem;
}

const STEM_CACHE_SIZE = 100_000;
const stemCache = new Map<string, string>();

function stemUncached(token: string): string {
  if (/^\d+$/.test(token)) return token;
  let word = token;
  if (word.endsWith("eaux")) word = word.slice(0, -1);
  else if (word.endsWith("aux") && word.length >= 5) word = `${word.slice(0, -3)}al`;
  else if ((word.endsWith("s") && !word.endsWith("ss")) || word.endsWith("x")) word = word.slice(0, -1);
  if (word.length >= 6 && word.endsWith("er")) word = word.slice(0, -2);
  else if (word.length >= 6 && word.endsWith("ee")) word = word.slice(0, -2);
  else if (word.length >= 5 && word.endsWith("e")) word = word.slice(0, -1);
  return word;
}

/** The stems of a text (or its tokens) that differ from their word, space-separated: what the stem columns index. */
export function changedStems(text: string | readonly string[]): string {
  const stems: string[] = [];
  for (const token of typeof text === "string" ? tokenize(text) : text) {
    const stem = stemFrench(token);
    if (stem !== token) stems.push(stem);
  }
  return stems.join(" ");
}

/** True when `a` and `b` are at most one edit apart (insertion, deletion, substitution or swap of neighbours). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const lengthGap = a.length - b.length;
  if (Math.abs(lengthGap) > 1) return false;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  if (lengthGap === 0) {
    if (a.slice(start + 1) === b.slice(start + 1)) return true;
    return a[start] === b[start + 1] && a[start + 1] === b[start] && a.slice(start + 2) === b.slice(start + 2);
  }
  return lengthGap > 0 ? a.slice(start + 1) === b.slice(start) : a.slice(start) === b.slice(start + 1);
}

export { escapeHtml };

/** Decides which words of a text to highlight, given the whole token sequence (phrases span several tokens). */
export type HighlightMatcher = (tokens: readonly string[]) => boolean[];

export interface SnippetOptions {
  /** How many words the snippet keeps around the best match. */
  words: number;
}

/** The whole text as HTML, escaped, with the matched words in <mark>. */
export function highlightHtml(text: string, matcher: HighlightMatcher): string {
  const spans = tokenSpans(text);
  return renderSpans(text, spans, matcher(spans.map((span) => span.token)), 0, text.length);
}

/**
 * A window of about `words` words around the densest cluster of matches, as escaped HTML with <mark>, with "…" where
 * it cuts the text. Without a match it shows the beginning, so a hit found through a stem still has context.
 */
export function snippetHtml(text: string, matcher: HighlightMatcher, { words }: SnippetOptions): string {
  const spans = tokenSpans(text);
  if (spans.length === 0) return escapeHtml(text.slice(0, 200));
  const matched = matcher(spans.map((span) => span.token));
  let bestStart = 0;
  let bestCount = -1;
  let windowCount = 0;
  // Sliding window: count of matched words in [index - words + 1, index].
  for (let index = 0; index < spans.length; index++) {
    if (matched[index]) windowCount++;
    if (index >= words && matched[index - words]) windowCount--;
    const windowStart = Math.max(0, index - words + 1);
    if (windowCount > bestCount) {
      bestCount = windowCount;
      bestStart = windowStart;
    }
  }
  // Start a little before the first match of the best window, so the match is not the first word shown.
  const firstMatch = matched.findIndex((isMatch, index) => isMatch && index >= bestStart);
  if (firstMatch >= 0) bestStart = Math.max(0, Math.min(bestStart, firstMatch - 3));
  const lastIndex = Math.min(spans.length - 1, bestStart + words - 1);
  const from = bestStart === 0 ? 0 : spans[bestStart]!.start;
  const to = lastIndex === spans.length - 1 ? text.length : spans[lastIndex]!.end;
  const html = renderSpans(text, spans, matched, from, to);
  return `${from > 0 ? "…" : ""}${html}${to < text.length ? "…" : ""}`;
}

function renderSpans(text: string, spans: TokenSpan[], matched: boolean[], from: number, to: number): string {
  let html = "";
  let cursor = from;
  spans.forEach((span, index) => {
    if (!matched[index] || span.start < from || span.end > to) return;
    html += `${escapeHtml(text.slice(cursor, span.start))}<mark>${escapeHtml(text.slice(span.start, span.end))}</mark>`;
    cursor = span.end;
  });
  return (html + escapeHtml(text.slice(cursor, to))).replace(/\s+/g, " ").trim();
}
