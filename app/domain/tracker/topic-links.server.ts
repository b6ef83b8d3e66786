// What a topic page shows of the tracker's links, for one reader: backlinks, external references, blocking
// relations, the duplicate notice, and whether the reader may change them. One loader key on the topic page.
import type { Db } from "~/infra/db.server";
import { audienceKey, type Reader } from "~/domain/forum/permissions";
import { noReadCache, type ReadModels } from "~/domain/shared/read-cache";
import { duplicateNoticeFor } from "./duplicates.server";
import { trackerRoleOf, type TrackedTopic } from "./permissions";
import { listBacklinks, listExternalReferences, type ExternalReferenceView, type TopicRef } from "./references.server";
import { canLinkTopics } from "./relation-rules";
import { listRelations, type TopicRelationsView } from "./relations.server";

export interface TopicLinksView {
  backlinks: TopicRef[];
  externalReferences: ExternalReferenceView[];
  relations: TopicRelationsView;
  /** Set when this topic was closed as a duplicate of a topic the reader may see. */
  duplicateOf: TopicRef | null;
  /** Closed as a duplicate, whether or not the reader may see the target. */
  isDuplicate: boolean;
  canLink: boolean;
  /** The report's revision, carried by the close-as-duplicate form (null without a report). */
  reportRevision: number | null;
}

/** For a topic already read with its report (if any) and its tracker facts (null when it no longer exists). */
export async function topicLinksOf(
  db: Db,
  reader: Reader,
  topic: {
    id: number;
    closed: boolean;
    interopReport: { closeReason: string | null; duplicateOfTopicId: number | null; revision: number } | null;
  },
  tracked: TrackedTopic | null,
  /** The links are the same for every reader of one audience (they differ only by which topics it may see). */
  shared: ReadModels = noReadCache,
): Promise<TopicLinksView> {
  const audience = audienceKey(reader);
  const [backlinks, externalReferences, relations, duplicateOf] = await Promise.all([
    shared.remember(`backlinks:${topic.id}:${audience}`, () => listBacklinks(db, reader, topic.id)),
    shared.remember(`external-references:${topic.id}`, () => listExternalReferences(db, topic.id)),
    shared.remember(`relations:${topic.id}:${audience}`, () => listRelations(db, reader, topic.id)),
    shared.remember(`duplicate-notice:${topic.id}:${audience}`, () => duplicateNoticeFor(db, reader, topic)),
  ]);
  const isDuplicate =
    duplicateOf !== null || (topic.interopReport ? topic.interopReport.closeReason === "duplicate" : false);
  return {
    backlinks,
    externalReferences,
    relations,
    duplicateOf,
    isDuplicate,
    canLink: tracked !== null && canLinkTopics(trackerRoleOf(reader, tracked)),
    reportRevision: topic.interopReport?.revision ?? null,
  };
}
