import type { LoaderFunctionArgs } from "@remix-run/node";
import { anonymousReader } from "~/domain/forum/permissions";
import { rssResponse } from "~/domain/forum/rss";
import { getTopic } from "~/domain/forum/topics.server";
import { getDb } from "~/infra/db.server";
import { getEnv } from "~/infra/env.server";
import { orHttpError, requireIdParam } from "~/infra/responses.server";

// The topic's posts, newest first (the last page of posts, as a feed reader wants what is new).
export async function loader({ params }: LoaderFunctionArgs) {
  const id = requireIdParam(params.id);
  const db = await getDb();
  const base = getEnv().publicUrl;
  const first = await orHttpError(() => getTopic(db, anonymousReader, id));
  const topic = first.nextPageFrom
    ? await getTopic(db, anonymousReader, id, Math.max(1, first.highestPostNumber - 19))
    : first;
  return rssResponse({
    title: `CICCLO Interop — ${topic.title}`,
    link: `${base}/t/${topic.slug}/${topic.id}`,
    selfLink: `${base}/t/${topic.slug}/${topic.id}.rss`,
    description: `Les messages du sujet « ${topic.title} ».`,
    items: topic.posts
      // Events of the timeline (status changes, assignments) are not posts a feed reader wants.
      .filter((post) => !post.deleted && post.postType !== 3)
      .reverse()
      .map((post) => ({
        title: post.postNumber === 1 ? topic.title : `${topic.title} — message #${post.postNumber}`,
        link: `${base}/t/${topic.slug}/${topic.id}/${post.postNumber}`,
        guid: `${base}/p/${post.id}`,
        author: post.author.username,
        publishedAt: post.createdAt,
        html: post.cooked,
      })),
  });
}
