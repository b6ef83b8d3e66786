import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiReader, searchJson } from "~/domain/forum/discourse-json";
import { listCategoriesForPosting } from "~/domain/forum/topics.server";
import { searchForumForApi } from "~/domain/search/site-search.server";
import { getViewer } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { discourseJson } from "~/infra/responses.server";

// Discourse's GET /search.json?q=&page=: topics and posts the caller may see, in Discourse's grouped shape.
export async function loader({ request, context }: LoaderFunctionArgs) {
  return discourseJson(async () => {
    const reader = apiReader(await getViewer(request, context));
    const db = await getDb();
    const params = new URL(request.url).searchParams;
    const term = params.get("q") ?? params.get("term") ?? "";
    const result = await searchForumForApi(db, reader, term, params.get("page"));
    const canCreateTopic = (await listCategoriesForPosting(db, reader)).length > 0;
    return searchJson(term, canCreateTopic, result);
  });
}
