import { ACCEPTANCE_PLAN_TITLE } from "./acceptance-plan";
import { strToU8, zipSync } from "fflate";
import type { Block, Inline } from "./blocks";
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

// OOXML written by hand rather than with the `docx` package: the same document model and the same choices as the
// ODT exporter (heading styles bound to one multi-level numbering, a TOC field, comments), no dependency, and
// every element visible in review. Word localises the built-in "heading 1" name to "Titre 1".

export const DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const ZIP_TIME = new Date("2020-01-01T00:00:00Z");
const W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** numId of the heading outline; bullet lists use 2; each ordered list gets its own numId so it restarts at 1. */
const HEADING_NUM_ID = 1;
const BULLET_NUM_ID = 2;
const FIRST_ORDERED_NUM_ID = 3;
/** A4 text width with 2 cm margins, in twentieths of a point. */
const TEXT_WIDTH = 9638;

class DocxWriter {
  readonly hyperlinks: string[] = [];
  readonly comments: string[] = [];
  orderedListCount = 0;

  hyperlinkId(href: string): string {
    this.hyperlinks.push(href);
    return `rIdLink${this.hyperlinks.length}`;
  }
}

export function exportDocx(document: ClauseDocument): Uint8Array {
  const writer = new DocxWriter();
  const body = documentBody(document, writer);
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(contentTypesXml(writer.comments.length > 0)),
    "_rels/.rels": strToU8(
      `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/></Relationships>`,
    ),
    "docProps/core.xml": strToU8(
      `${XML_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${escapeXml(`${document.titlePage.documentTitle} — ${document.titlePage.procurementTitle}`)}</dc:title><dc:subject>${escapeXml(document.titlePage.buyerName)}</dc:subject><dc:creator>CICCLO Interop</dc:creator><dc:language>fr-FR</dc:language></cp:coreProperties>`,
    ),
    "docProps/app.xml": strToU8(
      `${XML_DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>CICCLO Interop</Application></Properties>`,
    ),
    "word/document.xml": strToU8(`${XML_DECLARATION}<w:document ${W_NS} ${R_NS}><w:body>${body}</w:body></w:document>`),
    "word/styles.xml": strToU8(stylesXml()),
    "word/numbering.xml": strToU8(numberingXml(writer.orderedListCount)),
    "word/settings.xml": strToU8(
      // updateFields: Word offers to refresh the table of contents (page numbers) when the file opens.
      `${XML_DECLARATION}<w:settings ${W_NS}><w:defaultTabStop w:val="709"/><w:updateFields w:val="true"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`,
    ),
    "word/_rels/document.xml.rels": strToU8(documentRelationships(writer)),
  };
  if (writer.comments.length > 0)
    files["word/comments.xml"] = strToU8(
      `${XML_DECLARATION}<w:comments ${W_NS}>${writer.comments.join("")}</w:comments>`,
    );
  return zipSync(files, { level: 6, mtime: ZIP_TIME });
}

function contentTypesXml(hasComments: boolean): string {
  const override = (part: string, type: string) => `<Override PartName="${part}" ContentType="${type}"/>`;
  const wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
  return `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${override("/word/document.xml", `${wml}.document.main+xml`)}${override("/word/styles.xml", `${wml}.styles+xml`)}${override("/word/numbering.xml", `${wml}.numbering+xml`)}${override("/word/settings.xml", `${wml}.settings+xml`)}${hasComments ? override("/word/comments.xml", `${wml}.comments+xml`) : ""}${override("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")}${override("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")}</Types>`;
}

function documentRelationships(writer: DocxWriter): string {
  const relationship = (id: string, type: string, target: string, external = false) =>
    `<Relationship Id="${id}" Type="${REL_NS}/${type}" Target="${escapeXml(target)}"${external ? ' TargetMode="External"' : ""}/>`;
  return `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationship("rIdStyles", "styles", "styles.xml")}${relationship("rIdNumbering", "numbering", "numbering.xml")}${relationship("rIdSettings", "settings", "settings.xml")}${writer.comments.length > 0 ? relationship("rIdComments", "comments", "comments.xml") : ""}${writer.hyperlinks.map((href, index) => relationship(`rIdLink${index + 1}`, "hyperlink", href, true)).join("")}</Relationships>`;
}

