import { DomainError } from "~/domain/shared/errors";
import { type ClauseParameter, ISO_DURATION, isCalendarDate } from "./model";

/** A parameter's typed value: text, integer, duration (ISO 8601), date (AAAA-MM-JJ), choice (option value), boolean. */
export type ParameterValue = string | number | boolean;
export type ParameterValues = Readonly<Record<string, ParameterValue | undefined>>;

type DurationParameter = Extract<ClauseParameter, { type: "duration" }>;

const DURATION_UNITS = {
  D: { one: "jour", many: "jours", family: "days", factor: 1 },
  W: { one: "semaine", many: "semaines", family: "days", factor: 7 },
  M: { one: "mois", many: "mois", family: "months", factor: 1 },
  Y: { one: "an", many: "ans", family: "months", factor: 12 },
} as const;
type DurationUnit = keyof typeof DURATION_UNITS;

/** Days and weeks compare with each other, months and years too; "1 mois" is not a fixed number of days. */
export function parseDuration(
  value: string,
): { amount: number; unit: DurationUnit; family: "days" | "months"; size: number } | undefined {
  const match = ISO_DURATION.exec(value);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = match[2] as DurationUnit;
  const { family, factor } = DURATION_UNITS[unit];
  return { amount, unit, family, size: amount * factor };
}

const FAMILY_NAMES = { days: "en jours ou en semaines (P…D, P…W)", months: "en mois ou en années (P…M, P…Y)" };

export function formatDuration(value: string): string {
  const duration = parseDuration(value);
  if (!duration) return value;
  const names = DURATION_UNITS[duration.unit];
  return `${duration.amount} ${duration.amount > 1 ? names.many : names.one}`;
}

export function formatInteger(value: number, unit?: string): string {
  const formatted = new Intl.NumberFormat("fr-FR").format(value);
  if (!unit) return formatted;
  // French singular below 2 ("1 heure"), for one-word units; "1 jours ouvrés" is left to the clause's author.
  const singular = Math.abs(value) < 2 && /^\p{L}+s$/u.test(unit) ? unit.slice(0, -1) : unit;
  return `${formatted} ${singular}`;
}

/** "1er mars 2027", French usage for the first day of a month. */
export function formatFrenchDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-").map(Number) as [number, number, number];
  const monthName = new Intl.DateTimeFormat("fr-FR", { month: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, 1)),
  );
  return `${day === 1 ? "1er" : day} ${monthName} ${year}`;
}

/** The value as it reads in the binding text. */
export function formatParameterValue(parameter: ClauseParameter, value: ParameterValue): string {
  switch (parameter.type) {
    case "integer":
      return formatInteger(Number(value), parameter.unit);
    case "duration":
      return formatDuration(String(value));
    case "date":
      return formatFrenchDate(String(value));
    case "choice":
      return parameter.options.find((option) => option.value === value)?.label ?? String(value);
    case "boolean":
      return value ? "oui" : "non";
    case "text":
      return String(value);
  }
}

/** How a value is described in messages: bounds read "30 jours", not "P30D". */
const describe = (parameter: ClauseParameter, value: ParameterValue) => formatParameterValue(parameter, value);

/**
 * Checks one value against its parameter and converts form input (strings) to the typed value.
 * Returns the French message naming the field when the value is refused.
 */
export function validateParameterValue(
  parameter: ClauseParameter,
  input: unknown,
): { ok: true; value: ParameterValue } | { ok: false; message: string } {
  const field = `« ${parameter.label} »`;
  const refuse = (message: string) => ({ ok: false as const, message: `${field} ${message}` });
  switch (parameter.type) {
    case "text": {
      if (typeof input !== "string") return refuse("doit être un texte.");
      const text = input.trim();
      if (parameter.maxLength !== undefined && [...text].length > parameter.maxLength)
        return refuse(`ne doit pas dépasser ${parameter.maxLength} caractères.`);
      return { ok: true, value: text };
    }
    case "integer": {
      const number = typeof input === "string" ? Number(input.replace(/[\s\u202f\u00a0]/g, "")) : input;
      if (typeof number !== "number" || !Number.isInteger(number)) return refuse("doit être un nombre entier.");
      const { min, max } = parameter;
      if ((min !== undefined && number < min) || (max !== undefined && number > max))
        return refuse(
          boundsMessage(
            min === undefined ? undefined : describe(parameter, min),
            max === undefined ? undefined : describe(parameter, max),
          ),
        );
      return { ok: true, value: number };
    }
    case "duration":
      return validateDuration(parameter, input, refuse);
    case "date":
      if (typeof input !== "string" || !isCalendarDate(input.trim()))
        return refuse("doit être une date au format AAAA-MM-JJ.");
      return { ok: true, value: input.trim() };
    case "choice": {
      const option = parameter.options.find((candidate) => candidate.value === input);
      if (!option)
        return refuse(
          `doit être l'une des valeurs suivantes : ${parameter.options.map((o) => `« ${o.label} »`).join(", ")}.`,
        );
      return { ok: true, value: option.value };
    }
    case "boolean": {
      if (typeof input === "boolean") return { ok: true, value: input };
      const normalized = typeof input === "string" ? input.trim().toLowerCase() : undefined;
      if (normalized === "true" || normalized === "oui" || normalized === "on") return { ok: true, value: true };
      if (normalized === "false" || normalized === "non") return { ok: true, value: false };
      return refuse("doit valoir oui ou non.");
    }
  }
}

