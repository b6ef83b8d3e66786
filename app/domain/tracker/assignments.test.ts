import { describe, expect, it } from "vitest";
import type { CategoryRules, Reader } from "~/domain/forum/permissions";
import { DomainError } from "~/domain/shared/errors";
import { canAssign, canBeAssigned, canTeamBeAssigned, canUnassign, parseAssignmentTarget } from "./assignments";
import { trackerRoleOf } from "./permissions";

const topic = { reporterId: 1, maintainerGroups: ["mainteneurs-prodige"] };
const reader = (patch: Partial<Reader>): Reader => ({ role: "member", groups: [], userId: 9, ...patch });
const ROLES: Record<string, Reader> = {
  anonymous: reader({ role: "anonymous", userId: null }),
  member: reader({}),
  reporter: reader({ userId: 1 }),
  "maintainer of an involved solution": reader({ userId: 2, groups: ["mainteneurs-prodige"] }),
  "maintainer of another solution": reader({ userId: 3, groups: ["mainteneurs-georchestra"] }),
  moderator: reader({ userId: 4, role: "moderator" }),
  admin: reader({ userId: 5, role: "admin" }),
};
const open: CategoryRules = { readRestricted: false, permissions: [] };
const securite: CategoryRules = { readRestricted: true, permissions: [] };

describe("who assigns a topic", () => {
  it("lets maintainers of an involved solution and moderators assign, nobody else", () => {
    const allowed = Object.fromEntries(
      Object.entries(ROLES).map(([name, who]) => [name, canAssign(trackerRoleOf(who, topic))]),
    );
    expect(allowed).toEqual({
      anonymous: false,
      member: false,
      reporter: false,
      "maintainer of an involved solution": true,
      "maintainer of another solution": false,
      moderator: true,
      admin: true,
    });
  });

  it("lets those who triage remove anyone, and an assignee step down from their own assignment only", () => {
    const someoneElse = { userId: 42 };
    const removable = Object.fromEntries(
      Object.entries(ROLES).map(([name, who]) => [
        name,
        [
          canUnassign(trackerRoleOf(who, topic), someoneElse, who.userId),
          canUnassign(trackerRoleOf(who, topic), { userId: who.userId }, who.userId),
        ],
      ]),
    );
    expect(removable).toEqual({
      anonymous: [false, false],
      member: [false, true],
      reporter: [false, true],
      "maintainer of an involved solution": [true, true],
      "maintainer of another solution": [false, true],
      moderator: [true, true],
      admin: [true, true],
    });
    expect(canUnassign("member", { userId: null }, 9)).toBe(false);
  });
});

describe("who can be assigned", () => {
  it("accepts anyone who can read an open category, and only staff or granted groups in a private one", () => {
    const signedIn = Object.entries(ROLES).filter(([name]) => name !== "anonymous");
    expect(signedIn.every(([, who]) => canBeAssigned(who, open))).toBe(true);
    expect(canBeAssigned(ROLES.anonymous!, open)).toBe(false);
    expect(signedIn.filter(([, who]) => canBeAssigned(who, securite)).map(([name]) => name)).toEqual([
      "moderator",
      "admin",
    ]);
    const granted: CategoryRules = {
      readRestricted: true,
      permissions: [{ group: "mainteneurs-prodige", canSee: true, canReply: true, canCreate: false }],
    };
    expect(canBeAssigned(ROLES["maintainer of an involved solution"]!, granted)).toBe(true);
    expect(canBeAssigned(ROLES.member!, granted)).toBe(false);
  });

  it("accepts a team only where its group can read", () => {
    expect(canTeamBeAssigned("mainteneurs-prodige", open)).toBe(true);
    expect(canTeamBeAssigned("mainteneurs-prodige", securite)).toBe(false);
    const granted: CategoryRules = {
      readRestricted: true,
      permissions: [{ group: "mainteneurs-prodige", canSee: true, canReply: false, canCreate: false }],
    };
    expect(canTeamBeAssigned("mainteneurs-prodige", granted)).toBe(true);
    expect(canTeamBeAssigned("mainteneurs-georchestra", granted)).toBe(false);
  });
});

describe("the assignment form", () => {
  it("reads a person (with or without @) or a team, and refuses neither or both with a French message", () => {
    expect(parseAssignmentTarget("@julien.roux", "")).toEqual({ kind: "user", username: "julien.roux" });
    expect(parseAssignmentTarget(" karim.haddad ", null)).toEqual({ kind: "user", username: "karim.haddad" });
    expect(parseAssignmentTarget(null, "mainteneurs-prodige")).toEqual({ kind: "group", name: "mainteneurs-prodige" });
    for (const [username, group] of [
      ["", ""],
      [null, null],
      ["julien.roux", "mainteneurs-prodige"],
    ]) {
      const attempt = () => parseAssignmentTarget(username, group);
      expect(attempt).toThrow(DomainError);
      expect(attempt).toThrow("Indiquez une personne ou une équipe à qui assigner le sujet.");
    }
  });
});
