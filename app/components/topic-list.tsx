import { Link } from "@remix-run/react";
import type { TopicListItem } from "~/domain/forum/topics.server";
import { RelativeTime } from "./relative-time";

/** The Discourse-like topic list: title, category, replies, last activity. A table, so screen readers can
 * navigate it by column. */
export function TopicList({ topics, caption }: { topics: TopicListItem[]; caption: string }) {
  if (topics.length === 0) {
    return <p>Aucun sujet pour le moment.</p>;
  }
  return (
    <div className="fr-table fr-table--no-caption fr-table--layout-fixed">
      <div className="fr-table__wrapper">
        <div className="fr-table__container">
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col" style={{ width: "55%" }}>
                    Sujet
                  </th>
                  <th scope="col">Catégorie</th>
                  <th scope="col" className="fr-cell--right">
                    Réponses
                  </th>
                  <th scope="col">Activité</th>
                </tr>
              </thead>
              <tbody>
                {topics.map((topic) => (
                  <tr key={topic.id}>
                    <td className="fr-cell--multiline">
                      <Link to={`/t/${topic.slug}/${topic.id}`} className="fr-link">
                        {topic.title}
                      </Link>
                      {topic.closed ? <span className="fr-badge fr-badge--sm fr-ml-1w">Fermé</span> : null}
                    </td>
                    <td className="fr-cell--multiline">
                      <span
                        className="topic-list__category"
                        style={{ ["--category-color" as string]: `#${topic.category.color}` }}
                      >
                        {topic.category.name}
                      </span>
                    </td>
                    <td className="fr-cell--right">{topic.replyCount}</td>
                    <td>
                      <RelativeTime date={topic.bumpedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
