import type { Db } from "~/infra/db.server";
import { DomainError, notFound } from "~/domain/shared/errors";
import { recordAudit } from "./audit.server";
import type { SignedInUser } from "./viewer";

const GROUP_NAME = /^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$/;

export async function listGroups(db: Db) {
  const groups = await db.group.findMany({
    orderBy: { label: "asc" },
    select: { id: true, name: true, label: true, description: true, _count: { select: { memberships: true } } },
  });
  return groups.map(({ _count, ...group }) => ({ ...group, memberCount: _count.memberships }));
}

export async function getGroup(db: Db, name: string) {
  const group = await db.group.findUnique({
    where: { name },
    select: {
      id: true,
      name: true,
      label: true,
      description: true,
      memberships: {
        orderBy: { user: { username: "asc" } },
        select: { user: { select: { username: true, givenName: true, usualName: true } } },
      },
    },
  });
  if (!group) throw notFound("Ce groupe", { name });
  return {
    ...group,
    members: group.memberships.map(({ user }) => ({
      username: user.username,
      displayName: `${user.givenName} ${user.usualName}`.trim(),
    })),
  };
}

export interface NewGroup {
  name: string;
  label: string;
  description: string;
}

export function validateNewGroup(input: Record<string, unknown>): NewGroup {
  const name = String(input.name ?? "").trim();
  const label = String(input.label ?? "").trim();
  const description = String(input.description ?? "").trim();
  const errors: Record<string, string> = {};
  if (!GROUP_NAME.test(name)) {
    errors.name = "Identifiant de 3 à 50 caractères : lettres minuscules sans accent, chiffres et tirets.";
  }
  if (label.length < 2 || label.length > 100) errors.label = "Le nom doit contenir de 2 à 100 caractères.";
  if (description.length > 500) errors.description = "La description ne doit pas dépasser 500 caractères.";
  if (Object.keys(errors).length) throw new DomainError(422, "Le groupe n'a pas été créé.", { fieldErrors: errors });
  return { name, label, description };
}

export async function createGroup(db: Db, actor: SignedInUser, input: NewGroup) {
  return db.$transaction(async (tx) => {
    if (await tx.group.findUnique({ where: { name: input.name } })) {
      throw new DomainError(409, `Un groupe « ${input.name} » existe déjà.`, {
        fieldErrors: { name: "Cet identifiant est déjà pris." },
      });
    }
    const group = await tx.group.create({ data: input });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "group.created",
      targetType: "group",
      targetId: group.name,
      details: { label: group.label },
    });
    return group;
  });
}

export async function addGroupMember(db: Db, actor: SignedInUser, groupName: string, username: string) {
  return db.$transaction(async (tx) => {
    const group = await tx.group.findUnique({ where: { name: groupName } });
    if (!group) throw notFound("Ce groupe", { groupName });
    const user = await tx.user.findUnique({ where: { username: username.trim().replace(/^@/, "") } });
    if (!user) {
      throw new DomainError(422, `Aucun utilisateur « ${username} ».`, {
        fieldErrors: { username: "Utilisateur inconnu : vérifiez l'identifiant." },
      });
    }
    const existing = await tx.groupMembership.findUnique({
      where: { groupId_userId: { groupId: group.id, userId: user.id } },
    });
    if (existing) return { added: false };
    await tx.groupMembership.create({ data: { groupId: group.id, userId: user.id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "group.member_added",
      targetType: "group",
      targetId: group.name,
      details: { username: user.username },
    });
    return { added: true };
  });
}

export async function removeGroupMember(db: Db, actor: SignedInUser, groupName: string, username: string) {
  return db.$transaction(async (tx) => {
    const group = await tx.group.findUnique({ where: { name: groupName } });
    if (!group) throw notFound("Ce groupe", { groupName });
    const user = await tx.user.findUnique({ where: { username } });
    if (!user) throw notFound("Cet utilisateur", { username });
    const { count } = await tx.groupMembership.deleteMany({ where: { groupId: group.id, userId: user.id } });
    if (count === 0) return { removed: false };
    await recordAudit(tx, {
      actorId: actor.id,
      action: "group.member_removed",
      targetType: "group",
      targetId: group.name,
      details: { username },
    });
    return { removed: true };
  });
}
