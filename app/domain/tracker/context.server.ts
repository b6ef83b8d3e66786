import type { DbOrTx } from "~/infra/db.server";
import type { TrackedTopic } from "./permissions";

/** The facts the tracker's permission rules need about one topic, or null when the topic does not exist. */
export async function loadTrackedTopic(
  db: DbOrTx,
  topicId: number,
): Promise<(TrackedTopic & { topicId: number }) | null> {
  const topic = await db.topic.findFirst({
    where: { id: topicId, deletedAt: null },
    select: {
      id: true,
      userId: true,
      interopReport: {
        select: {
          reportingSolution: { select: { maintainerGroup: { select: { name: true } } } },
          affected: { select: { solution: { select: { maintainerGroup: { select: { name: true } } } } } },
        },
      },
    },
  });
  if (!topic) return null;
  const report = topic.interopReport;
  const groups = report
    ? [report.reportingSolution, ...report.affected.map((row) => row.solution)]
        .map((solution) => solution.maintainerGroup?.name)
        .filter((name): name is string => Boolean(name))
    : [];
  return { topicId: topic.id, reporterId: topic.userId, maintainerGroups: [...new Set(groups)] };
}
