// Search as the pages and the API use it: the query box syntax checked (with French messages), the viewer's audience
// resolved from their groups, the engine asked, and its facets turned into links that narrow the query. The engine
// already leaves out what the viewer may not see, before counting: hits, totals and facet numbers alike.
import type { Db } from "~/infra/db.server";
import type { SearchResultPost } from "~/domain/forum/discourse-json";
import type { Reader } from "~/domain/forum/permissions";
import { visibleCategoriesWhere } from "~/domain/forum/permissions";
import { displayName } from "~/domain/forum/topics.server";
import { DomainError } from "~/domain/shared/errors";
import { plainTextOfHtml } from "./documents.server";
import { getSearchIndex } from "./engine.server";
import { parseSearchQuery, searchRequestFromQuery, type ParsedSearchQuery } from "./query-syntax";
import { FACET_FIELDS, SEARCH_DOCUMENT_TYPES, type FacetField, type SearchDocumentType } from "./search-document";
import { SearchEngineError, type SearchHit, type SearchViewer } from "./search-index";
import { SEARCH_TYPE_LABELS, SEARCH_TYPE_SINGULAR } from "./labels";
import { RESULT_WINDOW } from "./settings";

export const SEARCH_PAGE_SIZE = 20;
export const MAX_SEARCH_QUERY_LENGTH = 1_000;

const FACET_LABELS: Record<FacetField, string> = {
  type: "Type",
  categoryId: "Catégorie",
  tags: "Étiquette",
  solutions: "Solution",
  status: "Statut",
  classUris: "Classe de conformité",
};

const STATUS_LABELS: Record<string, string> = {
  new: "Nouveau",
  confirmed: "Confirmé",
  in_progress: "En cours",
  fixed: "Corrigé",
  closed: "Fermé",
  current: "Version en vigueur",
  superseded: "Version remplacée",
};

/** The words people may type after `type:`, French and English. */
const TYPE_WORDS: Record<string, SearchDocumentType> = {
  ...Object.fromEntries(SEARCH_DOCUMENT_TYPES.map((type) => [type, type])),
  sujet: "topic",
  message: "post",
  classe: "conformance-class",
  class: "conformance-class",
};

/** What a reader may see, as the engine's audience keys: their groups; staff see everything. */
export function searchViewerOf(reader: Reader): SearchViewer {
  return { audienceKeys: reader.groups, seesEverything: reader.role === "moderator" || reader.role === "admin" };
}

export interface FacetValueLink {
  value: string;
  label: string;
  count: number;
  /** The /search query with this filter added. */
  query: string;
}

export interface FacetGroup {
  field: FacetField;
  label: string;
  values: FacetValueLink[];
}

export interface SiteSearchResults {
  query: string;
  page: number;
  pageCount: number;
  total: number;
  totalIsExact: boolean;
  hits: SearchHit[];
  facets: FacetGroup[];
}

export interface SiteSearchOptions {
  page?: number;
  pageSize?: number;
  /** Only these types (the Discourse API and the typeahead ask for some). */
  types?: readonly SearchDocumentType[];
}

/** A query token for a filter value: quoted when it holds a space. */
const filterToken = (key: string, value: string) =>
  `${key}:${/[\s,"]/.test(value) ? `"${value.replace(/"/g, "")}"` : value}`;

/** The page number of a `page` parameter (1 when absent), or a 400 with a French message. */
export function parseSearchPage(value: string | null): number {
  if (value === null || value === "") return 1;
  const page = Number(value);
  const last = Math.ceil(RESULT_WINDOW / SEARCH_PAGE_SIZE);
  if (!Number.isInteger(page) || page < 1 || page > last) {
    throw new DomainError(400, `Numéro de page invalide : choisissez une page de 1 à ${last}.`);
  }
  return page;
}

/** Whether a query asks for anything (words, phrases or filters): an empty box shows the tips instead. */
export function isEmptySearchQuery(query: string): boolean {
  const parsed = parseSearchQuery(query);
  return !parsed.text.trim() && parsed.phrases.length === 0 && !parsed.filters.length && !parsed.excluded.length;
}

