import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Breadcrumb } from "~/components/breadcrumb";
import { useLoaderData } from "@remix-run/react";
import { RelativeTime } from "~/components/relative-time";
import { getTopic } from "~/domain/forum/topics.server";
import { getReader } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { orHttpError, requireIdParam } from "~/infra/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} — CICCLO Interop` : "Sujet introuvable — CICCLO Interop" },
];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const id = requireIdParam(params.id);
  const topic = await orHttpError(async () => getTopic(await getDb(), await getReader(request, context), id));
  // Titles change; the id does not. Old or mistyped slugs lead to the canonical URL, as on Discourse.
  if (params.slug !== topic.slug) throw redirect(`/t/${topic.slug}/${topic.id}`, 301);
  return topic;
}

export default function TopicPage() {
  const topic = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb segments={[{ label: "Discussions", to: "/latest" }]} current={topic.title} />
      <h1>{topic.title}</h1>
      <p className="fr-mb-4w">
        <span className="topic-list__category" style={{ ["--category-color" as string]: `#${topic.category.color}` }}>
          {topic.category.name}
        </span>
        {" · "}
        {topic.postsCount} message{topic.postsCount > 1 ? "s" : ""}
        {topic.closed ? <span className="fr-badge fr-badge--sm fr-ml-1w">Fermé</span> : null}
      </p>
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-lg-9">
          {topic.posts.map((post) => (
            <article
              key={post.id}
              className="post fr-py-3w"
              id={`post-${post.postNumber}`}
              aria-labelledby={`post-${post.postNumber}-author`}
            >
              <header className="fr-mb-2w">
                <p className="fr-text--bold fr-mb-0" id={`post-${post.postNumber}-author`}>
                  {post.author.displayName}
                  {post.author.organisation ? (
                    <span className="fr-text--regular fr-text-mention--grey"> · {post.author.organisation}</span>
                  ) : null}
                </p>
                <p className="fr-text--sm fr-text-mention--grey fr-mb-0">
                  <a href={`#post-${post.postNumber}`} className="fr-link fr-text--sm">
                    #{post.postNumber}
                  </a>{" "}
                  · <RelativeTime date={post.createdAt} />
                  {post.replyToPostNumber ? (
                    <>
                      {" · en réponse à "}
                      <a href={`#post-${post.replyToPostNumber}`}>#{post.replyToPostNumber}</a>
                    </>
                  ) : null}
                </p>
              </header>
              {/* cooked is sanitized against an allow-list when the post is written (domain/forum/markdown.ts). */}
              <div className="post__body" dangerouslySetInnerHTML={{ __html: post.cooked }} />
            </article>
          ))}
        </div>
      </div>
    </div>
  );
}
