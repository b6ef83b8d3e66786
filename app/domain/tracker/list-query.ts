// The filter syntax of topic lists (/latest, /c/:slug/:id, /tag/:tag and their JSON): the search box's syntax
// (app/domain/search/query-syntax.ts), so one query means the same on /search and on a list, but strict — a list
// says which filter it does not know instead of silently searching the words. Framework-free: resolving names to
// rows is list-filter.server.ts.
import { parseSearchQuery, QUERY_FILTER_KEYS } from "~/domain/search/query-syntax";
import { normalizeText } from "~/domain/search/text";

export const REPORT_STATUSES = ["new", "confirmed", "in_progress", "fixed", "closed"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const STATUS_LABELS: Record<ReportStatus, string> = {
  new: "Nouveau",
  confirmed: "Confirmé",
  in_progress: "En cours",
  fixed: "Corrigé",
  closed: "Fermé",
};

/** French words (accents and case do not matter) and English spellings for each status. */
const STATUS_ALIASES: Record<string, ReportStatus> = {
  new: "new",
  nouveau: "new",
  nouveaux: "new",
  confirmed: "confirmed",
  confirme: "confirmed",
  confirmes: "confirmed",
  in_progress: "in_progress",
  "in-progress": "in_progress",
  "en-cours": "in_progress",
  en_cours: "in_progress",
  encours: "in_progress",
  fixed: "fixed",
  corrige: "fixed",
  corriges: "fixed",
  closed: "closed",
  ferme: "closed",
  fermes: "closed",
};

export type ListOrder = "latest" | "votes" | "created";
export const LIST_ORDERS: readonly ListOrder[] = ["latest", "votes", "created"];

export const LIST_FILTER_KEYS = ["status", "solution", "class", "assigned", "tag", "category"] as const;
export type ListFilterKey = (typeof LIST_FILTER_KEYS)[number];

export interface ListFilterTerm {
  key: ListFilterKey;
  /** Any of them matches (`status:new,confirmed`); statuses are already canonical. */
  values: string[];
  /** `-key:value`: topics matching are left out. */
  negate: boolean;
}

export interface ListQuery {
  /** Words and phrases every title must contain. */
  words: string[];
  terms: ListFilterTerm[];
  order: ListOrder;
}

export type ParsedListQuery = { ok: true; query: ListQuery } | { ok: false; message: string };

export const EMPTY_LIST_QUERY: ListQuery = { words: [], terms: [], order: "latest" };

const KNOWN_KEYS_TEXT = "status:, solution:, class:, assigned:, tag:, -tag:, category:, order:";
const FILTER_LIKE = /^(-?)([a-z_]+):(.*)$/i;

/** Parses a list's `?q=`; an unknown key, an empty value, a status or an order that does not exist is refused with
 * a French message saying what is possible. */
export function parseListQuery(input: string | null | undefined): ParsedListQuery {
  const q = String(input ?? "").trim();
  if (!q) return { ok: true, query: EMPTY_LIST_QUERY };
  const parsed = parseSearchQuery(q);
  let order: ListOrder = parsed.order === "votes" ? "votes" : "latest";
  const words: string[] = [...parsed.phrases];
  for (const word of parsed.text.split(" ").filter(Boolean)) {
    const filterLike = FILTER_LIKE.exec(word);
    if (!filterLike || filterLike[3]!.startsWith("//")) {
      words.push(word);
      continue;
    }
    const [, minus, rawKey, value] = filterLike;
    const key = rawKey!.toLowerCase();
    if (key === "order") {
      const wanted = value!.toLowerCase() as ListOrder;
      if (minus || !LIST_ORDERS.includes(wanted)) {
        return fail(`Tri inconnu « ${word} ». Tris possibles : order:latest, order:votes, order:created.`);
      }
      order = wanted;
      continue;
    }
    if ((QUERY_FILTER_KEYS as readonly string[]).includes(key) && !value) {
      return fail(`Le filtre « ${key}: » attend une valeur, par exemple ${key}:${exampleOf(key)}.`);
    }
    return fail(`Filtre inconnu « ${rawKey}: ». Filtres possibles : ${KNOWN_KEYS_TEXT}.`);
  }

  const terms: ListFilterTerm[] = [];
  for (const [filters, negate] of [
    [parsed.filters, false],
    [parsed.excluded, true],
  ] as const) {
    for (const filter of filters) {
      if (filter.key === "type") {
        return fail("Le filtre « type: » sert à la recherche ; une liste de sujets ne contient que des sujets.");
      }
      let values = filter.values;
      if (filter.key === "status") {
        const statuses: string[] = [];
        for (const value of values) {
          const status = STATUS_ALIASES[normalizeText(value)];
          if (!status) {
            return fail(
              `Statut inconnu « ${value} ». Statuts possibles : nouveau, confirme, en-cours, corrige, ferme ` +
                "(ou new, confirmed, in_progress, fixed, closed).",
            );
          }
          statuses.push(status);
        }
        values = [...new Set(statuses)];
      }
      terms.push({ key: filter.key, values, negate });
    }
  }
  return { ok: true, query: { words, terms, order } };
}

function fail(message: string): ParsedListQuery {
  return { ok: false, message };
}

function exampleOf(key: string): string {
  const examples: Record<string, string> = {
    status: "confirme",
    solution: "geOrchestra",
    class: "ogcapi-features-1/core",
    assigned: "me",
    tag: "wfs",
    category: "problemes-interoperabilite",
  };
  return examples[key] ?? "valeur";
}

/**
 * The short form users type for a conformance class: an OGC URI
 * `http://www.opengis.net/spec/<standard>/<version>/conf/<class>` becomes `<standard>/<class>`; other URIs have none.
 */
export function conformanceClassShortForm(uri: string): string | null {
  const match = /\/([^/]+)\/[^/]+\/conf\/(.+?)\/?$/.exec(uri);
  return match ? `${match[1]}/${match[2]}`.toLowerCase() : null;
}

// ── Editing a query: the filter chips add or remove one term and keep the rest as typed ──

/** The query's terms as typed, a quoted value kept whole. */
export function queryTerms(q: string): string[] {
  return String(q ?? "").match(/(?:[^\s"]+|"[^"]*"?)+/g) ?? [];
}

const sameTerm = (a: string, b: string) => normalizeText(a) === normalizeText(b);

export function hasTerm(q: string, term: string): boolean {
  return queryTerms(q).some((candidate) => sameTerm(candidate, term));
}

/**
 * The query with `term` added, or removed when it is already there. With `exclusiveKey`, other terms of that key are
 * removed first (one status chip at a time).
 */
export function toggleTerm(q: string, term: string, exclusiveKey?: string): string {
  const terms = queryTerms(q);
  if (terms.some((candidate) => sameTerm(candidate, term))) {
    return terms.filter((candidate) => !sameTerm(candidate, term)).join(" ");
  }
  const kept = exclusiveKey
    ? terms.filter((candidate) => !candidate.toLowerCase().startsWith(`${exclusiveKey.toLowerCase()}:`))
    : terms;
  return [...kept, term].join(" ");
}

/** The query without any term of `key` (negated ones included). */
export function withoutKey(q: string, key: string): string {
  const prefix = new RegExp(`^-?${key}:`, "i");
  return queryTerms(q)
    .filter((term) => !prefix.test(term))
    .join(" ");
}
