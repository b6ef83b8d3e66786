// Turns a search request's words and phrases into an FTS5 MATCH expression for the embedded engine, and into the
// matcher that highlights the same words in titles and snippets (so what is marked is what matched).
import type { SearchRequest } from "./search-index";
import { isStopWord, synonymsOf } from "./settings";
import { stemFrench, tokenize, type HighlightMatcher } from "./text";

export interface PlannedWord {
  /** Normalised query word. */
  text: string;
  /** The last word, still being typed: it also matches longer words. */
  prefix: boolean;
  /** Other written forms that count as this word: typo candidates and one-word synonyms. */
  alternatives: string[];
  /** Synonyms of several words, matched as phrases. */
  synonymPhrases: string[][];
}

export interface QueryPlan {
  words: PlannedWord[];
  phrases: string[][];
  /** Null when there is nothing to match (filters only): every allowed document qualifies. */
  matchExpression: string | null;
  /** The expressions of each word and phrase, which `matchExpression` joins with AND. */
  parts: string[];
  highlight: HighlightMatcher;
}

const quoted = (token: string) => `"${token}"`;

/** Prefixes shorter than this match as whole words: a one-letter prefix would merge half the index. */
const MIN_PREFIX_LENGTH = 2;
const SURFACE_COLUMNS = "{title body}";
const TEXT_COLUMNS = "{title body title_stems body_stems}";
/**
 * What a filter token of the embedded index's `filters` column can look like ("q", a field letter, hex). A query
 * word of that shape is kept to the text columns; any other word matches in every column, without a column filter:
 * FTS5 then skips decoding positions to check columns, the costliest step of a common word's query.
 */
const FILTER_TOKEN_SHAPE = /^q[a-z][0-9a-f]*$/;
const inText = (token: string) =>
  FILTER_TOKEN_SHAPE.test(token) ? `${TEXT_COLUMNS} : ${quoted(token)}` : quoted(token);

/**
 * The plan for a request. `typosOf`, when given, lists indexed words one edit away from a query word (called only
 * for words long enough to tolerate a typo). `completionsOf`, when given, lists the indexed words a prefix stands for
 * (the embedded engine bounds it, as Meilisearch bounds its prefix derivations); without it the prefix is an FTS5
 * prefix query.
 */
export function buildQueryPlan(
  request: SearchRequest,
  typosOf?: (word: string) => string[],
  completionsOf?: (prefix: string) => string[],
): QueryPlan {
  const tokens = tokenize(request.text);
  const meaningful = tokens.filter((token) => !isStopWord(token));
  // A query made only of stop words ("la", "de la") still means something to the user: keep them then.
  const kept = meaningful.length ? meaningful : tokens;
  const lastIsBeingTyped = !/\s$/.test(request.text) && kept.length > 0 && kept.at(-1) === tokens.at(-1);

  const words: PlannedWord[] = kept.map((text, index) => {
    const synonyms = synonymsOf(text).map((synonym) => tokenize(synonym));
    const typos = typosOf && text.length >= 5 && !/^\d+$/.test(text) ? typosOf(text) : [];
    return {
      text,
      prefix: lastIsBeingTyped && index === kept.length - 1 && text.length >= MIN_PREFIX_LENGTH,
      alternatives: [...new Set([...typos, ...synonyms.filter((words) => words.length === 1).map(([word]) => word!)])],
      synonymPhrases: synonyms.filter((words) => words.length > 1),
    };
  });
  const phrases = (request.phrases ?? []).map((phrase) => tokenize(phrase)).filter((phrase) => phrase.length > 0);

  const parts = [
    ...words.map((word) => wordExpression(word, word.prefix && completionsOf ? completionsOf(word.text) : null)),
    ...phrases.map(phraseExpression),
  ];
  return {
    words,
    phrases,
    matchExpression: parts.length ? parts.join(" AND ") : null,
    parts,
    highlight: highlighter(words, phrases),
  };
}

/** A form as written, and its stem (indexed in the stem columns when it differs from the word). */
function formExpressions(form: string): string[] {
  const stem = stemFrench(form);
  return stem === form ? [inText(form)] : [inText(form), inText(stem)];
}

function wordExpression(word: PlannedWord, completions: string[] | null): string {
  const alternatives = new Set<string>();
  if (word.prefix) {
    if (completions === null) alternatives.add(`${SURFACE_COLUMNS} : ${quoted(word.text)}*`);
    else for (const completion of completions) alternatives.add(inText(completion));
  }
  for (const form of [word.text, ...word.alternatives])
    for (const part of formExpressions(form)) alternatives.add(part);
  for (const phrase of word.synonymPhrases) alternatives.add(phraseExpression(phrase));
  return `(${[...alternatives].join(" OR ")})`;
}

function phraseExpression(phrase: string[]): string {
  return `${SURFACE_COLUMNS} : ${quoted(phrase.join(" "))}`;
}

function highlighter(words: PlannedWord[], phrases: string[][]): HighlightMatcher {
  const exactForms = new Set<string>();
  const stems = new Set<string>();
  const prefixes: string[] = [];
  for (const word of words) {
    for (const form of [word.text, ...word.alternatives]) {
      exactForms.add(form);
      stems.add(stemFrench(form));
    }
    if (word.prefix) prefixes.push(word.text);
  }
  const sequences = [...phrases, ...words.flatMap((word) => word.synonymPhrases)];
  return (tokens) => {
    const marked = tokens.map(
      (token) =>
        exactForms.has(token) || stems.has(stemFrench(token)) || prefixes.some((prefix) => token.startsWith(prefix)),
    );
    for (const sequence of sequences) {
      for (let start = 0; start + sequence.length <= tokens.length; start++) {
        if (sequence.every((token, offset) => tokens[start + offset] === token)) {
          for (let offset = 0; offset < sequence.length; offset++) marked[start + offset] = true;
        }
      }
    }
    return marked;
  };
}
