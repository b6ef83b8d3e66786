// Everything the tracker adds to a topic page and to /t/:id.json, for one reader: the report box and the reader's
// actions on it, assignees, accepted answer and votes, and the links panel. The topic page is the most visited one:
// the topic comes from getTopicWithFacts, and the report and assignments are read once for all the panels.
import type { Reader } from "~/domain/forum/permissions";
import { noReadCache, type ReadModels } from "~/domain/shared/read-cache";
import { categoryRulesOf } from "~/domain/forum/posting.server";
import type { TopicFacts } from "~/domain/forum/topics.server";
import type { Db } from "~/infra/db.server";
import { loadAssignmentRows } from "./assignment-rows.server";
import { assigneeViewsOf } from "./assignments.server";
import { trackerRoleOf } from "./permissions";
import { loadReportRecord, reportActionsOf, reportViewOf, trackedTopicOf } from "./reports.server";
import { topicLinksOf } from "./topic-links.server";
import { topicTrackerOf } from "./topic-tracker.server";

export async function loadTopicPageTracker(
  db: Db,
  reader: Reader,
  topic: TopicFacts,
  options: {
    /** The report, the assignments and the links are the same for every reader (of an audience, for the links):
     * kept a few seconds between them. */
    readCache?: ReadModels;
  } = {},
) {
  const shared = options.readCache ?? noReadCache;
  const [record, assignments] = await Promise.all([
    shared.remember(`report-record:${topic.id}`, () => loadReportRecord(db, topic.id)),
    shared.remember(`assignments:${topic.id}`, () => loadAssignmentRows(db, topic.id)),
  ]);
  const tracked = trackedTopicOf(topic.userId, record);
  const role = trackerRoleOf(reader, tracked);
  const [report, reportActions, tracker, references] = await Promise.all([
    record ? reportViewOf(db, reader, record, { voteCount: topic.voteCount, assignments }) : null,
    record ? reportActionsOf(db, role, record) : null,
    topicTrackerOf(db, reader, { topic, rules: categoryRulesOf(topic.category), role }, assigneeViewsOf(assignments)),
    topicLinksOf(db, reader, { id: topic.id, closed: topic.closed, interopReport: record }, tracked, shared),
  ]);
  return { report, reportActions, tracker, references };
}
