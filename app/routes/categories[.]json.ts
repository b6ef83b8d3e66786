import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiReader, categoryListJson } from "~/domain/forum/discourse-json";
import { listCategories, listCategoryActivity } from "~/domain/forum/topics.server";
import { getViewer } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { discourseJson } from "~/infra/responses.server";

// Discourse's GET /categories.json (listCategories): the categories the reader may see, with their counters.
export async function loader({ request, context }: LoaderFunctionArgs) {
  return discourseJson(async () => {
    const reader = apiReader(await getViewer(request, context));
    const db = await getDb();
    const [categories, activity] = await Promise.all([listCategories(db, reader), listCategoryActivity(db, reader)]);
    return categoryListJson(categories, activity);
  });
}
