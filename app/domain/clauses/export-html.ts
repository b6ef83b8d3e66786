import type { Block, Inline, ListItem } from "./blocks";
import { ACCEPTANCE_PLAN_TITLE } from "./acceptance-plan";
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
import { escapeXml, isSafeHref } from "./xml";

// A standalone HTML page (print to PDF from the browser), and fragments for the clause pages. Every text goes
// through escapeHtml: buyer values and clause text are never trusted as markup.

export const escapeHtml = escapeXml;

function inlineHtml(run: Inline): string {
  let html = escapeHtml(run.text);
  if (run.code) html = `<code>${html}</code>`;
  if (run.emphasis) html = `<em>${html}</em>`;
  if (run.strong) html = `<strong>${html}</strong>`;
  if (run.href && isSafeHref(run.href)) html = `<a href="${escapeHtml(run.href)}">${html}</a>`;
  return html;
}

const inlinesHtml = (runs: readonly Inline[]) => runs.map(inlineHtml).join("");

function listHtml(items: readonly ListItem[], ordered: boolean, level = 0): string {
  const tag = ordered ? "ol" : "ul";
  let html = `<${tag}>`;
  let index = 0;
  while (index < items.length) {
    let end = index + 1;
    while (end < items.length && items[end]!.level > level) end++;
    const nested = items.slice(index + 1, end);
    html += `<li>${inlinesHtml(items[index]!.inlines)}${nested.length ? listHtml(nested, ordered, level + 1) : ""}</li>`;
    index = end;
  }
  return `${html}</${tag}>`;
}

export function blocksToHtml(blocks: readonly Block[]): string {
  return blocks
    .map((block) =>
      block.kind === "paragraph" ? `<p>${inlinesHtml(block.inlines)}</p>` : listHtml(block.items, block.ordered),
    )
    .join("\n");
}

/** One clause as an HTML fragment (for the clause page and copy-to-clipboard as rich text). */
export function renderedClauseToHtml(
  clause: RenderedClause,
  options: { headingTag?: "h2" | "h3" | "h4" | "h5"; number?: string; includeGuidance?: boolean } = {},
): string {
  const tag = options.headingTag ?? "h2";
  const number = options.number ? `<span class="numero">${escapeHtml(options.number)}</span> ` : "";
  const guidance =
    options.includeGuidance && clause.guidance.length > 0
      ? `\n<aside class="guide-acheteur" aria-label="${escapeHtml(GUIDANCE_TITLE)}"><p><strong>${escapeHtml(GUIDANCE_TITLE)}</strong> (non contractuel)</p>\n${blocksToHtml(clause.guidance)}</aside>`
      : "";
  return `<section class="clause" id="clause-${escapeHtml(clause.id)}" data-clause-id="${escapeHtml(clause.id)}" data-version="${escapeHtml(clause.version)}" data-content-hash="${escapeHtml(clause.contentHash)}">\n<${tag}>${number}${escapeHtml(clause.title)}</${tag}>\n<p class="reference-clause">${escapeHtml(clauseReferenceLine(clause))}</p>\n${blocksToHtml(clause.blocks)}${guidance}\n</section>`;
}

const STYLE = `body{font-family:"Marianne",Arial,sans-serif;max-width:48rem;margin:2rem auto;line-height:1.5;padding:0 1rem}
.page-de-titre{text-align:center;margin:4rem 0;page-break-after:always}.reference-clause{font-size:.8em;font-style:italic;color:#666}
.guide-acheteur{border-left:4px solid #000091;background:#f5f5fe;padding:.5rem 1rem;font-size:.9em}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #000;padding:.25rem .5rem;text-align:left;vertical-align:top}
td code{font-size:.7em;word-break:break-all}nav ul{list-style:none}`;

export function exportHtml(document: ClauseDocument): string {
  const { titlePage } = document;
  const outline = outlineOf(document);
  const anchor = (item: (typeof outline)[number]) =>
    item.kind === "clause" ? `clause-${item.clause.id}` : `section-${item.number}`;
  const toc = [
    ...outline.map(
      (item) =>
        `<li class="niveau-${item.level}"><a href="#${escapeHtml(anchor(item))}">${escapeHtml(item.number)} ${escapeHtml(item.title)}</a></li>`,
    ),
    `<li class="niveau-1"><a href="#annexe">${escapeHtml(ANNEX_TITLE)}</a></li>`,
    ...(document.acceptancePlan
      ? [`<li class="niveau-1"><a href="#plan-de-recette">${escapeHtml(ACCEPTANCE_PLAN_TITLE)}</a></li>`]
      : []),
  ].join("\n");
  const acceptancePlan = document.acceptancePlan
    ? `\n<h2 id="plan-de-recette">${escapeHtml(ACCEPTANCE_PLAN_TITLE)}</h2>\n${blocksToHtml(document.acceptancePlan)}`
    : "";
  const body = outline
    .map((item) => {
      const headingTag = `h${item.level + 1}` as "h2" | "h3" | "h4" | "h5";
      if (item.kind === "section")
        return `<${headingTag} id="${escapeHtml(anchor(item))}"><span class="numero">${escapeHtml(item.number)}</span> ${escapeHtml(item.title)}</${headingTag}>`;
      return renderedClauseToHtml(item.clause, {
        headingTag,
        number: item.number,
        includeGuidance: document.includeGuidance,
      });
    })
    .join("\n");
  const rows = outline
    .filter((item) => item.kind === "clause")
    .map(
      (item) =>
        `<tr><td>${[item.number, item.title, item.clause.id, item.clause.version].map(escapeHtml).join("</td><td>")}</td><td><code>${escapeHtml(item.clause.contentHash)}</code></td></tr>`,
    )
    .join("\n");
  const title = `${titlePage.documentTitle} — ${titlePage.procurementTitle}`;
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
<header class="page-de-titre"><p><strong>${escapeHtml(titlePage.buyerName)}</strong></p><h1>${escapeHtml(titlePage.procurementTitle)}</h1><p>${escapeHtml(titlePage.documentTitle)}</p>${titlePageDetails(
    titlePage,
  )
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join("")}</header>
<nav aria-label="${escapeHtml(TABLE_OF_CONTENTS_TITLE)}"><h2>${escapeHtml(TABLE_OF_CONTENTS_TITLE)}</h2>
<ul>
${toc}
</ul></nav>
<main>
${body}
<h2 id="annexe">${escapeHtml(ANNEX_TITLE)}</h2>
<table><thead><tr>${ANNEX_COLUMNS.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join("")}</tr></thead>
<tbody>
${rows}
</tbody></table>${acceptancePlan}
</main>
</body>
</html>
`;
}
