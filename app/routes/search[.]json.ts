import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiReader, searchJson } from "~/domain/forum/discourse-json";
import { listCategoriesForPosting } from "~/domain/forum/topics.server";
import { getViewer } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { discourseJson } from "~/infra/responses.server";

// Discourse's GET /search.json: the right shape, with no results until the search engine exists, so that
// Discourse clients calling it keep working.
export async function loader({ request, context }: LoaderFunctionArgs) {
  return discourseJson(async () => {
    const reader = apiReader(await getViewer(request, context));
    const canCreateTopic = (await listCategoriesForPosting(await getDb(), reader)).length > 0;
    return searchJson(new URL(request.url).searchParams.get("q") ?? "", canCreateTopic);
  });
}
