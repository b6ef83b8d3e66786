import { describe, expect, it } from "vitest";
import { clauseFile } from "../../../tests/clauses/clause-file-factory";
import { parseClauseFile } from "./parse-clause-file";
import { isOutdated, upgradeSelectionItem } from "./upgrade";

const parse = (version: string, parameters: unknown[]) =>
  parseClauseFile(
    `clauses/exemple/${version}.md`,
    clauseFile({
      frontMatter: { version, parameters, changelog: "Modifications." },
      body: parameters.length
        ? `Texte ${parameters.map((p) => `{{${(p as { name: string }).name}}}`).join(" ")}.`
        : "Texte.",
    }),
  ).version!;

const delai = {
  name: "delai",
  type: "integer",
  label: "Délai de livraison",
  unit: "jours",
  min: 5,
  max: 60,
  default: 30,
};
const penalite = { name: "penalite", type: "text", label: "Mention de pénalité", maxLength: 50 };

describe("upgradeSelectionItem", () => {
  const from = parse("1.0.0", [delai, penalite, { name: "format", type: "text", label: "Format", maxLength: 20 }]);
  const to = parse("2.0.0", [
    { ...delai, max: 45 },
    { ...penalite, maxLength: 100 },
    { name: "audit", type: "boolean", label: "Audit annuel", default: true },
    { name: "licence", type: "text", label: "Version de la licence", required: true },
  ]);

  it("keeps values the new version still accepts, and pins the new version", () => {
    const upgrade = upgradeSelectionItem(
      { id: "exemple", version: "1.0.0", section: "Prestations", parameters: { delai: "40", penalite: "Aucune" } },
      from,
      to,
    );
    expect(upgrade.item.version).toBe("2.0.0");
    expect(upgrade.item.section).toBe("Prestations");
    expect(upgrade.item.parameters.delai).toBe("40");
    expect(upgrade.item.parameters.penalite).toBe("Aucune");
    expect(upgrade.kept.map((entry) => entry.name)).toEqual(["delai", "penalite"]);
    expect(upgrade.invalid).toEqual([]);
  });

  it("fills new parameters with their default and says when one must be given", () => {
    const upgrade = upgradeSelectionItem({ id: "exemple", version: "1.0.0", section: "S", parameters: {} }, from, to);
    expect(upgrade.item.parameters.audit).toBe("true");
    expect(upgrade.item.parameters.licence).toBe("");
    expect(upgrade.added.map((entry) => entry.message)).toEqual([
      "Nouveau paramètre « Audit annuel » : valeur par défaut « oui ».",
      "Nouveau paramètre obligatoire « Version de la licence » : renseignez-le.",
    ]);
  });

  it("drops removed parameters and names the value that goes", () => {
    const upgrade = upgradeSelectionItem(
      { id: "exemple", version: "1.0.0", section: "S", parameters: { format: "GeoJSON" } },
      from,
      to,
    );
    expect(upgrade.item.parameters).not.toHaveProperty("format");
    expect(upgrade.removed).toEqual([
      {
        name: "format",
        label: "Format",
        message: "« Format » n'existe plus dans la version 2.0.0 : la valeur « GeoJSON » est retirée.",
      },
    ]);
  });

  it("reports a value that became invalid and keeps it as typed rather than changing it", () => {
    const upgrade = upgradeSelectionItem(
      { id: "exemple", version: "1.0.0", section: "S", parameters: { delai: "55" } },
      from,
      to,
    );
    expect(upgrade.item.parameters.delai).toBe("55");
    expect(upgrade.kept).toEqual([]);
    expect(upgrade.invalid).toEqual([
      {
        name: "delai",
        label: "Délai de livraison",
        message:
          "« Délai de livraison » doit être compris entre 5 jours et 45 jours. La valeur « 55 » n'est plus acceptée par la version 2.0.0 : corrigez-la.",
      },
    ]);
  });
});

describe("isOutdated", () => {
  it("compares versions numerically, not as text", () => {
    expect(isOutdated("1.0.0", "1.1.0")).toBe(true);
    expect(isOutdated("1.10.0", "1.9.0")).toBe(false);
    expect(isOutdated("1.1.0", "1.1.0")).toBe(false);
    expect(isOutdated(undefined, "1.1.0")).toBe(false);
  });
});