function textRun(text: string, properties = ""): string {
  return `<w:r>${properties ? `<w:rPr>${properties}</w:rPr>` : ""}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
}

function inlinesXml(runs: readonly Inline[], writer: DocxWriter): string {
  return runs
    .map((run) => {
      const link = run.href && isSafeHref(run.href);
      const properties = [
        link ? '<w:rStyle w:val="Hyperlink"/>' : "",
        run.code ? '<w:rFonts w:ascii="Liberation Mono" w:hAnsi="Liberation Mono" w:cs="Liberation Mono"/>' : "",
        run.strong ? "<w:b/>" : "",
        run.emphasis ? "<w:i/>" : "",
      ].join("");
      const xml = run.text
        .split("\n")
        .map((line) => textRun(line, properties))
        .join("<w:r><w:br/></w:r>");
      return link ? `<w:hyperlink r:id="${writer.hyperlinkId(run.href!)}">${xml}</w:hyperlink>` : xml;
    })
    .join("");
}

function paragraph(style: string, content: string, extraProperties = ""): string {
  return `<w:p><w:pPr><w:pStyle w:val="${style}"/>${extraProperties}</w:pPr>${content}</w:p>`;
}

function blocksXml(blocks: readonly Block[], writer: DocxWriter): string {
  return blocks
    .map((block) => {
      if (block.kind === "paragraph") return paragraph("BodyText", inlinesXml(block.inlines, writer));
      const numId = block.ordered ? FIRST_ORDERED_NUM_ID + writer.orderedListCount++ : BULLET_NUM_ID;
      return block.items
        .map((item) =>
          paragraph(
            "ListParagraph",
            inlinesXml(item.inlines, writer),
            `<w:numPr><w:ilvl w:val="${Math.min(item.level, 2)}"/><w:numId w:val="${numId}"/></w:numPr>`,
          ),
        )
        .join("");
    })
    .join("");
}

/** Guidance as a Word comment anchored on the reference line: visible in the margin, never binding text. */
function commentXml(id: number, blocks: readonly Block[], writer: DocxWriter): string {
  const paragraphs = blocks.flatMap((block) =>
    block.kind === "paragraph"
      ? [inlinesXml(block.inlines, writer)]
      : block.items.map(
          (item, index) => textRun(block.ordered ? `${index + 1}. ` : "• ") + inlinesXml(item.inlines, writer),
        ),
  );
  const first = '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>';
  return `<w:comment w:id="${id}" w:author="${escapeXml(GUIDANCE_TITLE)}" w:initials="GA">${paragraphs.map((content, index) => paragraph("CommentText", (index === 0 ? first : "") + content)).join("")}</w:comment>`;
}

function documentBody(document: ClauseDocument, writer: DocxWriter): string {
  const { titlePage } = document;
  const outline = outlineOf(document);
  const parts: string[] = [];

  parts.push(paragraph("Buyer", textRun(titlePage.buyerName)));
  parts.push(paragraph("Title", textRun(titlePage.procurementTitle)));
  parts.push(paragraph("Subtitle", textRun(titlePage.documentTitle)));
  for (const detail of titlePageDetails(titlePage)) parts.push(paragraph("TitlePageDetail", textRun(detail)));
  parts.push('<w:p><w:r><w:br w:type="page"/></w:r></w:p>');

  // A TOC complex field whose cached result is pre-filled, so the table reads right before Word updates it.
  parts.push(paragraph("TOCHeading", textRun(TABLE_OF_CONTENTS_TITLE)));
  const entries = [
    ...outline.map((item) => ({ level: item.level, text: `${item.number} ${item.title}` })),
    { level: 1, text: ANNEX_TITLE },
    ...(document.acceptancePlan ? [{ level: 1, text: ACCEPTANCE_PLAN_TITLE }] : []),
  ];
  entries.forEach((entry, index) => {
    const begin =
      index === 0
        ? `<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-${MAX_HEADING_LEVEL}" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`
        : "";
    const end = index === entries.length - 1 ? '<w:r><w:fldChar w:fldCharType="end"/></w:r>' : "";
    parts.push(paragraph(`TOC${entry.level}`, begin + textRun(entry.text) + end));
  });
  parts.push('<w:p><w:r><w:br w:type="page"/></w:r></w:p>');

  for (const item of outline) {
    parts.push(paragraph(`Heading${item.level}`, textRun(item.title)));
    if (item.kind === "section") continue;
    const { clause } = item;
    let reference = textRun(clauseReferenceLine(clause));
    if (document.includeGuidance && clause.guidance.length > 0) {
      const id = writer.comments.length;
      writer.comments.push(commentXml(id, clause.guidance, writer));
      reference = `<w:commentRangeStart w:id="${id}"/>${reference}<w:commentRangeEnd w:id="${id}"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="${id}"/></w:r>`;
    }
    parts.push(paragraph("ClauseReference", reference));
    parts.push(blocksXml(clause.blocks, writer));
  }

  // numId 0 switches numbering off for this heading only: the annex is in the outline but carries no number.
  parts.push(
    paragraph(
      "Heading1",
      textRun(ANNEX_TITLE),
      '<w:pageBreakBefore/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>',
    ),
  );
  parts.push(annexTable(outline));
  if (document.acceptancePlan)
    parts.push(
      paragraph(
        "Heading1",
        textRun(ACCEPTANCE_PLAN_TITLE),
        '<w:pageBreakBefore/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>',
      ),
      blocksXml(document.acceptancePlan, writer),
    );
  parts.push(
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>',
  );
  return parts.join("");
}

