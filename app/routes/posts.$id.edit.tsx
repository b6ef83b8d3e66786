import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Composer } from "~/components/composer";
import { ContentPage } from "~/components/content-page";
import { FormResult } from "~/components/forms";
import { cookPost } from "~/domain/forum/cook.server";
import { readerOf } from "~/domain/forum/permissions";
import { editPost, postingLimits } from "~/domain/forum/posting.server";
import { getEditablePost } from "~/domain/forum/topics.server";
import { requireSignedIn } from "~/domain/identity/viewer";
import { requireCsrf, requireSessionUser } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { authorize, formAction, orHttpError, requireIdParam } from "~/infra/responses.server";

export const meta: MetaFunction = () => [{ title: "Modifier un message — CICCLO Interop" }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const viewer = await requireSessionUser(request, context);
  const post = await orHttpError(async () =>
    getEditablePost(await getDb(), readerOf(viewer), requireIdParam(params.id)),
  );
  return { post, limits: postingLimits() };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const postId = requireIdParam(params.id);
  const viewer = await requireSessionUser(request, context);
  const user = authorize(() => requireSignedIn(viewer));
  const form = await request.formData();
  requireCsrf(viewer, form);
  const fields = {
    raw: String(form.get("raw") ?? ""),
    title: form.has("title") ? String(form.get("title")) : undefined,
    version: Number(form.get("version")),
  };
  if (form.get("intent") === "preview")
    return { ok: true as const, preview: await cookPost(await getDb(), fields.raw), fields, message: undefined };
  const db = await getDb();
  const result = await formAction(async () => editPost(db, user, { postId, ...fields }));
  if ("changed" in result) {
    const post = await getEditablePost(db, readerOf(viewer), postId);
    throw redirect(`/t/${post.topic.slug}/${post.topic.id}/${post.postNumber}#post-${post.postNumber}`);
  }
  return data({ ...result.data, preview: null, fields }, result.init ?? undefined);
}

export default function EditPost() {
  const { post, limits } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fieldErrors = result && !result.ok ? result.fieldErrors : {};
  return (
    <ContentPage
      title={`Modifier le message #${post.postNumber}`}
      segments={[
        { label: "Discussions", to: "/latest" },
        { label: post.topic.title, to: `/t/${post.topic.slug}/${post.topic.id}` },
      ]}
    >
      <p>
        Sujet : <a href={`/t/${post.topic.slug}/${post.topic.id}`}>{post.topic.title}</a>. L&apos;historique des
        modifications reste visible de tous.
      </p>
      {result && !result.ok ? <FormResult result={result} /> : null}
      <Composer
        draftKey={`edit:${post.id}`}
        defaultRaw={result?.fields.raw ?? post.raw}
        preview={result && "preview" in result ? result.preview : null}
        fieldErrors={fieldErrors}
        submitLabel="Enregistrer la modification"
      >
        <input type="hidden" name="version" value={post.version} />
        {post.postNumber === 1 ? (
          <div className={`fr-input-group${fieldErrors.title ? " fr-input-group--error" : ""}`}>
            <label className="fr-label" htmlFor="edit-title">
              Titre du sujet
            </label>
            <input
              className="fr-input"
              id="edit-title"
              name="title"
              required
              minLength={limits.titleMin}
              maxLength={limits.titleMax}
              defaultValue={result?.fields.title ?? post.topic.title}
            />
            {fieldErrors.title ? <p className="fr-error-text">{fieldErrors.title}</p> : null}
          </div>
        ) : null}
      </Composer>
    </ContentPage>
  );
}
