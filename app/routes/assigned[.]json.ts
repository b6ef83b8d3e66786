import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiReader, moreTopicsUrl, perPageOf, topicListJson } from "~/domain/forum/discourse-json";
import { getLastPosters } from "~/domain/forum/posts.server";
import { requireSignedIn } from "~/domain/identity/viewer";
import { listAssignedTopics, parseAssignedScope } from "~/domain/tracker/assignments.server";
import { getViewer } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { discourseJson } from "~/infra/responses.server";

// /assigned.json (?tab=teams for the reader's teams): the open topics assigned to the reader, in Discourse's
// topic_list shape (as its assign plugin's /topics/messages-assigned), paged with our opaque cursor.
export async function loader({ request, context }: LoaderFunctionArgs) {
  return discourseJson(async () => {
    const viewer = await getViewer(request, context);
    apiReader(viewer);
    const user = requireSignedIn(viewer);
    const db = await getDb();
    const url = new URL(request.url);
    const perPage = perPageOf(url.searchParams.get("per_page"));
    const scope = parseAssignedScope(url.searchParams.get("tab"));
    const page = await listAssignedTopics(db, user, { scope, cursor: url.searchParams.get("cursor"), limit: perPage });
    const more = page.nextCursor && moreTopicsUrl("/assigned.json", page.nextCursor, url);
    return topicListJson({
      topics: page.topics,
      lastPosters: await getLastPosters(db, page.topics, { readCache: context.readCache }),
      perPage,
      canCreateTopic: false,
      moreTopicsUrl: more && scope === "teams" ? `${more}&tab=teams` : more,
    });
  });
}
