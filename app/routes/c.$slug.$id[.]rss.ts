import type { LoaderFunctionArgs } from "@remix-run/node";
import { anonymousReader } from "~/domain/forum/permissions";
import { rssResponse } from "~/domain/forum/rss";
import { getCategory, listTopicsForFeed } from "~/domain/forum/topics.server";
import { getDb } from "~/infra/db.server";
import { getEnv } from "~/infra/env.server";
import { orHttpError, requireIdParam } from "~/infra/responses.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const id = requireIdParam(params.id);
  const db = await getDb();
  const base = getEnv().publicUrl;
  const category = await orHttpError(() => getCategory(db, anonymousReader, id));
  const topics = await listTopicsForFeed(db, anonymousReader, { categoryId: id });
  return rssResponse({
    title: `CICCLO Interop — ${category.name}`,
    link: `${base}/c/${category.slug}/${category.id}`,
    selfLink: `${base}/c/${category.slug}/${category.id}.rss`,
    description: category.description,
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
