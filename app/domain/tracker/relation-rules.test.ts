import { describe, expect, it } from "vitest";
import type { Reader } from "~/domain/forum/permissions";
import { trackerRoleOf } from "./permissions";
import { canLinkTopics, duplicateRefusal, relationRefusal, type LinkRequest } from "./relation-rules";

const tracked = { reporterId: 1, maintainerGroups: ["mainteneurs-georchestra"] };
const readers: Record<string, Reader> = {
  anonymous: { role: "anonymous", groups: [], userId: null },
  member: { role: "member", groups: [], userId: 5 },
  reporter: { role: "member", groups: [], userId: 1 },
  "maintainer of an involved solution": { role: "member", groups: ["mainteneurs-georchestra"], userId: 6 },
  "maintainer of another solution": { role: "member", groups: ["mainteneurs-prodige"], userId: 7 },
  moderator: { role: "moderator", groups: [], userId: 8 },
  admin: { role: "admin", groups: [], userId: 9 },
};
const allowed: Record<string, boolean> = {
  anonymous: false,
  member: false,
  reporter: true,
  "maintainer of an involved solution": true,
  "maintainer of another solution": false,
  moderator: true,
  admin: true,
};

const base = (patch: Partial<LinkRequest> = {}): LinkRequest => ({
  role: "maintainer",
  topic: { id: 10, readRestricted: false },
  otherId: 20,
  other: { id: 20, readRestricted: false, duplicateOfTopicId: null },
  ...patch,
});
const relation = (patch: Partial<Parameters<typeof relationRefusal>[0]> = {}) =>
  relationRefusal({ ...base(), kind: "blocks", exists: false, reverseExists: false, ...patch });
const duplicate = (patch: Partial<Parameters<typeof duplicateRefusal>[0]> = {}) =>
  duplicateRefusal({ ...base(), alreadyDuplicateOf: null, ...patch });

describe("who links topics", () => {
  it.each(Object.keys(readers))("%s", (name) => {
    const role = trackerRoleOf(readers[name]!, tracked);
    expect(canLinkTopics(role)).toBe(allowed[name]);
    expect(relation({ role })?.status ?? "ok").toBe(allowed[name] ? "ok" : 403);
    expect(duplicate({ role })?.status ?? "ok").toBe(allowed[name] ? "ok" : 403);
  });
});

describe("blocking relations", () => {
  it("refuses self, missing or hidden topics, public-to-private, duplicates and two-topic cycles", () => {
    expect(relation({ otherId: 10 })?.userMessage).toBe("Un sujet ne peut pas être lié à lui-même.");
    expect(relation({ other: null })?.userMessage).toBe("Le sujet #20 n'existe pas.");
    expect(relation({ other: { id: 20, readRestricted: true, duplicateOfTopicId: null } })?.userMessage).toBe(
      "Le sujet #20 est privé : un sujet public ne peut pas y renvoyer.",
    );
    expect(relation({ exists: true })?.userMessage).toBe("Ce sujet bloque déjà #20.");
    expect(relation({ kind: "blocked_by", exists: true })?.userMessage).toBe("Ce sujet est déjà bloqué par #20.");
    expect(relation({ reverseExists: true })?.userMessage).toBe(
      "Ce sujet est bloqué par #20 : il ne peut pas aussi le bloquer.",
    );
    for (const refusal of [relation({ otherId: 10 }), relation({ other: null }), relation({ reverseExists: true })]) {
      expect(refusal?.status).toBe(422);
    }
  });

  it("lets a private topic point at a public one and at another private one", () => {
    const privateTopic = { id: 10, readRestricted: true };
    expect(relation({ topic: privateTopic })).toBeNull();
    expect(
      relation({ topic: privateTopic, other: { id: 20, readRestricted: true, duplicateOfTopicId: null } }),
    ).toBeNull();
  });
});

describe("closing as a duplicate", () => {
  it("refuses self, missing, private-from-public, a target that is itself a duplicate, and twice", () => {
    expect(duplicate({ otherId: 10 })?.userMessage).toBe("Un sujet ne peut pas être le doublon de lui-même.");
    expect(duplicate({ other: null })?.userMessage).toBe("Le sujet #20 n'existe pas.");
    expect(duplicate({ other: { id: 20, readRestricted: true, duplicateOfTopicId: null } })?.status).toBe(422);
    expect(duplicate({ other: { id: 20, readRestricted: false, duplicateOfTopicId: 30 } })?.userMessage).toBe(
      "Le sujet #20 est lui-même un doublon de #30 : fermez plutôt ce sujet comme doublon de #30.",
    );
    expect(duplicate({ alreadyDuplicateOf: 40 })?.userMessage).toBe("Ce sujet est déjà fermé comme doublon de #40.");
    expect(duplicate()).toBeNull();
  });
});
