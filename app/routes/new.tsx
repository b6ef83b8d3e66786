import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { ContentPage } from "~/components/content-page";
import { TopicList, withTopicsAsJsonText } from "~/components/topic-list";
import { readerOf } from "~/domain/forum/permissions";
import { listLatestTopics } from "~/domain/forum/topics.server";
import { requireSessionUser } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";

export const meta: MetaFunction = () => [{ title: "Nouveaux sujets — CICCLO Interop" }];

// "New", as on Discourse: topics of the last two weeks the reader has never opened.
const NEW_FOR_DAYS = 14;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const reader = readerOf(await requireSessionUser(request, context));
  const cursor = new URL(request.url).searchParams.get("cursor");
  return withTopicsAsJsonText(
    await listLatestTopics(await getDb(), reader, {
      cursor,
      newSince: new Date(Date.now() - NEW_FOR_DAYS * 24 * 3_600_000),
    }),
    context,
  );
}

export default function NewTopics() {
  const { topics, nextCursor } = useLoaderData<typeof loader>();
  return (
    <ContentPage title="Nouveaux sujets">
      <p>Les sujets des quatorze derniers jours que vous n&apos;avez pas encore ouverts.</p>
      <TopicList topics={topics} caption="Nouveaux sujets" />
      {nextCursor ? <Link to={`?cursor=${nextCursor}`}>Sujets plus anciens</Link> : null}
    </ContentPage>
  );
}