function annexTable(outline: ReturnType<typeof outlineOf>): string {
  const widths = [700, 2800, 2200, 900, 3038];
  const cell = (content: string, width: number) =>
    `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/></w:tcPr>${content}</w:tc>`;
  const header = `<w:tr><w:trPr><w:tblHeader/></w:trPr>${ANNEX_COLUMNS.map((title, index) => cell(paragraph("TableContents", textRun(title, "<w:b/>")), widths[index]!)).join("")}</w:tr>`;
  const rows = outline
    .filter((item) => item.kind === "clause")
    .map((item) => {
      const values = [item.number, item.title, item.clause.id, item.clause.version];
      return `<w:tr>${values.map((value, index) => cell(paragraph("TableContents", textRun(value)), widths[index]!)).join("")}${cell(paragraph("TableContents", textRun(item.clause.contentHash, '<w:rFonts w:ascii="Liberation Mono" w:hAnsi="Liberation Mono"/><w:sz w:val="14"/>')), widths[4]!)}</w:tr>`;
    })
    .join("");
  return `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="${TEXT_WIDTH}" w:type="dxa"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>${widths.map((width) => `<w:gridCol w:w="${width}"/>`).join("")}</w:tblGrid>${header}${rows}</w:tbl>`;
}

function style(
  type: "paragraph" | "character" | "table",
  id: string,
  name: string,
  body: string,
  basedOn = type === "paragraph" ? "Normal" : "",
): string {
  return `<w:style w:type="${type}" w:styleId="${id}"><w:name w:val="${escapeXml(name)}"/>${basedOn ? `<w:basedOn w:val="${basedOn}"/>` : ""}${body}</w:style>`;
}

