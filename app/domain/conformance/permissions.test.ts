import { describe, expect, it } from "vitest";
import type { DomainError } from "~/domain/shared/errors";
import type { Viewer } from "~/domain/identity/viewer";
import { canRecordRun, requireRunUploader, uploaderOf } from "./permissions";

const user = (role: "member" | "moderator" | "admin", groups: string[] = []) => ({
  id: 7,
  username: "u",
  displayName: "U",
  role,
  groups,
});
const session = (role: "member" | "moderator" | "admin", groups: string[] = []): Viewer => ({
  kind: "session",
  user: user(role, groups),
  sessionId: "s",
});
const deployment = { name: "geOrchestra – démonstration", maintainerGroup: "mainteneurs-georchestra" };

function statusOf(viewer: Viewer, target = deployment): number | "ok" {
  try {
    requireRunUploader(uploaderOf(viewer), target);
    return "ok";
  } catch (error) {
    return (error as DomainError).status;
  }
}

describe("who may record a conformance run", () => {
  it("lets maintainers of the solution, moderators and admins in, and nobody else", () => {
    expect(statusOf({ kind: "anonymous" })).toBe(401);
    expect(statusOf(session("member"))).toBe(403);
    expect(statusOf(session("member", ["mainteneurs-prodige"]))).toBe(403);
    expect(statusOf(session("member", ["mainteneurs-georchestra"]))).toBe("ok");
    expect(statusOf(session("moderator"))).toBe("ok");
    expect(statusOf(session("admin"))).toBe("ok");
  });

  it("treats a group key as its group, and a user's key as its user", () => {
    const groupKey: Viewer = {
      kind: "api_key",
      user: null,
      group: "mainteneurs-georchestra",
      apiKeyId: 3,
      scopes: ["conformance:write"],
    };
    expect(statusOf(groupKey)).toBe("ok");
    expect(uploaderOf(groupKey)).toEqual({
      userId: null,
      apiKeyId: 3,
      role: "anonymous",
      groups: ["mainteneurs-georchestra"],
    });
    expect(statusOf({ ...groupKey, group: "mainteneurs-prodige" })).toBe(403);
    const userKey: Viewer = { kind: "api_key", user: user("member"), group: null, apiKeyId: 4, scopes: [] };
    expect(statusOf(userKey)).toBe(403);
  });

  it("refuses members when a solution has no maintainer group", () => {
    expect(canRecordRun(uploaderOf(session("member", ["mainteneurs-georchestra"])), null)).toBe(false);
    expect(canRecordRun(uploaderOf(session("moderator")), null)).toBe(true);
  });
});
