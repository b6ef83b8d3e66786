import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { ContentPage } from "~/components/content-page";
import { FormResult } from "~/components/forms";
import { InteropReportSummary, ReportStatusForm } from "~/components/interop-report";
import { requireSignedIn } from "~/domain/identity/viewer";
import { getReportTopic } from "~/domain/tracker/reports.server";
import { changeReportStatus } from "~/domain/tracker/workflow.server";
import { getReader, requireCsrf, requireSessionUser } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { authorize, formAction, orHttpError, requireIdParam } from "~/infra/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Statut du rapport : ${data.topic.title} — CICCLO Interop` : "Statut du rapport — CICCLO Interop" },
];

// The status form of a tracked topic posts here (from the topic page's report box). A change goes back to the topic;
// a refusal (not allowed, a reason or version missing, someone else changed the report first) is shown on this page,
// with the report as it is now and the form again.
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const id = requireIdParam(params.id);
  const reader = await getReader(request, context);
  const page = await orHttpError(async () => getReportTopic(await getDb(), reader, id));
  if (params.slug !== page.topic.slug) throw redirect(`/t/${page.topic.slug}/${id}/statut`, 301);
  return page;
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const id = requireIdParam(params.id);
  const viewer = await requireSessionUser(request, context);
  const user = authorize(() => requireSignedIn(viewer));
  const form = await request.formData();
  requireCsrf(viewer, form);
  const db = await getDb();
  const optional = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" && value !== "" ? value : null;
  };
  const result = await formAction(async () =>
    changeReportStatus(db, user, id, {
      to: String(form.get("status") ?? ""),
      reason: optional("reason"),
      fixedIn: optional("fixedIn"),
      revision: Number(form.get("revision")),
    }),
  );
  if ("postNumber" in result) {
    const topic = await db.topic.findUniqueOrThrow({ where: { id }, select: { slug: true } });
    throw redirect(`/t/${topic.slug}/${id}#rapport`);
  }
  return data(result.data, result.init ?? undefined);
}

export default function ReportStatusPage() {
  const { topic, report, actions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const topicPath = `/t/${topic.slug}/${topic.id}`;
  const fieldErrors = result && !result.ok ? result.fieldErrors : {};
  return (
    <ContentPage
      title="Statut du rapport"
      segments={[
        { label: "Discussions", to: "/latest" },
        { label: topic.category.name, to: `/c/${topic.category.slug}/${topic.category.id}` },
        { label: topic.title, to: topicPath },
      ]}
    >
      <p>
        Sujet : <Link to={topicPath}>{topic.title}</Link>
      </p>
      <FormResult result={result} />
      {actions.transitions.length ? (
        <ReportStatusForm
          // A fresh form after each attempt: the status it offers follows the report's.
          key={`${report.status}-${report.revision}`}
          report={report}
          actions={actions}
          topicPath={topicPath}
          fieldErrors={fieldErrors}
        />
      ) : (
        <p>Vous ne pouvez pas changer le statut de ce rapport.</p>
      )}
      <InteropReportSummary report={report} actions={{ ...actions, transitions: [] }} topicPath={topicPath} />
    </ContentPage>
  );
}
