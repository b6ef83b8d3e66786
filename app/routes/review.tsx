import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { Link } from "~/components/link";
import type { ReactNode } from "react";
import { ContentPage } from "~/components/content-page";
import { CsrfInput, FormResult } from "~/components/forms";
import { RelativeTime } from "~/components/relative-time";
import { FLAG_REASONS } from "~/domain/forum/flags";
import { listPendingFlags, resolveFlag } from "~/domain/forum/flags.server";
import { listQueuedPosts, reviewQueuedPost } from "~/domain/forum/review-queue.server";
import { requireSignedIn } from "~/domain/identity/viewer";
import { requireCsrf, requireSessionUser } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { authorize, formAction, orHttpError } from "~/infra/responses.server";

export const meta: MetaFunction = () => [{ title: "File de modération — CICCLO Interop" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireSessionUser(request, context);
  const user = authorize(() => requireSignedIn(viewer));
  return orHttpError(async () => {
    const db = await getDb();
    const [flags, queued] = await Promise.all([listPendingFlags(db, user), listQueuedPosts(db, user)]);
    return { flags, queued };
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireSessionUser(request, context);
  const user = authorize(() => requireSignedIn(viewer));
  const form = await request.formData();
  requireCsrf(viewer, form);
  if (form.has("queuedPostId")) {
    const verdict = form.get("decision") === "approve" ? "approve" : "reject";
    return formAction(async () => {
      await reviewQueuedPost(await getDb(), user, Number(form.get("queuedPostId")), verdict);
      return { message: verdict === "approve" ? "Le message a été publié." : "Le message a été refusé." };
    });
  }
  const decision = form.get("decision") === "agree" ? "agree" : "disagree";
  return formAction(async () => {
    await resolveFlag(await getDb(), user, Number(form.get("flagId")), decision);
    return { message: decision === "agree" ? "Le message a été masqué." : "Le signalement a été rejeté." };
  });
}

export default function Review() {
  const { flags, queued } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <ContentPage title="File de modération" segments={[{ label: "Discussions", to: "/latest" }]}>
      <FormResult result={result} />
      <h2 className="fr-h4">Messages de nouveaux membres en attente ({queued.length})</h2>
      {queued.length === 0 ? <p>Aucun message en attente de validation.</p> : null}
      {queued.map((post) => (
        <ReviewItem
          key={post.id}
          headingId={`queued-${post.id}`}
          heading={post.kind === "topic" ? `Nouveau sujet : ${post.title}` : post.title}
          cooked={post.cooked}
          field={{ name: "queuedPostId", value: post.id }}
          decisions={[
            { value: "approve", label: "Publier" },
            { value: "reject", label: "Refuser" },
          ]}
        >
          Par @{post.author} <RelativeTime date={post.createdAt} /> dans{" "}
          {post.where.url ? <Link to={post.where.url}>{post.where.label}</Link> : post.where.label}
          {post.report ? (
            <>
              {" — rapport d'interopérabilité : "}
              {`depuis ${post.report.reporting}, concerne ${post.report.affected}, sévérité ${post.report.severity}, `}
              <code>{post.report.classUri}</code>, <code>{post.report.endpointUrl}</code>. Étapes : «{" "}
              {post.report.steps} » Attendu : « {post.report.expected} » Constaté : « {post.report.actual} »
            </>
          ) : null}
        </ReviewItem>
      ))}
      <h2 className="fr-h4">Signalements ({flags.length})</h2>
      {flags.length === 0 ? <p>Aucun signalement en attente.</p> : null}
      {flags.map((flag) => (
        <ReviewItem
          key={flag.id}
          headingId={`flag-${flag.id}`}
          heading={`${FLAG_REASONS[flag.reason]} — message #${flag.post.postNumber} de @${flag.post.author}`}
          cooked={flag.post.cooked}
          field={{ name: "flagId", value: flag.id }}
          decisions={[
            { value: "agree", label: "Masquer le message" },
            { value: "disagree", label: "Rejeter le signalement" },
          ]}
        >
          Signalé par @{flag.flaggedBy} <RelativeTime date={flag.createdAt} /> dans{" "}
          <Link
            to={`/t/${flag.post.topic.slug}/${flag.post.topic.id}/${flag.post.postNumber}#post-${flag.post.postNumber}`}
          >
            {flag.post.topic.title}
          </Link>
          {flag.note ? ` : « ${flag.note} »` : ""}
        </ReviewItem>
      ))}
    </ContentPage>
  );
}

/** One item of the queue: what it is about, the post's text, and the moderator's choices (the first is primary). */
function ReviewItem({
  headingId,
  heading,
  cooked,
  field,
  decisions,
  children,
}: {
  headingId: string;
  heading: string;
  cooked: string;
  field: { name: string; value: number };
  decisions: { value: string; label: string }[];
  children: ReactNode;
}) {
  return (
    <article className="review-item fr-mb-3w" aria-labelledby={headingId}>
      <h3 className="fr-h6 fr-mb-1w" id={headingId}>
        {heading}
      </h3>
      <p className="fr-text--sm fr-mb-2w">{children}</p>
      <div className="post__body" dangerouslySetInnerHTML={{ __html: cooked }} />
      <Form method="post" className="fr-mt-2w">
        <CsrfInput />
        <input type="hidden" name={field.name} value={field.value} />
        <ul className="fr-btns-group fr-btns-group--inline-sm">
          {decisions.map((decision, index) => (
            <li key={decision.value}>
              <button
                className={`fr-btn fr-btn--sm${index > 0 ? " fr-btn--secondary" : ""}`}
                type="submit"
                name="decision"
                value={decision.value}
              >
                {decision.label}
              </button>
            </li>
          ))}
        </ul>
      </Form>
    </article>
  );
}
