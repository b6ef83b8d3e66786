import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { TopicList, withTopicsAsJsonText } from "~/components/topic-list";
import { listLatestTopics } from "~/domain/forum/topics.server";
import { getReader } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";

export const meta: MetaFunction = () => [
  { title: "CICCLO Interop — interopérabilité des plateformes publiques de données géographiques" },
  {
    name: "description",
    content:
      "Discussions et suivi des problèmes d'interopérabilité, clausier technique pour les CCTP et résultats de conformité des plateformes Géoplateforme, geOrchestra, OneGeo Suite et Prodige.",
  },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  return withTopicsAsJsonText(
    await listLatestTopics(await getDb(), await getReader(request, context), {
      limit: 5,
      readCache: context.readCache,
    }),
    context,
  );
}

const SECTIONS = [
  {
    to: "/latest",
    title: "Discussions",
    text: "Signaler un problème d'interopérabilité entre solutions, suivre sa résolution, proposer une évolution.",
  },
  {
    to: "/clauses",
    title: "Clausier CCTP",
    text: "Trouver des clauses techniques types, les paramétrer et les exporter en ODT ou DOCX.",
  },
  {
    to: "/conformance",
    title: "Conformité",
    text: "Voir quelles plateformes passent les suites de tests OGC API Features, ProConnect et Validata.",
  },
];

export default function Home() {
  const { topics } = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <h1>CICCLO Interop</h1>
      <p className="fr-text--lead">
        L&apos;outil commun des plateformes publiques de données géographiques (Géoplateforme, geOrchestra, OneGeo
        Suite, Prodige) et de leurs utilisateurs.
      </p>
      <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list fr-mb-6w">
        {SECTIONS.map((section) => (
          <li className="fr-col-12 fr-col-md-4" key={section.to}>
            <div className="fr-tile fr-enlarge-link">
              <div className="fr-tile__body">
                <div className="fr-tile__content">
                  <h2 className="fr-tile__title">
                    <Link to={section.to}>{section.title}</Link>
                  </h2>
                  <p className="fr-tile__desc">{section.text}</p>
                </div>
              </div>
            </div>
          </li>
        ))}
      </ul>
      <h2>Dernières discussions</h2>
      <TopicList topics={topics} caption="Les cinq sujets les plus récemment actifs" />
      <p>
        <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to="/latest">
          Toutes les discussions
        </Link>
      </p>
    </div>
  );
}
