import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { OlderTopicsLink } from "~/components/older-topics-link";
import { Breadcrumb } from "~/components/breadcrumb";
import { Link, useLoaderData } from "@remix-run/react";
import { TopicList } from "~/components/topic-list";
import { listLatestTopics } from "~/domain/forum/topics.server";
import { getReader } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";

export const meta: MetaFunction = () => [
  { title: "Discussions récentes — CICCLO Interop" },
  { name: "description", content: "Les derniers sujets du canal de discussion CICCLO Interop." },
  {
    tagName: "link",
    rel: "alternate",
    type: "application/rss+xml",
    href: "/latest.rss",
    title: "Derniers sujets (RSS)",
  },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const cursor = new URL(request.url).searchParams.get("cursor");
  const reader = await getReader(request, context);
  return { ...(await listLatestTopics(await getDb(), reader, { cursor })), signedIn: reader.role !== "anonymous" };
}

export default function LatestTopics() {
  const { topics, nextCursor, signedIn } = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb current="Discussions" />
      <h1>Discussions récentes</h1>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mb-2w">
        {signedIn ? (
          <>
            <li>
              <Link className="fr-btn fr-icon-add-line fr-btn--icon-left" to="/new-topic">
                Nouveau sujet
              </Link>
            </li>
            <li>
              <Link className="fr-btn fr-btn--secondary" to="/unread">
                Non lus
              </Link>
            </li>
            <li>
              <Link className="fr-btn fr-btn--secondary" to="/new">
                Nouveaux
              </Link>
            </li>
          </>
        ) : null}
        <li>
          <Link className="fr-btn fr-btn--secondary" to="/top">
            Les plus actifs
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--secondary" to="/categories">
            Catégories
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--secondary" to="/tags">
            Étiquettes
          </Link>
        </li>
      </ul>
      <TopicList topics={topics} caption="Sujets classés par dernière activité" />
      <OlderTopicsLink cursor={nextCursor} />
    </div>
  );
}
