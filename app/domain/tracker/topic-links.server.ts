// What a topic page shows of the tracker's links, for one reader: backlinks, external references, blocking
// relations, the duplicate notice, and whether the reader may change them. One loader key on the topic page.
import type { Db } from "~/infra/db.server";
import type { Reader } from "~/domain/forum/permissions";
import { loadTrackedTopic } from "./context.server";
import { duplicateNoticeFor } from "./duplicates.server";
import { trackerRoleOf } from "./permissions";
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

/** For a topic the caller already showed to this reader (getTopic checked visibility). */
export async function loadTopicLinks(db: Db, reader: Reader, topicId: number): Promise<TopicLinksView> {
  const [topic, tracked] = await Promise.all([
    db.topic.findUniqueOrThrow({
      where: { id: topicId },
      select: {
        id: true,
        closed: true,
        interopReport: { select: { closeReason: true, duplicateOfTopicId: true, revision: true } },
      },
    }),
    loadTrackedTopic(db, topicId),
  ]);
  const [backlinks, externalReferences, relations, duplicateOf] = await Promise.all([
    listBacklinks(db, reader, topicId),
    listExternalReferences(db, topicId),
    listRelations(db, reader, topicId),
    duplicateNoticeFor(db, reader, topic),
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
