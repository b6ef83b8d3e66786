import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { buildClauseDocument, type SectionInput } from "./document";
import { exportDocx } from "./export-docx";
import { exportOdt } from "./export-odt";
import type { ClauseLibrary } from "./library";
import { loadClauseLibrary } from "./load-library.server";
import type { ClauseVersion } from "./model";
import { resolveParameterValues } from "./parameters";
import { loadClauseTemplates, templateToSelection, type ClauseTemplate } from "./templates.server";

// The ready-made CCTP templates (issue #9) against the real clause library: every clause and value they name exists
// and is valid, and each exports to an ODT and a DOCX that LibreOffice opens with the sections numbered.
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../../..");
const soffice = [
  "/usr/bin/soffice",
  ...(process.env.PATH ?? "").split(path.delimiter).map((dir) => `${dir}/soffice`),
].find((candidate) => existsSync(candidate));
if (!soffice && !process.env.CI) console.warn("soffice est absent : conversion des modèles par LibreOffice ignorée.");

let library: ClauseLibrary;
let templates: ClauseTemplate[];
beforeAll(async () => {
  library = await loadClauseLibrary(path.join(root, "clauses"));
  templates = await loadClauseTemplates(path.join(root, "clauses/templates"));
});

function versionOf(id: string, version: string | undefined): ClauseVersion | undefined {
  const clause = library.clauses.find((candidate) => candidate.id === id);
  return version ? clause?.versions.find((candidate) => candidate.version === version) : clause?.versions.at(-1);
}

/** What a buyer types for the values a template leaves to them (required, no default). */
function buyerValue(parameter: ClauseVersion["parameters"][number]): string {
  if (parameter.type === "integer") return String(parameter.min ?? 1);
  if (parameter.type === "boolean") return "true";
  if (parameter.type === "choice") return parameter.options[0]!.value;
  if (parameter.type === "date") return "2027-01-01";
  if (parameter.type === "duration") return parameter.min ?? "P30D";
  return (parameter.maxLength ?? 200) < 60 ? "2.0" : "Schéma IRVE statique (schema.data.gouv.fr)";
}

function templateDocument(template: ClauseTemplate) {
  const sections: SectionInput[] = template.sections.map((section) => ({
    title: section.title,
    children: section.clauses.map((entry) => {
      const clause = versionOf(entry.id, entry.version)!;
      const values: Record<string, unknown> = { ...entry.parameters };
      for (const parameter of clause.parameters) {
        if (values[parameter.name] === undefined && parameter.required && parameter.default === undefined)
          values[parameter.name] = buyerValue(parameter);
      }
      return { clause, values };
    }),
  }));
  return buildClauseDocument({
    titlePage: { buyerName: "Communauté de communes exemple", procurementTitle: template.title },
    sections,
  });
}

describe("ready-made CCTP templates", () => {
  it("are at least three, name only existing clause versions and only valid parameter values", () => {
    expect(templates.length).toBeGreaterThanOrEqual(3);
    for (const template of templates) {
      for (const entry of template.sections.flatMap((section) => section.clauses)) {
        const clause = versionOf(entry.id, entry.version);
        expect(clause, `${template.id}: ${entry.id}@${entry.version}`).toBeDefined();
        const { fieldErrors } = resolveParameterValues(clause!.parameters, entry.parameters, {
          allowMissingRequired: true,
        });
        expect(fieldErrors, `${template.id}: ${entry.id}`).toEqual({});
      }
      expect(templateToSelection(template).items.length).toBe(
        template.sections.reduce((count, section) => count + section.clauses.length, 0),
      );
    }
  });

  it.skipIf(!soffice && !process.env.CI)(
    "export to ODT and DOCX files that LibreOffice opens, sections and clauses numbered 1, 1.1, 2…",
    async () => {
      if (!soffice) throw new Error("soffice est introuvable alors que CI est défini : installez libreoffice-writer.");
      const workDirectory = await mkdtemp(path.join(tmpdir(), "cctp-templates-"));
      try {
        const names: string[] = [];
        for (const template of templates) {
          const document = templateDocument(template);
          await writeFile(path.join(workDirectory, `${template.id}-odt.odt`), exportOdt(document));
          await writeFile(path.join(workDirectory, `${template.id}-docx.docx`), exportDocx(document));
          names.push(`${template.id}-odt`, `${template.id}-docx`);
        }
        // A profile of its own: a shared one makes headless LibreOffice hang or refuse to start.
        const profile = `file://${path.join(workDirectory, "lo-profile")}`;
        await run(
          soffice,
          [
            "--headless",
            `-env:UserInstallation=${profile}`,
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            workDirectory,
            ...names.map((name) => `${name}.${name.endsWith("odt") ? "odt" : "docx"}`),
          ],
          { cwd: workDirectory, timeout: 110_000 },
        );
        for (const template of templates) {
          const firstSection = template.sections[0]!;
          const firstClause = versionOf(firstSection.clauses[0]!.id, firstSection.clauses[0]!.version)!;
          const lastNumber = template.sections.length;
          for (const name of [`${template.id}-odt`, `${template.id}-docx`]) {
            const lines = (await readFile(path.join(workDirectory, `${name}.txt`), "utf8"))
              .split(/\r?\n/)
              .map((line) => line.trim());
            expect(lines, name).toContain(`1 ${firstSection.title}`);
            expect(lines, name).toContain(`1.1 ${firstClause.title}`);
            expect(lines, name).toContain(`${lastNumber} ${template.sections.at(-1)!.title}`);
            expect(lines, name).toContain("Communauté de communes exemple");
          }
        }
      } finally {
        await rm(workDirectory, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
