import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Breadcrumb } from "~/components/breadcrumb";
import { Link, useLoaderData } from "@remix-run/react";
import { TopicList } from "~/components/topic-list";
import { listLatestTopics } from "~/domain/forum/topics.server";
import { getReader } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";

export const meta: MetaFunction = () => [
  { title: "Discussions récentes — CICCLO Interop" },
  { name: "description", content: "Les derniers sujets du canal de discussion CICCLO Interop." },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const cursor = new URL(request.url).searchParams.get("cursor");
  return listLatestTopics(await getDb(), await getReader(request, context), { cursor });
}

export default function LatestTopics() {
  const { topics, nextCursor } = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb current="Discussions" />
      <h1>Discussions récentes</h1>
      <TopicList topics={topics} caption="Sujets classés par dernière activité" />
      {nextCursor ? (
        <p>
          <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to={`?cursor=${nextCursor}`}>
            Sujets plus anciens
          </Link>
        </p>
      ) : null}
    </div>
  );
}
