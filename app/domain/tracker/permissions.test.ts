import { describe, expect, it } from "vitest";
import type { Reader } from "~/domain/forum/permissions";
import { canAcceptAnswer, canEditReportFields, canTriage, trackerRoleOf } from "./permissions";

const topic = { reporterId: 1, maintainerGroups: ["mainteneurs-prodige"] };
const reader = (patch: Partial<Reader>): Reader => ({ role: "member", groups: [], userId: 9, ...patch });

describe("tracker roles", () => {
  it("ranks each kind of reader on one topic", () => {
    expect(trackerRoleOf(reader({ role: "anonymous", userId: null }), topic)).toBe("anonymous");
    expect(trackerRoleOf(reader({}), topic)).toBe("member");
    expect(trackerRoleOf(reader({ userId: 1 }), topic)).toBe("reporter");
    expect(trackerRoleOf(reader({ groups: ["mainteneurs-prodige"] }), topic)).toBe("maintainer");
    expect(trackerRoleOf(reader({ groups: ["mainteneurs-georchestra"] }), topic)).toBe("member");
    expect(trackerRoleOf(reader({ role: "moderator" }), topic)).toBe("moderator");
    expect(trackerRoleOf(reader({ role: "admin" }), topic)).toBe("moderator");
  });

  it("lets maintainers and moderators triage, reporters edit fields and accept answers", () => {
    expect(["anonymous", "member", "reporter"].map((role) => canTriage(role as never))).toEqual([false, false, false]);
    expect(canTriage("maintainer") && canTriage("moderator")).toBe(true);
    expect(canEditReportFields("member")).toBe(false);
    expect(canEditReportFields("reporter")).toBe(true);
    expect(canAcceptAnswer("anonymous")).toBe(false);
    expect(canAcceptAnswer("reporter") && canAcceptAnswer("maintainer")).toBe(true);
  });
});
