import { describe, expect, it } from "vitest";
import { ReadCache } from "./read-cache";

describe("read cache", () => {
  it("computes once per key within the TTL, again after it or after clear()", async () => {
    const cache = new ReadCache({ ttlMs: 1_000, maxEntries: 10 });
    let computed = 0;
    const read = (now: number) => cache.remember("k", async () => ++computed, now);
    expect(await read(0)).toBe(1);
    expect(await read(999)).toBe(1);
    expect(await read(1_000)).toBe(2);
    cache.clear();
    expect(await read(1_001)).toBe(3);
  });

  it("shares one computation between concurrent misses and forgets failures", async () => {
    const cache = new ReadCache({ ttlMs: 1_000, maxEntries: 10 });
    let computed = 0;
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++computed), 5));
    const [a, b] = await Promise.all([cache.remember("k", slow, 0), cache.remember("k", slow, 0)]);
    expect([a, b, computed]).toEqual([1, 1, 1]);
    await expect(cache.remember("bad", () => Promise.reject(new Error("boom")), 0)).rejects.toThrow("boom");
    expect(await cache.remember("bad", async () => "ok", 1)).toBe("ok");
  });

  it("drops the oldest entry beyond its size", async () => {
    const cache = new ReadCache({ ttlMs: 1_000, maxEntries: 2 });
    for (const key of ["a", "b", "c"]) await cache.remember(key, async () => key, 0);
    expect(cache.size).toBe(2);
    expect(await cache.remember("a", async () => "again", 0)).toBe("again");
  });
});
