import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiReader, moreTopicsUrl, perPageOf, topicListJson } from "~/domain/forum/discourse-json";
import { canCreateTopic } from "~/domain/forum/permissions";
import { getLastPosters } from "~/domain/forum/posts.server";
import { loadCategoryRules } from "~/domain/forum/posting.server";
import { getCategory, listCategories, listLatestTopics, parseTopicListOrder } from "~/domain/forum/topics.server";
import { notFound } from "~/domain/shared/errors";
import { resolveListFilter } from "~/domain/tracker/list-filter.server";
import { getViewer } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { discourseJson } from "~/infra/responses.server";

// Discourse's GET /c/:slug/:id.json (listCategoryTopics), also reached as /c/:id.json and /c/:slug.json
// (c.$id[.]json.ts). The id decides; the slug is only decoration, as on Discourse.
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return discourseJson(async () => {
    const reader = apiReader(await getViewer(request, context));
    const db = await getDb();
    const key = params.id ?? "";
    const category = /^\d{1,15}$/.test(key)
      ? await getCategory(db, reader, Number(key))
      : (await listCategories(db, reader)).find((candidate) => candidate.slug === key);
    if (!category) throw notFound("Cette catégorie", { slug: key });
    const url = new URL(request.url);
    const perPage = perPageOf(url.searchParams.get("per_page"));
    // `?q=` filters as on the page (status:, solution:, tag:, order:votes…); an unknown filter answers 422.
    const filter = await resolveListFilter(
      db,
      reader,
      url.searchParams.get("q"),
      parseTopicListOrder(url.searchParams.get("order"), category.votingEnabled),
    );
    const page = await listLatestTopics(db, reader, {
      cursor: url.searchParams.get("cursor"),
      limit: perPage,
      categoryId: category.id,
      where: filter.where,
      readCache: context.readCache,
      order: filter.order,
    });
    return topicListJson({
      topics: page.topics,
      lastPosters: await getLastPosters(db, page.topics, { readCache: context.readCache }),
      perPage,
      canCreateTopic: canCreateTopic(reader, (await loadCategoryRules(db, category.id))!.rules),
      moreTopicsUrl: page.nextCursor && moreTopicsUrl(`/c/${category.slug}/${category.id}.json`, page.nextCursor, url),
    });
  });
}
