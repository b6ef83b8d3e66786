import { describe, expect, it } from "vitest";
import {
  canCreateTopic,
  canModifyPost,
  canReply,
  canRestorePost,
  canSeeCategory,
  type CategoryRules,
  type Reader,
} from "./permissions";

const anonymous: Reader = { role: "anonymous", groups: [], userId: null };
const member: Reader = { role: "member", groups: [], userId: 10 };
const maintainer: Reader = { role: "member", groups: ["mainteneurs-prodige"], userId: 11 };
const moderator: Reader = { role: "moderator", groups: [], userId: 12 };
const admin: Reader = { role: "admin", groups: [], userId: 13 };

const open: CategoryRules = { readRestricted: false, permissions: [] };
const security: CategoryRules = {
  readRestricted: true,
  permissions: [{ group: "mainteneurs-prodige", canSee: true, canReply: true, canCreate: true }],
};
const announcements: CategoryRules = {
  readRestricted: false,
  permissions: [{ group: "mainteneurs-prodige", canSee: true, canReply: false, canCreate: true }],
};

describe("category rights by role", () => {
  it.each([
    ["anonymous", anonymous, [true, false, false], [false, false, false]],
    ["member", member, [true, true, true], [false, false, false]],
    ["group member", maintainer, [true, true, true], [true, true, true]],
    ["moderator", moderator, [true, true, true], [true, true, true]],
    ["admin", admin, [true, true, true], [true, true, true]],
  ] as const)(
    "%s: see, create, reply in an open and in a restricted category",
    (_label, reader, inOpen, inSecurity) => {
      const topic = { closed: false };
      expect([canSeeCategory(reader, open), canCreateTopic(reader, open), canReply(reader, open, topic)]).toEqual(
        inOpen,
      );
      expect([
        canSeeCategory(reader, security),
        canCreateTopic(reader, security),
        canReply(reader, security, topic),
      ]).toEqual(inSecurity);
    },
  );

  it("applies per-group rights: a group may create without replying, others only read", () => {
    expect(canCreateTopic(maintainer, announcements)).toBe(true);
    expect(canReply(maintainer, announcements, { closed: false })).toBe(false);
    expect(canSeeCategory(member, announcements)).toBe(true);
    expect(canCreateTopic(member, announcements)).toBe(false);
  });

  it("closes a topic to replies except for staff", () => {
    expect(canReply(member, open, { closed: true })).toBe(false);
    expect(canReply(moderator, open, { closed: true })).toBe(true);
  });
});

describe("post rights", () => {
  it("lets authors and staff modify a post, nobody else", () => {
    const post = { userId: 10 };
    expect([member, maintainer, moderator, admin, anonymous].map((reader) => canModifyPost(reader, post))).toEqual([
      true,
      false,
      true,
      true,
      false,
    ]);
  });

  it("lets an author restore what they deleted, but not what a moderator deleted", () => {
    expect(canRestorePost(member, { userId: 10, deletedById: 10 })).toBe(true);
    expect(canRestorePost(member, { userId: 10, deletedById: 12 })).toBe(false);
    expect(canRestorePost(moderator, { userId: 10, deletedById: 10 })).toBe(true);
  });
});
