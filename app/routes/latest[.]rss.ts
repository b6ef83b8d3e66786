import type { LoaderFunctionArgs } from "@remix-run/node";
import { rssResponse } from "~/domain/forum/rss";
import { listTopicsForFeed } from "~/domain/forum/topics.server";
import { anonymousReader } from "~/domain/forum/permissions";
import { getDb } from "~/infra/db.server";
import { getEnv } from "~/infra/env.server";

// Feed readers never sign in: the feed holds what anonymous visitors see, whoever asks.
export async function loader(_: LoaderFunctionArgs) {
  const base = getEnv().publicUrl;
  const topics = await listTopicsForFeed(await getDb(), anonymousReader);
  return rssResponse({
    title: "CICCLO Interop — derniers sujets",
    link: `${base}/latest`,
    selfLink: `${base}/latest.rss`,
    description: "Les derniers sujets du canal de discussion CICCLO Interop.",
    items: topics.map((topic) => ({
      title: topic.title,
      link: `${base}/t/${topic.slug}/${topic.id}`,
      guid: `${base}/t/${topic.id}`,
      author: topic.author,
      publishedAt: topic.createdAt,
      html: topic.cooked,
      category: topic.category,
    })),
  });
}
