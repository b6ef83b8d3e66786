import { describe, expect, it } from "vitest";
import { moveInOrder, parseMoveDirection, validateClassRuleInput } from "./class-rules";

const CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";

describe("group → class rule form", () => {
  it("keeps a rule for any suite when the suite is left empty, trimmed", () => {
    expect(validateClassRuleInput({ suite: "  ", group: " Core ", classUri: CORE })).toEqual({
      suite: null,
      group: "Core",
      classUri: CORE,
    });
  });

  it("names each faulty field in French", () => {
    let caught: unknown;
    try {
      validateClassRuleInput({ suite: "s".repeat(201), group: "", classUri: "" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({
      status: 422,
      context: {
        fieldErrors: {
          suite: "200 caractères au plus.",
          group: expect.stringContaining("Indiquez le nom du groupe"),
          classUri: "Choisissez la classe de conformité.",
        },
      },
    });
  });

  it("moves a rule one step, and not past either end", () => {
    expect(moveInOrder([1, 2, 3], 3, "up")).toEqual([1, 3, 2]);
    expect(moveInOrder([1, 2, 3], 1, "down")).toEqual([2, 1, 3]);
    expect(moveInOrder([1, 2, 3], 1, "up")).toEqual([1, 2, 3]);
    expect(moveInOrder([1, 2, 3], 3, "down")).toEqual([1, 2, 3]);
    expect(moveInOrder([1, 2, 3], 9, "up")).toEqual([1, 2, 3]);
    expect(() => parseMoveDirection("left")).toThrow(/Sens de déplacement inconnu/);
  });
});
