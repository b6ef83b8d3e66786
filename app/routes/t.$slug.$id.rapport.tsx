import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { Link } from "~/components/link";
import { ContentPage } from "~/components/content-page";
import { CsrfInput, FormResult } from "~/components/forms";
import { InteropReportFields } from "~/components/interop-report-fields";
import { requireSignedIn } from "~/domain/identity/viewer";
import { reportDraftFromForm } from "~/domain/tracker/report";
import { getReportTopic, loadReportOptions, reportDraftOf } from "~/domain/tracker/reports.server";
import { editReport } from "~/domain/tracker/workflow.server";
import { getReader, requireCsrf, requireSessionUser } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { authorize, formAction, httpError, orHttpError, requireIdParam } from "~/infra/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data ? `Modifier le rapport : ${data.topic.title} — CICCLO Interop` : "Modifier le rapport — CICCLO Interop",
  },
];

// Editing a report's fields: its reporter, the maintainers of the solutions involved and moderators. Every edit is
// kept in the report's history and announced in the topic's timeline.
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const id = requireIdParam(params.id);
  await requireSessionUser(request, context);
  const reader = await getReader(request, context);
  const db = await getDb();
  const page = await orHttpError(async () => getReportTopic(db, reader, id));
  if (!page.actions.canEdit) throw httpError(403, "Vous ne pouvez pas modifier ce rapport.");
  if (params.slug !== page.topic.slug) throw redirect(`/t/${page.topic.slug}/${id}/rapport`, 301);
  return {
    topic: page.topic,
    revision: page.report.revision,
    draft: reportDraftOf(page.report),
    options: await loadReportOptions(db),
  };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const id = requireIdParam(params.id);
  const viewer = await requireSessionUser(request, context);
  const user = authorize(() => requireSignedIn(viewer));
  const form = await request.formData();
  requireCsrf(viewer, form);
  const db = await getDb();
  const draft = reportDraftFromForm(form);
  const revision = Number(form.get("revision"));
  const result = await formAction(async () => editReport(db, user, id, { report: draft, revision }));
  if ("changed" in result) {
    const topic = await db.topic.findUniqueOrThrow({ where: { id }, select: { slug: true } });
    throw redirect(`/t/${topic.slug}/${id}#rapport`);
  }
  // The refused form keeps what was typed and the revision it started from: after a conflict, only reloading the
  // page (and seeing the other change) lets the edit through.
  return data({ ...result.data, draft, revision }, result.init ?? undefined);
}

export default function EditReport() {
  const { topic, revision, draft, options } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const topicPath = `/t/${topic.slug}/${topic.id}`;
  return (
    <ContentPage
      title="Modifier le rapport"
      segments={[
        { label: "Discussions", to: "/latest" },
        { label: topic.category.name, to: `/c/${topic.category.slug}/${topic.category.id}` },
        { label: topic.title, to: topicPath },
      ]}
    >
      <p>
        Sujet : <Link to={topicPath}>{topic.title}</Link>. Chaque modification reste visible de tous dans{" "}
        <Link to={`${topicPath}/historique`}>l&apos;historique du rapport</Link>.
      </p>
      <FormResult result={result} />
      <Form method="post" noValidate className="fr-mb-6w">
        <CsrfInput />
        <input type="hidden" name="revision" value={result?.revision ?? revision} />
        <InteropReportFields
          options={options}
          draft={result?.draft ?? draft}
          fieldErrors={result && !result.ok ? result.fieldErrors : {}}
        />
        <ul className="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button className="fr-btn" type="submit">
              Enregistrer le rapport
            </button>
          </li>
          <li>
            <Link className="fr-btn fr-btn--secondary" to={topicPath}>
              Annuler
            </Link>
          </li>
        </ul>
      </Form>
    </ContentPage>
  );
}
