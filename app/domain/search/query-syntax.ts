// The search box syntax, shared by /search and the tracker's lists: free text, "quoted phrases" and `key:value`
// filters (`status:confirmed`, `solution:geOrchestra`, `class:ogcapi-features-1/core`, `assigned:me`, `tag:x`,
// `-tag:x`, `category:x`, `type:clause`, `order:votes`). Framework-free and forgiving: whatever the user types parses,
// and anything that is not a well-formed filter stays free text.
import type { FilterField, SearchDocumentType } from "./search-document";
import type { SearchFilter, SearchOrder, SearchRequest, SearchViewer } from "./search-index";

export const QUERY_FILTER_KEYS = ["status", "solution", "class", "assigned", "tag", "category", "type"] as const;
export type QueryFilterKey = (typeof QUERY_FILTER_KEYS)[number];

export interface QueryFilter {
  key: QueryFilterKey;
  /** `status:open,confirmed` gives two values: either matches. */
  values: string[];
}

export interface ParsedSearchQuery {
  /** Free text, words separated by one space; a trailing space means the user finished the last word. */
  text: string;
  phrases: string[];
  /** Every filter must hold (AND); within one, any value (OR). */
  filters: QueryFilter[];
  /** `-key:value`: documents holding any of these values are left out. */
  excluded: QueryFilter[];
  order: SearchOrder;
}

const MAX_QUERY_LENGTH = 1_000;
const ORDERS: Record<string, SearchOrder> = { votes: "votes", latest: "latest", relevance: "relevance" };
const FILTER_TOKEN = /^(-?)([a-z]+):(.*)$/is;

/** Parses a search box query. Never throws: unknown keys and unbalanced quotes end up as free text. */
export function parseSearchQuery(query: string): ParsedSearchQuery {
  const parsed: ParsedSearchQuery = { text: "", phrases: [], filters: [], excluded: [], order: "relevance" };
  const input = String(query ?? "").slice(0, MAX_QUERY_LENGTH);
  const words: string[] = [];
  /** Where the last free word ends: anything after it (a space at least) means the user finished typing it. */
  let lastWordEnd = 0;
  let position = 0;

  while (position < input.length) {
    if (/\s/.test(input[position]!)) {
      position++;
      continue;
    }
    if (input[position] === '"') {
      const closing = input.indexOf('"', position + 1);
      if (closing === -1) {
        // An unclosed quote: the user is still typing, so search the words as free text meanwhile.
        const rest = splitWords(input.slice(position + 1));
        words.push(...rest);
        if (rest.length) lastWordEnd = input.trimEnd().length;
        position = input.length;
        continue;
      }
      const phrase = input
        .slice(position + 1, closing)
        .trim()
        .replace(/\s+/g, " ");
      if (phrase) parsed.phrases.push(phrase);
      position = closing + 1;
      continue;
    }
    const { token, end } = readToken(input, position);
    position = end;
    if (!applyFilterToken(parsed, token)) {
      const word = token.replace(/"/g, "");
      if (word) {
        words.push(word);
        lastWordEnd = end;
      }
    }
  }

  parsed.text = words.join(" ") + (words.length && lastWordEnd < input.length ? " " : "");
  return parsed;
}

/** A token runs to the next space, except that a quoted filter value (`solution:"OneGeo Suite"`) may hold spaces. */
function readToken(input: string, start: number): { token: string; end: number } {
  let end = start;
  while (end < input.length && !/\s/.test(input[end]!)) {
    if (input[end] === '"' && input[end - 1] === ":") {
      const closing = input.indexOf('"', end + 1);
      if (closing !== -1) {
        end = closing + 1;
        continue;
      }
    }
    end++;
  }
  return { token: input.slice(start, end), end };
}

function splitWords(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

function applyFilterToken(parsed: ParsedSearchQuery, token: string): boolean {
  const match = FILTER_TOKEN.exec(token);
  if (!match) return false;
  const [, minus, rawKey, rawValue] = match;
  const key = rawKey!.toLowerCase();
  const value = unquote(rawValue!);
  if (key === "order") {
    const order = ORDERS[value.toLowerCase()];
    if (minus || !order) return false;
    parsed.order = order;
    return true;
  }
  if (!isFilterKey(key)) return false;
  const values = [
    ...new Set(
      value
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ];
  if (values.length === 0) return false;
  (minus ? parsed.excluded : parsed.filters).push({ key, values });
  return true;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

function isFilterKey(key: string): key is QueryFilterKey {
  return (QUERY_FILTER_KEYS as readonly string[]).includes(key);
}

const FIELD_OF_KEY: Record<QueryFilterKey, FilterField> = {
  status: "status",
  solution: "solutions",
  class: "classUris",
  assigned: "assignees",
  tag: "tags",
  category: "categoryId",
  type: "type",
};

/** French words users may type for a type, beside the English identifiers. */
const TYPE_ALIASES: Record<string, SearchDocumentType> = {
  sujet: "topic",
  message: "post",
  classe: "conformance-class",
  class: "conformance-class",
};

export interface SearchRequestContext {
  viewer: SearchViewer;
  /** What `assigned:me` means for this viewer ("user:7"); without it (anonymous), `assigned:me` matches nothing. */
  currentUserKey?: string | null;
  /** Turns a category slug into the id documents carry; unknown slugs match nothing. Defaults to the value as is. */
  resolveCategoryId?: (slugOrId: string) => string | null;
  limit?: number;
  offset?: number;
}

/** The engine request for a parsed query, resolving `me`, category slugs and French type names. */
export function searchRequestFromQuery(parsed: ParsedSearchQuery, context: SearchRequestContext): SearchRequest {
  const toFilter = (filter: QueryFilter, negate: boolean): SearchFilter => ({
    field: FIELD_OF_KEY[filter.key],
    anyOf: filter.values.flatMap((value) => resolveValue(filter.key, value, context)),
    ...(negate ? { negate } : {}),
  });
  return {
    text: parsed.text,
    phrases: parsed.phrases,
    filters: [
      ...parsed.filters.map((filter) => toFilter(filter, false)),
      ...parsed.excluded.map((filter) => toFilter(filter, true)),
    ],
    viewer: context.viewer,
    order: parsed.order,
    ...(context.limit !== undefined ? { limit: context.limit } : {}),
    ...(context.offset !== undefined ? { offset: context.offset } : {}),
  };
}

function resolveValue(key: QueryFilterKey, value: string, context: SearchRequestContext): string[] {
  switch (key) {
    case "assigned":
      if (value.toLowerCase() !== "me") return [value];
      return context.currentUserKey ? [context.currentUserKey] : [];
    case "category": {
      if (!context.resolveCategoryId) return [value];
      const id = context.resolveCategoryId(value);
      return id === null ? [] : [id];
    }
    case "type":
      return [TYPE_ALIASES[value.toLowerCase()] ?? value.toLowerCase()];
    default:
      return [value];
  }
}
