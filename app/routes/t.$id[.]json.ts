import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiReader, topicJson } from "~/domain/forum/discourse-json";
import { getLastPosters, getTopicStream } from "~/domain/forum/posts.server";
import { getTopicWithFacts } from "~/domain/forum/topics.server";
import { interopJson } from "~/domain/tracker/reports.server";
import { loadTopicPageTracker } from "~/domain/tracker/topic-page.server";
import { getViewer } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { discourseJson, requireIdParam } from "~/infra/responses.server";

// Discourse's GET /t/:id.json (getTopic): the topic, its first posts and the ids of all its posts. A topic the
// reader may not see answers 404, exactly like a missing one.
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  return discourseJson(async () => {
    const id = requireIdParam(params.id);
    const reader = apiReader(await getViewer(request, context));
    const db = await getDb();
    const readCache = context.readCache;
    const { view: topic, facts } = await getTopicWithFacts(db, reader, id, 1, { readCache });
    const [stream, lastPosters, { tracker, report }] = await Promise.all([
      getTopicStream(db, reader, id, { readCache }),
      getLastPosters(db, [topic], { readCache }),
      loadTopicPageTracker(db, reader, facts, { readCache }),
    ]);
    return topicJson(topic, {
      stream,
      lastPoster: lastPosters.get(id) ?? topic.author,
      viewerId: reader.userId,
      tracker,
      interop: report && interopJson(report),
    });
  });
}
