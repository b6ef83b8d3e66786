// "Bloque #N" / "bloqué par #N" between two topics (TopicRelation: blocker → blocked). Added and removed by those
// who triage the topic and by its reporter; each topic shows the relation to readers who may see the other one.
import type { Db, DbOrTx } from "~/infra/db.server";
import type { SignedInUser } from "~/domain/identity/viewer";
import { DomainError, notFound } from "~/domain/shared/errors";
import { readerOfUser, visibleCategoriesWhere, type Reader } from "~/domain/forum/permissions";
import { loadTrackedTopic } from "./context.server";
import { addTimelineEvent } from "./events.server";
import { trackerRoleOf, type TrackerRole } from "./permissions";
import { canLinkTopics, refuse, relationRefusal, type OtherTopic, type RelationKind } from "./relation-rules";
import { topicRefsById, type TopicRef } from "./references.server";

/** The topic the reader acts on: visible to them (404 otherwise), with their tracker role and its privacy. */
export async function loadActingTopic(db: DbOrTx, reader: Reader, topicId: number) {
  const topic = await db.topic.findFirst({
    where: { id: topicId, deletedAt: null, category: visibleCategoriesWhere(reader) },
    select: {
      id: true,
      slug: true,
      title: true,
      closed: true,
      categoryId: true,
      category: { select: { readRestricted: true } },
      interopReport: {
        select: { status: true, revision: true, closeReason: true, duplicateOfTopicId: true },
      },
    },
  });
  const tracked = topic && (await loadTrackedTopic(db, topicId));
  if (!topic || !tracked) throw notFound("Ce sujet", { topicId });
  return { topic, role: trackerRoleOf(reader, tracked) as TrackerRole };
}

/** The topic a closed duplicate points at: its report says so, or (topics without a report) its latest
 * "closed_duplicate" event while it stays closed. */
export async function duplicateTargetOf(
  db: DbOrTx,
  topic: {
    id: number;
    closed: boolean;
    interopReport: { closeReason: string | null; duplicateOfTopicId: number | null } | null;
  },
): Promise<number | null> {
  if (topic.interopReport) {
    return topic.interopReport.closeReason === "duplicate" ? topic.interopReport.duplicateOfTopicId : null;
  }
  if (!topic.closed) return null;
  const event = await db.post.findFirst({
    where: { topicId: topic.id, postType: 3, action: "closed_duplicate", deletedAt: null },
    orderBy: { postNumber: "desc" },
    select: { actionData: true },
  });
  const target = event?.actionData ? (JSON.parse(event.actionData) as { duplicateOf?: unknown }).duplicateOf : null;
  return typeof target === "number" ? target : null;
}

/** What the actor may know of another topic, or null when it is missing or hidden from them. */
export async function loadOtherTopic(db: DbOrTx, reader: Reader, otherId: number): Promise<OtherTopic | null> {
  if (!Number.isSafeInteger(otherId) || otherId < 1) return null;
  const other = await db.topic.findFirst({
    where: { id: otherId, deletedAt: null, category: visibleCategoriesWhere(reader) },
    select: {
      id: true,
      closed: true,
      category: { select: { readRestricted: true } },
      interopReport: { select: { closeReason: true, duplicateOfTopicId: true } },
    },
  });
  if (!other) return null;
  return {
    id: other.id,
    readRestricted: other.category.readRestricted,
    duplicateOfTopicId: await duplicateTargetOf(db, other),
  };
}

