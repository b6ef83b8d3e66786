// Signed-in requests all start by reading the session, its user and their groups: four SQL statements that cost
// more than a small page's own queries. The app server keeps what it read for a few seconds. Revocation stays
// immediate: the server empties this cache after every successful write request (signing out, revoking a session,
// changing a role or a group are all writes), on every replica through the same broadcast as the render cache
// (app/server/cache-broadcast.server.ts); the TTL bounds what a write from outside the app (a script) can leave.
import type { ActiveSession } from "./sessions.server";

interface Entry {
  session: ActiveSession;
  expiresAt: number;
  lastUsedAt: number;
  storedAt: number;
}

export interface CachedSession {
  session: ActiveSession;
  expiresAt: Date;
  lastUsedAt: Date;
}

export class SessionCache {
  readonly #entries = new Map<string, Entry>();
  constructor(readonly options: { ttlMs: number; maxEntries: number }) {}

  /** The session stored under this hashed id, unless it is older than the TTL. */
  get(sessionId: string, now: Date): CachedSession | null {
    const entry = this.#entries.get(sessionId);
    if (!entry) return null;
    if (now.getTime() - entry.storedAt >= this.options.ttlMs) {
      this.#entries.delete(sessionId);
      return null;
    }
    return { session: entry.session, expiresAt: new Date(entry.expiresAt), lastUsedAt: new Date(entry.lastUsedAt) };
  }

  set(sessionId: string, value: CachedSession, now: Date): void {
    if (this.#entries.size >= this.options.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(sessionId, {
      session: value.session,
      expiresAt: value.expiresAt.getTime(),
      lastUsedAt: value.lastUsedAt.getTime(),
      storedAt: now.getTime(),
    });
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
