import type { Db, DbOrTx } from "~/infra/db.server";
import { randomToken, sha256 } from "./tokens.server";
import type { SessionCache } from "./session-cache";
import type { Role, SignedInUser } from "./viewer";

export interface SessionPolicy {
  idleTimeoutMs: number;
  maxAgeMs: number;
}

// Writing lastUsedAt on every request would turn each page view into a write; once a minute is enough for the
// idle limit and for the "last active" column of the sessions list.
const TOUCH_INTERVAL_MS = 60_000;

export interface NewSession {
  userId: number;
  idToken: string | null;
  userAgent: string;
  ipAddress: string;
}

/** Creates a session and returns the token for the cookie; only its hash is stored. */
export async function createSession(db: DbOrTx, input: NewSession, policy: SessionPolicy, now = new Date()) {
  const token = randomToken();
  await db.session.create({
    data: {
      id: sha256(token),
      userId: input.userId,
      idToken: input.idToken,
      userAgent: input.userAgent.slice(0, 300),
      ipAddress: input.ipAddress,
      createdAt: now,
      lastUsedAt: now,
      expiresAt: new Date(now.getTime() + policy.maxAgeMs),
    },
  });
  return { token, expiresAt: new Date(now.getTime() + policy.maxAgeMs) };
}

export interface ActiveSession {
  sessionId: string;
  user: SignedInUser;
}

/** The user behind a session cookie, or null when the session is unknown, revoked, idle too long or too old.
 * With a cache, a session read in the last seconds is not read again (session-cache.ts says why that is safe). */
export async function findActiveSession(
  db: Db,
  token: string | null,
  policy: SessionPolicy,
  now = new Date(),
  cache?: SessionCache,
): Promise<ActiveSession | null> {
  if (!token) return null;
  const id = sha256(token);
  const cached = cache?.get(id, now);
  // A cached session still needing its once-a-minute touch goes to the database like an uncached one.
  if (cached && now.getTime() - cached.lastUsedAt.getTime() <= TOUCH_INTERVAL_MS) {
    return cached.expiresAt > now ? cached.session : null;
  }
  const session = await db.session.findUnique({
    where: { id },
    select: {
      id: true,
      revokedAt: true,
      expiresAt: true,
      lastUsedAt: true,
      user: {
        select: {
          id: true,
          username: true,
          givenName: true,
          usualName: true,
          role: true,
          memberships: { select: { group: { select: { name: true } } } },
        },
      },
    },
  });
  if (!session || session.revokedAt) return null;
  if (session.expiresAt <= now || now.getTime() - session.lastUsedAt.getTime() > policy.idleTimeoutMs) return null;
  let lastUsedAt = session.lastUsedAt;
  if (now.getTime() - session.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.session.update({ where: { id }, data: { lastUsedAt: now } });
    lastUsedAt = now;
  }
  const { user } = session;
  const active: ActiveSession = {
    sessionId: id,
    user: {
      id: user.id,
      username: user.username,
      displayName: `${user.givenName} ${user.usualName}`.trim(),
      role: user.role as Role,
      groups: user.memberships.map((membership) => membership.group.name),
    },
  };
  cache?.set(id, { session: active, expiresAt: session.expiresAt, lastUsedAt }, now);
  return active;
}

export interface SessionSummary {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  userAgent: string;
  ipAddress: string;
  current: boolean;
}

export async function listUserSessions(
  db: Db,
  userId: number,
  currentSessionId: string | null,
  policy: SessionPolicy,
  now = new Date(),
): Promise<SessionSummary[]> {
  const sessions = await db.session.findMany({
    where: {
      userId,
      revokedAt: null,
      expiresAt: { gt: now },
      lastUsedAt: { gt: new Date(now.getTime() - policy.idleTimeoutMs) },
    },
    orderBy: { lastUsedAt: "desc" },
  });
  return sessions.map((session) => ({
    id: session.id,
    createdAt: session.createdAt.toISOString(),
    lastUsedAt: session.lastUsedAt.toISOString(),
    userAgent: session.userAgent,
    ipAddress: session.ipAddress,
    current: session.id === currentSessionId,
  }));
}

/** Revokes one of the user's sessions; a session of somebody else is left alone. Returns the ID token for logout. */
export async function revokeSession(db: Db, userId: number, sessionId: string, now = new Date()) {
  const session = await db.session.findFirst({ where: { id: sessionId, userId, revokedAt: null } });
  if (!session) return { revoked: false, idToken: null };
  await db.session.update({ where: { id: sessionId }, data: { revokedAt: now } });
  return { revoked: true, idToken: session.idToken };
}

export async function revokeAllSessions(db: Db, userId: number, now = new Date()): Promise<number> {
  const { count } = await db.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  return count;
}
