import { type ZodErrorMap, ZodIssueCode, ZodParsedType } from "zod";

const TYPE_NAMES: Partial<Record<string, string>> = {
  [ZodParsedType.string]: "un texte",
  [ZodParsedType.number]: "un nombre",
  [ZodParsedType.integer]: "un nombre entier",
  [ZodParsedType.float]: "un nombre décimal",
  [ZodParsedType.boolean]: "un booléen (true ou false)",
  [ZodParsedType.array]: "une liste",
  [ZodParsedType.object]: "un objet (clé: valeur)",
  [ZodParsedType.null]: "null",
  [ZodParsedType.undefined]: "absent",
};
const typeName = (type: string) => TYPE_NAMES[type] ?? type;
const plural = (count: number | bigint, word: string) => `${count} ${word}${Number(count) > 1 ? "s" : ""}`;

/** French messages for the clause front matter; the caller prefixes them with the field's path. */
export const frenchErrorMap: ZodErrorMap = (issue, context) => {
  switch (issue.code) {
    case ZodIssueCode.invalid_type:
      if (issue.received === ZodParsedType.undefined) return { message: "est obligatoire" };
      return { message: `doit être ${typeName(issue.expected)}, pas ${typeName(issue.received)}` };
    case ZodIssueCode.invalid_literal:
      return { message: `doit valoir « ${String(issue.expected)} »` };
    case ZodIssueCode.unrecognized_keys:
      return { message: `clé inconnue ${issue.keys.map((key) => `« ${key} »`).join(", ")}` };
    case ZodIssueCode.invalid_union_discriminator:
      return { message: `valeur inconnue ; valeurs possibles : ${issue.options.map(String).join(", ")}` };
    case ZodIssueCode.invalid_enum_value:
      return {
        message: `« ${String(issue.received)} » n'est pas permis ; valeurs possibles : ${issue.options.map(String).join(", ")}`,
      };
    case ZodIssueCode.too_small:
      if (issue.type === "string") return { message: "ne doit pas être vide" };
      if (issue.type === "array") return { message: `doit contenir au moins ${plural(issue.minimum, "élément")}` };
      return { message: `doit être supérieur ou égal à ${String(issue.minimum)}` };
    case ZodIssueCode.too_big:
      if (issue.type === "string") return { message: `ne doit pas dépasser ${plural(issue.maximum, "caractère")}` };
      if (issue.type === "array") return { message: `doit contenir au plus ${plural(issue.maximum, "élément")}` };
      return { message: `doit être inférieur ou égal à ${String(issue.maximum)}` };
    case ZodIssueCode.invalid_string:
      if (issue.validation === "url") return { message: "doit être une URL absolue (https://…)" };
      return { message: "n'a pas le format attendu" };
    case ZodIssueCode.not_multiple_of:
      return { message: `doit être un multiple de ${String(issue.multipleOf)}` };
    default:
      return { message: context.defaultError };
  }
};
