import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiReader, moreTopicsUrl, perPageOf, topicListJson } from "~/domain/forum/discourse-json";
import { getLastPosters } from "~/domain/forum/posts.server";
import { listCategoriesForPosting, listLatestTopics } from "~/domain/forum/topics.server";
import { resolveListFilter } from "~/domain/tracker/list-filter.server";
import { getViewer } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { discourseJson } from "~/infra/responses.server";

// Discourse's GET /latest.json (listLatestTopics): newest activity first, paged with our opaque cursor, which
// `more_topics_url` carries.
export async function loader({ request, context }: LoaderFunctionArgs) {
  return discourseJson(async () => {
    const reader = apiReader(await getViewer(request, context));
    const db = await getDb();
    const url = new URL(request.url);
    const perPage = perPageOf(url.searchParams.get("per_page"));
    // `?q=` filters as on the page (status:, solution:, tag:, order:votes…); an unknown filter answers 422.
    const filter = await resolveListFilter(db, reader, url.searchParams.get("q"));
    const page = await listLatestTopics(db, reader, {
      cursor: url.searchParams.get("cursor"),
      limit: perPage,
      where: filter.where,
      readCache: context.readCache,
      order: filter.order,
    });
    return topicListJson({
      topics: page.topics,
      lastPosters: await getLastPosters(db, page.topics, { readCache: context.readCache }),
      perPage,
      canCreateTopic: (await listCategoriesForPosting(db, reader)).length > 0,
      moreTopicsUrl: page.nextCursor && moreTopicsUrl("/latest.json", page.nextCursor, url),
    });
  });
}
