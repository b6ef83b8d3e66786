import { describe, expect, it } from "vitest";
import { interner } from "./intern";

describe("interner", () => {
  it("makes one object per key and hands the same one back", () => {
    const categoryOf = interner<number, { id: number }>();
    let made = 0;
    const make = (id: number) => () => ({ id, made: ++made });
    const first = categoryOf(1, make(1));
    expect(categoryOf(1, make(1))).toBe(first);
    expect(categoryOf(2, make(2))).not.toBe(first);
    expect(made).toBe(2);
  });
});
