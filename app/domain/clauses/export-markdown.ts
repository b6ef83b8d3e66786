import { ACCEPTANCE_PLAN_TITLE } from "./acceptance-plan";
import { type Block, escapeMarkdown, type Inline } from "./blocks";
import {
  ANNEX_COLUMNS,
  ANNEX_TITLE,
  type ClauseDocument,
  clauseReferenceLine,
  GUIDANCE_TITLE,
  outlineOf,
  TABLE_OF_CONTENTS_TITLE,
  titlePageDetails,
} from "./document";
import type { RenderedClause } from "./render";
import { isSafeHref } from "./xml";

// Markdown for buyers who paste into their own template, and for review in a forum post. Numbers are written into
// the headings: Markdown has no automatic numbering.

function inlineMarkdown(run: Inline): string {
  let text = run.code ? `\`${run.text.replace(/`/g, "'")}\`` : escapeMarkdown(run.text);
  if (run.emphasis) text = `*${text}*`;
  if (run.strong) text = `**${text}**`;
  if (run.href && isSafeHref(run.href)) text = `[${text}](<${run.href.replace(/[<>]/g, encodeURIComponent)}>)`;
  return text;
}

const inlinesMarkdown = (runs: readonly Inline[]) => runs.map(inlineMarkdown).join("");

export function blocksToMarkdown(blocks: readonly Block[]): string {
  return blocks
    .map((block) => {
      if (block.kind === "paragraph") return inlinesMarkdown(block.inlines);
      return block.items
        .map(
          (item, index) =>
            `${"   ".repeat(item.level)}${block.ordered ? `${index + 1}.` : "-"} ${inlinesMarkdown(item.inlines)}`,
        )
        .join("\n");
    })
    .join("\n\n");
}

/** One clause, for copy-to-clipboard: heading, reference line, binding text, and the guide only when asked. */
export function renderedClauseToMarkdown(
  clause: RenderedClause,
  options: { headingPrefix?: string; includeGuidance?: boolean } = {},
): string {
  const parts = [
    `${options.headingPrefix ?? "##"} ${escapeMarkdown(clause.title)}`,
    `*${escapeMarkdown(clauseReferenceLine(clause))}*`,
    blocksToMarkdown(clause.blocks),
  ];
  if (options.includeGuidance && clause.guidance.length > 0)
    parts.push(
      `> **${GUIDANCE_TITLE}** (non contractuel)\n>\n${blocksToMarkdown(clause.guidance)
        .split("\n")
        .map((line) => (line ? `> ${line}` : ">"))
        .join("\n")}`,
    );
  return parts.join("\n\n");
}

const tableCell = (text: string) => escapeMarkdown(text).replace(/\|/g, "\\|");

export function exportMarkdown(document: ClauseDocument): string {
  const { titlePage } = document;
  const outline = outlineOf(document);
  const parts: string[] = [
    `# ${escapeMarkdown(titlePage.documentTitle)}`,
    [
      `**${escapeMarkdown(titlePage.buyerName)}**`,
      escapeMarkdown(titlePage.procurementTitle),
      ...titlePageDetails(titlePage).map(escapeMarkdown),
    ].join("  \n"),
    `## ${TABLE_OF_CONTENTS_TITLE}`,
    [
      ...outline.map((item) => `${"  ".repeat(item.level - 1)}- ${item.number} ${escapeMarkdown(item.title)}`),
      `- ${escapeMarkdown(ANNEX_TITLE)}`,
      ...(document.acceptancePlan ? [`- ${escapeMarkdown(ACCEPTANCE_PLAN_TITLE)}`] : []),
    ].join("\n"),
  ];
  for (const item of outline) {
    const heading = `${"#".repeat(item.level + 1)} ${item.number} ${escapeMarkdown(item.title)}`;
    if (item.kind === "section") parts.push(heading);
    else
      parts.push(
        renderedClauseToMarkdown(item.clause, {
          headingPrefix: heading.split(" ")[0],
          includeGuidance: document.includeGuidance,
        }).replace(/^#+ [^\n]*/, heading),
      );
  }
  parts.push(`## ${escapeMarkdown(ANNEX_TITLE)}`);
  const rows = outline
    .filter((item) => item.kind === "clause")
    .map(
      (item) =>
        `| ${[item.number, item.title, item.clause.id, item.clause.version].map(tableCell).join(" | ")} | \`${item.clause.contentHash}\` |`,
    );
  parts.push(
    [`| ${ANNEX_COLUMNS.join(" | ")} |`, `|${ANNEX_COLUMNS.map(() => " --- ").join("|")}|`, ...rows].join("\n"),
  );
  if (document.acceptancePlan)
    parts.push(`## ${escapeMarkdown(ACCEPTANCE_PLAN_TITLE)}`, blocksToMarkdown(document.acceptancePlan));
  return `${parts.join("\n\n")}\n`;
}
