import { expect, it } from "vitest";
import { acceptableAcrValues, satisfiesAcr } from "./acr";

it("accepts the required level and every stronger one", () => {
  expect(acceptableAcrValues("eidas1")).toEqual(["eidas1", "eidas1-mfa", "eidas2", "eidas3"]);
  expect(satisfiesAcr("eidas2", "eidas1")).toBe(true);
  expect(satisfiesAcr("eidas1-mfa", "eidas1")).toBe(true);
});

it("refuses weaker, unknown or missing levels", () => {
  expect(satisfiesAcr("eidas0", "eidas1")).toBe(false);
  expect(satisfiesAcr("eidas1", "eidas1-mfa")).toBe(false);
  expect(satisfiesAcr("https://proconnect.gouv.fr/assurance/certification-dirigeant", "eidas1")).toBe(false);
  expect(satisfiesAcr(undefined, "eidas0")).toBe(false);
});
