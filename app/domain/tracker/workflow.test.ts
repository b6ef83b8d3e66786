import { describe, expect, it } from "vitest";
import type { TrackerRole } from "./permissions";
import { STATUSES, type ReportStatus } from "./report";
import { DUPLICATE_MESSAGE, allowedTransitions, decideTransition, statusChangeText } from "./workflow";

const ROLES: TrackerRole[] = ["anonymous", "member", "reporter", "maintainer", "moderator"];
const OPEN: ReportStatus[] = ["new", "confirmed", "in_progress"];
const ENDED: ReportStatus[] = ["fixed", "closed"];
const TRIAGE_REASONS = ["wont_fix", "cant_reproduce", "not_interop", "works_as_designed"];

const decide = (role: TrackerRole, from: ReportStatus, to: string, reason?: string, reporterReopens = 0) =>
  decideTransition({ role, from, reporterReopens }, { to, reason });

describe("maintainers and moderators triage", () => {
  for (const role of ["maintainer", "moderator"] as const) {
    it(`${role}: every move between open statuses but back to new, to fixed, to closed for any reason`, () => {
      for (const from of OPEN) {
        for (const to of ["confirmed", "in_progress", "fixed"] as const) {
          const decision = decide(role, from, to);
          if (to === from) expect(decision).toMatchObject({ ok: false, status: 422 });
          else expect(decision).toEqual({ ok: true, to, reason: null, reopen: false });
        }
        for (const reason of TRIAGE_REASONS) {
          expect(decide(role, from, "closed", reason)).toEqual({ ok: true, to: "closed", reason, reopen: false });
        }
        if (from !== "new") expect(decide(role, from, "new")).toMatchObject({ ok: false, status: 422 });
      }
    });

    it(`${role}: a fixed or closed report is reopened to confirmed, and nowhere else`, () => {
      for (const from of ENDED) {
        expect(decide(role, from, "confirmed")).toEqual({ ok: true, to: "confirmed", reason: null, reopen: true });
        for (const to of STATUSES.filter((status) => status !== "confirmed")) {
          expect(decide(role, from, to, to === "closed" ? "wont_fix" : undefined)).toMatchObject({
            ok: false,
            status: 422,
          });
        }
        expect(allowedTransitions({ role, from, reporterReopens: 0 })).toEqual([{ to: "confirmed", reasons: [] }]);
      }
    });
  }

  it("offers the triage moves in the form, without duplicate", () => {
    expect(allowedTransitions({ role: "maintainer", from: "new", reporterReopens: 0 })).toEqual([
      { to: "confirmed", reasons: [] },
      { to: "in_progress", reasons: [] },
      { to: "fixed", reasons: [] },
      { to: "closed", reasons: TRIAGE_REASONS },
    ]);
    expect(allowedTransitions({ role: "moderator", from: "in_progress", reporterReopens: 0 }).map((t) => t.to)).toEqual(
      ["confirmed", "fixed", "closed"],
    );
  });
});

describe("the reporter", () => {
  it("closes their open report as impossible to reproduce or not an interoperability problem, nothing else", () => {
    for (const from of OPEN) {
      for (const reason of ["cant_reproduce", "not_interop"]) {
        expect(decide("reporter", from, "closed", reason)).toEqual({ ok: true, to: "closed", reason, reopen: false });
      }
      for (const reason of ["wont_fix", "works_as_designed"]) {
        expect(decide("reporter", from, "closed", reason)).toMatchObject({ ok: false, status: 403, field: "reason" });
      }
      for (const to of ["confirmed", "in_progress", "fixed"]) {
        if (to !== from) expect(decide("reporter", from, to)).toMatchObject({ ok: false, status: 403 });
      }
      expect(allowedTransitions({ role: "reporter", from, reporterReopens: 0 })).toEqual([
        { to: "closed", reasons: ["cant_reproduce", "not_interop"] },
      ]);
    }
  });

  it("reopens their fixed or closed report once, to new", () => {
    for (const from of ENDED) {
      expect(decide("reporter", from, "new")).toEqual({ ok: true, to: "new", reason: null, reopen: true });
      expect(decide("reporter", from, "confirmed")).toMatchObject({ ok: false, status: 403 });
      const again = decide("reporter", from, "new", undefined, 1);
      expect(again).toMatchObject({ ok: false, status: 403 });
      expect(again.ok ? "" : again.message).toContain("déjà rouvert");
      expect(allowedTransitions({ role: "reporter", from, reporterReopens: 1 })).toEqual([]);
    }
  });
});

describe("other people", () => {
  for (const role of ["member", "anonymous"] as const) {
    it(`${role}: no move at all`, () => {
      for (const from of STATUSES) {
        expect(allowedTransitions({ role, from, reporterReopens: 0 })).toEqual([]);
        for (const to of STATUSES) {
          const decision = decide(role, from, to, to === "closed" ? "cant_reproduce" : undefined);
          expect(decision).toMatchObject({ ok: false, status: 403 });
        }
      }
    });
  }
});

describe("requests the form cannot make", () => {
  it("refuses duplicate with a 422 pointing to « Fermer comme doublon », for every role", () => {
    for (const role of ROLES) {
      expect(decide(role, "confirmed", "closed", "duplicate")).toEqual({
        ok: false,
        status: 422,
        field: "reason",
        message: DUPLICATE_MESSAGE,
      });
    }
    expect(DUPLICATE_MESSAGE).toContain("« Fermer comme doublon »");
  });

  it("asks for a reason to close and a known status", () => {
    expect(decide("maintainer", "new", "closed")).toMatchObject({ ok: false, status: 422, field: "reason" });
    expect(decide("maintainer", "new", "closed", "because")).toMatchObject({ ok: false, status: 422 });
    expect(decide("maintainer", "new", "archived")).toMatchObject({ ok: false, status: 422, field: "status" });
  });
});

describe("timeline texts", () => {
  it("names both statuses, the reason or the fixing release", () => {
    expect(statusChangeText("new", "confirmed")).toBe("Nouveau → Confirmé");
    expect(statusChangeText("in_progress", "closed", { reason: "cant_reproduce" })).toBe(
      "En cours → Fermé (impossible à reproduire)",
    );
    expect(statusChangeText("confirmed", "fixed", { fixedIn: { name: "geOrchestra", version: "24.0.3" } })).toBe(
      "Confirmé → Corrigé dans geOrchestra 24.0.3",
    );
  });
});