/** "#123" or "123" typed in a form, or NaN. */
export function parseTopicNumber(value: FormDataEntryValue | null): number {
  const text = String(value ?? "")
    .trim()
    .replace(/^#/, "");
  return /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
}

export function parseRelationKind(value: FormDataEntryValue | null): RelationKind {
  if (value === "blocks" || value === "blocked_by") return value;
  throw refuse("Choisissez « bloque » ou « est bloqué par ».", "kind");
}

const pair = (topicId: number, otherId: number, kind: RelationKind) =>
  kind === "blocks"
    ? { blockerTopicId: topicId, blockedTopicId: otherId }
    : { blockerTopicId: otherId, blockedTopicId: topicId };

/** Adds "this topic blocks / is blocked by #N", with a timeline event, in one transaction. */
export async function addRelation(
  db: Db,
  actor: SignedInUser,
  topicId: number,
  input: { kind: RelationKind; otherId: number },
) {
  const reader = readerOfUser(actor);
  return db.$transaction(async (tx) => {
    const { topic, role } = await loadActingTopic(tx, reader, topicId);
    if (Number.isNaN(input.otherId)) throw refuse("Indiquez le numéro d'un sujet, par exemple #42.");
    const other = await loadOtherTopic(tx, reader, input.otherId);
    const ids = pair(topicId, input.otherId, input.kind);
    const [exists, reverseExists] = other
      ? await Promise.all([
          tx.topicRelation.count({ where: ids }),
          tx.topicRelation.count({
            where: { blockerTopicId: ids.blockedTopicId, blockedTopicId: ids.blockerTopicId },
          }),
        ])
      : [0, 0];
    const refusal = relationRefusal({
      role,
      topic: { id: topic.id, readRestricted: topic.category.readRestricted },
      otherId: input.otherId,
      other,
      kind: input.kind,
      exists: exists > 0,
      reverseExists: reverseExists > 0,
    });
    if (refusal) throw refusal;
    await tx.topicRelation.create({ data: { ...ids, createdById: actor.id } });
    await addTimelineEvent(tx, {
      topicId,
      actorId: actor.id,
      action: "relation_added",
      text:
        input.kind === "blocks"
          ? `a indiqué que ce sujet bloque #${input.otherId}`
          : `a indiqué que ce sujet est bloqué par #${input.otherId}`,
      data: { kind: input.kind, topicId: input.otherId },
    });
  });
}

/** Removes a relation of this topic, with a timeline event. */
export async function removeRelation(
  db: Db,
  actor: SignedInUser,
  topicId: number,
  input: { kind: RelationKind; otherId: number },
) {
  const reader = readerOfUser(actor);
  return db.$transaction(async (tx) => {
    const { role } = await loadActingTopic(tx, reader, topicId);
    if (!canLinkTopics(role)) {
      throw new DomainError(403, "Seuls le rapporteur, les mainteneurs concernés et les modérateurs lient des sujets.");
    }
    const { count } = await tx.topicRelation.deleteMany({ where: pair(topicId, input.otherId, input.kind) });
    if (count === 0) throw notFound("Cette relation", { topicId, otherId: input.otherId });
    await addTimelineEvent(tx, {
      topicId,
      actorId: actor.id,
      action: "relation_removed",
      text:
        input.kind === "blocks"
          ? `a retiré la relation : ce sujet ne bloque plus #${input.otherId}`
          : `a retiré la relation : ce sujet n'est plus bloqué par #${input.otherId}`,
      data: { kind: input.kind, topicId: input.otherId },
    });
  });
}

export interface TopicRelationsView {
  blocks: TopicRef[];
  blockedBy: TopicRef[];
}

/** The relations of a topic to the topics the reader may see. */
export async function listRelations(db: Db, reader: Reader, topicId: number): Promise<TopicRelationsView> {
  const visible = { deletedAt: null, category: visibleCategoriesWhere(reader) };
  const [blocks, blockedBy] = await Promise.all([
    db.topicRelation.findMany({
      where: { blockerTopicId: topicId, blocked: visible },
      orderBy: { blockedTopicId: "asc" },
      take: 100,
      select: { blockedTopicId: true },
    }),
    db.topicRelation.findMany({
      where: { blockedTopicId: topicId, blocker: visible },
      orderBy: { blockerTopicId: "asc" },
      take: 100,
      select: { blockerTopicId: true },
    }),
  ]);
  const blockedIds = blocks.map((row) => row.blockedTopicId);
  const blockerIds = blockedBy.map((row) => row.blockerTopicId);
  const refs = await topicRefsById(db, [...blockedIds, ...blockerIds]);
  return { blocks: blockedIds.map((id) => refs.get(id)!), blockedBy: blockerIds.map((id) => refs.get(id)!) };
}
