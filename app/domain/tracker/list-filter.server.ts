// A list query (list-query.ts) turned into the Prisma filter of listLatestTopics: names are resolved to ids first
// (solutions, conformance classes, people and groups, categories, tags), so the topic query only compares indexed
// ids. A name that matches nothing is refused with a French message rather than giving a silently empty list.
import type { ReadModels } from "~/domain/shared/read-cache";
import type { TopicListOrder } from "~/domain/forum/topics.server";
import { containsIgnoringCase, readRows, sql, type Db, type DbOrTx, type Prisma } from "~/infra/db.server";
import { listLatestTopics, type TopicListItem } from "~/domain/forum/topics.server";
import { DomainError } from "~/domain/shared/errors";
import { visibleCategoriesWhere, type Reader } from "~/domain/forum/permissions";
import { normalizeText } from "~/domain/search/text";
import {
  conformanceClassShortForm,
  parseListQuery,
  type ListFilterTerm,
  type ListOrder,
  type ListQuery,
} from "./list-query";

export interface ListFilter {
  /** The `?q=` as typed, for the search box and the chips. */
  q: string;
  where: Prisma.TopicWhereInput | null;
  order: ListOrder;
}

export const NO_FILTER: ListFilter = { q: "", where: null, order: "latest" };

const invalid = (message: string) => new DomainError(422, message, { fieldErrors: { q: message } });

/** Parses and resolves a list's `?q=`; a 422 DomainError says what is wrong. An `order:` in the query wins over the
 * page's own order (`pageOrder`: a roadmap's "Par votes" tab). */
export async function resolveListFilter(
  db: DbOrTx,
  reader: Reader,
  q: string | null | undefined,
  pageOrder?: TopicListOrder,
): Promise<ListFilter> {
  const text = String(q ?? "")
    .trim()
    .slice(0, 500);
  if (!text) return pageOrder ? { ...NO_FILTER, order: pageOrder } : NO_FILTER;
  const parsed = parseListQuery(text);
  if (!parsed.ok) throw invalid(parsed.message);
  const order = /(^|\s)order:/i.test(text) ? parsed.query.order : (pageOrder ?? parsed.query.order);
  return { q: text, where: await whereOf(db, reader, parsed.query), order };
}

async function whereOf(db: DbOrTx, reader: Reader, query: ListQuery): Promise<Prisma.TopicWhereInput | null> {
  const clauses: Prisma.TopicWhereInput[] = query.words.map((word) => ({ title: containsIgnoringCase(word) }));
  for (const term of query.terms) {
    const clause = await termWhere(db, reader, term);
    clauses.push(term.negate ? { NOT: clause } : clause);
  }
  return clauses.length ? { AND: clauses } : null;
}

async function termWhere(db: DbOrTx, reader: Reader, term: ListFilterTerm): Promise<Prisma.TopicWhereInput> {
  switch (term.key) {
    case "status":
      return { interopReport: { status: { in: term.values } } };
    case "solution": {
      const ids = await solutionIds(db, term.values);
      return {
        interopReport: {
          OR: [{ reportingSolutionId: { in: ids } }, { affected: { some: { solutionId: { in: ids } } } }],
        },
      };
    }
    case "class":
      return { interopReport: { classUri: { in: await classUris(db, term.values) } } };
    case "assigned":
      return { assignments: { some: await assigneeWhere(db, reader, term.values) } };
    case "tag": {
      const names = term.values.map((value) => value.toLowerCase());
      const tags = await db.tag.findMany({ where: { name: { in: names } }, select: { id: true, name: true } });
      const unknown = names.find((name) => !tags.some((tag) => tag.name === name));
      if (unknown) throw invalid(`Étiquette inconnue « ${unknown} ».`);
      return { tags: { some: { tagId: { in: tags.map((tag) => tag.id) } } } };
    }
    case "category": {
      const slugs = term.values.map((value) => value.toLowerCase());
      const categories = await db.category.findMany({
        where: { slug: { in: slugs }, ...visibleCategoriesWhere(reader) },
        select: { id: true, slug: true },
      });
      // A private category the reader cannot see is as unknown as a missing one.
      const unknown = slugs.find((slug) => !categories.some((category) => category.slug === slug));
      if (unknown) throw invalid(`Catégorie inconnue « ${unknown} ».`);
      return { categoryId: { in: categories.map((category) => category.id) } };
    }
  }
}

/** Solutions by slug or name, whatever the case and accents ("geOrchestra", "geoplateforme", "OneGeo Suite"). */
async function solutionIds(db: DbOrTx, values: string[]): Promise<number[]> {
  const solutions = await db.solution.findMany({ select: { id: true, slug: true, name: true } });
  return values.map((value) => {
    const wanted = normalizeText(value).replace(/\s+/g, "-");
    const found = solutions.find(
      (solution) =>
        normalizeText(solution.slug) === wanted || normalizeText(solution.name).replace(/\s+/g, "-") === wanted,
    );
    if (!found) {
      throw invalid(
        `Solution inconnue « ${value} ». Solutions : ${solutions.map((solution) => solution.slug).join(", ")}.`,
      );
    }
    return found.id;
  });
}

