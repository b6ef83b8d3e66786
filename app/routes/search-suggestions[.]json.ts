import type { LoaderFunctionArgs } from "@remix-run/node";
import { suggestSearch } from "~/domain/search/site-search.server";
import { getReader } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { jsonOrError } from "~/infra/responses.server";

// The header's typeahead: GET /search-suggestions.json?q= → { suggestions: [{ type, typeLabel, url, titleHtml }] }.
export async function loader({ request, context }: LoaderFunctionArgs) {
  return jsonOrError(async () => {
    const reader = await getReader(request, context);
    const query = new URL(request.url).searchParams.get("q") ?? "";
    return { suggestions: await suggestSearch(await getDb(), reader, query) };
  });
}
