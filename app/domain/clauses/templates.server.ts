// Ready-made CCTP templates (clauses/templates/*.yaml): public selections a buyer opens and adapts. They are data
// written beside the clauses, checked against the library by tests and loaded from the files at each request of the
// templates page (three small files: no cache needed).
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { selectionFields, type Selection } from "./selection";

const templateSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    title: z.string().min(1),
    description: z.string().min(1),
    sections: z
      .array(
        z.object({
          title: z.string().min(1),
          clauses: z
            .array(
              z.object({
                id: z.string().min(1),
                version: z.string().optional(),
                parameters: z.record(z.union([z.string(), z.number(), z.boolean()])).default({}),
              }),
            )
            .min(1),
        }),
      )
      .min(1),
  })
  .strict();

export type ClauseTemplate = z.infer<typeof templateSchema>;

// Relative to the working directory, the app root (npm sets it; the Docker image copies clauses/ there).
export const TEMPLATES_DIRECTORY = path.resolve("clauses/templates");

/** Every template, by title. A malformed file is an error naming it: templates are written by the project. */
export async function loadClauseTemplates(directory = TEMPLATES_DIRECTORY): Promise<ClauseTemplate[]> {
  const files = (await readdir(directory)).filter((name) => name.endsWith(".yaml")).sort();
  const templates = await Promise.all(
    files.map(async (name) => {
      const parsed = templateSchema.safeParse(parse(await readFile(path.join(directory, name), "utf8")));
      if (!parsed.success) throw new Error(`clauses/templates/${name}: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    }),
  );
  return templates.sort((a, b) => a.title.localeCompare(b.title, "fr"));
}

/** The template as the selection page's form holds a selection (values as typed), for the buyer to complete. */
export function templateToSelection(template: ClauseTemplate): Selection {
  return {
    title: "",
    buyer: "",
    items: template.sections.flatMap((section) =>
      section.clauses.map((clause) => ({
        section: section.title,
        id: clause.id,
        ...(clause.version ? { version: clause.version } : {}),
        parameters: Object.fromEntries(Object.entries(clause.parameters).map(([name, value]) => [name, String(value)])),
      })),
    ),
  };
}

export interface ClauseTemplateView {
  id: string;
  title: string;
  description: string;
  clauseCount: number;
  sections: { title: string; clauses: { id: string; title: string; version: string | null; url: string }[] }[];
  /** The selection page's form fields that open this template there. */
  selectionFields: [string, string][];
}

/** The templates with their clauses' current titles, as the templates page and its JSON show them. */
export async function listClauseTemplateViews(
  clauses: { id: string; title: string; currentVersion: string }[],
): Promise<ClauseTemplateView[]> {
  const titles = new Map(clauses.map((clause) => [clause.id, clause]));
  return (await loadClauseTemplates()).map((template) => ({
    id: template.id,
    title: template.title,
    description: template.description,
    clauseCount: template.sections.reduce((count, section) => count + section.clauses.length, 0),
    sections: template.sections.map((section) => ({
      title: section.title,
      clauses: section.clauses.map((clause) => ({
        id: clause.id,
        title: titles.get(clause.id)?.title ?? clause.id,
        version: clause.version ?? titles.get(clause.id)?.currentVersion ?? null,
        url: `/clauses/${clause.id}${clause.version ? `/v/${clause.version}` : ""}`,
      })),
    })),
    selectionFields: selectionFields(templateToSelection(template)),
  }));
}
