import { ACCEPTANCE_PLAN_TITLE } from "./acceptance-plan";
import { strToU8, zipSync, type Zippable } from "fflate";
import type { Block, Inline, ListItem } from "./blocks";
import {
  ANNEX_COLUMNS,
  ANNEX_TITLE,
  type ClauseDocument,
  clauseReferenceLine,
  GUIDANCE_TITLE,
  MAX_HEADING_LEVEL,
  outlineOf,
  TABLE_OF_CONTENTS_TITLE,
  titlePageDetails,
} from "./document";
import { escapeXml, isSafeHref, XML_DECLARATION } from "./xml";

// ODF 1.3 text document, written by hand: the RGI recommends ODF, and hand-written XML lets us control exactly the
// parts a buyer relies on (heading styles tied to the outline numbering, a real table-of-contents index, comments).

export const ODT_MEDIA_TYPE = "application/vnd.oasis.opendocument.text";
/** Fixed timestamp in the zip entries: the same document gives the same bytes. */
const ZIP_TIME = new Date("2020-01-01T00:00:00Z");

const NAMESPACES = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
  'xmlns:xlink="http://www.w3.org/1999/xlink"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
  'office:version="1.3"',
].join(" ");

const headingStyle = (level: number) => `Heading_20_${level}`;

export function exportOdt(document: ClauseDocument): Uint8Array {
  const files: Zippable = {
    // ODF requires `mimetype` first and stored (not compressed), so tools can sniff the type from the zip's head.
    mimetype: [strToU8(ODT_MEDIA_TYPE), { level: 0 }],
    "META-INF/manifest.xml": strToU8(manifestXml()),
    "meta.xml": strToU8(metaXml(document)),
    "styles.xml": strToU8(stylesXml()),
    "content.xml": strToU8(contentXml(document)),
  };
  return zipSync(files, { level: 6, mtime: ZIP_TIME });
}

function manifestXml(): string {
  const entry = (path: string, type: string) =>
    `<manifest:file-entry manifest:full-path="${path}" manifest:media-type="${type}"/>`;
  return `${XML_DECLARATION}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${ODT_MEDIA_TYPE}"/>${entry("content.xml", "text/xml")}${entry("styles.xml", "text/xml")}${entry("meta.xml", "text/xml")}</manifest:manifest>`;
}

function metaXml(document: ClauseDocument): string {
  const { titlePage } = document;
  return `${XML_DECLARATION}<office:document-meta ${NAMESPACES}><office:meta><meta:generator>CICCLO Interop</meta:generator><dc:title>${escapeXml(`${titlePage.documentTitle} — ${titlePage.procurementTitle}`)}</dc:title><dc:subject>${escapeXml(titlePage.buyerName)}</dc:subject><dc:language>fr-FR</dc:language></office:meta></office:document-meta>`;
}

function paragraphStyle(
  name: string,
  displayName: string,
  parent: string,
  paragraph: string,
  text: string,
  extra = "",
) {
  return `<style:style style:name="${name}" style:display-name="${escapeXml(displayName)}" style:family="paragraph" style:parent-style-name="${parent}"${extra}><style:paragraph-properties ${paragraph}/><style:text-properties ${text}/></style:style>`;
}

