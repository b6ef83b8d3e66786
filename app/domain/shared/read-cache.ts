// Shared read models kept in memory for a few seconds: what many requests read alike (a page of the topic list for
// one audience, a topic's posts) is read from the database once. Entries hold only what every viewer with the same
// key may see — never per-user state, which callers read fresh and lay over. The server empties the cache after
// every successful write request, on every replica (app/server/main.server.ts); the TTL bounds what background
// work and scripts change without a request.
export class ReadCache {
  readonly #entries = new Map<string, { value: Promise<unknown>; storedAt: number }>();
  constructor(readonly options: { ttlMs: number; maxEntries: number }) {}

  /** The value cached under `key`, or what `compute` gives (stored unless it fails). Concurrent misses on one key
   * share one computation. */
  remember<T>(key: string, compute: () => Promise<T>, now = Date.now()): Promise<T> {
    const entry = this.#entries.get(key);
    if (entry && now - entry.storedAt < this.options.ttlMs) return entry.value as Promise<T>;
    if (this.#entries.size >= this.options.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    const value = compute();
    const stored = { value, storedAt: now };
    this.#entries.set(key, stored);
    value.catch(() => {
      if (this.#entries.get(key) === stored) this.#entries.delete(key);
    });
    return value;
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** Computes directly: for callers without a cache (scripts, the Vite dev server, tests that write behind the
 * server's back). */
export const noReadCache = {
  remember: <T>(_key: string, compute: () => Promise<T>) => compute(),
};

export type ReadModels = Pick<ReadCache, "remember">;
