import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TopicList } from "~/components/topic-list";
import { anonymousViewer, listLatestTopics } from "~/domain/forum/topics.server";
import { getDb } from "~/infra/db.server";

export const meta: MetaFunction = () => [
  { title: "Discussions récentes — CICCLO Interop" },
  { name: "description", content: "Les derniers sujets du canal de discussion CICCLO Interop." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const cursor = new URL(request.url).searchParams.get("cursor");
  return listLatestTopics(await getDb(), anonymousViewer, { cursor });
}

export default function LatestTopics() {
  const { topics, nextCursor } = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <nav role="navigation" className="fr-breadcrumb" aria-label="vous êtes ici :">
        <ol className="fr-breadcrumb__list">
          <li>
            <Link className="fr-breadcrumb__link" to="/">
              Accueil
            </Link>
          </li>
          <li>
            <a className="fr-breadcrumb__link" aria-current="page">
              Discussions
            </a>
          </li>
        </ol>
      </nav>
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
