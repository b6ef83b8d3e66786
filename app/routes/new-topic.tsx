import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { useState } from "react";
import { Composer } from "~/components/composer";
import { InteropReportFields } from "~/components/interop-report-fields";
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
import { parseResultIds } from "~/domain/conformance/triage";
import { createTriagedTopic, triagePrefill } from "~/domain/conformance/triage.server";
import { DomainError } from "~/domain/shared/errors";
import { getEnv } from "~/infra/env.server";
import { INTEROP_REPORT_FORM, emptyReportDraft, reportDraftFromForm, type ReportDraft } from "~/domain/tracker/report";
import { loadReportOptions } from "~/domain/tracker/reports.server";
import { requireCsrf, requireSessionUser } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { authorize, formAction } from "~/infra/responses.server";

export const meta: MetaFunction = () => [{ title: "Nouveau sujet — CICCLO Interop" }];

/** "Signaler un problème" from a run's page: ?run=<id>&result=<id>… pre-fill the report with those failures, which
 * get linked to the topic when it is published (docs/decisions/017). */
async function loadTriage(db: Awaited<ReturnType<typeof getDb>>, params: URLSearchParams) {
  if (!params.has("run")) return { triage: null, triageError: null };
  try {
    const pick = { runId: Number(params.get("run")) || 0, resultIds: parseResultIds(params.getAll("result")) };
    return { triage: await triagePrefill(db, pick, getEnv().publicUrl), triageError: null };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { triage: null, triageError: error.userMessage };
  }
}

