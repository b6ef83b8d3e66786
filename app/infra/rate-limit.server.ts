// Fixed-window counters per key (an IP and an action), in this process's memory. Enough for one instance; with
// several replicas, REDIS_URL will move the counters to Redis (docs/decisions).
export interface RateLimit {
  limit: number;
  windowMs: number;
}

const windows = new Map<string, { startedAt: number; count: number }>();

/** Counts one hit; returns the seconds to wait when the limit is exceeded, or 0. */
export function hitRateLimit(key: string, rule: RateLimit, now = Date.now()): number {
  const current = windows.get(key);
  if (!current || now - current.startedAt >= rule.windowMs) {
    windows.set(key, { startedAt: now, count: 1 });
    if (windows.size > 50_000) pruneExpired(now, rule.windowMs);
    return 0;
  }
  current.count++;
  return current.count > rule.limit ? Math.ceil((current.startedAt + rule.windowMs - now) / 1000) : 0;
}

function pruneExpired(now: number, windowMs: number) {
  for (const [key, value] of windows) if (now - value.startedAt >= windowMs) windows.delete(key);
}

export function resetRateLimits(): void {
  windows.clear();
}

export const RATE_LIMITS = {
  loginStart: { limit: 20, windowMs: 60_000 },
  loginCallback: { limit: 20, windowMs: 60_000 },
  apiKeyFailure: { limit: 10, windowMs: 60_000 },
} satisfies Record<string, RateLimit>;

/** The French 429 page or JSON body, with Retry-After. */
export function tooManyRequests(retryAfterSeconds: number): Response {
  return new Response(
    `Trop de tentatives depuis votre adresse. Réessayez dans ${retryAfterSeconds} seconde${retryAfterSeconds > 1 ? "s" : ""}.`,
    { status: 429, headers: { "Retry-After": String(retryAfterSeconds), "Content-Type": "text/plain; charset=utf-8" } },
  );
}