function stylesXml(): string {
  const headingSizes = [32, 28, 24, 22];
  const headings = headingSizes
    .map((size, index) =>
      style(
        "paragraph",
        `Heading${index + 1}`,
        `heading ${index + 1}`,
        `<w:next w:val="BodyText"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:numPr><w:ilvl w:val="${index}"/><w:numId w:val="${HEADING_NUM_ID}"/></w:numPr><w:spacing w:before="${index === 0 ? 360 : 240}" w:after="120"/><w:jc w:val="left"/><w:outlineLvl w:val="${index}"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr>`,
      ),
    )
    .join("");
  const tocStyles = [1, 2, 3, 4]
    .map((level) =>
      style(
        "paragraph",
        `TOC${level}`,
        `toc ${level}`,
        `<w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="${TEXT_WIDTH}"/></w:tabs><w:spacing w:after="60"/><w:ind w:left="${(level - 1) * 284}"/><w:jc w:val="left"/></w:pPr>`,
      ),
    )
    .join("");
  return `${XML_DECLARATION}<w:styles ${W_NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Liberation Sans" w:hAnsi="Liberation Sans" w:eastAsia="Liberation Sans" w:cs="Liberation Sans"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="fr-FR" w:eastAsia="fr-FR" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>${style(
    "paragraph",
    "Normal",
    "Normal",
    "<w:qFormat/>",
    "",
  ).replace(
    'w:styleId="Normal"',
    'w:default="1" w:styleId="Normal"',
  )}${style("paragraph", "BodyText", "Body Text", '<w:qFormat/><w:pPr><w:jc w:val="both"/></w:pPr>')}${headings}${style("paragraph", "Title", "Title", '<w:qFormat/><w:pPr><w:spacing w:before="2400" w:after="240"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="48"/><w:szCs w:val="48"/></w:rPr>')}${style("paragraph", "Subtitle", "Subtitle", '<w:qFormat/><w:pPr><w:spacing w:after="240"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>')}${style("paragraph", "Buyer", "Acheteur", '<w:pPr><w:spacing w:before="1200"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr>')}${style("paragraph", "TitlePageDetail", "Page de titre, détail", '<w:pPr><w:jc w:val="center"/></w:pPr>')}${style("paragraph", "TOCHeading", "TOC Heading", '<w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr>')}${tocStyles}${style("paragraph", "ListParagraph", "List Paragraph", '<w:qFormat/><w:pPr><w:spacing w:after="60"/><w:ind w:left="720"/><w:jc w:val="both"/></w:pPr>')}${style("paragraph", "ClauseReference", "Référence de clause", '<w:pPr><w:spacing w:after="120"/></w:pPr><w:rPr><w:i/><w:color w:val="666666"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>')}${style("paragraph", "TableContents", "Table Contents", '<w:pPr><w:spacing w:before="40" w:after="40"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr>')}${style("paragraph", "CommentText", "annotation text", '<w:rPr><w:sz w:val="20"/></w:rPr>')}${style("character", "CommentReference", "annotation reference", '<w:rPr><w:sz w:val="16"/></w:rPr>')}${style("character", "Hyperlink", "Hyperlink", '<w:rPr><w:color w:val="000091"/><w:u w:val="single"/></w:rPr>')}${style("table", "TableGrid", "Table Grid", '<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>')}</w:styles>`;
}

function numberingXml(orderedListCount: number): string {
  const level = (ilvl: number, format: string, text: string, extra: string, indent: number, hanging: number) =>
    `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${format}"/>${extra}<w:lvlText w:val="${escapeXml(text)}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="${indent}" w:hanging="${hanging}"/></w:pPr></w:lvl>`;
  // Heading outline: level n shows "%1.%2…%n" and is bound to the style Heading<n> (and back, in styles.xml).
  const headingLevels = Array.from({ length: 9 }, (_, ilvl) => {
    const text = Array.from({ length: ilvl + 1 }, (_, index) => `%${index + 1}`).join(".");
    const bound = ilvl < MAX_HEADING_LEVEL ? `<w:pStyle w:val="Heading${ilvl + 1}"/>` : "";
    return level(ilvl, "decimal", text, bound, 567 + ilvl * 284, 567 + ilvl * 284);
  }).join("");
  const bullets = ["•", "–", "▪"]
    .map((symbol, ilvl) => level(ilvl, "bullet", symbol, "", 720 * (ilvl + 1), 360))
    .join("");
  const ordered = ["%1.", "%2)", "%3."]
    .map((text, ilvl) => level(ilvl, ilvl === 1 ? "lowerLetter" : "decimal", text, "", 720 * (ilvl + 1), 360))
    .join("");
  const orderedNums = Array.from(
    { length: orderedListCount },
    (_, index) =>
      `<w:num w:numId="${FIRST_ORDERED_NUM_ID + index}"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>`,
  ).join("");
  return `${XML_DECLARATION}<w:numbering ${W_NS}><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>${headingLevels}</w:abstractNum><w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>${bullets}</w:abstractNum><w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="hybridMultilevel"/>${ordered}</w:abstractNum><w:num w:numId="${HEADING_NUM_ID}"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="${BULLET_NUM_ID}"><w:abstractNumId w:val="1"/></w:num>${orderedNums}</w:numbering>`;
}
