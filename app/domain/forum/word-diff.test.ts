import { expect, it } from "vitest";
import { wordDiff } from "./word-diff";

it("marks removed and added words in reading order", () => {
  expect(wordDiff("Le lien next perd bbox.", "Le lien next garde bbox.")).toEqual([
    { kind: "same", text: "Le lien next " },
    { kind: "removed", text: "perd" },
    { kind: "added", text: "garde" },
    { kind: "same", text: " bbox." },
  ]);
});
