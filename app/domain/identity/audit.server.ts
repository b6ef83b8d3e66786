import type { Db, DbOrTx } from "~/infra/db.server";

export interface AuditEntry {
  actorId: number | null;
  action: string;
  targetType: string;
  targetId: string | number;
  details?: Record<string, unknown>;
}

/** Call inside the transaction of the change it records, so the log and the change never disagree. */
export async function recordAudit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: String(entry.targetId),
      details: JSON.stringify(entry.details ?? {}),
    },
  });
}

export async function listAuditEvents(db: Db, options: { beforeId?: number; limit?: number } = {}) {
  const limit = Math.min(options.limit ?? 50, 200);
  const events = await db.auditEvent.findMany({
    where: options.beforeId ? { id: { lt: options.beforeId } } : {},
    orderBy: { id: "desc" },
    take: limit + 1,
    include: { actor: { select: { username: true } } },
  });
  return {
    events: events.slice(0, limit).map((event) => ({
      id: event.id,
      actor: event.actor?.username ?? null,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      details: JSON.parse(event.details) as Record<string, unknown>,
      createdAt: event.createdAt.toISOString(),
    })),
    nextBeforeId: events.length > limit ? events[limit - 1]!.id : null,
  };
}
