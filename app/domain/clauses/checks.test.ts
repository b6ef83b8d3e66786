import { describe, expect, it } from "vitest";
import { clauseFile, isKnownClassUri, lineContaining } from "../../../tests/clauses/clause-file-factory";
import { findAdministrativeContent } from "./administrative-content";
import { checkClauseLibrary } from "./checks";
import { formatDiagnostic } from "./diagnostics";
import { assembleClauseLibrary, type ClauseFileText } from "./library";

const FILE = "clauses/exemple/1.0.0.md";
const check = (files: ClauseFileText[]) => checkClauseLibrary(assembleClauseLibrary(files), { isKnownClassUri });
const checkOne = (text: string) => check([{ file: FILE, text }]);

describe("checkClauseLibrary", () => {
  it("accepts a clean clause", () => {
    expect(checkOne(clauseFile())).toEqual([]);
  });

  it("rejects a placeholder or a condition on an undeclared parameter, at its line", () => {
    const text = clauseFile({ body: "Sous {{delai}}.\n\n{{#if inconnu}}\nTexte.\n{{/if}}" });
    expect(checkOne(text).map(formatDiagnostic)).toEqual([
      `${FILE}:${lineContaining(text, "{{#if inconnu}}")}: erreur : Le paramètre « inconnu » n'est pas déclaré dans « parameters ».`,
    ]);
  });

  it("warns about a declared parameter the text never uses", () => {
    const text = clauseFile({ body: "Le titulaire livre la solution." });
    expect(checkOne(text)).toEqual([
      expect.objectContaining({
        severity: "warning",
        code: "unused-parameter",
        line: lineContaining(text, "name: delai"),
      }),
    ]);
  });

  it("rejects == on a non-choice parameter and a value that is not an option", () => {
    const text = clauseFile({
      frontMatter: {
        parameters: [
          { name: "delai", type: "integer", label: "Délai" },
          {
            name: "plage",
            type: "choice",
            label: "Plage",
            options: [
              { value: "a", label: "A" },
              { value: "b", label: "B" },
            ],
          },
        ],
      },
      body: '{{#if delai == "3"}}{{delai}}{{/if}}\n\n{{#if plage == "c"}}{{plage}}{{/if}}',
    });
    expect(checkOne(text).map((d) => [d.code, d.line])).toEqual([
      ["invalid-comparison", lineContaining(text, '{{#if delai == "3"}}')],
      ["invalid-comparison", lineContaining(text, '{{#if plage == "c"}}')],
    ]);
  });

  it("reports unbalanced conditionals", () => {
    const text = clauseFile({ body: "{{#if delai}}\nSous {{delai}}.\n{{else}}\nSans délai.\n{{else}}\n" });
    expect(checkOne(text).map((d) => [d.code, d.line])).toEqual([
      ["template-syntax", lineContaining(text, "{{#if delai}}")],
      ["template-syntax", lineContaining(text, "Sans délai.") + 1],
    ]);
  });

  it("rejects a default outside the bounds, and bounds in the wrong order", () => {
    const text = clauseFile({
      frontMatter: {
        parameters: [
          { name: "delai", type: "integer", label: "Délai", min: 5, max: 60, default: 90 },
          { name: "duree", type: "duration", label: "Durée", min: "P1M", max: "P10D" },
        ],
      },
      body: "{{delai}} {{duree}}",
    });
    expect(checkOne(text).map(formatDiagnostic)).toEqual([
      `${FILE}:${lineContaining(text, "default: 90")}: erreur : Valeur par défaut refusée : « Délai » doit être compris entre 5 et 60.`,
      `${FILE}:${lineContaining(text, "max: P10D")}: erreur : « Durée » : min et max doivent être tous deux en jours/semaines ou tous deux en mois/années.`,
    ]);
  });

  it("rejects headings and tables in the binding text", () => {
    const text = clauseFile({ body: "Sous {{delai}}.\n\n### Sous-titre\n\nSuite." });
    expect(checkOne(text)).toEqual([
      expect.objectContaining({ code: "unsupported-markdown", line: lineContaining(text, "### Sous-titre") }),
    ]);
  });

  it("rejects an unknown conformance class, at its line", () => {
    const text = clauseFile({ frontMatter: { conformanceClasses: ["http://example.org/conf/inconnue"] } });
    expect(checkOne(text)).toEqual([
      expect.objectContaining({
        code: "unknown-conformance-class",
        line: lineContaining(text, "http://example.org/conf/inconnue"),
        message: "Classe de conformité inconnue du catalogue : http://example.org/conf/inconnue",
      }),
    ]);
  });

  it("warns when the binding text carries CCAP content, but not in the buyer's guide", () => {
    const text = clauseFile({
      body: "Sous {{delai}}, faute de quoi des pénalités sont appliquées.\n\nLe délai de paiement est de 30 jours.",
      guidance: "Les pénalités se prévoient dans le CCAP.",
    });
    expect(checkOne(text).map(formatDiagnostic)).toEqual([
      `${FILE}:${lineContaining(text, "des pénalités sont")}: avertissement : « pénalités » : les pénalités relèvent du CCAP, pas du CCTP. Déplacez ce contenu vers le CCAP.`,
      `${FILE}:${lineContaining(text, "délai de paiement")}: avertissement : « délai de paiement » : les conditions de paiement relèvent du CCAP, pas du CCTP. Déplacez ce contenu vers le CCAP.`,
    ]);
  });

  it("tells administrative words from ordinary French", () => {
    const terms = (text: string) => findAdministrativeContent(text).map((match) => match.term);
    expect(terms("Le titulaire prévient à l'avance ; les avances de phase techniques ; la surprise")).toEqual([]);
    expect(terms("Une avance forfaitaire, un acompte, la retenue de garantie, 1 500 € HT, la facturation")).toEqual([
      "Une avance forfaitaire",
      "acompte",
      "retenue de garantie",
      "facturation",
      "HT",
      "1 500 €",
    ]);
  });

  it("rejects duplicate ids across folders and a draft that does not move forward", () => {
    const diagnostics = check([
      { file: FILE, text: clauseFile() },
      { file: "clauses/copie/1.0.0.md", text: clauseFile() },
      { file: "clauses/exemple/draft.md", text: clauseFile({ frontMatter: { status: "draft", published: null } }) },
    ]);
    expect(diagnostics.map((d) => [d.file, d.code])).toEqual([
      ["clauses/copie/1.0.0.md", "id-mismatch"],
      ["clauses/copie/1.0.0.md", "duplicate-id"],
      ["clauses/exemple/draft.md", "draft-version"],
    ]);
  });

  it("rejects a successor that does not exist", () => {
    const text = clauseFile({ frontMatter: { status: "superseded", supersededBy: "introuvable" } });
    expect(checkOne(text)).toEqual([
      expect.objectContaining({ code: "unknown-clause", line: lineContaining(text, "supersededBy:") }),
    ]);
  });
});
