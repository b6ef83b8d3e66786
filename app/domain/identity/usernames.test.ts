import { expect, it } from "vitest";
import { uniqueUsername, usernameBase } from "./usernames";

it("derives readable ASCII usernames from French names", () => {
  expect(usernameBase("Élodie", "Le Goff")).toBe("elodie.le-goff");
  expect(usernameBase("Jean-François", "D'Arc")).toBe("jean-francois.d-arc");
  expect(usernameBase("", "")).toBe("utilisateur");
});

it("adds a number when the username is taken", async () => {
  const taken = new Set(["claire.martin", "claire.martin2"]);
  expect(await uniqueUsername("claire.martin", async (name) => taken.has(name))).toBe("claire.martin3");
});
