import { diffWordsWithSpace } from "diff";
import type { ClauseParameter, ClauseReference, ClauseVersion } from "./model";
import { formatReference } from "./render";

// What changed between two versions of a clause, as data a page renders (/clauses/:id/diff/:from/:to) or a JSON
// client reads. Texts are compared word by word, like CommonForm; parameters and references field by field.

export interface TextSegment {
  kind: "same" | "added" | "removed";
  text: string;
}

export type ChangeKind = "added" | "removed" | "changed" | "unchanged";

export interface ParameterChange {
  name: string;
  change: ChangeKind;
  before?: ClauseParameter;
  after?: ClauseParameter;
  /** Fields whose value differs (label, min, default…), for "changed". */
  changedFields: string[];
}

export interface ReferenceChange {
  /** The standard's name, which identifies a reference across versions ("RGAA"). */
  standard: string;
  change: ChangeKind;
  before?: ClauseReference;
  after?: ClauseReference;
  /** "RGAA 4.1" → "RGAA 4.2", for display. */
  beforeLabel?: string;
  afterLabel?: string;
}

export interface FieldChange {
  field: "title" | "theme" | "status" | "obligation" | "inForceFrom" | "supersededBy";
  before: string | null;
  after: string | null;
}

export interface ClauseVersionDiff {
  id: string;
  from: { version: string; contentHash: string };
  to: { version: string; contentHash: string; changelog: string };
  fields: FieldChange[];
  bindingText: TextSegment[];
  guidance: TextSegment[];
  parameters: ParameterChange[];
  references: ReferenceChange[];
  conformanceClasses: { uri: string; change: "added" | "removed" | "unchanged" }[];
  tags: { tag: string; change: "added" | "removed" | "unchanged" }[];
  /** True when the binding text or its parameters changed: what a buyer must re-read. */
  bindingChanged: boolean;
}

export function wordDiff(before: string, after: string): TextSegment[] {
  return diffWordsWithSpace(before, after).map((part) => ({
    kind: part.added ? "added" : part.removed ? "removed" : "same",
    text: part.value,
  }));
}

const stable = (value: unknown) => JSON.stringify(value ?? null);

function diffParameters(before: readonly ClauseParameter[], after: readonly ClauseParameter[]): ParameterChange[] {
  const changes: ParameterChange[] = [];
  const afterByName = new Map(after.map((parameter) => [parameter.name, parameter]));
  for (const old of before) {
    const current = afterByName.get(old.name);
    if (!current) {
      changes.push({ name: old.name, change: "removed", before: old, changedFields: [] });
      continue;
    }
    const fields = [...new Set([...Object.keys(old), ...Object.keys(current)])].filter(
      (field) => stable(old[field as keyof ClauseParameter]) !== stable(current[field as keyof ClauseParameter]),
    );
    changes.push({
      name: old.name,
      change: fields.length ? "changed" : "unchanged",
      before: old,
      after: current,
      changedFields: fields,
    });
  }
  const beforeNames = new Set(before.map((parameter) => parameter.name));
  for (const added of after.filter((parameter) => !beforeNames.has(parameter.name)))
    changes.push({ name: added.name, change: "added", after: added, changedFields: [] });
  return changes;
}

function diffReferences(before: readonly ClauseReference[], after: readonly ClauseReference[]): ReferenceChange[] {
  const changes: ReferenceChange[] = [];
  const key = (reference: ClauseReference) => `${reference.standard}\u0000${reference.article ?? ""}`;
  const afterByKey = new Map(after.map((reference) => [key(reference), reference]));
  for (const old of before) {
    const current = afterByKey.get(key(old));
    const change: ChangeKind = !current ? "removed" : stable(old) === stable(current) ? "unchanged" : "changed";
    changes.push({
      standard: old.standard,
      change,
      before: old,
      after: current,
      beforeLabel: formatReference(old),
      afterLabel: current && formatReference(current),
    });
  }
  const beforeKeys = new Set(before.map(key));
  for (const added of after.filter((reference) => !beforeKeys.has(key(reference))))
    changes.push({ standard: added.standard, change: "added", after: added, afterLabel: formatReference(added) });
  return changes;
}

function diffSets(before: readonly string[], after: readonly string[]) {
  const beforeSet = new Set(before);
  const afterSet = new Set(after);
  return [
    ...before.map((value) => ({ value, change: afterSet.has(value) ? ("unchanged" as const) : ("removed" as const) })),
    ...after.filter((value) => !beforeSet.has(value)).map((value) => ({ value, change: "added" as const })),
  ];
}

export function diffClauseVersions(from: ClauseVersion, to: ClauseVersion): ClauseVersionDiff {
  const fields = (["title", "theme", "status", "obligation", "inForceFrom", "supersededBy"] as const)
    .map((field) => ({ field, before: from[field] ?? null, after: to[field] ?? null }))
    .filter((change) => change.before !== change.after);
  const bindingText = wordDiff(from.bindingText, to.bindingText);
  const parameters = diffParameters(from.parameters, to.parameters);
  return {
    id: to.id,
    from: { version: from.version, contentHash: from.source.contentHash },
    to: { version: to.version, contentHash: to.source.contentHash, changelog: to.changelog },
    fields,
    bindingText,
    guidance: wordDiff(from.guidanceText, to.guidanceText),
    parameters,
    references: diffReferences(from.references, to.references),
    conformanceClasses: diffSets(from.conformanceClasses, to.conformanceClasses).map(({ value, change }) => ({
      uri: value,
      change,
    })),
    tags: diffSets(from.tags, to.tags).map(({ value, change }) => ({ tag: value, change })),
    bindingChanged:
      bindingText.some((segment) => segment.kind !== "same") ||
      parameters.some((change) => change.change !== "unchanged"),
  };
}
