import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiReader, postJson } from "~/domain/forum/discourse-json";
import { getPost } from "~/domain/forum/posts.server";
import { getViewer } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { discourseJson, requireIdParam } from "~/infra/responses.server";

// Discourse's GET /posts/:id.json (getPost): one post with its Markdown source, visible as in its topic.
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return discourseJson(async () => {
    const id = requireIdParam(params.id);
    const reader = apiReader(await getViewer(request, context));
    return postJson(await getPost(await getDb(), reader, id), reader.userId);
  });
}
