import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { TopicList } from "~/components/topic-list";
import { listLatestTopics } from "~/domain/forum/topics.server";
import { getReader } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { httpError } from "~/infra/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Étiquette ${data?.tag ?? ""} — CICCLO Interop` },
];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const tag = String(params.tag ?? "").toLowerCase();
  const db = await getDb();
  if (!(await db.tag.findUnique({ where: { name: tag } }))) throw httpError(404, "Étiquette introuvable");
  const cursor = new URL(request.url).searchParams.get("cursor");
  return { tag, ...(await listLatestTopics(db, await getReader(request, context), { cursor, tag })) };
}

export default function TagPage() {
  const { tag, topics, nextCursor } = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb
        segments={[
          { label: "Discussions", to: "/latest" },
          { label: "Étiquettes", to: "/tags" },
        ]}
        current={tag}
      />
      <h1>Sujets étiquetés « {tag} »</h1>
      <TopicList topics={topics} caption={`Sujets étiquetés ${tag}, par dernière activité`} />
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
