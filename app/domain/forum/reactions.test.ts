import { describe, expect, it } from "vitest";
import { parseReactionChoice, reactionChoice } from "./reactions";

describe("a reaction button's value", () => {
  it("names the post and the reaction, and reads back", () => {
    expect(reactionChoice(199927, "+1")).toBe("199927:+1");
    expect(parseReactionChoice(reactionChoice(12, "confused"))).toEqual({ postId: 12, kind: "confused" });
  });

  it("is refused when the reaction is unknown or the post is not a number", () => {
    for (const value of ["12:poop", "12", ":+1", "abc:+1", "-3:+1", "1.5:heart", "12:+1:x", null, undefined, 12]) {
      expect(parseReactionChoice(value)).toBeNull();
    }
  });
});
