import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Composer } from "~/components/composer";
import { ContentPage } from "~/components/content-page";
import { FormResult } from "~/components/forms";
import { cookPost } from "~/domain/forum/cook.server";
import { readerOf } from "~/domain/forum/permissions";
import { postingLimits } from "~/domain/forum/posting.server";
import { HELD_MESSAGE, submitTopic } from "~/domain/forum/review-queue.server";
import { listCategoriesForPosting } from "~/domain/forum/topics.server";
import { listTagNames, parseTagNames } from "~/domain/forum/tags.server";
import { requireSignedIn } from "~/domain/identity/viewer";
import { SimilarTopics } from "~/components/tracker/similar-topics";
import { findSimilarTopics } from "~/domain/tracker/similar.server";
import { requireCsrf, requireSessionUser } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { authorize, formAction } from "~/infra/responses.server";

export const meta: MetaFunction = () => [{ title: "Nouveau sujet — CICCLO Interop" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireSessionUser(request, context);
  const categories = await listCategoriesForPosting(await getDb(), readerOf(viewer));
  const requested = Number(new URL(request.url).searchParams.get("category"));
  const tags = await listTagNames(await getDb());
  return {
    categories,
    tags,
    selected: categories.some((category) => category.id === requested) ? requested : null,
    limits: postingLimits(),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireSessionUser(request, context);
  const user = authorize(() => requireSignedIn(viewer));
  const form = await request.formData();
  requireCsrf(viewer, form);
  const fields = {
    title: String(form.get("title") ?? ""),
    raw: String(form.get("raw") ?? ""),
    categoryId: Number(form.get("category")),
    tags: parseTagNames(form.get("tags")),
  };
  if (form.get("intent") === "preview") {
    const reader = readerOf(viewer);
    return {
      ok: true as const,
      preview: await cookPost(await getDb(), fields.raw, { reader }),
      // Without JavaScript, the preview step is where similar topics are suggested.
      similar: await findSimilarTopics(await getDb(), reader, fields.title, { categoryId: fields.categoryId }),
      fields,
      message: undefined,
      heldId: null,
    };
  }
  const result = await formAction(async () => submitTopic(await getDb(), user, fields));
  if (!("queued" in result)) return data({ ...result.data, preview: null, fields }, result.init ?? undefined);
  if (result.queued) return { ok: true as const, message: HELD_MESSAGE, heldId: result.queuedPostId, preview: null };
  throw redirect(`/t/${result.slug}/${result.topicId}`);
}

export default function NewTopic() {
  const { categories, tags, selected, limits } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fieldErrors = result && !result.ok ? result.fieldErrors : {};
  const fields = result && "fields" in result ? result.fields : undefined;
  const heldId = result && "heldId" in result ? result.heldId : null;
  return (
    <ContentPage title="Nouveau sujet">
      {result && (!result.ok || heldId) ? <FormResult result={result} /> : null}
      <Composer
        // A held topic leaves an empty composer for the next one.
        key={heldId ? `held-${heldId}` : "composer"}
        draftKey="new-topic"
        defaultRaw={fields?.raw ?? ""}
        preview={result && "preview" in result ? result.preview : null}
        fieldErrors={fieldErrors}
        submitLabel="Publier le sujet"
      >
        <div className={`fr-select-group${fieldErrors.category ? " fr-select-group--error" : ""}`}>
          <label className="fr-label" htmlFor="topic-category">
            Catégorie
          </label>
          <select
            className="fr-select"
            id="topic-category"
            name="category"
            required
            defaultValue={fields?.categoryId || selected || ""}
            aria-describedby={fieldErrors.category ? "topic-category-error" : undefined}
          >
            <option value="" disabled>
              Choisir une catégorie
            </option>
            {categories.map((category) => (
              <option key={category.id} value={category.id}>
                {category.name}
              </option>
            ))}
          </select>
          {fieldErrors.category ? (
            <p className="fr-error-text" id="topic-category-error">
              {fieldErrors.category}
            </p>
          ) : null}
        </div>
        <div className={`fr-input-group${fieldErrors.title ? " fr-input-group--error" : ""}`}>
          <label className="fr-label" htmlFor="topic-title">
            Titre
            <span className="fr-hint-text">
              De {limits.titleMin} à {limits.titleMax} caractères. Décrivez le problème : solutions, standard, symptôme.
            </span>
          </label>
          <input
            className={`fr-input${fieldErrors.title ? " fr-input--error" : ""}`}
            id="topic-title"
            name="title"
            required
            minLength={limits.titleMin}
            maxLength={limits.titleMax}
            defaultValue={fields?.title ?? ""}
            aria-describedby={fieldErrors.title ? "topic-title-error" : undefined}
          />
          {fieldErrors.title ? (
            <p className="fr-error-text" id="topic-title-error">
              {fieldErrors.title}
            </p>
          ) : null}
        </div>
        <SimilarTopics
          key={fields?.title ?? ""}
          initial={result && "similar" in result ? (result.similar ?? null) : null}
          titleInputId="topic-title"
          categoryInputId="topic-category"
        />
        <div className={`fr-input-group${fieldErrors.tags ? " fr-input-group--error" : ""}`}>
          <label className="fr-label" htmlFor="topic-tags">
            Étiquettes (facultatives)
            <span className="fr-hint-text">
              Séparées par des espaces{tags.length ? `, parmi : ${tags.join(", ")}` : ""}.
            </span>
          </label>
          <input
            className="fr-input"
            id="topic-tags"
            name="tags"
            defaultValue={fields?.tags.join(" ") ?? ""}
            aria-describedby={fieldErrors.tags ? "topic-tags-error" : undefined}
          />
          {fieldErrors.tags ? (
            <p className="fr-error-text" id="topic-tags-error">
              {fieldErrors.tags}
            </p>
          ) : null}
        </div>
      </Composer>
    </ContentPage>
  );
}
