import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { Breadcrumb } from "~/components/breadcrumb";
import { TopicList, withTopicsAsJsonText } from "~/components/topic-list";
import { listTopTopics, TOP_PERIODS, type TopPeriod } from "~/domain/forum/topics.server";
import { getReader } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";

export const meta: MetaFunction = () => [{ title: "Sujets les plus actifs — CICCLO Interop" }];

const LABELS: Record<TopPeriod, string> = {
  daily: "Aujourd'hui",
  weekly: "Cette semaine",
  monthly: "Ce mois-ci",
  yearly: "Cette année",
  all: "Depuis toujours",
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const requested = new URL(request.url).searchParams.get("period") ?? "monthly";
  const period = (requested in TOP_PERIODS ? requested : "monthly") as TopPeriod;
  const topics = await listTopTopics(await getDb(), await getReader(request, context), period);
  return { period, ...withTopicsAsJsonText({ topics }, context) };
}

export default function Top() {
  const { period, topics } = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb segments={[{ label: "Discussions", to: "/latest" }]} current="Les plus actifs" />
      <h1>Sujets les plus actifs</h1>
      <nav aria-label="Période">
        <ul className="fr-tags-group fr-mb-3w">
          {(Object.keys(LABELS) as TopPeriod[]).map((key) => (
            <li key={key}>
              <Link className="fr-tag" to={`?period=${key}`} aria-current={key === period ? "page" : undefined}>
                {LABELS[key]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <TopicList topics={topics} caption={`Sujets les plus actifs : ${LABELS[period].toLowerCase()}`} />
    </div>
  );
}
