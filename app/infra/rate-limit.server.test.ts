import { beforeEach, expect, it } from "vitest";
import { hitRateLimit, resetRateLimits } from "./rate-limit.server";

beforeEach(resetRateLimits);

it("lets the limit through, then asks to wait until the window ends", () => {
  const rule = { limit: 3, windowMs: 60_000 };
  const start = 1_000_000;
  expect([1, 2, 3].map(() => hitRateLimit("ip:login", rule, start))).toEqual([0, 0, 0]);
  expect(hitRateLimit("ip:login", rule, start + 15_000)).toBe(45);
  expect(hitRateLimit("other-ip:login", rule, start + 15_000)).toBe(0);
  expect(hitRateLimit("ip:login", rule, start + 60_000)).toBe(0);
});
