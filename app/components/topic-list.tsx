import { Link } from "~/components/link";
import { DsfrTable } from "./dsfr-table";
import type { TopicListItem } from "~/domain/forum/topics.server";
import { RelativeTime } from "./relative-time";
import { CachedFragment } from "./cached-fragment";
import { formatRelative } from "~/domain/shared/dates";
import {
  asJsonText,
  JsonTextBlock,
  serverTextOf,
  useJsonText,
  type JsonText,
  type JsonTextDestination,
} from "~/infra/json-text";
import { TopicTags } from "./topic-tags";
import { STATUS_BADGES, isStatus, statusLabel } from "~/domain/tracker/report";

/**
 * What a row of the list shows, and nothing else: this is what a list page sends to the browser, most of its
 * weight (the author, the post counts and the other dates stay in the JSON API, Discourse's shapes). What is
 * usually absent is left out rather than sent as null or false.
 */
export interface TopicRowFacts {
  id: number;
  slug: string;
  title: string;
  category: { name: string; color: string };
  tags?: string[];
  replyCount: number;
  bumpedAt: string;
  /** Posts the signed-in reader has not read yet, and the first of them. */
  unread?: { count: number; firstPostNumber: number };
  reportStatus?: string;
  pinned?: true;
  closed?: true;
  solved?: true;
  /** A voting category's open votes, and whether the reader's is among them. */
  votes?: { count: number; mine: boolean };
}

function topicRowFacts(topic: TopicListItem): TopicRowFacts {
  const facts: TopicRowFacts = {
    id: topic.id,
    slug: topic.slug,
    title: topic.title,
    category: { name: topic.category.name, color: topic.category.color },
    replyCount: topic.replyCount,
    bumpedAt: topic.bumpedAt,
  };
  if (topic.tags.length > 0) facts.tags = topic.tags;
  if (topic.unreadCount)
    facts.unread = { count: topic.unreadCount, firstPostNumber: (topic.lastReadPostNumber ?? 0) + 1 };
  if (topic.reportStatus) facts.reportStatus = topic.reportStatus;
  if (topic.pinned) facts.pinned = true;
  if (topic.closed) facts.closed = true;
  if (topic.hasAcceptedAnswer) facts.solved = true;
  if (topic.votingEnabled) facts.votes = { count: topic.voteCount, mine: topic.userVoted === true };
  return facts;
}

/** A list page's loader data with its rows' facts as one JSON text, as TopicList takes them: the rows are most of
 * the page's data (app/infra/json-text.ts). */
export function withTopicsAsJsonText<Page extends { topics: TopicListItem[] }>(
  page: Page,
  destination: JsonTextDestination,
): Omit<Page, "topics"> & { topics: JsonText<TopicRowFacts[]> } {
  return { ...page, topics: asJsonText(page.topics.map(topicRowFacts), destination, "topic-list-data") };
}

/** The Discourse-like topic list: title, category, replies, last activity. A table, so screen readers can
 * navigate it by column. */
export function TopicList({ topics: text, caption }: { topics: JsonText<TopicRowFacts[]>; caption: string }) {
  const topics = useJsonText(text);
  const listText = serverTextOf(text);
  // The dates' wording is one of the facts shown: it changes as time passes.
  const ages = topics.map((topic) => formatRelative(topic.bumpedAt));
  return (
    <>
      {topics.length === 0 ? (
        <>
          <JsonTextBlock text={text} />
          <p>Aucun sujet pour le moment.</p>
        </>
      ) : (
        // The whole table is a fragment too, around its rows' (docs/decisions/028): a reader who comes back to an
        // unchanged list, and every reader shown the same facts, get the same HTML, data block included. The JSON
        // text holds every fact.
        <CachedFragment
          as="div"
          cacheBy={listText === undefined ? null : { caption, ages }}
          texts={[listText ?? ""]}
          attributes={{}}
        >
          <JsonTextBlock text={text} />
          <TopicTable topics={topics} ages={ages} caption={caption} />
        </CachedFragment>
      )}
    </>
  );
}