function validateDuration(
  parameter: DurationParameter,
  input: unknown,
  refuse: (message: string) => { ok: false; message: string },
): { ok: true; value: ParameterValue } | { ok: false; message: string } {
  const text = typeof input === "string" ? input.trim().toUpperCase() : "";
  const duration = parseDuration(text);
  if (!duration) return refuse("doit être une durée ISO 8601 : P30D (jours), P2W (semaines), P3M (mois) ou P1Y (ans).");
  const min = parameter.min === undefined ? undefined : parseDuration(parameter.min);
  const max = parameter.max === undefined ? undefined : parseDuration(parameter.max);
  const family = min?.family ?? max?.family;
  if (family && duration.family !== family) return refuse(`doit être exprimée ${FAMILY_NAMES[family]}.`);
  if ((min && duration.size < min.size) || (max && duration.size > max.size))
    return refuse(
      boundsMessage(parameter.min && formatDuration(parameter.min), parameter.max && formatDuration(parameter.max)),
    );
  return { ok: true, value: text };
}

function boundsMessage(min: string | undefined, max: string | undefined): string {
  if (min !== undefined && max !== undefined) return `doit être compris entre ${min} et ${max}.`;
  if (min !== undefined) return `doit être au moins ${min}.`;
  return `doit être au plus ${max}.`;
}

const isAbsent = (input: unknown) =>
  input === undefined || input === null || (typeof input === "string" && input.trim() === "");

export interface ResolvedParameters {
  values: Record<string, ParameterValue | undefined>;
  /** Parameter name → French message naming the field; empty when every value is acceptable. */
  fieldErrors: Record<string, string>;
}

/**
 * Applies defaults and validates the buyer's values (form strings or typed values). Every problem is reported at
 * once, keyed by parameter name, so a form can show each message beside its field.
 */
export function resolveParameterValues(
  parameters: readonly ClauseParameter[],
  input: Readonly<Record<string, unknown>>,
  options: { allowMissingRequired?: boolean } = {},
): ResolvedParameters {
  const values: Record<string, ParameterValue | undefined> = {};
  const fieldErrors: Record<string, string> = {};
  for (const parameter of parameters) {
    const given = input[parameter.name];
    const candidate = isAbsent(given) ? parameter.default : given;
    if (isAbsent(candidate)) {
      values[parameter.name] = undefined;
      if (parameter.required && !options.allowMissingRequired)
        fieldErrors[parameter.name] = `« ${parameter.label} » est obligatoire.`;
      continue;
    }
    const result = validateParameterValue(parameter, candidate);
    if (result.ok) values[parameter.name] = result.value;
    else fieldErrors[parameter.name] = result.message;
  }
  return { values, fieldErrors };
}

/** Same as resolveParameterValues, but refuses with a 422 DomainError carrying `fieldErrors` for the form. */
export function requireParameterValues(
  clause: { id: string; title: string; parameters: readonly ClauseParameter[] },
  input: Readonly<Record<string, unknown>>,
): Record<string, ParameterValue | undefined> {
  const { values, fieldErrors } = resolveParameterValues(clause.parameters, input);
  if (Object.keys(fieldErrors).length > 0)
    throw new DomainError(422, `Les paramètres de la clause « ${clause.title} » sont à corriger.`, {
      clauseId: clause.id,
      fieldErrors,
    });
  return values;
}