/** The failures a submitted form asks to link: its hidden fields, checked again by the domain. */
function triagePickFrom(form: FormData) {
  if (!form.has("triageRun")) return null;
  return { runId: Number(form.get("triageRun")) || 0, resultIds: parseResultIds(form.getAll("triageResult")) };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireSessionUser(request, context);
  const db = await getDb();
  const categories = await listCategoriesForPosting(db, readerOf(viewer));
  const params = new URL(request.url).searchParams;
  const requested = Number(params.get("category"));
  const tags = await listTagNames(db);
  return {
    ...(await loadTriage(db, params)),
    categories,
    tags,
    // Without JavaScript, ?category=<id> is what brings the report's fields (the category pages link with it).
    selected: categories.some((category) => category.id === requested) ? requested : null,
    limits: postingLimits(),
    reportOptions: categories.some((category) => category.reportForm === INTEROP_REPORT_FORM)
      ? await loadReportOptions(db)
      : null,
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
    report: reportDraftFromForm(form),
    triage: triagePickFrom(form),
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
  const pick = fields.triage;
  const result = await formAction(async () =>
    pick ? createTriagedTopic(await getDb(), user, fields, pick) : submitTopic(await getDb(), user, fields),
  );
  if (!("queued" in result)) return data({ ...result.data, preview: null, fields }, result.init ?? undefined);
  if (result.queued) {
    const message = pick
      ? `${HELD_MESSAGE} Les tests choisis n'ont pas été liés : liez-les depuis la page du passage une fois le sujet publié.`
      : HELD_MESSAGE;
    return { ok: true as const, message, heldId: result.queuedPostId, preview: null };
  }
  throw redirect(`/t/${result.slug}/${result.topicId}`);
}

export default function NewTopic() {
  const { categories, tags, selected, limits, reportOptions, triage, triageError } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fieldErrors = result && !result.ok ? result.fieldErrors : {};
  const submitted = result && "fields" in result ? result.fields : undefined;
  // A report opened from a run's failures starts from what the run says.
  const fields =
    submitted ??
    (triage
      ? {
          title: triage.title,
          raw: triage.raw,
          categoryId: selected ?? 0,
          tags: [],
          report: triage.report,
          triage: { runId: triage.runId, resultIds: triage.resultIds },
        }
      : undefined);
  const heldId = result && "heldId" in result ? result.heldId : null;
  // A held topic leaves an empty composer for the next one; following a "?category=" link starts a fresh one.
  const composerKey = `${heldId ? `held-${heldId}` : "composer"}-${selected ?? ""}`;
  return (
    <ContentPage title="Nouveau sujet">
      {result && (!result.ok || heldId) ? <FormResult result={result} /> : null}
      {triageError ? (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
          <p>{triageError}</p>
        </div>
      ) : null}
      <NewTopicForm
        triageTests={heldId ? null : triage && { tests: triage.tests, deployment: triage.deployment.name }}
        key={composerKey}
        categories={categories}
        tags={tags}
        limits={limits}
        reportOptions={reportOptions}
        initialCategory={(heldId ? null : fields?.categoryId) || selected || null}
        fields={heldId ? undefined : fields}
        fieldErrors={fieldErrors}
        preview={result && "preview" in result ? result.preview : null}
        similar={result && "similar" in result ? (result.similar ?? null) : null}
      />
    </ContentPage>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function NewTopicForm({
  categories,
  tags,
  limits,
  reportOptions,
  initialCategory,
  fields,
  fieldErrors,
  preview,
  similar,
  triageTests,
}: Pick<LoaderData, "categories" | "tags" | "limits" | "reportOptions"> & {
  initialCategory: number | null;
  fields:
    | {
        title: string;
        raw: string;
        categoryId: number;
        tags: string[];
        report: ReportDraft;
        triage: { runId: number; resultIds: number[] } | null;
      }
    | undefined;
  /** The failures this topic will be linked to, when it comes from a run's page. */
  triageTests: { tests: string[]; deployment: string } | null;
  fieldErrors: Record<string, string>;
  preview: string | null | undefined;
  /** Topics like this one, found at the preview step (the form's only chance without JavaScript). */
  similar: Parameters<typeof SimilarTopics>[0]["initial"];
}) {
  // With JavaScript the report's fields follow the category select; without it, the server renders them for the
  // category of the URL or of the last submission.
  const [categoryId, setCategoryId] = useState<number | null>(initialCategory);
  const category = categories.find((candidate) => candidate.id === categoryId);
  const withReport = category?.reportForm === INTEROP_REPORT_FORM && reportOptions !== null;
  const reportCategories = categories.filter((candidate) => candidate.reportForm === INTEROP_REPORT_FORM);
  return (
    <>
      <Composer
        // A report opened from a run starts from the run's text, not from another unsent draft.
        draftKey={fields?.triage ? `new-topic-run-${fields.triage.runId}` : "new-topic"}
        defaultRaw={fields?.raw ?? ""}
        preview={preview}
        fieldErrors={fieldErrors}
        submitLabel="Publier le sujet"
      >
        {fields?.triage ? (
          <div className="fr-callout fr-mb-3w">
            <input type="hidden" name="triageRun" value={fields.triage.runId} />
            {fields.triage.resultIds.map((resultId) => (
              <input key={resultId} type="hidden" name="triageResult" value={resultId} />
            ))}
            <p className="fr-callout__text">
              {triageTests ? (
                <>
                  Ce sujet suivra {triageTests.tests.length > 1 ? "les tests" : "le test"}{" "}
                  {triageTests.tests.map((name) => `« ${name} »`).join(", ")} du déploiement « {triageTests.deployment}{" "}
                  » (passage n° {fields.triage.runId}) : les passages suivants qui{" "}
                  {triageTests.tests.length > 1 ? "les" : "le"} font réussir ou échouer de nouveau y seront signalés.
                </>
              ) : (
                <>Ce sujet suivra les tests choisis sur le passage n° {fields.triage.runId}.</>
              )}
            </p>
          </div>
        ) : null}
        <div className={`fr-select-group${fieldErrors.category ? " fr-select-group--error" : ""}`}>
          <label className="fr-label" htmlFor="topic-category">
            Catégorie
          </label>
          <select
            className="fr-select"
            id="topic-category"
            name="category"
            required
            defaultValue={initialCategory ?? ""}
            onChange={(event) => setCategoryId(Number(event.currentTarget.value) || null)}
            aria-describedby={`topic-category-hint${fieldErrors.category ? " topic-category-error" : ""}`}
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
          <p className="fr-hint-text fr-mt-1w" id="topic-category-hint">
            {reportCategories.length && !withReport ? (
              <>
                Un problème entre solutions ?{" "}
                {reportCategories.map((candidate, index) => (
                  <span key={candidate.id}>
                    {index > 0 ? ", " : null}
                    <Link to={`/new-topic?category=${candidate.id}`}>
                      Signaler dans « {candidate.name} » avec le rapport d&apos;interopérabilité
                    </Link>
                  </span>
                ))}
                .
              </>
            ) : withReport ? (
              "Cette catégorie demande un rapport d'interopérabilité : remplissez ses champs ci-dessous."
            ) : null}
          </p>
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
          initial={similar}
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
        {withReport ? (
          <InteropReportFields
            options={reportOptions}
            draft={fields?.report ?? emptyReportDraft()}
            fieldErrors={fieldErrors}
          />
        ) : null}
      </Composer>
    </>
  );
}