/** The filters a query cannot mean (an unknown type, a category the reader does not know), as a French 400. */
function checkQuery(parsed: ParsedSearchQuery, categorySlugs: ReadonlySet<string>) {
  for (const filter of [...parsed.filters, ...parsed.excluded]) {
    for (const value of filter.values) {
      if (filter.key === "type" && !TYPE_WORDS[value.toLowerCase()]) {
        throw new DomainError(
          400,
          `Type de résultat inconnu : « ${value} ». Utilisez type:sujet, type:message, type:clause, type:solution ou type:classe.`,
        );
      }
      if (filter.key === "category" && !categorySlugs.has(value.toLowerCase()) && !/^\d+$/.test(value)) {
        throw new DomainError(
          400,
          `Catégorie inconnue : « ${value} ». Utilisez l'identifiant d'une catégorie (category:annonces).`,
        );
      }
    }
  }
}

/** Searches what the reader may see. Bad syntax is a DomainError 400, an engine outage a 503, both in French. */
export async function searchSite(
  db: Db,
  reader: Reader,
  query: string,
  options: SiteSearchOptions = {},
): Promise<SiteSearchResults> {
  if (query.length > MAX_SEARCH_QUERY_LENGTH) {
    throw new DomainError(400, `Votre recherche est trop longue : ${MAX_SEARCH_QUERY_LENGTH} caractères au plus.`);
  }
  const pageSize = options.pageSize ?? SEARCH_PAGE_SIZE;
  const page = options.page ?? 1;
  const categories = await db.category.findMany({
    where: visibleCategoriesWhere(reader),
    select: { id: true, slug: true, name: true },
  });
  const categoryBySlug = new Map(categories.map((category) => [category.slug.toLowerCase(), category]));
  const parsed = parseSearchQuery(query);
  checkQuery(parsed, new Set(categoryBySlug.keys()));
  const request = searchRequestFromQuery(parsed, {
    viewer: searchViewerOf(reader),
    currentUserKey: reader.userId ? `user:${reader.userId}` : null,
    resolveCategoryId: (value) => {
      const category = categoryBySlug.get(value.toLowerCase()) ?? categories.find((row) => String(row.id) === value);
      return category ? String(category.id) : null;
    },
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  if (options.types) request.filters = [...(request.filters ?? []), { field: "type", anyOf: [...options.types] }];
  let results;
  try {
    results = await (await getSearchIndex()).search(request);
  } catch (error) {
    if (!(error instanceof SearchEngineError)) throw error;
    throw new DomainError(503, "La recherche est momentanément indisponible. Réessayez dans quelques instants.", {
      cause: error.message,
    });
  }

  const solutionNames = new Map(
    (
      await db.solution.findMany({
        where: { slug: { in: results.facets.solutions.map((facet) => facet.value) } },
        select: { slug: true, name: true },
      })
    ).map((solution) => [solution.slug.toLowerCase(), solution.name]),
  );
  const categoryById = new Map(categories.map((category) => [String(category.id), category]));
  const base = query.trim();
  const typed = new Set(base.toLowerCase().split(/\s+/));
  const facets = FACET_FIELDS.map((field): FacetGroup => {
    const values = results.facets[field].flatMap((facet): FacetValueLink[] => {
      // A filter the query already holds is not offered again.
      const link = (label: string, token: string) =>
        typed.has(token.toLowerCase())
          ? []
          : [{ value: facet.value, label, count: facet.count, query: `${base} ${token}`.trim() }];
      switch (field) {
        case "type":
          return link(SEARCH_TYPE_LABELS[facet.value as SearchDocumentType] ?? facet.value, `type:${facet.value}`);
        case "categoryId": {
          const category = categoryById.get(facet.value);
          return category ? link(category.name, filterToken("category", category.slug)) : [];
        }
        case "tags":
          return link(facet.value, filterToken("tag", facet.value));
        case "solutions":
          return link(
            solutionNames.get(facet.value.toLowerCase()) ?? facet.value,
            filterToken("solution", facet.value),
          );
        case "status":
          return link(STATUS_LABELS[facet.value] ?? facet.value, filterToken("status", facet.value));
        case "classUris":
          // Classes are indexed by URI and by short alias: the alias reads better and filters the same.
          return facet.value.includes("://") ? [] : link(facet.value, filterToken("class", facet.value));
      }
    });
    return { field, label: FACET_LABELS[field], values };
  }).filter((group) => group.values.length > 0);

  return {
    query,
    page,
    pageCount: Math.max(1, Math.ceil(Math.min(results.total, RESULT_WINDOW) / pageSize)),
    total: results.total,
    totalIsExact: results.totalIsExact,
    hits: results.hits,
    facets,
  };
}

/** The forum rows behind topic and post hits, for the Discourse API: each hit as the post Discourse would return. */
export async function forumRowsOfHits(db: Db, hits: readonly SearchHit[]) {
  const topicIds = hits.flatMap((hit) => (hit.type === "topic" ? [Number(hit.id.slice("topic:".length))] : []));
  const postIds = hits.flatMap((hit) => (hit.type === "post" ? [Number(hit.id.slice("post:".length))] : []));
  const posts = await db.post.findMany({
    where: {
      deletedAt: null,
      topic: { deletedAt: null },
      OR: [{ id: { in: postIds } }, { topicId: { in: topicIds }, postNumber: 1 }],
    },
    select: {
      id: true,
      postNumber: true,
      topicId: true,
      createdAt: true,
      user: { select: { id: true, username: true, givenName: true, usualName: true } },
      topic: {
        select: {
          id: true,
          title: true,
          slug: true,
          postsCount: true,
          highestPostNumber: true,
          createdAt: true,
          lastPostedAt: true,
          bumpedAt: true,
          pinned: true,
          closed: true,
          categoryId: true,
          acceptedAnswerPostId: true,
          tags: { select: { tag: { select: { name: true } } } },
        },
      },
    },
  });
  const byHit = new Map<string, (typeof posts)[number]>();
  for (const post of posts) {
    if (postIds.includes(post.id)) byHit.set(`post:${post.id}`, post);
    if (post.postNumber === 1 && topicIds.includes(post.topicId)) byHit.set(`topic:${post.topicId}`, post);
  }
  return hits.flatMap((hit) => {
    const post = byHit.get(hit.id);
    return post ? [{ hit, post: { ...post, user: { ...post.user, name: displayName(post.user) } } }] : [];
  });
}

/** Discourse's full-page search size. */
export const API_SEARCH_PAGE_SIZE = 50;

/**
 * GET /search.json's results: the forum hits as Discourse posts, and the next page's URL. A query the syntax refuses
 * is answered as Discourse does, in `error` (a French message), with no results.
 */
export async function searchForumForApi(
  db: Db,
  reader: Reader,
  term: string,
  pageParameter: string | null,
): Promise<{ posts: SearchResultPost[]; nextPageUrl: string | null; error: string | null }> {
  try {
    const page = pageParameter === null || pageParameter === "" ? 1 : Number(pageParameter);
    const lastPage = RESULT_WINDOW / API_SEARCH_PAGE_SIZE;
    if (!Number.isInteger(page) || page < 1 || page > lastPage) {
      throw new DomainError(400, `Numéro de page invalide : choisissez une page de 1 à ${lastPage}.`);
    }
    const results = isEmptySearchQuery(term)
      ? null
      : await searchSite(db, reader, term, { page, pageSize: API_SEARCH_PAGE_SIZE, types: ["topic", "post"] });
    if (!results) return { posts: [], nextPageUrl: null, error: null };
    const rows = await forumRowsOfHits(db, results.hits);
    return {
      posts: rows.map(({ hit, post }) => ({
        id: post.id,
        postNumber: post.postNumber,
        topicId: post.topicId,
        createdAt: post.createdAt,
        user: post.user,
        blurb: plainTextOfHtml(hit.snippetHtml),
        topic: {
          ...post.topic,
          tags: post.topic.tags.map((row) => row.tag.name),
          hasAcceptedAnswer: post.topic.acceptedAnswerPostId !== null,
        },
      })),
      nextPageUrl:
        page < results.pageCount ? `/search.json?${new URLSearchParams({ q: term, page: String(page + 1) })}` : null,
      error: null,
    };
  } catch (error) {
    if (error instanceof DomainError && error.status === 400)
      return { posts: [], nextPageUrl: null, error: error.userMessage };
    throw error;
  }
}

export interface SearchSuggestion {
  type: SearchDocumentType;
  typeLabel: string;
  url: string;
  /** Escaped by the engine, matched words in <mark>. */
  titleHtml: string;
}

/** The header's typeahead: the best few matches as the person types; nothing for a query that cannot run. */
export async function suggestSearch(db: Db, reader: Reader, query: string, limit = 8): Promise<SearchSuggestion[]> {
  if (isEmptySearchQuery(query)) return [];
  try {
    const results = await searchSite(db, reader, query, { pageSize: limit });
    return results.hits.map((hit) => ({
      type: hit.type,
      typeLabel: SEARCH_TYPE_SINGULAR[hit.type],
      url: hit.url,
      titleHtml: hit.titleHtml,
    }));
  } catch (error) {
    if (error instanceof DomainError && error.status === 400) return [];
    throw error;
  }
}
