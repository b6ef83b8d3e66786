import { DomainError } from "~/domain/shared/errors";
import { type Block, escapeMarkdown, markdownToBlocks } from "./blocks";
import type { ClauseObligation, ClauseReference, ClauseStatus, ClauseVersion } from "./model";
import { formatParameterValue, type ParameterValue, resolveParameterValues } from "./parameters";
import { evaluateTemplate, type TemplateCondition } from "./template";

/** A clause version with the buyer's values filled in: what a document holds and a page shows. */
export interface RenderedClause {
  id: string;
  version: string;
  contentHash: string;
  title: string;
  status: ClauseStatus;
  obligation: ClauseObligation;
  /** The binding text after evaluation, as Markdown (for copy-to-clipboard). */
  markdown: string;
  blocks: Block[];
  /** The buyer's guide; exporters print it only when asked, and never as binding text. */
  guidance: Block[];
  references: ClauseReference[];
  conformanceClasses: string[];
  values: Record<string, ParameterValue | undefined>;
}

export interface RenderOptions {
  /**
   * For previews before the buyer has filled the form: a missing required value prints as « [libellé] » instead
   * of refusing. Exports leave it false.
   */
  allowMissing?: boolean;
}

/**
 * Validates the values (French messages naming each field, as a 422 DomainError with `fieldErrors`), then
 * evaluates conditions and placeholders.
 */
export function renderClauseVersion(
  version: ClauseVersion,
  input: Readonly<Record<string, unknown>> = {},
  options: RenderOptions = {},
): RenderedClause {
  const { values, fieldErrors } = resolveParameterValues(version.parameters, input, {
    allowMissingRequired: options.allowMissing,
  });
  if (Object.keys(fieldErrors).length > 0)
    throw new DomainError(422, `Les paramètres de la clause « ${version.title} » sont à corriger.`, {
      clauseId: version.id,
      version: version.version,
      fieldErrors,
    });
  const parameters = new Map(version.parameters.map((parameter) => [parameter.name, parameter]));
  const markdown = evaluateTemplate(version.template, {
    format(name) {
      const parameter = parameters.get(name);
      const value = values[name];
      if (!parameter) return escapeMarkdown(`[${name}]`);
      if (value === undefined) return escapeMarkdown(`[${parameter.label}]`);
      return escapeMarkdown(formatParameterValue(parameter, value));
    },
    test: (condition) => testCondition(condition, values[condition.name]),
  }).trim();
  return {
    id: version.id,
    version: version.version,
    contentHash: version.source.contentHash,
    title: version.title,
    status: version.status,
    obligation: version.obligation,
    markdown,
    blocks: markdownToBlocks(markdown),
    guidance: version.guidanceText ? markdownToBlocks(version.guidanceText) : [],
    references: version.references,
    conformanceClasses: version.conformanceClasses,
    values,
  };
}

/** A boolean is true or false; any other parameter is "true" when it has a value. */
export function testCondition(condition: TemplateCondition, value: ParameterValue | undefined): boolean {
  if (condition.operator === "truthy") return value !== undefined && value !== false && value !== "";
  const equal = value !== undefined && String(value) === condition.value;
  return condition.operator === "==" ? equal : !equal;
}

/** "RGAA 4.1", "CCAG-TIC 2021 art. 42": how a reference reads in a document. */
export function formatReference(reference: ClauseReference): string {
  return [reference.standard, reference.version, reference.article].filter(Boolean).join(" ");
}
