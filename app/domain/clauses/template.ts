// The binding-text template language, deliberately small (documented in clauses/README.md):
//   {{name}}                          the parameter's value, formatted in French
//   {{#if name}} … {{else}} … {{/if}} on a boolean (or on "has a value" for other types)
//   {{#if name == "value"}} / {{#if name != "value"}} on a choice parameter's option value
// Blocks nest. A block tag alone on its line disappears with its line, so conditional paragraphs and list items
// leave no blank line behind.

export type TemplateCondition =
  { name: string; operator: "truthy" } | { name: string; operator: "==" | "!="; value: string };

export type TemplateNode =
  | { kind: "text"; text: string }
  | { kind: "placeholder"; name: string; line: number }
  | { kind: "if"; condition: TemplateCondition; line: number; then: TemplateNode[]; otherwise: TemplateNode[] };

export interface TemplateSyntaxError {
  line: number;
  message: string;
}

type Token =
  | { kind: "text"; text: string }
  | { kind: "placeholder"; name: string; line: number }
  | { kind: "if"; condition: TemplateCondition; line: number; source: string }
  | { kind: "else"; line: number }
  | { kind: "endif"; line: number };

const NAME = "[a-zA-Z][a-zA-Z0-9]*";
const PLACEHOLDER = new RegExp(`^${NAME}$`);
const IF_TAG = /^#if\s+(.*)$/;
const TRUTHY_CONDITION = new RegExp(`^(${NAME})$`);
const COMPARISON_CONDITION = new RegExp(`^(${NAME})\\s*(==|!=)\\s*"([^"]*)"$`);

function tokenize(text: string, startLine: number, errors: TemplateSyntaxError[]): Token[] {
  const tokens: Token[] = [];
  const lineAt = (offset: number) => startLine + countNewlines(text, offset);
  let cursor = 0;
  while (cursor < text.length) {
    const tagStart = text.indexOf("{{", cursor);
    if (tagStart === -1) break;
    const tagEnd = text.indexOf("}}", tagStart + 2);
    const nextOpening = text.indexOf("{{", tagStart + 2);
    if (tagEnd === -1 || (nextOpening !== -1 && nextOpening < tagEnd)) {
      errors.push({ line: lineAt(tagStart), message: "« {{ » n'est pas refermé par « }} » sur la même balise." });
      pushText(tokens, text.slice(cursor, tagStart + 2));
      cursor = tagStart + 2;
      continue;
    }
    const line = lineAt(tagStart);
    const source = text.slice(tagStart + 2, tagEnd).trim();
    const token = classifyTag(source, line, errors);
    const afterTag = tagEnd + 2;
    if (token && token.kind !== "placeholder") {
      // A block tag alone on its line takes its line with it.
      const lineStart = text.lastIndexOf("\n", tagStart - 1) + 1;
      const newline = text.indexOf("\n", afterTag);
      const lineEnd = newline === -1 ? text.length : newline;
      const aloneOnLine =
        lineStart >= cursor &&
        /^[ \t]*$/.test(text.slice(lineStart, tagStart)) &&
        /^[ \t]*$/.test(text.slice(afterTag, lineEnd));
      if (aloneOnLine) {
        pushText(tokens, text.slice(cursor, lineStart));
        tokens.push(token);
        cursor = newline === -1 ? text.length : newline + 1;
        continue;
      }
    }
    pushText(tokens, text.slice(cursor, tagStart));
    if (token) tokens.push(token);
    cursor = afterTag;
  }
  pushText(tokens, text.slice(cursor));
  return tokens;
}

