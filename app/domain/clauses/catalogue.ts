import type { Block, Inline } from "./blocks";
import { CLAUSE_OBLIGATIONS, type ClauseFrontMatter, type ClauseObligation, type ClauseStatus } from "./model";

// The library as pages and JSON clients see it: clause summaries, the list filters (GET parameters, so the list
// works without JavaScript) and the one JSON serializer of a clause, shared by /clauses.json and /clauses/:id.json.

/** The front matter stored with each version (JSON in ClauseVersion.frontMatter). */
export type StoredFrontMatter = Omit<ClauseFrontMatter, "supersededBy"> & { supersededBy?: string };

export interface ClauseVersionSummary {
  version: string;
  status: Exclude<ClauseStatus, "draft">;
  title: string;
  contentHash: string;
  /** AAAA-MM-JJ. */
  published: string;
  /** AAAA-MM-JJ, or null: "date d'entrée en vigueur non encore fixée". */
  inForceFrom: string | null;
  changelog: string;
}

export interface ClauseSummary {
  id: string;
  title: string;
  theme: string;
  tags: string[];
  status: Exclude<ClauseStatus, "draft">;
  obligation: ClauseObligation;
  currentVersion: string;
  /** Of the current version. */
  conformanceClasses: string[];
  inForceFrom: string | null;
  supersededBy: string | null;
  /** Oldest first. */
  versions: ClauseVersionSummary[];
  discussionTopic: { id: number; url: string } | null;
}

export function parseStoredList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

export function summaryFromFrontMatter(frontMatter: StoredFrontMatter | undefined) {
  return {
    conformanceClasses: frontMatter?.conformanceClasses ?? [],
    inForceFrom: frontMatter?.inForceFrom ?? null,
    supersededBy: frontMatter?.supersededBy ?? null,
  };
}

export const STATUS_LABELS: Record<ClauseStatus, string> = {
  draft: "Brouillon",
  published: "Publiée",
  deprecated: "Dépréciée",
  superseded: "Remplacée",
};

export const OBLIGATION_LABELS: Record<ClauseObligation, string> = {
  obligatoire: "Obligatoire",
  recommandée: "Recommandée",
  optionnelle: "Optionnelle",
};

export interface ClauseFilters {
  status?: string;
  obligation?: string;
  /** A conformance class URI. */
  conformanceClass?: string;
  tag?: string;
  theme?: string;
}

/** The list's filters from the URL (`?status=published&obligation=obligatoire&class=…&tag=…&theme=…`). */
export function parseClauseFilters(params: URLSearchParams): ClauseFilters {
  const value = (name: string) => params.get(name)?.trim() || undefined;
  return {
    status: value("status"),
    obligation: value("obligation"),
    conformanceClass: value("class"),
    tag: value("tag"),
    theme: value("theme"),
  };
}

export function filterClauses(clauses: readonly ClauseSummary[], filters: ClauseFilters): ClauseSummary[] {
  return clauses.filter(
    (clause) =>
      (!filters.status || clause.status === filters.status) &&
      (!filters.obligation || clause.obligation === filters.obligation) &&
      (!filters.conformanceClass || clause.conformanceClasses.includes(filters.conformanceClass)) &&
      (!filters.tag || clause.tags.includes(filters.tag)) &&
      (!filters.theme || clause.theme === filters.theme),
  );
}

/** Clauses grouped by theme, themes in French alphabetical order, clauses by title. */
export function groupByTheme(clauses: readonly ClauseSummary[]): { theme: string; clauses: ClauseSummary[] }[] {
  const groups = new Map<string, ClauseSummary[]>();
  for (const clause of clauses) groups.set(clause.theme, [...(groups.get(clause.theme) ?? []), clause]);
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b, "fr"))
    .map(([theme, members]) => ({ theme, clauses: [...members].sort((a, b) => a.title.localeCompare(b.title, "fr")) }));
}

/** The values each filter can take, from the whole library (so an empty result still offers every choice). */
export function filterChoices(clauses: readonly ClauseSummary[]) {
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b, "fr"));
  return {
    statuses: sorted(clauses.map((clause) => clause.status)),
    obligations: CLAUSE_OBLIGATIONS.filter((obligation) => clauses.some((clause) => clause.obligation === obligation)),
    conformanceClasses: sorted(clauses.flatMap((clause) => clause.conformanceClasses)),
    tags: sorted(clauses.flatMap((clause) => clause.tags)),
    themes: sorted(clauses.map((clause) => clause.theme)),
  };
}

/** The JSON of a clause: its summary and every published version with its permanent URL. */
export function clauseJson(clause: ClauseSummary) {
  return {
    id: clause.id,
    title: clause.title,
    theme: clause.theme,
    tags: clause.tags,
    status: clause.status,
    obligation: clause.obligation,
    currentVersion: clause.currentVersion,
    inForceFrom: clause.inForceFrom,
    supersededBy: clause.supersededBy,
    conformanceClasses: clause.conformanceClasses,
    url: `/clauses/${clause.id}`,
    /** Opens the discussion topic on first visit, then redirects to it. */
    discussionUrl: `/clauses/${clause.id}/discussion`,
    discussionTopicUrl: clause.discussionTopic?.url ?? null,
    versions: clause.versions.map((version) => ({
      version: version.version,
      status: version.status,
      title: version.title,
      published: version.published,
      inForceFrom: version.inForceFrom,
      changelog: version.changelog,
      contentHash: version.contentHash,
      url: `/clauses/${clause.id}/v/${version.version}`,
    })),
  };
}

/** A clause's text as plain text, for the clipboard and the no-JavaScript copy block: lists keep their markers. */
export function blocksToPlainText(blocks: readonly Block[]): string {
  const runs = (inlines: readonly Inline[]) => inlines.map((run) => run.text).join("");
  return blocks
    .map((block) =>
      block.kind === "paragraph"
        ? runs(block.inlines)
        : block.items
            .map(
              (item, index) =>
                `${"  ".repeat(item.level)}${block.ordered ? `${index + 1}.` : "–"} ${runs(item.inlines)}`,
            )
            .join("\n"),
    )
    .join("\n\n");
}
