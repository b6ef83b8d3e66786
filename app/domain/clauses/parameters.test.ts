import { describe, expect, it } from "vitest";
import type { ClauseParameter } from "./model";
import {
  formatFrenchDate,
  formatParameterValue,
  requireParameterValues,
  resolveParameterValues,
  validateParameterValue,
} from "./parameters";
import { DomainError } from "~/domain/shared/errors";

const integer: ClauseParameter = {
  name: "delai",
  type: "integer",
  label: "Délai de signalement",
  unit: "heures",
  min: 1,
  max: 72,
  required: true,
};
const duration: ClauseParameter = {
  name: "restitution",
  type: "duration",
  label: "Délai de restitution",
  min: "P15D",
  max: "P90D",
  required: true,
};
const choice: ClauseParameter = {
  name: "plage",
  type: "choice",
  label: "Plage de service",
  options: [
    { value: "continue", label: "24 heures sur 24" },
    { value: "ouvree", label: "les jours ouvrés" },
  ],
  required: true,
};

const messageOf = (parameter: ClauseParameter, input: unknown) => {
  const result = validateParameterValue(parameter, input);
  return result.ok ? undefined : result.message;
};

describe("parameter validation", () => {
  it("checks integer bounds and names the field in French", () => {
    expect(validateParameterValue(integer, "24")).toEqual({ ok: true, value: 24 });
    expect(messageOf(integer, 100)).toBe("« Délai de signalement » doit être compris entre 1 heure et 72 heures.");
    expect(messageOf(integer, "2,5")).toBe("« Délai de signalement » doit être un nombre entier.");
    expect(messageOf({ ...integer, min: undefined }, 100)).toBe(
      "« Délai de signalement » doit être au plus 72 heures.",
    );
  });

  it("checks durations against bounds of the same family, and refuses months where days are expected", () => {
    expect(validateParameterValue(duration, "p3w")).toEqual({ ok: true, value: "P3W" });
    expect(messageOf(duration, "P7D")).toBe("« Délai de restitution » doit être compris entre 15 jours et 90 jours.");
    expect(messageOf(duration, "P1M")).toBe(
      "« Délai de restitution » doit être exprimée en jours ou en semaines (P…D, P…W).",
    );
    expect(messageOf(duration, "30 jours")).toMatch(/^« Délai de restitution » doit être une durée ISO 8601/);
  });

  it("accepts only declared choices, dates that exist, and yes/no for booleans", () => {
    expect(messageOf(choice, "nuit")).toBe(
      "« Plage de service » doit être l'une des valeurs suivantes : « 24 heures sur 24 », « les jours ouvrés ».",
    );
    const date: ClauseParameter = { name: "debut", type: "date", label: "Date de début", required: true };
    expect(messageOf(date, "2027-02-30")).toBe("« Date de début » doit être une date au format AAAA-MM-JJ.");
    const flag: ClauseParameter = { name: "audit", type: "boolean", label: "Audit", required: true };
    expect(validateParameterValue(flag, "oui")).toEqual({ ok: true, value: true });
    expect(validateParameterValue(flag, "false")).toEqual({ ok: true, value: false });
    expect(messageOf(flag, "peut-être")).toBe("« Audit » doit valoir oui ou non.");
    const text: ClauseParameter = { name: "nom", type: "text", label: "Nom", maxLength: 5, required: true };
    expect(messageOf(text, "trop long")).toBe("« Nom » ne doit pas dépasser 5 caractères.");
  });

  it("applies defaults, reports every missing required field at once, and leaves optional ones empty", () => {
    const optional: ClauseParameter = { name: "autres", type: "text", label: "Autres systèmes", required: false };
    const resolved = resolveParameterValues([{ ...integer, default: 24 }, duration, optional, choice], {
      plage: "x",
      autres: "  ",
    });
    expect(resolved.values).toEqual({ delai: 24, restitution: undefined, autres: undefined });
    expect(resolved.fieldErrors).toEqual({
      restitution: "« Délai de restitution » est obligatoire.",
      plage: "« Plage de service » doit être l'une des valeurs suivantes : « 24 heures sur 24 », « les jours ouvrés ».",
    });
  });

  it("refuses with a 422 DomainError carrying the field errors", () => {
    try {
      requireParameterValues({ id: "c", title: "Confidentialité", parameters: [integer] }, { delai: 0 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({
        status: 422,
        userMessage: "Les paramètres de la clause « Confidentialité » sont à corriger.",
        context: { fieldErrors: { delai: "« Délai de signalement » doit être compris entre 1 heure et 72 heures." } },
      });
    }
  });

  it("formats values in French", () => {
    expect(formatParameterValue(integer, 3000).replace(/\s/g, " ")).toBe("3 000 heures");
    expect(formatParameterValue(duration, "P1Y")).toBe("1 an");
    expect(formatParameterValue(duration, "P2W")).toBe("2 semaines");
    expect(formatParameterValue(duration, "P3M")).toBe("3 mois");
    expect(formatParameterValue(choice, "ouvree")).toBe("les jours ouvrés");
    expect(formatFrenchDate("2027-03-01")).toBe("1er mars 2027");
    expect(formatFrenchDate("2027-12-25")).toBe("25 décembre 2027");
  });
});
