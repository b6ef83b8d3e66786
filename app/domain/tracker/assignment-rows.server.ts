// A topic's assignments as stored: read once per topic page, shown both by the report box and the assignees block.
import type { DbOrTx } from "~/infra/db.server";

export interface AssignmentRow {
  id: number;
  user: { username: string; givenName: string; usualName: string } | null;
  group: { name: string; label: string } | null;
}

/** In assignment order. Most topics have none: then it costs one query, where nested selects would cost three. */
export async function loadAssignmentRows(db: DbOrTx, topicId: number): Promise<AssignmentRow[]> {
  const rows = await db.topicAssignment.findMany({
    where: { topicId },
    orderBy: { id: "asc" },
    select: { id: true, userId: true, groupId: true },
  });
  if (rows.length === 0) return [];
  const userIds = rows.flatMap((row) => (row.userId === null ? [] : [row.userId]));
  const groupIds = rows.flatMap((row) => (row.groupId === null ? [] : [row.groupId]));
  const [users, groups] = await Promise.all([
    userIds.length
      ? db.user.findMany({
          where: { id: { in: userIds } },
          select: { id: true, username: true, givenName: true, usualName: true },
        })
      : [],
    groupIds.length
      ? db.group.findMany({ where: { id: { in: groupIds } }, select: { id: true, name: true, label: true } })
      : [],
  ]);
  const userById = new Map(users.map(({ id, ...user }) => [id, user]));
  const groupById = new Map(groups.map(({ id, ...group }) => [id, group]));
  return rows.map((row) => ({
    id: row.id,
    user: row.userId === null ? null : (userById.get(row.userId) ?? null),
    group: row.groupId === null ? null : (groupById.get(row.groupId) ?? null),
  }));
}