function stylesXml(): string {
  const headingSizes = ["16pt", "14pt", "12pt", "11pt"];
  const headings = headingSizes
    .map((size, index) =>
      paragraphStyle(
        headingStyle(index + 1),
        `Heading ${index + 1}`,
        "Heading",
        'fo:margin-top="0.4cm" fo:margin-bottom="0.2cm"',
        `fo:font-size="${size}" fo:font-weight="bold" style:font-weight-complex="bold"`,
        ` style:next-style-name="Text_20_body" style:default-outline-level="${index + 1}" style:class="text"`,
      ),
    )
    .join("");
  const contents = [1, 2, 3, 4]
    .map((level) => {
      const indent = (level - 1) * 0.5;
      return `<style:style style:name="Contents_20_${level}" style:display-name="Contents ${level}" style:family="paragraph" style:parent-style-name="Index" style:class="index"><style:paragraph-properties fo:margin-left="${indent}cm" fo:margin-top="0cm" fo:margin-bottom="0.05cm"><style:tab-stops><style:tab-stop style:position="${17 - indent}cm" style:type="right" style:leader-style="dotted" style:leader-text="."/></style:tab-stops></style:paragraph-properties></style:style>`;
    })
    .join("");
  // Outline numbering 1, 1.1, 1.1.1, 1.1.1.1 bound to the heading styles through their outline level.
  const outlineLevels = Array.from({ length: 10 }, (_, index) => {
    const level = index + 1;
    const numbered = level <= MAX_HEADING_LEVEL;
    const indent = 0.8 + index * 0.35;
    return `<text:outline-level-style text:level="${level}" style:num-format="${numbered ? "1" : ""}"${numbered ? ` text:display-levels="${level}"` : ""}><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="${indent.toFixed(2)}cm" fo:text-indent="-${indent.toFixed(2)}cm" fo:margin-left="${indent.toFixed(2)}cm"/></style:list-level-properties></text:outline-level-style>`;
  }).join("");
  return `${XML_DECLARATION}<office:document-styles ${NAMESPACES}><office:font-face-decls><style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss" style:font-pitch="variable"/><style:font-face style:name="Liberation Mono" svg:font-family="'Liberation Mono'" style:font-family-generic="modern" style:font-pitch="fixed"/></office:font-face-decls><office:styles><style:default-style style:family="paragraph"><style:paragraph-properties fo:hyphenation-ladder-count="no-limit" style:writing-mode="page"/><style:text-properties style:font-name="Liberation Sans" fo:font-size="11pt" fo:language="fr" fo:country="FR" fo:hyphenate="false"/></style:default-style><style:style style:name="Standard" style:family="paragraph" style:class="text"/>${paragraphStyle("Text_20_body", "Text body", "Standard", 'fo:margin-top="0cm" fo:margin-bottom="0.25cm" fo:text-align="justify" fo:line-height="115%"', "", ' style:class="text"')}${paragraphStyle("Heading", "Heading", "Standard", 'fo:margin-top="0.42cm" fo:margin-bottom="0.21cm" fo:keep-with-next="always"', 'fo:font-size="14pt"', ' style:next-style-name="Text_20_body" style:class="text"')}${headings}${paragraphStyle("Title", "Title", "Heading", 'fo:margin-top="6cm" fo:text-align="center"', 'fo:font-size="24pt" fo:font-weight="bold"', ' style:class="chapter"')}${paragraphStyle("Subtitle", "Subtitle", "Heading", 'fo:margin-top="0.5cm" fo:text-align="center"', 'fo:font-size="16pt"', ' style:class="chapter"')}${paragraphStyle("Buyer", "Acheteur", "Standard", 'fo:margin-top="1cm" fo:text-align="center"', 'fo:font-size="14pt" fo:font-weight="bold"')}${paragraphStyle("Title_20_Page_20_Detail", "Page de titre, détail", "Standard", 'fo:margin-top="0.3cm" fo:text-align="center"', 'fo:font-size="11pt"')}${paragraphStyle("Index", "Index", "Standard", "", "", ' style:class="index"')}${paragraphStyle("Contents_20_Heading", "Contents Heading", "Heading", 'fo:margin-top="0cm"', 'fo:font-size="16pt" fo:font-weight="bold"', ' style:class="index"')}${contents}${paragraphStyle("List_20_Contents", "List Contents", "Text_20_body", 'fo:margin-bottom="0.1cm"', "", ' style:class="list"')}${paragraphStyle("Clause_20_Reference", "Référence de clause", "Standard", 'fo:margin-top="0cm" fo:margin-bottom="0.2cm"', 'fo:font-size="8pt" fo:font-style="italic" fo:color="#666666"')}${paragraphStyle("Guidance", "Guide de l'acheteur", "Standard", "", 'fo:font-size="9pt"')}${paragraphStyle("Table_20_Contents", "Table Contents", "Standard", 'fo:margin-top="0.05cm" fo:margin-bottom="0.05cm"', 'fo:font-size="9pt"', ' style:class="extra"')}${paragraphStyle("Table_20_Heading", "Table Heading", "Table_20_Contents", "", 'fo:font-weight="bold"', ' style:class="extra"')}<style:style style:name="Internet_20_link" style:display-name="Internet link" style:family="text"><style:text-properties fo:color="#000091" style:text-underline-style="solid" style:text-underline-width="auto" style:text-underline-color="font-color"/></style:style><text:outline-style style:name="Outline">${outlineLevels}</text:outline-style></office:styles><office:automatic-styles><style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/></style:page-layout></office:automatic-styles><office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"/></office:master-styles></office:document-styles>`;
}

