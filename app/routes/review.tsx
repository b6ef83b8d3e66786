import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
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
        <article key={post.id} className="fr-card fr-card--no-arrow fr-mb-3w" aria-labelledby={`queued-${post.id}`}>
          <div className="fr-card__body">
            <div className="fr-card__content">
              <h3 className="fr-card__title fr-h6" id={`queued-${post.id}`}>
                {post.kind === "topic" ? `Nouveau sujet : ${post.title}` : post.title}
              </h3>
              <p className="fr-card__desc">
                Par @{post.author} <RelativeTime date={post.createdAt} /> dans{" "}
                {post.where.url ? <Link to={post.where.url}>{post.where.label}</Link> : post.where.label}
              </p>
              <div className="post__body fr-mt-2w" dangerouslySetInnerHTML={{ __html: post.cooked }} />
            </div>
            <div className="fr-card__footer">
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="queuedPostId" value={post.id} />
                <ul className="fr-btns-group fr-btns-group--inline-sm">
                  <li>
                    <button className="fr-btn fr-btn--sm" type="submit" name="decision" value="approve">
                      Publier
                    </button>
                  </li>
                  <li>
                    <button
                      className="fr-btn fr-btn--sm fr-btn--secondary"
                      type="submit"
                      name="decision"
                      value="reject"
                    >
                      Refuser
                    </button>
                  </li>
                </ul>
              </Form>
            </div>
          </div>
        </article>
      ))}
      <h2 className="fr-h4">Signalements ({flags.length})</h2>
      {flags.length === 0 ? <p>Aucun signalement en attente.</p> : null}
      {flags.map((flag) => (
        <article key={flag.id} className="fr-card fr-card--no-arrow fr-mb-3w" aria-labelledby={`flag-${flag.id}`}>
          <div className="fr-card__body">
            <div className="fr-card__content">
              <h2 className="fr-card__title fr-h6" id={`flag-${flag.id}`}>
                {`${FLAG_REASONS[flag.reason]} — message #${flag.post.postNumber} de @${flag.post.author}`}
              </h2>
              <p className="fr-card__desc">
                Signalé par @{flag.flaggedBy} <RelativeTime date={flag.createdAt} /> dans{" "}
                <Link
                  to={`/t/${flag.post.topic.slug}/${flag.post.topic.id}/${flag.post.postNumber}#post-${flag.post.postNumber}`}
                >
                  {flag.post.topic.title}
                </Link>
                {flag.note ? ` : « ${flag.note} »` : ""}
              </p>
              <div className="post__body fr-mt-2w" dangerouslySetInnerHTML={{ __html: flag.post.cooked }} />
            </div>
            <div className="fr-card__footer">
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="flagId" value={flag.id} />
                <ul className="fr-btns-group fr-btns-group--inline-sm">
                  <li>
                    <button className="fr-btn fr-btn--sm" type="submit" name="decision" value="agree">
                      Masquer le message
                    </button>
                  </li>
                  <li>
                    <button
                      className="fr-btn fr-btn--sm fr-btn--secondary"
                      type="submit"
                      name="decision"
                      value="disagree"
                    >
                      Rejeter le signalement
                    </button>
                  </li>
                </ul>
              </Form>
            </div>
          </div>
        </article>
      ))}
    </ContentPage>
  );
}
