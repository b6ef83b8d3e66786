import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { DomainError } from "~/domain/shared/errors";
import { buildClauseDocument, outlineOf } from "./document";
import { exportDocx } from "./export-docx";
import { testClause, testDocument } from "./export-fixtures";
import { exportHtml } from "./export-html";
import { exportMarkdown } from "./export-markdown";
import { exportOdt, ODT_MEDIA_TYPE } from "./export-odt";

const unzipText = (bytes: Uint8Array) =>
  Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, content]) => [name, strFromU8(content)]));

describe("document model", () => {
  it("numbers sections and clauses 1, 1.1, 1.2.1 in reading order", () => {
    expect(outlineOf(testDocument()).map((item) => `${item.number} ${item.title}`)).toEqual([
      "1 Exigences",
      "1.1 Livraison des données",
      "1.2 Identité",
      "1.2.1 Connexion <sécurisée>",
      "2 Réversibilité",
      "2.1 Restitution",
    ]);
  });

  it("refuses every invalid value of every clause at once, keyed by clause and parameter", () => {
    const build = () =>
      buildClauseDocument({
        titlePage: { buyerName: " ", procurementTitle: "Objet" },
        sections: [
          {
            title: "S",
            children: [
              { clause: testClause("a", "A"), values: { delai: 500 } },
              { clause: testClause("b", "B"), values: { delai: 1 } },
            ],
          },
        ],
      });
    expect(build).toThrow(DomainError);
    try {
      build();
    } catch (error) {
      expect((error as DomainError).context.fieldErrors).toEqual({
        buyerName: "« Nom de l'acheteur » est obligatoire.",
        "a.delai": "« Délai de livraison » doit être compris entre 5 jours et 60 jours.",
        "b.delai": "« Délai de livraison » doit être compris entre 5 jours et 60 jours.",
      });
    }
  });
});

describe("exportOdt", () => {
  const bytes = exportOdt(testDocument());
  const files = unzipText(bytes);
  const content = files["content.xml"]!;
  const styles = files["styles.xml"]!;

  it("starts with the mimetype entry, stored uncompressed and without extra field", () => {
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    expect(view.getUint16(8, true)).toBe(0); // compression method: stored
    const nameLength = view.getUint16(26, true);
    expect(view.getUint16(28, true)).toBe(0); // extra field length
    expect(strFromU8(bytes.subarray(30, 30 + nameLength))).toBe("mimetype");
    expect(strFromU8(bytes.subarray(30 + nameLength, 30 + nameLength + ODT_MEDIA_TYPE.length))).toBe(ODT_MEDIA_TYPE);
    expect(files["META-INF/manifest.xml"]).toContain('manifest:full-path="content.xml"');
  });

  it("binds heading styles to a multi-level outline numbering", () => {
    expect(styles).toContain('style:name="Heading_20_2" style:display-name="Heading 2"');
    expect(styles).toContain('style:default-outline-level="2"');
    expect(styles).toMatch(
      /<text:outline-style style:name="Outline"><text:outline-level-style text:level="1" style:num-format="1" text:display-levels="1">/,
    );
    expect(styles).toContain('<text:outline-level-style text:level="3" style:num-format="1" text:display-levels="3">');
    expect(content).toContain(
      '<text:h text:style-name="Heading_20_3" text:outline-level="3">Connexion &lt;sécurisée&gt;</text:h>',
    );
  });

  it("has a table-of-contents index, a title page, reference lines, an annex and guidance as comments", () => {
    expect(content).toMatch(/<text:table-of-content [^>]*><text:table-of-content-source text:outline-level="4"/);
    expect(content).toContain(
      '<text:p text:style-name="Contents_20_3">1.2.1 Connexion &lt;sécurisée&gt;<text:tab/></text:p>',
    );
    expect(content).toContain('<text:p text:style-name="Buyer">Métropole &lt;Test&gt; &amp; &quot;Cie&quot;</text:p>');
    expect(content).toContain("Clause livraison, version 1.0.0 — Références : RGAA 4.1");
    expect(content).toContain('text:outline-level="1" text:is-list-header="true">Annexe : liste des clauses</text:h>');
    expect(content).toMatch(/<table:table table:name="Clauses"[\s\S]*sha256:[0-9a-f]{64}[\s\S]*<\/table:table>/);
    expect(content).toContain(
      "<office:annotation><dc:creator>Guide de l&apos;acheteur</dc:creator><text:p>Vérifiez le CCAP &amp; l&apos;article 42.</text:p></office:annotation>",
    );
    expect(unzipText(exportOdt(testDocument({ includeGuidance: false })))["content.xml"]).not.toContain(
      "office:annotation",
    );
  });

  it("maps lists, nesting, inline marks and links", () => {
    expect(content).toContain(
      '<text:list text:style-name="L_Bullet"><text:list-item><text:p text:style-name="List_20_Contents">données <text:span text:style-name="T_B">ouvertes</text:span> ;</text:p><text:list><text:list-item>',
    );
    expect(content).toContain('<text:list text:style-name="L_Numbered">');
    expect(content).toContain(
      '<text:a xlink:type="simple" xlink:href="https://www.ogc.org/" text:style-name="Internet_20_link">la norme</text:a>',
    );
    expect(content).toContain("sous 45 jours");
  });
});

