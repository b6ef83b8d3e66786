import { expect, it } from "vitest";
import { formatAbsolute, formatRelative } from "./dates";

const now = new Date("2026-11-22T12:00:00Z");

it("says how long ago, in French", () => {
  expect(formatRelative(new Date("2026-11-22T11:59:50Z"), now)).toBe("à l'instant");
  expect(formatRelative(new Date("2026-11-22T11:55:00Z"), now)).toBe("il y a 5 minutes");
  expect(formatRelative(new Date("2026-11-21T12:00:00Z"), now)).toBe("hier");
  expect(formatRelative(new Date("2026-11-16T12:00:00Z"), now)).toBe("il y a 6 jours");
});

it("gives the absolute date in Paris time", () => {
  expect(formatAbsolute("2026-11-22T13:05:00Z")).toBe("22 novembre 2026 à 14:05");
});
