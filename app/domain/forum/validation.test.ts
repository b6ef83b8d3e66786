import { expect, it } from "vitest";
import { DomainError } from "~/domain/shared/errors";
import { DEFAULT_POSTING_LIMITS as limits, validatePostInput, validateTopicInput } from "./validation";

const fieldErrorsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as DomainError).context.fieldErrors;
  }
  throw new Error("no error");
};

it("normalises a valid topic: spaces in the title, Windows line ends in the post", () => {
  expect(validateTopicInput({ title: "  Pagination   cassée  ", raw: "Ligne 1\r\nLigne 2\r\n" }, limits)).toEqual({
    title: "Pagination cassée",
    raw: "Ligne 1\nLigne 2",
  });
});

it("reports every field's problem at once, in French, with a 422", () => {
  expect(fieldErrorsOf(() => validateTopicInput({ title: "abc", raw: "   " }, limits))).toEqual({
    title: "Le titre doit contenir au moins 5 caractères.",
    raw: "Le message est vide.",
  });
  expect(() => validateTopicInput({ title: "abc", raw: "" }, limits)).toThrow(DomainError);
});

it("refuses oversized titles and posts, counting characters not bytes", () => {
  expect(validateTopicInput({ title: "é".repeat(255), raw: "x" }, limits).title).toHaveLength(255);
  expect(fieldErrorsOf(() => validateTopicInput({ title: "é".repeat(256), raw: "x" }, limits))).toHaveProperty("title");
  const { raw } = fieldErrorsOf(() => validatePostInput({ raw: "x".repeat(32_001) }, limits)) as { raw: string };
  // French number formatting separates thousands with a narrow no-break space.
  expect(raw.replace(/\s/g, " ")).toBe("Le message ne doit pas dépasser 32 000 caractères (32 001 actuellement).");
});