function classifyTag(source: string, line: number, errors: TemplateSyntaxError[]): Token | undefined {
  if (source === "else") return { kind: "else", line };
  if (PLACEHOLDER.test(source)) return { kind: "placeholder", name: source, line };
  if (source === "/if") return { kind: "endif", line };
  const ifMatch = IF_TAG.exec(source);
  if (ifMatch) {
    const expression = (ifMatch[1] ?? "").trim();
    const truthy = TRUTHY_CONDITION.exec(expression);
    if (truthy) return { kind: "if", condition: { name: truthy[1]!, operator: "truthy" }, line, source };
    const comparison = COMPARISON_CONDITION.exec(expression);
    if (comparison)
      return {
        kind: "if",
        condition: { name: comparison[1]!, operator: comparison[2] as "==" | "!=", value: comparison[3]! },
        line,
        source,
      };
    errors.push({
      line,
      message: `Condition invalide « {{${source}}} » : écrivez {{#if parametre}}, {{#if parametre == "valeur"}} ou {{#if parametre != "valeur"}}.`,
    });
    return undefined;
  }
  errors.push({
    line,
    message: `Balise inconnue « {{${source}}} » : seules {{parametre}}, {{#if …}}, {{else}} et {{/if}} sont permises.`,
  });
  return undefined;
}

function pushText(tokens: Token[], text: string) {
  if (text) tokens.push({ kind: "text", text });
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let index = text.indexOf("\n"); index !== -1 && index < end; index = text.indexOf("\n", index + 1)) count++;
  return count;
}

/** Parses a binding text; `startLine` is the file line of its first character, so errors point into the file. */
export function parseTemplate(text: string, startLine = 1): { nodes: TemplateNode[]; errors: TemplateSyntaxError[] } {
  const errors: TemplateSyntaxError[] = [];
  const root: TemplateNode[] = [];
  const open: { node: Extract<TemplateNode, { kind: "if" }>; source: string; inElse: boolean; elseLine?: number }[] =
    [];
  const currentList = () => {
    const frame = open.at(-1);
    if (!frame) return root;
    return frame.inElse ? frame.node.otherwise : frame.node.then;
  };
  for (const token of tokenize(text, startLine, errors)) {
    switch (token.kind) {
      case "text":
      case "placeholder":
        currentList().push(token);
        break;
      case "if": {
        const node: Extract<TemplateNode, { kind: "if" }> = {
          kind: "if",
          condition: token.condition,
          line: token.line,
          then: [],
          otherwise: [],
        };
        currentList().push(node);
        open.push({ node, source: token.source, inElse: false });
        break;
      }
      case "else": {
        const frame = open.at(-1);
        if (!frame) errors.push({ line: token.line, message: "{{else}} sans {{#if …}} ouvert." });
        else if (frame.inElse)
          errors.push({
            line: token.line,
            message: `Second {{else}} pour le {{${frame.source}}} de la ligne ${frame.node.line}.`,
          });
        else frame.inElse = true;
        break;
      }
      case "endif":
        if (!open.pop()) errors.push({ line: token.line, message: "{{/if}} sans {{#if …}} ouvert." });
        break;
    }
  }
  for (const frame of open)
    errors.push({ line: frame.node.line, message: `{{${frame.source}}} n'est jamais refermé par {{/if}}.` });
  return { nodes: root, errors };
}

export interface ParameterUse {
  name: string;
  line: number;
  condition?: TemplateCondition;
}

/** Every parameter a template mentions, in placeholders or conditions, with its line. */
export function collectParameterUses(nodes: readonly TemplateNode[]): ParameterUse[] {
  const uses: ParameterUse[] = [];
  const visit = (list: readonly TemplateNode[]) => {
    for (const node of list) {
      if (node.kind === "placeholder") uses.push({ name: node.name, line: node.line });
      if (node.kind === "if") {
        uses.push({ name: node.condition.name, line: node.line, condition: node.condition });
        visit(node.then);
        visit(node.otherwise);
      }
    }
  };
  visit(nodes);
  return uses;
}

export interface TemplateScope {
  /** The text replacing `{{name}}`, already escaped for the output language (Markdown here). */
  format(name: string): string;
  test(condition: TemplateCondition): boolean;
}

export function evaluateTemplate(nodes: readonly TemplateNode[], scope: TemplateScope): string {
  let output = "";
  for (const node of nodes) {
    if (node.kind === "text") output += node.text;
    else if (node.kind === "placeholder") output += scope.format(node.name);
    else output += evaluateTemplate(scope.test(node.condition) ? node.then : node.otherwise, scope);
  }
  return output;
}
