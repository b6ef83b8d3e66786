import { describe, expect, it } from "vitest";
import { collectParameterUses, evaluateTemplate, parseTemplate, type TemplateScope } from "./template";

const scope = (values: Record<string, string | boolean | undefined>): TemplateScope => ({
  format: (name) => String(values[name]),
  test: (condition) => {
    const value = values[condition.name];
    if (condition.operator === "truthy") return Boolean(value);
    return condition.operator === "==" ? value === condition.value : value !== condition.value;
  },
});

const render = (text: string, values: Record<string, string | boolean | undefined>) => {
  const { nodes, errors } = parseTemplate(text);
  expect(errors).toEqual([]);
  return evaluateTemplate(nodes, scope(values));
};

describe("template evaluation", () => {
  it("replaces placeholders, with or without inner spaces", () => {
    expect(render("Délai : {{delai}} ; {{ delai }}.", { delai: "30 jours" })).toBe("Délai : 30 jours ; 30 jours.");
  });

  it("keeps the then or the else branch, inline", () => {
    const text = "Service{{#if continu}} continu{{else}} en heures ouvrées{{/if}}.";
    expect(render(text, { continu: true })).toBe("Service continu.");
    expect(render(text, { continu: false })).toBe("Service en heures ouvrées.");
  });

  it("compares a choice with == and !=", () => {
    const text = '{{#if plage == "continue"}}A{{/if}}{{#if plage != "continue"}}B{{/if}}';
    expect(render(text, { plage: "continue" })).toBe("A");
    expect(render(text, { plage: "ouvree" })).toBe("B");
  });

  it("removes the line of a block tag alone on its line, so no blank line is left in a list", () => {
    const text = "- un ;\n{{#if deux}}\n- deux ;\n{{/if}}\n- trois.";
    expect(render(text, { deux: false })).toBe("- un ;\n- trois.");
    expect(render(text, { deux: true })).toBe("- un ;\n- deux ;\n- trois.");
  });

  it("nests blocks", () => {
    const text = "{{#if a}}A{{#if b}}B{{else}}b{{/if}}{{else}}-{{/if}}";
    expect(render(text, { a: true, b: false })).toBe("Ab");
    expect(render(text, { a: false, b: true })).toBe("-");
  });

  it("lists every parameter use with its line", () => {
    const { nodes } = parseTemplate('Ligne {{a}}\n{{#if b == "x"}}\n{{c}}\n{{/if}}', 10);
    expect(collectParameterUses(nodes)).toEqual([
      { name: "a", line: 10 },
      { name: "b", line: 11, condition: { name: "b", operator: "==", value: "x" } },
      { name: "c", line: 12 },
    ]);
  });
});

describe("template syntax errors, with their lines", () => {
  const errorsOf = (text: string) => parseTemplate(text, 20).errors;

  it("reports an {{#if}} never closed at its opening line", () => {
    expect(errorsOf("a\n{{#if x}}\nb")).toEqual([{ line: 21, message: "{{#if x}} n'est jamais refermé par {{/if}}." }]);
  });

  it("reports a stray {{/if}} and a stray {{else}}", () => {
    expect(errorsOf("a\n{{/if}}\n{{else}}")).toEqual([
      { line: 21, message: "{{/if}} sans {{#if …}} ouvert." },
      { line: 22, message: "{{else}} sans {{#if …}} ouvert." },
    ]);
  });

  it("reports a second {{else}}", () => {
    expect(errorsOf("{{#if x}}a{{else}}b\n{{else}}c{{/if}}")).toEqual([
      { line: 21, message: "Second {{else}} pour le {{#if x}} de la ligne 20." },
    ]);
  });

  it("reports malformed conditions, unknown tags and unterminated braces", () => {
    expect(errorsOf('{{#if x = "a"}}{{/if}}')[0]?.message).toMatch(/^Condition invalide « {{#if x = "a"}} »/);
    expect(errorsOf("{{prix unitaire}}")[0]?.message).toMatch(/^Balise inconnue « {{prix unitaire}} »/);
    expect(errorsOf("texte\n{{delai et la suite")).toEqual([
      { line: 21, message: "« {{ » n'est pas refermé par « }} » sur la même balise." },
    ]);
  });
});