/** Conformance classes by URI, short form (ogcapi-features-1/core) or alias. */
async function classUris(db: DbOrTx, values: string[]): Promise<string[]> {
  const classes = await db.conformanceClass.findMany({ select: { uri: true, aliases: true } });
  return values.map((value) => {
    const wanted = value.trim().toLowerCase();
    const found = classes.find((candidate) => {
      if (candidate.uri.toLowerCase() === wanted || conformanceClassShortForm(candidate.uri) === wanted) return true;
      const aliases = JSON.parse(candidate.aliases || "[]") as unknown;
      return Array.isArray(aliases) && aliases.some((alias) => String(alias).toLowerCase() === wanted);
    });
    if (!found) throw invalid(`Classe de conformité inconnue « ${value} ».`);
    return found.uri;
  });
}

/** `me` is the reader and the reader's groups; otherwise a username or a group name. */
async function assigneeWhere(db: DbOrTx, reader: Reader, values: string[]): Promise<Prisma.TopicAssignmentWhereInput> {
  const userIds: number[] = [];
  const groupNames: string[] = [];
  for (const value of values.map((item) => item.toLowerCase().replace(/^@/, ""))) {
    if (value === "me" || value === "moi") {
      if (reader.userId === null) throw invalid("Connectez-vous pour voir les sujets qui vous sont assignés.");
      userIds.push(reader.userId);
      groupNames.push(...reader.groups);
      continue;
    }
    const [user, group] = await Promise.all([
      db.user.findUnique({ where: { username: value }, select: { id: true } }),
      db.group.findUnique({ where: { name: value }, select: { id: true } }),
    ]);
    if (!user && !group) throw invalid(`Personne ni groupe « ${value} » : vérifiez le nom.`);
    if (user) userIds.push(user.id);
    if (group) groupNames.push(value);
  }
  const groups = groupNames.length
    ? await db.group.findMany({ where: { name: { in: groupNames } }, select: { id: true } })
    : [];
  return { OR: [{ userId: { in: userIds } }, { groupId: { in: groups.map((group) => group.id) } }] };
}

// ── Saved filters ──

const MAX_SAVED_FILTERS = 50;

export interface SavedFilterView {
  id: number;
  name: string;
  query: string;
  url: string;
}

export const savedFilterUrl = (query: string) => `/latest?q=${encodeURIComponent(query)}`;

/** On every signed-in list page: hand-written SQL (see readRows). */
export async function listSavedFilters(db: DbOrTx, userId: number | null): Promise<SavedFilterView[]> {
  if (userId === null) return [];
  const rows = await readRows<{ id: number; name: string; query: string }>(
    db,
    sql`
    SELECT "id", "name", "query" FROM "SavedFilter" WHERE "userId" = ${userId}
    ORDER BY "name" LIMIT ${MAX_SAVED_FILTERS}`,
  );
  return rows.map((row) => ({ id: Number(row.id), name: row.name, query: row.query, url: savedFilterUrl(row.query) }));
}

/** Saves a query under a name for this person; the query must be valid and the name theirs only once. */
export async function saveFilter(db: DbOrTx, userId: number, reader: Reader, input: { name: string; query: string }) {
  const name = input.name.trim().replace(/\s+/g, " ");
  const query = input.query.trim();
  if (!name || name.length > 60) {
    throw new DomainError(422, "Donnez un nom de 1 à 60 caractères à ce filtre.", {
      fieldErrors: { name: "Nom de 1 à 60 caractères." },
    });
  }
  if (!query) throw invalid("Saisissez un filtre avant de l'enregistrer.");
  await resolveListFilter(db, reader, query);
  const [count, taken] = await Promise.all([
    db.savedFilter.count({ where: { userId } }),
    db.savedFilter.findUnique({ where: { userId_name: { userId, name } }, select: { id: true } }),
  ]);
  if (taken) {
    throw new DomainError(422, `Vous avez déjà un filtre nommé « ${name} ».`, {
      fieldErrors: { name: "Ce nom est déjà pris." },
    });
  }
  if (count >= MAX_SAVED_FILTERS) {
    throw new DomainError(422, `Vous avez déjà ${MAX_SAVED_FILTERS} filtres enregistrés : supprimez-en un d'abord.`);
  }
  return db.savedFilter.create({ data: { userId, name, query }, select: { id: true, name: true, query: true } });
}

export async function deleteSavedFilter(db: DbOrTx, userId: number, id: number) {
  const { count } = await db.savedFilter.deleteMany({ where: { id, userId } });
  if (count === 0) throw new DomainError(404, "Ce filtre enregistré est introuvable.");
}

/** The query a list page saves: its own category or tag is added, so the saved link shows the same topics. */
export function scopedQuery(q: string, scope: { category?: string; tag?: string }): string {
  const parts = [q.trim()];
  if (scope.category && !/(^|\s)category:/i.test(q)) parts.unshift(`category:${scope.category}`);
  if (scope.tag && !new RegExp(`(^|\\s)tag:${scope.tag}(\\s|$)`, "i").test(q)) parts.unshift(`tag:${scope.tag}`);
  return parts.filter(Boolean).join(" ");
}

/** One page of a list page's topics under its `?q=` filter: a refused query gives an empty page and its message. */
export async function filteredTopicPage(
  db: Db,
  reader: Reader,
  url: URL,
  scope: { categoryId?: number; tag?: string; limit?: number; order?: TopicListOrder; readCache?: ReadModels } = {},
) {
  const q = (url.searchParams.get("q") ?? "").trim();
  let filter: ListFilter;
  try {
    filter = await resolveListFilter(db, reader, q, scope.order);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { topics: [] as TopicListItem[], nextCursor: null, q, error: error.userMessage };
  }
  const page = await listLatestTopics(db, reader, {
    ...scope,
    cursor: url.searchParams.get("cursor"),
    where: filter.where,
    order: filter.order,
  });
  return { ...page, q, error: null as string | null };
}
