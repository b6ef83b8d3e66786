import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ContentPage } from "~/components/content-page";
import { CsrfInput, FormResult } from "~/components/forms";
import { RelativeTime } from "~/components/relative-time";
import { FLAG_REASONS } from "~/domain/forum/flags";
import { listPendingFlags, resolveFlag } from "~/domain/forum/flags.server";
import { requireSignedIn } from "~/domain/identity/viewer";
import { requireCsrf, requireSessionUser } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { authorize, formAction, orHttpError } from "~/infra/responses.server";

export const meta: MetaFunction = () => [{ title: "File de modération — CICCLO Interop" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireSessionUser(request, context);
  const user = authorize(() => requireSignedIn(viewer));
  return { flags: await orHttpError(async () => listPendingFlags(await getDb(), user)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireSessionUser(request, context);
  const user = authorize(() => requireSignedIn(viewer));
  const form = await request.formData();
  requireCsrf(viewer, form);
  const decision = form.get("decision") === "agree" ? "agree" : "disagree";
  return formAction(async () => {
    await resolveFlag(await getDb(), user, Number(form.get("flagId")), decision);
    return { message: decision === "agree" ? "Le message a été masqué." : "Le signalement a été rejeté." };
  });
}

export default function Review() {
  const { flags } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <ContentPage title="File de modération" segments={[{ label: "Discussions", to: "/latest" }]}>
      <FormResult result={result} />
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
