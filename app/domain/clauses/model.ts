import { z } from "zod";
import { isSemver } from "./semver";
import type { TemplateNode } from "./template";

// The clause file's front matter, as a zod schema: the single definition of the format (documented in
// clauses/README.md). Objects are strict so that a misspelt key is an error, not silently ignored.

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PARAMETER_NAME = /^[a-z][a-zA-Z0-9]*$/;
/** Calendar durations only (no time part): one number and one unit among days, weeks, months, years. */
export const ISO_DURATION = /^P([1-9]\d*)([DWMY])$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const isoDate = z.string().refine(isCalendarDate, { message: "doit être une date au format AAAA-MM-JJ" });
const isoDuration = z.string().regex(ISO_DURATION, {
  message: "doit être une durée ISO 8601 d'une seule unité : P30D (jours), P2W (semaines), P3M (mois) ou P1Y (ans)",
});
const frenchText = z.string().trim().min(1);

const parameterBase = {
  name: z
    .string()
    .regex(PARAMETER_NAME, {
      message: "doit commencer par une minuscule et ne contenir que des lettres et chiffres (camelCase)",
    })
    .refine((name) => name !== "else", { message: "« else » est un mot réservé des gabarits" }),
  label: frenchText,
  help: frenchText.optional(),
  /** A required parameter must receive a value (or have a default) before the clause can be exported. */
  required: z.boolean().default(true),
};

const textParameter = z
  .object({
    ...parameterBase,
    type: z.literal("text"),
    default: frenchText.optional(),
    maxLength: z.number().int().positive().optional(),
  })
  .strict();
const integerParameter = z
  .object({
    ...parameterBase,
    type: z.literal("integer"),
    unit: frenchText.optional(),
    min: z.number().int().optional(),
    max: z.number().int().optional(),
    default: z.number().int().optional(),
  })
  .strict();
const durationParameter = z
  .object({
    ...parameterBase,
    type: z.literal("duration"),
    min: isoDuration.optional(),
    max: isoDuration.optional(),
    default: isoDuration.optional(),
  })
  .strict();
const dateParameter = z.object({ ...parameterBase, type: z.literal("date"), default: isoDate.optional() }).strict();
const choiceParameter = z
  .object({
    ...parameterBase,
    type: z.literal("choice"),
    options: z
      .array(
        z
          .object({ value: z.string().regex(KEBAB_CASE, { message: "doit être en kebab-case" }), label: frenchText })
          .strict(),
      )
      .min(2),
    default: z.string().optional(),
  })
  .strict();
const booleanParameter = z
  .object({ ...parameterBase, type: z.literal("boolean"), default: z.boolean().optional() })
  .strict();

export const clauseParameterSchema = z.discriminatedUnion("type", [
  textParameter,
  integerParameter,
  durationParameter,
  dateParameter,
  choiceParameter,
  booleanParameter,
]);

export const clauseReferenceSchema = z
  .object({
    /** e.g. "RGAA", "CCAG-TIC", "OGC API - Features - Part 1: Core". */
    standard: frenchText,
    /** The exact version in force at publication (DINUM's advice): "4.1", "2021", "1.0". */
    version: frenchText.optional(),
    article: frenchText.optional(),
    url: z.string().url().optional(),
  })
  .strict();

export const CLAUSE_STATUSES = ["draft", "published", "deprecated", "superseded"] as const;
/** How strongly the library advises including the clause in a CCTP of its scope (documented in clauses/README.md). */
export const CLAUSE_OBLIGATIONS = ["obligatoire", "recommandée", "optionnelle"] as const;

