import { diffWordsWithSpace } from "diff";

export interface DiffSegment {
  kind: "same" | "added" | "removed";
  text: string;
}

/** A word-level inline diff, as Discourse shows revisions: what was removed, what was added, in reading order. */
export function wordDiff(before: string, after: string): DiffSegment[] {
  return diffWordsWithSpace(before, after).map((part) => ({
    kind: part.added ? "added" : part.removed ? "removed" : "same",
    text: part.value,
  }));
}
