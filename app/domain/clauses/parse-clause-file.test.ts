import { describe, expect, it } from "vitest";
import { clauseFile, lineContaining } from "../../../tests/clauses/clause-file-factory";
import { formatDiagnostic } from "./diagnostics";
import { parseClauseFile } from "./parse-clause-file";

const FILE = "clauses/exemple/1.0.0.md";

describe("parseClauseFile", () => {
  it("reads a valid file: front matter, binding text, guidance, hash", () => {
    const text = clauseFile({ guidance: "Conseil à l'acheteur." });
    const { version, diagnostics } = parseClauseFile(FILE, text);
    expect(diagnostics).toEqual([]);
    expect(version).toMatchObject({
      id: "exemple",
      version: "1.0.0",
      isDraft: false,
      bindingText: "Le titulaire livre la solution dans un délai de {{delai}}.",
      guidanceText: "Conseil à l'acheteur.",
    });
    expect(version?.parameters[0]).toMatchObject({ name: "delai", required: true });
    expect(version?.source.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(version?.source.bindingStartLine).toBe(lineContaining(text, "Le titulaire livre"));
    expect(version?.source.lineOf(["parameters", 0, "max"])).toBe(lineContaining(text, "max: 60"));
  });

  it("hashes the normalized file: Windows line ends and trailing spaces do not change the hash", () => {
    const text = clauseFile();
    const hash = parseClauseFile(FILE, text).version?.source.contentHash;
    expect(parseClauseFile(FILE, `\uFEFF${text.replace(/\n/g, "  \r\n")}\n\n`).version?.source.contentHash).toBe(hash);
    expect(parseClauseFile(FILE, text.replace("délai", "delai")).version?.source.contentHash).not.toBe(hash);
  });

  it("points a YAML syntax error at its line in the file", () => {
    const text = clauseFile()
      .replace('title: "Clause d\'exemple"', "title: [non fermé")
      .replace("title: Clause d'exemple", "title: [non fermé");
    const { version, diagnostics } = parseClauseFile(FILE, text);
    expect(version).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ code: "yaml-syntax", line: expect.any(Number) });
    expect(diagnostics[0]!.line).toBeGreaterThanOrEqual(lineContaining(text, "title: [non fermé"));
    expect(formatDiagnostic(diagnostics[0]!)).toMatch(/^clauses\/exemple\/1\.0\.0\.md:\d+: erreur : YAML invalide/);
  });

  it("points a duplicate YAML key at the duplicate", () => {
    const text = clauseFile().replace("theme:", "title: Doublon\ntheme:");
    expect(parseClauseFile(FILE, text).diagnostics).toEqual([
      expect.objectContaining({ code: "yaml-syntax", line: lineContaining(text, "title: Doublon") }),
    ]);
  });

  it("points schema errors at the offending field, in French", () => {
    const text = clauseFile({
      frontMatter: {
        status: "publiée",
        parameters: [{ name: "delai", type: "integer", label: "Délai", min: "cinq" }],
        conformanceClasses: ["pas une url"],
      },
    });
    const messages = parseClauseFile(FILE, text).diagnostics.map(formatDiagnostic);
    expect(messages).toContain(
      `${FILE}:${lineContaining(text, "status:")}: erreur : Champ « status » : « publiée » n'est pas permis ; valeurs possibles : draft, published, deprecated, superseded.`,
    );
    expect(messages).toContain(
      `${FILE}:${lineContaining(text, "min: cinq")}: erreur : Champ « parameters[0].min » : doit être un nombre, pas un texte.`,
    );
    expect(messages).toContain(
      `${FILE}:${lineContaining(text, "- pas une url")}: erreur : Champ « conformanceClasses[0] » : doit être une URL absolue (https://…).`,
    );
  });

  it("reports a missing field and a misspelt key on their lines", () => {
    const text = clauseFile({ omit: ["changelog"], frontMatter: { obligaton: "obligatoire" } });
    const diagnostics = parseClauseFile(FILE, text).diagnostics;
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ code: "schema", message: "Champ « changelog » : est obligatoire." }),
    );
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ line: lineContaining(text, "obligaton:"), message: "clé inconnue « obligaton »." }),
    );
  });

  it("refuses an unknown parameter type, and a superseded status without its successor", () => {
    const unknownType = clauseFile({ frontMatter: { parameters: [{ name: "x", type: "decimal", label: "X" }] } });
    expect(parseClauseFile(FILE, unknownType).diagnostics.map((d) => d.message)).toEqual([
      "Champ « parameters[0].type » : valeur inconnue ; valeurs possibles : text, integer, duration, date, choice, boolean.",
    ]);
    const superseded = clauseFile({ frontMatter: { status: "superseded" } });
    expect(parseClauseFile(FILE, superseded).diagnostics).toEqual([
      expect.objectContaining({
        line: lineContaining(superseded, "status: superseded"),
        message: "Champ « status » : « superseded » exige le champ supersededBy (la clause qui la remplace).",
      }),
    ]);
  });

  it("requires the front matter and its closing line", () => {
    expect(parseClauseFile(FILE, "Le titulaire…").diagnostics[0]).toMatchObject({ code: "front-matter", line: 1 });
    expect(parseClauseFile(FILE, "---\nid: x\n").diagnostics[0]).toMatchObject({ code: "front-matter", line: 1 });
  });

  it("checks the folder against the id and the file name against the version", () => {
    const text = clauseFile({ frontMatter: { id: "autre", version: "1.2.0" } });
    const codes = parseClauseFile(FILE, text).diagnostics.map((d) => [d.code, d.line]);
    expect(codes).toEqual([
      ["id-mismatch", lineContaining(text, "id: autre")],
      ["version-mismatch", lineContaining(text, "version: 1.2.0")],
    ]);
    expect(parseClauseFile("clauses/exemple/v1.md", clauseFile()).diagnostics[0]).toMatchObject({ code: "file-name" });
  });

  it("keeps drafts in draft.md only", () => {
    const draft = clauseFile({ frontMatter: { status: "draft", published: null, version: "1.1.0" } });
    expect(parseClauseFile("clauses/exemple/draft.md", draft)).toMatchObject({
      diagnostics: [],
      version: { isDraft: true },
    });
    expect(parseClauseFile("clauses/exemple/draft.md", clauseFile()).diagnostics[0]).toMatchObject({
      code: "draft-version",
    });
    expect(parseClauseFile("clauses/exemple/1.1.0.md", draft).diagnostics[0]).toMatchObject({ code: "draft-version" });
  });

  it("reports template errors at their line in the file", () => {
    const text = clauseFile({ body: "Premier paragraphe.\n\n{{#if delai}}\nTexte conditionnel sans fin." });
    const diagnostics = parseClauseFile(FILE, text).diagnostics;
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: "template-syntax",
        line: lineContaining(text, "{{#if delai}}"),
        message: "{{#if delai}} n'est jamais refermé par {{/if}}.",
      }),
    ]);
  });
});