describe("exportDocx", () => {
  const files = unzipText(exportDocx(testDocument()));
  const document = files["word/document.xml"]!;

  it("links heading styles to one multi-level numbering", () => {
    expect(files["word/styles.xml"]).toContain(
      '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>',
    );
    expect(files["word/styles.xml"]).toMatch(
      /w:styleId="Heading2">.*?<w:numPr><w:ilvl w:val="1"\/><w:numId w:val="1"\/><\/w:numPr>.*?<w:outlineLvl w:val="1"\/>/,
    );
    expect(files["word/numbering.xml"]).toContain(
      '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading3"/><w:lvlText w:val="%1.%2.%3"/>',
    );
    expect(document).toContain(
      '<w:pStyle w:val="Heading3"/></w:pPr><w:r><w:t xml:space="preserve">Connexion &lt;sécurisée&gt;</w:t></w:r>',
    );
  });

  it("has a TOC field, a title page, an unnumbered annex with hashes, and guidance as comments", () => {
    expect(document).toContain(
      '<w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-4" \\h \\z \\u </w:instrText>',
    );
    expect(document.match(/w:fldCharType="end"/g)).toHaveLength(1);
    expect(document).toContain("Métropole &lt;Test&gt; &amp; &quot;Cie&quot;");
    expect(document).toContain(
      '<w:pageBreakBefore/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">Annexe : liste des clauses',
    );
    expect(document).toMatch(/<w:tbl>[\s\S]*sha256:[0-9a-f]{64}[\s\S]*<\/w:tbl>/);
    expect(document).toContain('<w:commentRangeStart w:id="0"/>');
    expect(files["word/comments.xml"]).toContain("Vérifiez le CCAP &amp; l&apos;article 42.");
    expect(files["[Content_Types].xml"]).toContain('PartName="/word/comments.xml"');
    expect(files["word/_rels/document.xml.rels"]).toContain('Target="https://www.ogc.org/" TargetMode="External"');
    expect(files["word/settings.xml"]).toContain('<w:updateFields w:val="true"/>');
  });

  it("restarts each ordered list at 1 with its own numbering instance", () => {
    expect(files["word/numbering.xml"]).toContain(
      '<w:num w:numId="5"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>',
    );
  });
});

describe("Markdown and HTML exports", () => {
  it("writes numbered headings, reference lines, guidance and the annex in Markdown", () => {
    const markdown = exportMarkdown(testDocument());
    expect(markdown).toContain("#### 1.2.1 Connexion \\<sécurisée\\>");
    expect(markdown).toContain("*Clause livraison, version 1.0.0 — Références : RGAA 4.1*");
    expect(markdown).toContain("> **Guide de l'acheteur** (non contractuel)");
    expect(markdown).toMatch(/\| 2\.1 \| Restitution \| reversibilite \| 1\.0\.0 \| `sha256:[0-9a-f]{64}` \|/);
  });

  it("escapes every text in HTML and keeps the guidance apart from the binding text", () => {
    const html = exportHtml(testDocument());
    expect(html).toContain("<strong>Métropole &lt;Test&gt; &amp; &quot;Cie&quot;</strong>");
    expect(html).toContain('<h4><span class="numero">1.2.1</span> Connexion &lt;sécurisée&gt;</h4>');
    expect(html).toContain('<aside class="guide-acheteur"');
    expect(html).toContain(
      "<ul><li>données <strong>ouvertes</strong> ;<ul><li>au format <em>GeoJSON</em> ;</li></ul></li><li>code <code>source</code>.</li></ul>",
    );
    expect(exportHtml(testDocument({ includeGuidance: false }))).not.toContain('<aside class="guide-acheteur"');
  });
});
