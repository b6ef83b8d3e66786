import { describe, expect, it } from "vitest";
import { DomainError } from "~/domain/shared/errors";
import { anonymous, requireAdmin, requireScope, type SignedInUser, type Viewer } from "./viewer";

const user = (role: SignedInUser["role"]): SignedInUser => ({
  id: 1,
  username: "x",
  displayName: "X",
  role,
  groups: [],
});
const session = (role: SignedInUser["role"]): Viewer => ({ kind: "session", user: user(role), sessionId: "s" });

describe("requireAdmin", () => {
  it.each([
    ["anonymous", anonymous],
    ["member", session("member")],
    ["moderator", session("moderator")],
    [
      "an admin's API key",
      { kind: "api_key", user: user("admin"), group: null, apiKeyId: 1, scopes: ["read"] } as Viewer,
    ],
  ])("refuses %s with a 403", (_label, viewer) => {
    const error = (() => {
      try {
        requireAdmin(viewer);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(403);
  });

  it("lets an admin's session through", () => {
    expect(requireAdmin(session("admin")).role).toBe("admin");
  });
});

describe("requireScope", () => {
  it("limits API keys to their scopes but not sessions", () => {
    const key: Viewer = { kind: "api_key", user: user("member"), group: null, apiKeyId: 1, scopes: ["read"] };
    expect(() => requireScope(key, "read")).not.toThrow();
    expect(() => requireScope(key, "conformance:write")).toThrow(/conformance:write/);
    expect(() => requireScope(session("member"), "conformance:write")).not.toThrow();
    expect(() => requireScope(anonymous, "read")).toThrow(DomainError);
  });
});
