import { expect, it } from "vitest";
import { slugify } from "./slug";

it("builds ASCII slugs from French titles", () => {
  expect(slugify("Pagination cassée à l'étape 2 : « next » perd le filtre")).toBe(
    "pagination-cassee-a-l-etape-2-next-perd-le-filtre",
  );
  expect(slugify("Œuvre  collective")).toBe("oeuvre-collective");
  expect(slugify("!!!")).toBe("sujet");
});
