import type { LoaderFunctionArgs } from "@remix-run/node";
import { findSimilarTopics } from "~/domain/tracker/similar.server";
import { getReader } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";

// Topics whose titles resemble the one being typed on the new topic page, among those the asker may see.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const reader = await getReader(request, context);
  const category = Number(url.searchParams.get("category"));
  const topics = await findSimilarTopics(await getDb(), reader, url.searchParams.get("title") ?? "", {
    categoryId: Number.isSafeInteger(category) && category > 0 ? category : null,
  });
  return Response.json({ topics }, { headers: { "Cache-Control": "private, no-store" } });
}
