import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { ContentPage } from "~/components/content-page";
import { DsfrTable } from "~/components/dsfr-table";
import { RelativeTime } from "~/components/relative-time";
import { CHANGE_LABELS } from "~/domain/tracker/report";
import { getReportTopic } from "~/domain/tracker/reports.server";
import { listReportHistory } from "~/domain/tracker/workflow.server";
import { getReader } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { orHttpError, requireIdParam } from "~/infra/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Historique du rapport : ${data.topic.title} — CICCLO Interop`
      : "Historique du rapport — CICCLO Interop",
  },
];

// Who changed what in a report, and when: each edit of its fields with their values before and after, and each
// change of status. Anyone who may read the topic may read its history.
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const id = requireIdParam(params.id);
  const reader = await getReader(request, context);
  const db = await getDb();
  const page = await orHttpError(async () => getReportTopic(db, reader, id));
  if (params.slug !== page.topic.slug) throw redirect(`/t/${page.topic.slug}/${id}/historique`, 301);
  return { topic: page.topic, history: await listReportHistory(db, reader, id) };
}

export default function ReportHistory() {
  const { topic, history } = useLoaderData<typeof loader>();
  const topicPath = `/t/${topic.slug}/${topic.id}`;
  return (
    <ContentPage
      title="Historique du rapport"
      segments={[
        { label: "Discussions", to: "/latest" },
        { label: topic.category.name, to: `/c/${topic.category.slug}/${topic.category.id}` },
        { label: topic.title, to: topicPath },
      ]}
    >
      <p>
        Sujet : <Link to={topicPath}>{topic.title}</Link>
      </p>
      {history.length === 0 ? <p>Ce rapport n&apos;a pas été modifié depuis sa création.</p> : null}
      <ol className="fr-raw-list">
        {history.map((entry, index) => (
          <li key={`${entry.at}-${index}`} className="fr-mb-4w">
            <h2 className="fr-h6 fr-mb-1w">
              <Link to={`/u/${entry.actor.username}`}>{entry.actor.name}</Link>
              {entry.kind === "fields" ? " a modifié le rapport" : ` ${entry.text}`}
              {", "}
              <RelativeTime date={entry.at} />
            </h2>
            {entry.kind === "fields" ? (
              <DsfrTable caption={`Modification de ${entry.actor.name}`} hideCaption>
                <thead>
                  <tr>
                    <th scope="col">Champ</th>
                    <th scope="col">Avant</th>
                    <th scope="col">Après</th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(entry.changes).map(([field, [before, after]]) => (
                    <tr key={field}>
                      <th scope="row">{CHANGE_LABELS[field] ?? field}</th>
                      <td className="interop-report__text">{before}</td>
                      <td className="interop-report__text">{after}</td>
                    </tr>
                  ))}
                </tbody>
              </DsfrTable>
            ) : null}
          </li>
        ))}
      </ol>
    </ContentPage>
  );
}
