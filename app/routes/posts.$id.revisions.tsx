import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { ContentPage } from "~/components/content-page";
import { RelativeTime } from "~/components/relative-time";
import { listRevisions } from "~/domain/forum/revisions.server";
import type { DiffSegment } from "~/domain/forum/word-diff";
import { getReader } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { orHttpError, requireIdParam } from "~/infra/responses.server";

export const meta: MetaFunction = () => [{ title: "Historique des modifications — CICCLO Interop" }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const reader = await getReader(request, context);
  return orHttpError(async () => listRevisions(await getDb(), reader, requireIdParam(params.id)));
}

function Diff({ segments }: { segments: DiffSegment[] }) {
  return (
    <p className="diff" style={{ whiteSpace: "pre-wrap" }}>
      {segments.map((segment, index) =>
        segment.kind === "added" ? (
          <ins key={index}>
            <span className="fr-sr-only">[ajouté : </span>
            {segment.text}
            <span className="fr-sr-only">]</span>
          </ins>
        ) : segment.kind === "removed" ? (
          <del key={index}>
            <span className="fr-sr-only">[supprimé : </span>
            {segment.text}
            <span className="fr-sr-only">]</span>
          </del>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </p>
  );
}

export default function Revisions() {
  const { post, topic, revisions } = useLoaderData<typeof loader>();
  return (
    <ContentPage
      title={`Historique du message #${post.postNumber}`}
      segments={[
        { label: "Discussions", to: "/latest" },
        { label: topic.title, to: `/t/${topic.slug}/${topic.id}` },
      ]}
    >
      <p>
        Sujet :{" "}
        <Link to={`/t/${topic.slug}/${topic.id}/${post.postNumber}#post-${post.postNumber}`}>{topic.title}</Link>
      </p>
      {revisions.length === 0 ? <p>Ce message n&apos;a jamais été modifié.</p> : null}
      {revisions.map((revision) => (
        <section key={revision.number} className="fr-mb-4w" aria-labelledby={`revision-${revision.number}`}>
          <h2 className="fr-h6" id={`revision-${revision.number}`}>
            {`Version ${revision.number}, par @${revision.editor}, `}
            <RelativeTime date={revision.createdAt} />
          </h2>
          {revision.titleDiff ? (
            <>
              <p className="fr-text--bold fr-mb-1v">Titre</p>
              <Diff segments={revision.titleDiff} />
            </>
          ) : null}
          <p className="fr-text--bold fr-mb-1v">Message</p>
          <Diff segments={revision.rawDiff} />
        </section>
      ))}
    </ContentPage>
  );
}