function TopicTable({ topics, ages, caption }: { topics: TopicRowFacts[]; ages: string[]; caption: string }) {
  // Roadmap topics (voting categories) show their open votes in a column of their own.
  const votes = topics.some((topic) => topic.votes !== undefined);
  return (
    <DsfrTable caption={caption} hideCaption className="topic-list">
      <thead>
        <tr>
          <th scope="col">Sujet</th>
          <th scope="col" className="topic-list__wide">
            Catégorie
          </th>
          {votes ? (
            <th scope="col" className="fr-cell--right">
              Votes
            </th>
          ) : null}
          <th scope="col" className="fr-cell--right topic-list__wide">
            Réponses
          </th>
          <th scope="col" className="topic-list__wide">
            Activité
          </th>
        </tr>
      </thead>
      <tbody>
        {topics.map((topic, index) => {
          // A list's rows cost most of its rendering and look the same to everyone who sees the same facts: the
          // server renders each once (app/components/cached-fragment.tsx).
          const row = { topic, votes, age: ages[index]! };
          return (
            <CachedFragment key={topic.id} as="tr" cacheBy={row} attributes={{}}>
              <TopicRow {...row} />
            </CachedFragment>
          );
        })}
      </tbody>
    </DsfrTable>
  );
}

function TopicRow({ topic, votes, age }: { topic: TopicRowFacts; votes: boolean; age: string }) {
  return (
    <>
      <td className="fr-cell--multiline">
        <Link to={`/t/${topic.slug}/${topic.id}`} className="fr-link">
          {topic.title}
        </Link>
        {topic.unread ? (
          <Link
            className="fr-badge fr-badge--sm fr-badge--info fr-ml-1w"
            to={`/t/${topic.slug}/${topic.id}/${topic.unread.firstPostNumber}`}
            aria-label={`${topic.unread.count} message${topic.unread.count > 1 ? "s" : ""} non lu${topic.unread.count > 1 ? "s" : ""} : aller au premier`}
          >
            {`${topic.unread.count} non lu${topic.unread.count > 1 ? "s" : ""}`}
          </Link>
        ) : null}
        {topic.reportStatus ? (
          <span
            className={`fr-badge fr-badge--sm fr-ml-1w ${isStatus(topic.reportStatus) ? STATUS_BADGES[topic.reportStatus] : ""}`}
          >
            {statusLabel(topic.reportStatus)}
          </span>
        ) : null}
        {topic.pinned ? <span className="fr-badge fr-badge--sm fr-badge--info fr-ml-1w">Épinglé</span> : null}
        {topic.closed ? <span className="fr-badge fr-badge--sm fr-ml-1w">Fermé</span> : null}
        {topic.solved ? <span className="fr-badge fr-badge--sm fr-badge--success fr-ml-1w">Résolu</span> : null}
        <TopicTags tags={topic.tags ?? []} />
        {/* Narrow screens hide the other columns; the same facts follow the title instead. */}
        <span className="topic-list__narrow fr-text--xs">
          {/* One text, not five: React separates adjacent texts with comments in the HTML of every row. */}
          {`${topic.category.name} · ${topic.replyCount} réponse${topic.replyCount > 1 ? "s" : ""} · `}
          <RelativeTime date={topic.bumpedAt} relative={age} />
        </span>
      </td>
      <td className="fr-cell--multiline topic-list__wide">
        <span className="topic-list__category" style={{ ["--category-color" as string]: `#${topic.category.color}` }}>
          {topic.category.name}
        </span>
      </td>
      {votes ? (
        <td className="fr-cell--right">
          {topic.votes ? (
            <span aria-label={`${topic.votes.count} vote${topic.votes.count > 1 ? "s" : ""}`}>
              {topic.votes.count}
              {topic.votes.mine ? " ✓" : ""}
            </span>
          ) : null}
        </td>
      ) : null}
      <td className="fr-cell--right topic-list__wide">{topic.replyCount}</td>
      <td className="topic-list__wide">
        <RelativeTime date={topic.bumpedAt} relative={age} />
      </td>
    </>
  );
}