/** Run styles for every combination of marks, so any inline run maps to one automatic style. */
function textStyleName(run: Inline): string | undefined {
  const key = `${run.strong ? "B" : ""}${run.emphasis ? "I" : ""}${run.code ? "C" : ""}`;
  return key ? `T_${key}` : undefined;
}

function automaticStyles(): string {
  const textStyles = ["B", "I", "C", "BI", "BC", "IC", "BIC"]
    .map((key) => {
      const properties = [
        key.includes("B") ? 'fo:font-weight="bold" style:font-weight-complex="bold"' : "",
        key.includes("I") ? 'fo:font-style="italic" style:font-style-complex="italic"' : "",
        key.includes("C") ? 'style:font-name="Liberation Mono" fo:font-size="10pt"' : "",
      ].join(" ");
      return `<style:style style:name="T_${key}" style:family="text"><style:text-properties ${properties}/></style:style>`;
    })
    .join("");
  const listLevels = (ordered: boolean) =>
    [1, 2, 3]
      .map((level) => {
        const indent = (0.6 * level).toFixed(1);
        const label = ordered
          ? `<text:list-level-style-number text:level="${level}" style:num-suffix="." style:num-format="${level === 2 ? "a" : "1"}">`
          : `<text:list-level-style-bullet text:level="${level}" text:bullet-char="${level === 2 ? "–" : "•"}">`;
        const close = ordered ? "</text:list-level-style-number>" : "</text:list-level-style-bullet>";
        return `${label}<style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="${indent}cm" fo:text-indent="-0.6cm" fo:margin-left="${indent}cm"/></style:list-level-properties>${close}`;
      })
      .join("");
  return `<office:automatic-styles>${textStyles}<style:style style:name="P_PageBreakAfter" style:family="paragraph" style:parent-style-name="Title_20_Page_20_Detail"><style:paragraph-properties fo:break-after="page"/></style:style><style:style style:name="P_AnnexHeading" style:family="paragraph" style:parent-style-name="${headingStyle(1)}"><style:paragraph-properties fo:break-before="page"/></style:style><style:style style:name="Tbl_Annex" style:family="table"><style:table-properties style:width="17cm" table:align="margins"/></style:style>${[1.0, 5.0, 4.0, 1.5, 5.5].map((width, index) => `<style:style style:name="Tbl_Annex.${index}" style:family="table-column"><style:table-column-properties style:column-width="${width}cm"/></style:style>`).join("")}<style:style style:name="Tbl_Annex.Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #000000"/></style:style><style:style style:name="P_Hash" style:family="paragraph" style:parent-style-name="Table_20_Contents"><style:text-properties style:font-name="Liberation Mono" fo:font-size="7pt"/></style:style><text:list-style style:name="L_Bullet">${listLevels(false)}</text:list-style><text:list-style style:name="L_Numbered">${listLevels(true)}</text:list-style></office:automatic-styles>`;
}

