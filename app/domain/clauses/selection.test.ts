import { describe, expect, it } from "vitest";
import { moveAnnouncement, moveToPosition, type Selection } from "./selection";

const selection = (ids: string[]): Selection => ({
  title: "",
  buyer: "",
  items: ids.map((id) => ({ id, section: "Exigences", parameters: {} })),
});
const order = (value: Selection) => value.items.map((item) => item.id);

describe("moveToPosition (drag and drop)", () => {
  it("moves an item down or up, the others keeping their order", () => {
    expect(order(moveToPosition(selection(["a", "b", "c", "d"]), 0, 2))).toEqual(["b", "c", "a", "d"]);
    expect(order(moveToPosition(selection(["a", "b", "c", "d"]), 3, 1))).toEqual(["a", "d", "b", "c"]);
  });

  it("ignores positions outside the selection", () => {
    expect(order(moveToPosition(selection(["a", "b"]), 0, 5))).toEqual(["a", "b"]);
    expect(order(moveToPosition(selection(["a", "b"]), -1, 0))).toEqual(["a", "b"]);
    expect(order(moveToPosition(selection(["a", "b"]), Number.NaN, 0))).toEqual(["a", "b"]);
  });

  it("announces the new position counted from one", () => {
    expect(moveAnnouncement(2, 5)).toBe("Clause déplacée en position 3 sur 5.");
  });
});
