import { resolveConformanceClassUri } from "~/domain/conformance/class-catalogue";
import type { Block } from "./blocks";
import { blocksToPlainText, type ClauseSummary, clauseJson } from "./catalogue";
import { type ClauseVersionDiff, diffClauseVersions } from "./diff";
import { renderedClauseToHtml } from "./export-html";
import { renderedClauseToMarkdown } from "./export-markdown";
import type { ClauseParameter, ClauseVersion } from "./model";
import { formatDuration, formatFrenchDate, formatInteger, formatParameterValue } from "./parameters";
import { formatReference, renderClauseVersion } from "./render";

// What the clause pages show, as plain serializable data built on the server: the page and its JSON read the same
// object, and the browser receives no parser, renderer or schema.

export const PARAMETER_TYPE_LABELS: Record<ClauseParameter["type"], string> = {
  text: "Texte",
  integer: "Nombre entier",
  duration: "Durée",
  date: "Date (AAAA-MM-JJ)",
  choice: "Choix",
  boolean: "Oui / non",
};

export interface ParameterView {
  name: string;
  label: string;
  type: ClauseParameter["type"];
  typeLabel: string;
  required: boolean;
  /** "entre 30 jours et 1 an", "au plus 200 caractères", the options of a choice; null when unbounded. */
  bounds: string | null;
  /** The default as it reads in the text, or null. */
  defaultLabel: string | null;
  /** The default as a form value (P30D, 2027-03-01, an option value, true), or null. */
  defaultValue: string | number | boolean | null;
  help: string | null;
  unit: string | null;
  options: { value: string; label: string }[];
  min: string | number | null;
  max: string | number | null;
  maxLength: number | null;
}

export function parameterView(parameter: ClauseParameter): ParameterView {
  const base = {
    name: parameter.name,
    label: parameter.label,
    type: parameter.type,
    typeLabel: PARAMETER_TYPE_LABELS[parameter.type],
    required: parameter.required,
    defaultLabel: parameter.default === undefined ? null : formatParameterValue(parameter, parameter.default),
    defaultValue: parameter.default ?? null,
    help: parameter.help ?? null,
    unit: null as string | null,
    options: [] as { value: string; label: string }[],
    min: null as string | number | null,
    max: null as string | number | null,
    maxLength: null as number | null,
  };
  switch (parameter.type) {
    case "integer": {
      const format = (value: number) => formatInteger(value, parameter.unit);
      return {
        ...base,
        unit: parameter.unit ?? null,
        min: parameter.min ?? null,
        max: parameter.max ?? null,
        bounds: boundsText(parameter.min, parameter.max, format),
      };
    }
    case "duration":
      return {
        ...base,
        min: parameter.min ?? null,
        max: parameter.max ?? null,
        bounds: boundsText(parameter.min, parameter.max, formatDuration),
      };
    case "text":
      return {
        ...base,
        maxLength: parameter.maxLength ?? null,
        bounds: parameter.maxLength ? `au plus ${parameter.maxLength} caractères` : null,
      };
    case "choice":
      return {
        ...base,
        options: parameter.options,
        bounds: parameter.options.map((option) => option.label).join(" ; "),
      };
    case "date":
    case "boolean":
      return { ...base, bounds: null };
  }
}

function boundsText<T>(min: T | undefined, max: T | undefined, format: (value: T) => string): string | null {
  if (min !== undefined && max !== undefined) return `de ${format(min)} à ${format(max)}`;
  if (min !== undefined) return `au moins ${format(min)}`;
  if (max !== undefined) return `au plus ${format(max)}`;
  return null;
}

export interface ClauseVersionView {
  clause: ReturnType<typeof clauseJson>;
  version: {
    version: string;
    status: ClauseVersion["status"];
    title: string;
    theme: string;
    tags: string[];
    obligation: ClauseVersion["obligation"];
    published: string | null;
    publishedLabel: string | null;
    inForceFrom: string | null;
    inForceFromLabel: string;
    supersededBy: string | null;
    changelog: string;
    contentHash: string;
    isCurrent: boolean;
    url: string;
  };
  /** The binding text rendered with the default values; a required value without default reads « [libellé] ». */
  text: Block[];
  guidance: Block[];
  parameters: ParameterView[];
  references: { label: string; standard: string; version: string | null; article: string | null; url: string | null }[];
  conformanceClasses: { uri: string; title: string | null }[];
  /** For "Copier le texte": rich text (HTML) and plain text of the clause with its heading and reference line. */
  copy: { text: string; html: string; markdown: string };
}

export function clauseVersionView(clause: ClauseSummary, version: ClauseVersion): ClauseVersionView {
  const rendered = renderClauseVersion(version, {}, { allowMissing: true });
  const isCurrent = version.version === clause.currentVersion;
  return {
    clause: clauseJson(clause),
    version: {
      version: version.version,
      status: version.status,
      title: version.title,
      theme: version.theme,
      tags: version.tags,
      obligation: version.obligation,
      published: version.published,
      publishedLabel: version.published ? formatFrenchDate(version.published) : null,
      inForceFrom: version.inForceFrom,
      inForceFromLabel: version.inForceFrom
        ? formatFrenchDate(version.inForceFrom)
        : "date d'entrée en vigueur non encore fixée",
      supersededBy: version.supersededBy ?? null,
      changelog: version.changelog,
      contentHash: version.source.contentHash,
      isCurrent,
      url: `/clauses/${version.id}/v/${version.version}`,
    },
    text: rendered.blocks,
    guidance: rendered.guidance,
    parameters: version.parameters.map(parameterView),
    references: version.references.map((reference) => ({
      label: formatReference(reference),
      standard: reference.standard,
      version: reference.version ?? null,
      article: reference.article ?? null,
      url: reference.url ?? null,
    })),
    conformanceClasses: version.conformanceClasses.map((uri) => ({
      uri,
      title: resolveConformanceClassUri(uri)?.title ?? null,
    })),
    copy: {
      text: `${version.title}\n\n${blocksToPlainText(rendered.blocks)}`,
      html: renderedClauseToHtml(rendered),
      markdown: renderedClauseToMarkdown(rendered),
    },
  };
}

export interface ClauseDiffView {
  clause: { id: string; title: string; url: string };
  diff: ClauseVersionDiff;
  parameters: {
    name: string;
    change: ClauseVersionDiff["parameters"][number]["change"];
    before: ParameterView | null;
    after: ParameterView | null;
    changedFields: string[];
  }[];
}

export function clauseDiffView(clause: ClauseSummary, from: ClauseVersion, to: ClauseVersion): ClauseDiffView {
  const diff = diffClauseVersions(from, to);
  return {
    clause: { id: clause.id, title: clause.title, url: `/clauses/${clause.id}` },
    diff,
    parameters: diff.parameters.map((change) => ({
      name: change.name,
      change: change.change,
      before: change.before ? parameterView(change.before) : null,
      after: change.after ? parameterView(change.after) : null,
      changedFields: change.changedFields,
    })),
  };
}
