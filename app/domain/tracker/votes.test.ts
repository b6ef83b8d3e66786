import { describe, expect, it } from "vitest";
import type { CategoryRules, Reader } from "~/domain/forum/permissions";
import { canAcceptAnswer, trackerRoleOf } from "./permissions";
import { canBeAcceptedAnswer } from "./answers";
import { canVote, voteLimitMessage, votesLeft } from "./votes";

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
const roadmap = { votingEnabled: true, votesPerUser: 3 };
const open: CategoryRules = { readRestricted: false, permissions: [] };
const each = <T>(rule: (who: Reader) => T) =>
  Object.fromEntries(Object.entries(ROLES).map(([name, who]) => [name, rule(who)]));

describe("votes", () => {
  it("lets every signed-in member who may reply vote on an open topic of a voting category", () => {
    expect(each((who) => canVote(who, open, roadmap, { closed: false }))).toEqual({
      anonymous: false,
      member: true,
      reporter: true,
      "maintainer of an involved solution": true,
      "maintainer of another solution": true,
      moderator: true,
      admin: true,
    });
  });

  it("refuses votes on closed topics, outside voting categories and where the member may not reply", () => {
    expect(Object.values(each((who) => canVote(who, open, roadmap, { closed: true }))).some(Boolean)).toBe(false);
    const noVoting = { votingEnabled: false, votesPerUser: 3 };
    expect(Object.values(each((who) => canVote(who, open, noVoting, { closed: false }))).some(Boolean)).toBe(false);
    const crigeOnly: CategoryRules = {
      readRestricted: false,
      permissions: [{ group: "membres-crige", canSee: true, canReply: true, canCreate: true }],
    };
    expect(canVote(reader({ groups: ["membres-crige"] }), crigeOnly, roadmap, { closed: false })).toBe(true);
    expect(canVote(ROLES.member!, crigeOnly, roadmap, { closed: false })).toBe(false);
    expect(canVote(ROLES.moderator!, crigeOnly, roadmap, { closed: false })).toBe(true);
  });

  it("counts the votes left and refuses the vote beyond the limit, in French", () => {
    expect([0, 1, 2, 3, 4].map((open) => votesLeft(roadmap, open))).toEqual([3, 2, 1, 0, 0]);
    expect([0, 1, 2].map((open) => voteLimitMessage(roadmap, open))).toEqual([null, null, null]);
    expect(voteLimitMessage(roadmap, 3)).toBe(
      "Vous avez utilisé vos 3 votes dans cette catégorie : retirez-en un pour voter ici.",
    );
    expect(voteLimitMessage({ votingEnabled: true, votesPerUser: 1 }, 1)).toBe(
      "Vous avez utilisé votre vote dans cette catégorie : retirez-en un pour voter ici.",
    );
  });
});

describe("accepted answers", () => {
  it("lets the reporter, maintainers of an involved solution and moderators choose the answer", () => {
    expect(each((who) => canAcceptAnswer(trackerRoleOf(who, topic)))).toEqual({
      anonymous: false,
      member: false,
      reporter: true,
      "maintainer of an involved solution": true,
      "maintainer of another solution": false,
      moderator: true,
      admin: true,
    });
  });

  it("accepts only a visible regular reply", () => {
    const reply = { postNumber: 2, postType: 1, deleted: false, hidden: false };
    expect(canBeAcceptedAnswer(reply)).toBe(true);
    expect(canBeAcceptedAnswer({ ...reply, postNumber: 1 })).toBe(false);
    expect(canBeAcceptedAnswer({ ...reply, postType: 3 })).toBe(false);
    expect(canBeAcceptedAnswer({ ...reply, deleted: true })).toBe(false);
    expect(canBeAcceptedAnswer({ ...reply, hidden: true })).toBe(false);
  });
});
