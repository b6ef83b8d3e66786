import type { DbOrTx } from "~/infra/db.server";
import type { TrackedTopic } from "./permissions";
import { loadReportRecord, trackedTopicOf } from "./reports.server";

/** The facts the tracker's permission rules need about one topic, or null when the topic does not exist: its
 * reporter, and who maintains the solutions its report involves (the rule the topic page applies too). */
export async function loadTrackedTopic(
  db: DbOrTx,
  topicId: number,
): Promise<(TrackedTopic & { topicId: number }) | null> {
  const [topic, record] = await Promise.all([
    db.topic.findFirst({ where: { id: topicId, deletedAt: null }, select: { id: true, userId: true } }),
    loadReportRecord(db, topicId),
  ]);
  if (!topic) return null;
  return { topicId: topic.id, ...trackedTopicOf(topic.userId, record) };
}