function inlinesXml(runs: readonly Inline[]): string {
  return runs
    .map((run) => {
      const style = textStyleName(run);
      let xml = textXml(run.text);
      if (style) xml = `<text:span text:style-name="${style}">${xml}</text:span>`;
      if (run.href && isSafeHref(run.href))
        xml = `<text:a xlink:type="simple" xlink:href="${escapeXml(run.href)}" text:style-name="Internet_20_link">${xml}</text:a>`;
      return xml;
    })
    .join("");
}

/** Runs of spaces and tabs need ODF's own elements: XML whitespace would collapse. */
function textXml(text: string): string {
  return escapeXml(text)
    .replace(/\t/g, "<text:tab/>")
    .replace(/ {2,}/g, (spaces) => ` <text:s text:c="${spaces.length - 1}"/>`)
    .replace(/\n/g, "<text:line-break/>");
}

function listXml(items: readonly ListItem[], ordered: boolean, level = 0, styled = true): string {
  let xml = `<text:list${styled ? ` text:style-name="${ordered ? "L_Numbered" : "L_Bullet"}"` : ""}>`;
  let index = 0;
  while (index < items.length) {
    const item = items[index]!;
    let end = index + 1;
    while (end < items.length && items[end]!.level > level) end++;
    const nested = items.slice(index + 1, end);
    xml += `<text:list-item><text:p text:style-name="List_20_Contents">${inlinesXml(item.inlines)}</text:p>${nested.length ? listXml(nested, ordered, level + 1, false) : ""}</text:list-item>`;
    index = end;
  }
  return `${xml}</text:list>`;
}

function blocksXml(blocks: readonly Block[], paragraphStyleName = "Text_20_body"): string {
  return blocks
    .map((block) =>
      block.kind === "paragraph"
        ? `<text:p text:style-name="${paragraphStyleName}">${inlinesXml(block.inlines)}</text:p>`
        : listXml(block.items, block.ordered),
    )
    .join("");
}

/** Guidance as a comment: visible in the margin of LibreOffice or Word, never part of the binding text. */
function annotationXml(blocks: readonly Block[]): string {
  const paragraphs = blocks.flatMap((block) =>
    block.kind === "paragraph"
      ? [inlinesXml(block.inlines)]
      : block.items.map((item, index) => `${block.ordered ? `${index + 1}. ` : "• "}${inlinesXml(item.inlines)}`),
  );
  return `<office:annotation><dc:creator>${escapeXml(GUIDANCE_TITLE)}</dc:creator>${paragraphs.map((p) => `<text:p>${p}</text:p>`).join("")}</office:annotation>`;
}

