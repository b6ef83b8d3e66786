import type { Db, DbOrTx, Prisma } from "~/infra/db.server";
import { DomainError, notFound } from "~/domain/shared/errors";
import { recordAudit } from "./audit.server";
import { uniqueUsername, usernameBase } from "./usernames";
import { ROLES, type Role, type SignedInUser } from "./viewer";

/** The identity ProConnect vouches for, as read from the signed userinfo. */
export interface ProConnectIdentity {
  issuer: string;
  sub: string;
  email: string;
  givenName: string;
  usualName: string;
  siret: string | null;
  organisationLabel: string | null;
}

type Tx = Prisma.TransactionClient;

/** An organisation is its SIRET; the SIREN is its first nine digits. */
async function upsertOrganisation(tx: Tx, siret: string | null, label: string | null) {
  if (!siret || !/^\d{14}$/.test(siret)) return null;
  return tx.organisation.upsert({
    where: { siret },
    create: { siret, siren: siret.slice(0, 9), label: label ?? `Établissement ${siret}` },
    update: label ? { label } : {},
  });
}

/** Creates the user on first sign-in, refreshes names, e-mail and organisation on every later one. */
export async function upsertUserFromProConnect(tx: Tx, identity: ProConnectIdentity): Promise<{ id: number }> {
  const organisation = await upsertOrganisation(tx, identity.siret, identity.organisationLabel);
  const profile = {
    email: identity.email,
    givenName: identity.givenName,
    usualName: identity.usualName,
    organisationId: organisation?.id ?? null,
  };
  const existing = await tx.user.findUnique({
    where: { issuer_subject: { issuer: identity.issuer, subject: identity.sub } },
    select: { id: true },
  });
  if (existing) {
    await tx.user.update({ where: { id: existing.id }, data: { ...profile, lastSeenAt: new Date() } });
    return existing;
  }
  const username = await uniqueUsername(usernameBase(identity.givenName, identity.usualName), async (candidate) =>
    Boolean(await tx.user.findUnique({ where: { username: candidate }, select: { id: true } })),
  );
  return tx.user.create({
    data: { issuer: identity.issuer, subject: identity.sub, username, ...profile, lastSeenAt: new Date() },
    select: { id: true },
  });
}

export async function getUserProfile(db: Db, username: string) {
  const user = await db.user.findUnique({
    where: { username },
    select: {
      id: true,
      username: true,
      givenName: true,
      usualName: true,
      role: true,
      createdAt: true,
      organisation: { select: { label: true, kind: true } },
      memberships: { select: { group: { select: { name: true, label: true } } } },
    },
  });
  if (!user) throw notFound("Cet utilisateur", { username });
  return {
    username: user.username,
    displayName: `${user.givenName} ${user.usualName}`.trim(),
    role: user.role as Role,
    createdAt: user.createdAt.toISOString(),
    organisation: user.organisation,
    groups: user.memberships.map((membership) => membership.group),
  };
}

export async function listUsers(db: Db) {
  const users = await db.user.findMany({
    orderBy: { username: "asc" },
    select: {
      id: true,
      username: true,
      givenName: true,
      usualName: true,
      email: true,
      role: true,
      lastSeenAt: true,
      organisation: { select: { label: true } },
    },
  });
  return users.map((user) => ({
    ...user,
    displayName: `${user.givenName} ${user.usualName}`.trim(),
    lastSeenAt: user.lastSeenAt?.toISOString() ?? null,
  }));
}

export function parseRole(value: unknown): Role {
  if (typeof value === "string" && (ROLES as readonly string[]).includes(value)) return value as Role;
  throw new DomainError(422, "Rôle inconnu : choisissez membre, modérateur ou administrateur.", { value });
}

/** Changes a user's role, with its audit entry. An admin cannot demote themself (the site would lose its last
 * admin that way too easily). `actor` is null for operator commands run on the server. */
export async function changeUserRole(db: Db, actor: SignedInUser | null, username: string, role: Role) {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { username }, select: { id: true, role: true } });
    if (!user) throw notFound("Cet utilisateur", { username });
    if (actor && actor.id === user.id && role !== "admin") {
      throw new DomainError(409, "Vous ne pouvez pas retirer vos propres droits d'administrateur.");
    }
    if (user.role === role) return { changed: false };
    await tx.user.update({ where: { id: user.id }, data: { role } });
    await recordAudit(tx, {
      actorId: actor?.id ?? null,
      action: "user.role_changed",
      targetType: "user",
      targetId: username,
      details: { from: user.role, to: role },
    });
    return { changed: true };
  });
}

/** A user as the permission rules see them (role and groups), or null. */
export async function loadSignedInUser(db: DbOrTx, where: { id: number } | { username: string }) {
  const user = await db.user.findUnique({
    where,
    select: {
      id: true,
      username: true,
      givenName: true,
      usualName: true,
      role: true,
      memberships: { select: { group: { select: { name: true } } } },
    },
  });
  if (!user) return null;
  return {
    id: user.id,
    username: user.username,
    displayName: `${user.givenName} ${user.usualName}`.trim(),
    role: user.role as Role,
    groups: user.memberships.map((membership) => membership.group.name),
  } satisfies SignedInUser;
}
