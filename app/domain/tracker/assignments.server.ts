// Putting people and solution teams in charge of a topic, and the "assigned to me / to my teams" lists. Each
// change is one transaction: the assignment, its timeline event, the assignees' notifications and watching level.
import { enqueueSearchUpdate, searchDocumentId } from "~/domain/search/outbox.server";
import { displayName, listLatestTopics, type TopicListPage } from "~/domain/forum/topics.server";
import { canSeeCategory, readerOfUser, type CategoryRules, type Reader } from "~/domain/forum/permissions";
import { NotificationLevel } from "~/domain/forum/watch-levels";
import type { SignedInUser } from "~/domain/identity/viewer";
import { DomainError, notFound } from "~/domain/shared/errors";
import type { Db, DbOrTx, Prisma } from "~/infra/db.server";
import { canAssign, canBeAssigned, canTeamBeAssigned, canUnassign, type AssignmentTarget } from "./assignments";
import { loadAssignmentRows, type AssignmentRow } from "./assignment-rows.server";
import { addTimelineEvent } from "./events.server";
import { loadTopicForActor, readerOfRow, readerRowSelect } from "./topic-access.server";

export interface AssigneeView {
  /** The assignment's id, for the remove button. */
  id: number;
  kind: "user" | "group";
  /** A person's username or a team's group name. */
  name: string;
  /** A person's display name or a team's label. */
  label: string;
}

/** The people and teams in charge of a topic, people first. The caller has checked the reader may see the topic. */
export async function listAssignees(db: DbOrTx, topicId: number): Promise<AssigneeView[]> {
  return assigneeViewsOf(await loadAssignmentRows(db, topicId));
}

/** People first, then teams, each in the order they were assigned. */
export function assigneeViewsOf(rows: AssignmentRow[]): AssigneeView[] {
  const views = rows.map((row): AssigneeView => {
    if (row.user) return { id: row.id, kind: "user", name: row.user.username, label: displayName(row.user) };
    return { id: row.id, kind: "group", name: row.group!.name, label: row.group!.label };
  });
  return [...views.filter((view) => view.kind === "user"), ...views.filter((view) => view.kind === "group")];
}

/** The solution teams a topic can be assigned to: every solution's maintainer group, by label. */
export async function listSolutionTeams(db: DbOrTx): Promise<{ name: string; label: string }[]> {
  const groups = await db.group.findMany({
    where: { solutions: { some: {} } },
    orderBy: { label: "asc" },
    select: { name: true, label: true },
  });
  return groups;
}

const refuse = (message: string, field: "username" | "group") =>
  new DomainError(422, message, { fieldErrors: { [field]: message } });

/** Puts a person or a solution team in charge of a topic: timeline event, notifications, watching, one transaction. */
export async function assignTopic(db: Db, actor: SignedInUser, topicId: number, target: AssignmentTarget) {
  return db.$transaction(async (tx) => {
    const { topic, rules, role } = await loadTopicForActor(tx, actor, topicId);
    if (!canAssign(role)) {
      throw new DomainError(
        403,
        "Seuls les mainteneurs des solutions concernées et les modérateurs assignent ce sujet.",
      );
    }
    const recipients: Reader[] = [];
    let text: string;
    let data: Record<string, unknown>;
    if (target.kind === "user") {
      const user = await tx.user.findUnique({ where: { username: target.username }, select: readerRowSelect });
      if (!user) throw refuse(`Aucun utilisateur ne s'appelle « ${target.username} ».`, "username");
      if (!canBeAssigned(readerOfRow(user), rules)) {
        throw refuse(
          `@${user.username} ne peut pas voir cette catégorie : impossible de lui assigner le sujet.`,
          "username",
        );
      }
      if (await tx.topicAssignment.findFirst({ where: { topicId, userId: user.id } })) {
        throw new DomainError(409, `@${user.username} est déjà assigné à ce sujet.`);
      }
      await tx.topicAssignment.create({ data: { topicId, userId: user.id, assignedById: actor.id } });
      recipients.push(readerOfRow(user));
      text = `a assigné le sujet à @${user.username}`;
      data = { username: user.username };
    } else {
      const group = await tx.group.findFirst({
        where: { name: target.name, solutions: { some: {} } },
        select: { id: true, name: true, label: true, memberships: { select: { user: { select: readerRowSelect } } } },
      });
      if (!group) throw refuse("Choisissez l'équipe d'une solution.", "group");
      if (!canTeamBeAssigned(group.name, rules)) {
        throw refuse(
          `L'équipe ${group.label} ne peut pas voir cette catégorie : impossible de lui assigner le sujet.`,
          "group",
        );
      }
      if (await tx.topicAssignment.findFirst({ where: { topicId, groupId: group.id } })) {
        throw new DomainError(409, `L'équipe ${group.label} est déjà assignée à ce sujet.`);
      }
      await tx.topicAssignment.create({ data: { topicId, groupId: group.id, assignedById: actor.id } });
      recipients.push(...group.memberships.map((row) => readerOfRow(row.user)));
      text = `a assigné le sujet à l'équipe ${group.label}`;
      data = { group: group.name, groupLabel: group.label };
    }
    const { postNumber } = await addTimelineEvent(tx, { topicId, actorId: actor.id, action: "assigned", text, data });
    await notifyAssignees(tx, {
      topic,
      rules,
      actor,
      postNumber,
      recipients,
      team: target.kind === "group" ? (data.groupLabel as string) : null,
      // A person assigned by name watches the topic; a team's members keep a level they chose (muted stays muted).
      forceWatch: target.kind === "user",
    });
    await enqueueSearchUpdate(tx, [searchDocumentId.topic(topicId)]);
    return { postNumber };
  });
}

