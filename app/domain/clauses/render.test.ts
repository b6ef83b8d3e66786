import { describe, expect, it } from "vitest";
import { clauseFile } from "../../../tests/clauses/clause-file-factory";
import { DomainError } from "~/domain/shared/errors";
import { parseClauseFile } from "./parse-clause-file";
import { renderClauseVersion } from "./render";

const version = (options: Parameters<typeof clauseFile>[0]) => {
  const parsed = parseClauseFile("clauses/exemple/1.0.0.md", clauseFile(options));
  expect(parsed.diagnostics).toEqual([]);
  return parsed.version!;
};

const withParameters = version({
  frontMatter: {
    parameters: [
      { name: "nom", type: "text", label: "Nom du service" },
      { name: "delai", type: "integer", label: "Délai de signalement", unit: "heures", min: 1, max: 72, default: 24 },
      { name: "audit", type: "boolean", label: "Audit", default: false },
      {
        name: "plage",
        type: "choice",
        label: "Plage de service",
        options: [
          { value: "continue", label: "24 heures sur 24" },
          { value: "ouvree", label: "les jours ouvrés" },
        ],
        default: "continue",
      },
    ],
  },
  body: [
    "Le service **{{nom}}** signale tout incident sous {{delai}}.",
    "",
    "{{#if audit}}",
    "Un audit est réalisé.",
    "{{else}}",
    "Aucun audit n'est exigé.",
    "{{/if}}",
    "",
    '- disponible {{plage}}{{#if plage == "continue"}}, y compris le week-end{{/if}} ;',
    "- supervisé.",
  ].join("\n"),
  guidance: "Conseil : *lire* le CCAP.",
});

describe("renderClauseVersion", () => {
  it("fills placeholders, evaluates conditions and returns blocks", () => {
    const rendered = renderClauseVersion(withParameters, { nom: "Géoplateforme", audit: "oui" });
    expect(rendered.markdown).toBe(
      "Le service **Géoplateforme** signale tout incident sous 24 heures.\n\nUn audit est réalisé.\n\n- disponible 24 heures sur 24, y compris le week-end ;\n- supervisé.",
    );
    expect(rendered.blocks).toEqual([
      {
        kind: "paragraph",
        inlines: [
          { text: "Le service " },
          { text: "Géoplateforme", strong: true },
          { text: " signale tout incident sous 24 heures." },
        ],
      },
      { kind: "paragraph", inlines: [{ text: "Un audit est réalisé." }] },
      {
        kind: "list",
        ordered: false,
        items: [
          { level: 0, inlines: [{ text: "disponible 24 heures sur 24, y compris le week-end ;" }] },
          { level: 0, inlines: [{ text: "supervisé." }] },
        ],
      },
    ]);
    expect(rendered.guidance).toEqual([
      { kind: "paragraph", inlines: [{ text: "Conseil : " }, { text: "lire", emphasis: true }, { text: " le CCAP." }] },
    ]);
    expect(rendered).toMatchObject({ id: "exemple", version: "1.0.0", contentHash: withParameters.source.contentHash });
  });

  it("takes the else branch and the other choice", () => {
    const rendered = renderClauseVersion(withParameters, { nom: "X", plage: "ouvree" });
    expect(rendered.markdown).toContain("Aucun audit n'est exigé.");
    expect(rendered.markdown).toContain("- disponible les jours ouvrés ;");
  });

  it("keeps a buyer's value inert: Markdown characters stay text", () => {
    const rendered = renderClauseVersion(withParameters, { nom: "*Carto* <b>_x_</b> & [lien](javascript:alert(1))" });
    expect(rendered.blocks[0]).toEqual({
      kind: "paragraph",
      inlines: [
        { text: "Le service " },
        { text: "*Carto* <b>_x_</b> & [lien](javascript:alert(1))", strong: true },
        { text: " signale tout incident sous 24 heures." },
      ],
    });
  });

  it("refuses out-of-bounds and missing values with French messages naming each field", () => {
    try {
      renderClauseVersion(withParameters, { delai: 100 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).context.fieldErrors).toEqual({
        nom: "« Nom du service » est obligatoire.",
        delai: "« Délai de signalement » doit être compris entre 1 heure et 72 heures.",
      });
    }
  });

  it("previews with a visible blank when asked to allow missing values", () => {
    expect(renderClauseVersion(withParameters, {}, { allowMissing: true }).markdown).toMatch(
      /^Le service \*\*\\\[Nom du service\\\]\*\*/,
    );
  });
});
