import { describe, expect, it } from "vitest";
import { type DomainError } from "~/domain/shared/errors";
import { NEW_GROUP_CHOICE, solutionSlug, validateSolutionInput, validateVersion } from "./solutions";

function fieldErrorsOf(work: () => unknown): Record<string, string> {
  try {
    work();
  } catch (error) {
    expect((error as DomainError).status).toBe(422);
    return (error as DomainError).context.fieldErrors as Record<string, string>;
  }
  throw new Error("expected a refusal");
}

describe("solution form", () => {
  it("derives the identifier from the name unless one is typed, and names the new maintainers' group after it", () => {
    expect(solutionSlug("Géoplateforme (IGN) — œuvre")).toBe("geoplateforme-ign-oeuvre");
    expect(validateSolutionInput({ name: "Mviewer Éd. 2", maintainerGroup: NEW_GROUP_CHOICE })).toEqual({
      name: "Mviewer Éd. 2",
      slug: "mviewer-ed-2",
      repositoryUrl: "",
      trackerUrl: "",
      maintainer: { kind: "create", name: "mainteneurs-mviewer-ed-2" },
    });
    expect(
      validateSolutionInput({ name: "Mviewer", slug: "mviewer-bis", maintainerGroup: "mainteneurs-x" }),
    ).toMatchObject({ slug: "mviewer-bis", maintainer: { kind: "existing", name: "mainteneurs-x" } });
  });

  it("refuses bad fields with French messages next to each", () => {
    const errors = fieldErrorsOf(() =>
      validateSolutionInput({ name: "X", slug: "Pas_Valide", repositoryUrl: "ftp://x", trackerUrl: "pas une url" }),
    );
    expect(Object.keys(errors).sort()).toEqual(["name", "repositoryUrl", "slug", "trackerUrl"]);
    expect(errors.name).toBe("Le nom doit contenir de 2 à 100 caractères.");
    expect(errors.repositoryUrl).toContain("http:// ou https://");
    expect(
      fieldErrorsOf(() => validateSolutionInput({ name: "a".repeat(60), maintainerGroup: NEW_GROUP_CHOICE }))
        .maintainerGroup,
    ).toContain("dépasse 50 caractères");
  });

  it("accepts version numbers and refuses blanks and spaces", () => {
    expect(validateVersion(" 24.0.1 ")).toBe("24.0.1");
    expect(validateVersion("2025.1-rc+1")).toBe("2025.1-rc+1");
    expect(fieldErrorsOf(() => validateVersion("")).version).toContain("De 1 à 50 caractères");
    expect(fieldErrorsOf(() => validateVersion("version 2")).version).toContain("De 1 à 50 caractères");
  });
});
