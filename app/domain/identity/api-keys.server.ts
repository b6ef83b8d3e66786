import type { Db } from "~/infra/db.server";
import { DomainError, notFound } from "~/domain/shared/errors";
import { recordAudit } from "./audit.server";
import { loadSignedInUser } from "./users.server";
import { randomToken, sha256 } from "./tokens.server";
import { API_KEY_SCOPES, type ApiKeyScope, type SignedInUser, type Viewer } from "./viewer";

const KEY_PREFIX = "cicclo_";

export function parseScopes(values: unknown[]): ApiKeyScope[] {
  const scopes = [
    ...new Set(
      values
        .map(String)
        .flatMap((value) => value.split(/[\s,]+/))
        .filter(Boolean),
    ),
  ];
  const unknown = scopes.filter((scope) => !(API_KEY_SCOPES as readonly string[]).includes(scope));
  if (scopes.length === 0 || unknown.length > 0) {
    throw new DomainError(
      422,
      unknown.length
        ? `Portée inconnue : ${unknown.join(", ")}. Portées possibles : ${API_KEY_SCOPES.join(", ")}.`
        : "Choisissez au moins une portée.",
      { fieldErrors: { scopes: "Choisissez une ou plusieurs portées dans la liste." } },
    );
  }
  return scopes as ApiKeyScope[];
}

export function parseExpiry(value: unknown, now = new Date()): Date | null {
  if (value === "" || value === null || value === undefined) return null;
  const date = new Date(`${String(value)}T23:59:59Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(String(value)) || Number.isNaN(date.getTime()) || date <= now) {
    throw new DomainError(422, "La date d'expiration doit être une date future (AAAA-MM-JJ).", {
      fieldErrors: { expiresAt: "Indiquez une date future." },
    });
  }
  return date;
}

export interface NewApiKey {
  label: string;
  scopes: ApiKeyScope[];
  expiresAt: Date | null;
  /** Exactly one of the two: the key acts for a user, or for a group. */
  owner: { username: string } | { groupName: string };
}

/** Creates a key and returns its secret, which is shown once and never stored. Users create keys for themselves;
 * only admins create keys for another user or for a group (`creator` null: an operator on the server's CLI). */
export async function createApiKey(db: Db, creator: SignedInUser | null, input: NewApiKey) {
  const label = input.label.trim();
  if (label.length < 2 || label.length > 100) {
    throw new DomainError(422, "Le nom de la clé doit contenir de 2 à 100 caractères.", {
      fieldErrors: { label: "De 2 à 100 caractères." },
    });
  }
  return db.$transaction(async (tx) => {
    let userId: number | null = null;
    let groupId: number | null = null;
    if ("username" in input.owner) {
      const user = await tx.user.findUnique({ where: { username: input.owner.username } });
      if (!user) throw notFound("Cet utilisateur", { username: input.owner.username });
      if (creator && creator.id !== user.id && creator.role !== "admin") {
        throw new DomainError(403, "Vous ne pouvez créer des clés que pour vous-même.");
      }
      userId = user.id;
    } else {
      if (creator && creator.role !== "admin") {
        throw new DomainError(403, "Seuls les administrateurs créent des clés de groupe.");
      }
      const group = await tx.group.findUnique({ where: { name: input.owner.groupName } });
      if (!group) throw notFound("Ce groupe", { groupName: input.owner.groupName });
      groupId = group.id;
    }
    const secret = `${KEY_PREFIX}${randomToken()}`;
    const key = await tx.apiKey.create({
      data: {
        label,
        prefix: secret.slice(0, KEY_PREFIX.length + 6),
        keyHash: sha256(secret),
        scopes: input.scopes.join(" "),
        userId,
        groupId,
        createdById: creator?.id ?? null,
        expiresAt: input.expiresAt,
      },
    });
    await recordAudit(tx, {
      actorId: creator?.id ?? null,
      action: "api_key.created",
      targetType: userId ? "user" : "group",
      targetId: "username" in input.owner ? input.owner.username : input.owner.groupName,
      details: { apiKeyId: key.id, label, scopes: input.scopes, expiresAt: input.expiresAt?.toISOString() ?? null },
    });
    return { id: key.id, secret };
  });
}

export async function listApiKeys(db: Db, owner: { userId: number } | { groupId: number }) {
  const keys = await db.apiKey.findMany({
    where: { ...owner, revokedAt: null },
    orderBy: { createdAt: "desc" },
  });
  return keys.map((key) => ({
    id: key.id,
    label: key.label,
    prefix: key.prefix,
    scopes: key.scopes.split(" "),
    createdAt: key.createdAt.toISOString(),
    expiresAt: key.expiresAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  }));
}

/** Revokes a key. Its owner may revoke it; an admin may revoke any. */
export async function revokeApiKey(db: Db, actor: SignedInUser, keyId: number) {
  return db.$transaction(async (tx) => {
    const key = await tx.apiKey.findUnique({ where: { id: keyId }, include: { group: true, user: true } });
    if (!key || key.revokedAt) throw notFound("Cette clé", { keyId });
    if (actor.role !== "admin" && key.userId !== actor.id) throw notFound("Cette clé", { keyId });
    await tx.apiKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "api_key.revoked",
      targetType: key.groupId ? "group" : "user",
      targetId: key.group?.name ?? key.user?.username ?? String(key.userId),
      details: { apiKeyId: key.id, label: key.label },
    });
  });
}

/** The viewer behind an API key, or null when the key is unknown, revoked, expired, or the named user does not
 * match it. Discourse clients send Api-Key and Api-Username; scripts send Authorization: Bearer. */
export async function authenticateApiKey(
  db: Db,
  secret: string,
  apiUsername: string | null,
  now = new Date(),
): Promise<Viewer | null> {
  if (!secret.startsWith(KEY_PREFIX)) return null;
  const key = await db.apiKey.findUnique({ where: { keyHash: sha256(secret) }, include: { group: true } });
  if (!key || key.revokedAt || (key.expiresAt && key.expiresAt <= now)) return null;
  const scopes = key.scopes.split(" ") as ApiKeyScope[];
  let user: SignedInUser | null = null;
  if (key.userId) {
    user = await loadSignedInUser(db, { id: key.userId });
    if (!user || (apiUsername && apiUsername !== user.username)) return null;
  } else if (apiUsername) {
    user = await loadSignedInUser(db, { username: apiUsername });
    if (!user || !key.group || !user.groups.includes(key.group.name)) return null;
  }
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > 60_000) {
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } });
  }
  return { kind: "api_key", user, group: key.group?.name ?? null, apiKeyId: key.id, scopes };
}
