import { describe, expect, it } from "vitest";
import { ProbeGuard } from "./probe-guard";

describe("live probe guard", () => {
  it("refuses a second probe of the same deployment while one runs, not of another deployment", () => {
    const guard = new ProbeGuard();
    guard.start(1, 0, 60_000);
    expect(() => guard.start(1, 10, 60_000)).toThrow(expect.objectContaining({ status: 409 }));
    expect(() => guard.start(2, 10, 60_000)).not.toThrow();
  });

  it("refuses until the cooldown after the end of the last probe has passed, saying how long to wait", () => {
    const guard = new ProbeGuard();
    guard.start(1, 0, 60_000);
    guard.finish(1, 5_000);
    expect(() => guard.start(1, 20_000, 60_000)).toThrow(
      expect.objectContaining({ status: 429, userMessage: expect.stringContaining("réessayez dans 45 secondes") }),
    );
    expect(() => guard.start(1, 65_000, 60_000)).not.toThrow();
  });

  it("starts no cooldown when the probe was refused before sending anything", () => {
    const guard = new ProbeGuard();
    guard.start(1, 0, 60_000);
    guard.release(1);
    expect(() => guard.start(1, 1, 60_000)).not.toThrow();
  });
});
