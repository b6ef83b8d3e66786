import { expect, it } from "vitest";
import { extractMentions, extractQuotedUsers, linkMentions } from "./mentions";

it("finds mentions in text, not in code nor in e-mail addresses", () => {
  const raw = [
    "Merci @julien.roux et @Mainteneurs-Prodige !",
    "Écrire à claire@mairie.fr, ou voir `@pas.une.mention`.",
    "```",
    "@toujours.pas",
    "```",
    "(@karim.haddad)",
  ].join("\n");
  expect(extractMentions(raw)).toEqual(["julien.roux", "mainteneurs-prodige", "karim.haddad"]);
});

it("links known users and groups and leaves unknown handles as text", () => {
  const known = { users: new Set(["julien.roux"]), groups: new Set(["membres-crige"]) };
  expect(linkMentions("Voir @julien.roux, @membres-crige et @personne.", known)).toBe(
    "Voir [@julien.roux](/u/julien.roux), [@membres-crige](/groups#membres-crige) et @personne.",
  );
  expect(linkMentions("`@julien.roux`", known)).toBe("`@julien.roux`");
});

it("finds who a post quotes from the composer's attribution line", () => {
  expect(extractQuotedUsers("> **@julien.roux** a écrit ([#3](/t/a/1/3)) :\n>\n> texte\n\nRéponse")).toEqual([
    "julien.roux",
  ]);
});
