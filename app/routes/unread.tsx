import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ContentPage } from "~/components/content-page";
import { TopicList, withTopicsAsJsonText } from "~/components/topic-list";
import { listUnreadTopicIds } from "~/domain/forum/read-state.server";
import { listLatestTopics } from "~/domain/forum/topics.server";
import { readerOf } from "~/domain/forum/permissions";
import { requireSessionUser } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";

export const meta: MetaFunction = () => [{ title: "Non lus — CICCLO Interop" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const reader = readerOf(await requireSessionUser(request, context));
  const db = await getDb();
  const topicIds = await listUnreadTopicIds(db, reader.userId!);
  return withTopicsAsJsonText(await listLatestTopics(db, reader, { topicIds, limit: 100 }), context);
}

export default function Unread() {
  const { topics } = useLoaderData<typeof loader>();
  return (
    <ContentPage title="Sujets non lus">
      <p>Les sujets que vous suivez ou surveillez et qui ont de nouveaux messages.</p>
      <TopicList topics={topics} caption="Sujets suivis avec des messages non lus" />
    </ContentPage>
  );
}
