import type { DbOrTx } from "~/infra/db.server";
import type { TrackedTopic } from "./permissions";

/** The facts the tracker's permission rules need about one topic, or null when the topic does not exist. Read in
 * two flat queries (every panel of the topic page asks): nested selects would cost one statement per level. */
export async function loadTrackedTopic(
  db: DbOrTx,
  topicId: number,
): Promise<(TrackedTopic & { topicId: number }) | null> {
  const [topic, solutions] = await Promise.all([
    db.topic.findFirst({ where: { id: topicId, deletedAt: null }, select: { id: true, userId: true } }),
    db.solution.findMany({
      where: {
        maintainerGroupId: { not: null },
        OR: [{ reports: { some: { topicId } } }, { affectedBy: { some: { topicId } } }],
      },
      select: { maintainerGroup: { select: { name: true } } },
    }),
  ]);
  if (!topic) return null;
  const groups = solutions.map((solution) => solution.maintainerGroup?.name).filter((name): name is string => !!name);
  return { topicId: topic.id, reporterId: topic.userId, maintainerGroups: [...new Set(groups)] };
}