function contentXml(document: ClauseDocument): string {
  const { titlePage } = document;
  const outline = outlineOf(document);
  const parts: string[] = [];

  parts.push(`<text:p text:style-name="Buyer">${textXml(titlePage.buyerName)}</text:p>`);
  parts.push(`<text:p text:style-name="Title">${textXml(titlePage.procurementTitle)}</text:p>`);
  parts.push(`<text:p text:style-name="Subtitle">${textXml(titlePage.documentTitle)}</text:p>`);
  for (const detail of titlePageDetails(titlePage))
    parts.push(`<text:p text:style-name="Title_20_Page_20_Detail">${textXml(detail)}</text:p>`);
  parts.push(`<text:p text:style-name="P_PageBreakAfter"/>`);

  // The index body is pre-filled so the table reads right before the buyer updates it (page numbers come then).
  const entryTemplates = [1, 2, 3, 4]
    .map(
      (level) =>
        `<text:table-of-content-entry-template text:outline-level="${level}" text:style-name="Contents_20_${level}"><text:index-entry-link-start text:style-name="Internet_20_link"/><text:index-entry-chapter/><text:index-entry-text/><text:index-entry-link-end/><text:index-entry-tab-stop style:type="right" style:leader-char="."/><text:index-entry-page-number/></text:table-of-content-entry-template>`,
    )
    .join("");
  const entries = [
    ...outline.map(
      (item) =>
        `<text:p text:style-name="Contents_20_${item.level}">${textXml(`${item.number} ${item.title}`)}<text:tab/></text:p>`,
    ),
    `<text:p text:style-name="Contents_20_1">${textXml(ANNEX_TITLE)}<text:tab/></text:p>`,
    ...(document.acceptancePlan
      ? [`<text:p text:style-name="Contents_20_1">${textXml(ACCEPTANCE_PLAN_TITLE)}<text:tab/></text:p>`]
      : []),
  ].join("");
  parts.push(
    `<text:table-of-content text:protected="true" text:name="${escapeXml(TABLE_OF_CONTENTS_TITLE)}"><text:table-of-content-source text:outline-level="${MAX_HEADING_LEVEL}" text:use-index-marks="false"><text:index-title-template text:style-name="Contents_20_Heading">${escapeXml(TABLE_OF_CONTENTS_TITLE)}</text:index-title-template>${entryTemplates}</text:table-of-content-source><text:index-body><text:index-title text:name="${escapeXml(TABLE_OF_CONTENTS_TITLE)}_Head"><text:p text:style-name="Contents_20_Heading">${escapeXml(TABLE_OF_CONTENTS_TITLE)}</text:p></text:index-title>${entries}</text:index-body></text:table-of-content>`,
  );

  for (const item of outline) {
    parts.push(
      `<text:h text:style-name="${headingStyle(item.level)}" text:outline-level="${item.level}">${textXml(item.title)}</text:h>`,
    );
    if (item.kind === "section") continue;
    const { clause } = item;
    const annotation = document.includeGuidance && clause.guidance.length > 0 ? annotationXml(clause.guidance) : "";
    parts.push(
      `<text:p text:style-name="Clause_20_Reference">${annotation}${textXml(clauseReferenceLine(clause))}</text:p>`,
    );
    parts.push(blocksXml(clause.blocks));
  }

  // The annex heading belongs to the outline (so the table of contents lists it) but carries no number.
  parts.push(
    `<text:h text:style-name="P_AnnexHeading" text:outline-level="1" text:is-list-header="true">${escapeXml(ANNEX_TITLE)}</text:h>`,
  );
  const cell = (content: string, style = "Table_20_Contents") =>
    `<table:table-cell table:style-name="Tbl_Annex.Cell" office:value-type="string"><text:p text:style-name="${style}">${content}</text:p></table:table-cell>`;
  const rows = outline
    .filter((item) => item.kind === "clause")
    .map(
      (item) =>
        `<table:table-row>${cell(textXml(item.number))}${cell(textXml(item.title))}${cell(textXml(item.clause.id))}${cell(textXml(item.clause.version))}${cell(textXml(item.clause.contentHash), "P_Hash")}</table:table-row>`,
    )
    .join("");
  parts.push(
    `<table:table table:name="Clauses" table:style-name="Tbl_Annex">${ANNEX_COLUMNS.map((_, index) => `<table:table-column table:style-name="Tbl_Annex.${index}"/>`).join("")}<table:table-header-rows><table:table-row>${ANNEX_COLUMNS.map((title) => cell(escapeXml(title), "Table_20_Heading")).join("")}</table:table-row></table:table-header-rows>${rows}</table:table>`,
  );

  if (document.acceptancePlan)
    parts.push(
      `<text:h text:style-name="P_AnnexHeading" text:outline-level="1" text:is-list-header="true">${escapeXml(ACCEPTANCE_PLAN_TITLE)}</text:h>`,
      blocksXml(document.acceptancePlan),
    );

  return `${XML_DECLARATION}<office:document-content ${NAMESPACES}>${automaticStyles()}<office:body><office:text>${parts.join("")}</office:text></office:body></office:document-content>`;
}