export const clauseFrontMatterSchema = z
  .object({
    id: z.string().regex(KEBAB_CASE, { message: "doit être en kebab-case (minuscules, chiffres et tirets)" }),
    title: frenchText,
    theme: frenchText,
    tags: z.array(z.string().regex(KEBAB_CASE, { message: "doit être en kebab-case" })).default([]),
    version: z.string().refine(isSemver, { message: "doit être une version sémantique MAJEURE.MINEURE.CORRECTIF" }),
    status: z.enum(CLAUSE_STATUSES),
    supersededBy: z.string().regex(KEBAB_CASE).optional(),
    published: isoDate.nullable(),
    inForceFrom: isoDate.nullable(),
    obligation: z.enum(CLAUSE_OBLIGATIONS),
    parameters: z.array(clauseParameterSchema).default([]),
    references: z.array(clauseReferenceSchema).default([]),
    conformanceClasses: z.array(z.string().url()).default([]),
    changelog: frenchText.refine((line) => !line.includes("\n"), { message: "doit tenir sur une ligne" }),
  })
  .strict()
  .superRefine((clause, context) => {
    if (clause.status === "draft" && clause.published !== null)
      context.addIssue({ code: "custom", path: ["published"], message: "doit être null pour un brouillon" });
    if (clause.status !== "draft" && clause.published === null)
      context.addIssue({ code: "custom", path: ["published"], message: "est obligatoire pour une version publiée" });
    if (clause.status === "superseded" && !clause.supersededBy)
      // Reported on `status`: the missing key has no line of its own.
      context.addIssue({
        code: "custom",
        path: ["status"],
        message: "« superseded » exige le champ supersededBy (la clause qui la remplace)",
      });
    if (clause.status !== "superseded" && clause.supersededBy)
      context.addIssue({
        code: "custom",
        path: ["supersededBy"],
        message: "n'est permis que si status vaut superseded",
      });
    if (clause.published && clause.inForceFrom && clause.inForceFrom < clause.published)
      context.addIssue({
        code: "custom",
        path: ["inForceFrom"],
        message: "ne peut pas précéder la date de publication",
      });
    const seen = new Set<string>();
    clause.parameters.forEach((parameter, index) => {
      if (seen.has(parameter.name))
        context.addIssue({
          code: "custom",
          path: ["parameters", index, "name"],
          message: `« ${parameter.name} » est déjà déclaré`,
        });
      seen.add(parameter.name);
    });
  });

export type ClauseFrontMatter = z.infer<typeof clauseFrontMatterSchema>;
export type ClauseParameter = z.infer<typeof clauseParameterSchema>;
export type ClauseReference = z.infer<typeof clauseReferenceSchema>;
export type ClauseStatus = (typeof CLAUSE_STATUSES)[number];
export type ClauseObligation = (typeof CLAUSE_OBLIGATIONS)[number];

/** One version of a clause as read from `clauses/<id>/<version>.md` (or `draft.md`). */
export interface ClauseVersion extends ClauseFrontMatter {
  /** True for `draft.md`: never locked, never exported as a published version. */
  isDraft: boolean;
  /** The binding text, a template with `{{parameter}}` placeholders and `{{#if}}` blocks. */
  bindingText: string;
  /** Advice for the buyer (after the `## Guide de l'acheteur` heading): plain Markdown, never binding. */
  guidanceText: string;
  template: TemplateNode[];
  source: ClauseSource;
}

export interface ClauseSource {
  /** Path as shown to people, e.g. `clauses/reversibilite/1.0.0.md`. */
  file: string;
  /** `sha256:<hex>` of the normalized file: what the lock file records and the annex prints. */
  contentHash: string;
  /** The normalized file text the hash is computed on: what the database stores, so a version can be re-parsed. */
  normalizedText: string;
  /** Line of the first line of binding text, and of the guidance heading (0 when there is none). */
  bindingStartLine: number;
  guidanceStartLine: number;
  /** Line of a front-matter field given as a dotted path (`parameters.0.min`), for checks that run after parsing. */
  lineOf(path: readonly (string | number)[]): number;
}

/** All the versions of one clause, oldest first. */
export interface Clause {
  id: string;
  /** Published versions (any status but draft), ascending by semver. */
  versions: ClauseVersion[];
  draft?: ClauseVersion;
}

export const latestVersion = (clause: Clause): ClauseVersion | undefined => clause.versions.at(-1);