/** Removes an assignee, with its timeline event, in one transaction. */
export async function unassignTopic(db: Db, actor: SignedInUser, topicId: number, assignmentId: number) {
  return db.$transaction(async (tx) => {
    const { role } = await loadTopicForActor(tx, actor, topicId);
    const assignment = await tx.topicAssignment.findFirst({
      where: { id: assignmentId, topicId },
      include: { user: { select: { username: true } }, group: { select: { name: true, label: true } } },
    });
    if (!assignment) throw notFound("Cette assignation", { assignmentId });
    if (!canUnassign(role, assignment, actor.id)) {
      throw new DomainError(
        403,
        "Seuls les mainteneurs des solutions concernées et les modérateurs modifient les assignations.",
      );
    }
    await tx.topicAssignment.delete({ where: { id: assignment.id } });
    const text = assignment.user
      ? `a retiré l'assignation de @${assignment.user.username}`
      : `a retiré l'assignation de l'équipe ${assignment.group!.label}`;
    const data = assignment.user ? { username: assignment.user.username } : { group: assignment.group!.name };
    await addTimelineEvent(tx, { topicId, actorId: actor.id, action: "unassigned", text, data });
    await enqueueSearchUpdate(tx, [searchDocumentId.topic(topicId)]);
  });
}

async function notifyAssignees(
  tx: Prisma.TransactionClient,
  input: {
    topic: { id: number; title: string; slug: string };
    rules: CategoryRules;
    actor: SignedInUser;
    postNumber: number;
    recipients: Reader[];
    team: string | null;
    forceWatch: boolean;
  },
) {
  // Nobody hears of a topic they could not read; the actor is not told of their own act.
  const readers = input.recipients.filter((reader) => canSeeCategory(reader, input.rules));
  const told = readers.filter((reader) => reader.userId !== input.actor.id).map((reader) => reader.userId!);
  if (told.length) {
    await tx.notification.createMany({
      data: told.map((userId) => ({
        userId,
        kind: "assigned",
        topicId: input.topic.id,
        postNumber: input.postNumber,
        actorId: input.actor.id,
        data: JSON.stringify({
          topicTitle: input.topic.title,
          topicSlug: input.topic.slug,
          actor: input.actor.displayName,
          actorUsername: input.actor.username,
          ...(input.team && { team: input.team }),
        }),
      })),
    });
  }
  for (const reader of readers) {
    const key = { userId_topicId: { userId: reader.userId!, topicId: input.topic.id } };
    const state = await tx.topicUser.findUnique({ where: key, select: { notificationLevel: true } });
    if (state && !input.forceWatch && state.notificationLevel === NotificationLevel.muted) continue;
    await tx.topicUser.upsert({
      where: key,
      create: { userId: reader.userId!, topicId: input.topic.id, notificationLevel: NotificationLevel.watching },
      update: { notificationLevel: NotificationLevel.watching },
    });
  }
}

/** Topics still to deal with: not closed, and a report (when there is one) neither fixed nor closed. */
export const openTopicWhere: Prisma.TopicWhereInput = {
  closed: false,
  OR: [{ interopReport: { is: null } }, { interopReport: { is: { status: { notIn: ["fixed", "closed"] } } } }],
};

export type AssignedScope = "me" | "teams";

/** The open topics assigned to the reader ("me") or to one of their groups ("teams"), by last activity, keyset-paged
 * like /latest. Topics the reader can no longer see are left out by the list itself. */
export async function listAssignedTopics(
  db: Db,
  user: SignedInUser,
  options: { scope: AssignedScope; cursor?: string | null; limit?: number },
): Promise<TopicListPage> {
  const assigned: Prisma.TopicAssignmentWhereInput =
    options.scope === "me" ? { userId: user.id } : { group: { name: { in: user.groups } } };
  return listLatestTopics(db, readerOfUser(user), {
    cursor: options.cursor,
    limit: options.limit,
    where: { AND: [openTopicWhere, { assignments: { some: assigned } }] },
  });
}

export const parseAssignedScope = (value: string | null): AssignedScope => (value === "teams" ? "teams" : "me");
