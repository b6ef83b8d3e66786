import { describe, expect, it } from "vitest";
import { renderPostMarkdown } from "~/domain/forum/markdown";
import {
  describeExternalReference,
  extractExternalReferences,
  extractTopicReferences,
  linkTopicReferences,
  missingReferenceMessage,
  parseExternalReferenceUrl,
} from "./references";

describe("#N topic references", () => {
  it("finds references in prose, lists and quotes, once each, in order", () => {
    expect(extractTopicReferences("Voir #12 et #7.\n- lié à #12\n> cf. #3, (#45)")).toEqual([12, 7, 3, 45]);
    expect(extractTopicReferences("#8 en début de ligne")).toEqual([8]);
  });

  it("ignores code, escapes, URLs, links, entities, headings and words", () => {
    const raw = [
      "`#1` et ```\n#2\n```",
      "\\#3 est un simple numéro",
      "https://example.org/page#4 et https://example.org/#5 et <https://x.org/#6>",
      "[lien](https://example.org/#7) &#8; ##9 abc#10 #11a #12-b",
      "## Titre",
      "#0",
    ].join("\n");
    expect(extractTopicReferences(raw)).toEqual([]);
  });

  it("links known references and leaves the others as written; escaped numbers render as plain text", () => {
    const linked = linkTopicReferences("Voir #12, pas `#12` ni \\#12, ni #99.", new Map([[12, "/t/wfs-paging/12"]]));
    expect(linked).toBe("Voir [#12](/t/wfs-paging/12), pas `#12` ni \\#12, ni #99.");
    expect(renderPostMarkdown(linked)).toBe(
      '<p>Voir <a href="/t/wfs-paging/12">#12</a>, pas <code>#12</code> ni #12, ni #99.</p>\n',
    );
  });

  it("says how to write a plain number", () => {
    expect(missingReferenceMessage(99999)).toBe(
      "Le sujet #99999 n'existe pas. Pour écrire un simple numéro, tapez \\#99999.",
    );
  });
});

describe("external references", () => {
  it("reads GitHub issues and pull requests, with trailing paths, anchors and queries", () => {
    expect(parseExternalReferenceUrl("https://github.com/georchestra/georchestra/issues/4321#issuecomment-1")).toEqual({
      url: "https://github.com/georchestra/georchestra/issues/4321",
      host: "github",
      hostname: "github.com",
      repository: "georchestra/georchestra",
      kind: "issue",
      number: 4321,
    });
    expect(parseExternalReferenceUrl("http://github.com/camptocamp/mapfish/pull/12/files?diff=split")).toMatchObject({
      url: "https://github.com/camptocamp/mapfish/pull/12",
      kind: "pull_request",
      number: 12,
    });
  });

  it("reads GitLab issues and merge requests on gitlab.com and self-hosted instances, with subgroups", () => {
    expect(parseExternalReferenceUrl("https://gitlab.adullact.net/prodige/prodige/-/merge_requests/87/diffs")).toEqual({
      url: "https://gitlab.adullact.net/prodige/prodige/-/merge_requests/87",
      host: "gitlab",
      hostname: "gitlab.adullact.net",
      repository: "prodige/prodige",
      kind: "merge_request",
      number: 87,
    });
    expect(parseExternalReferenceUrl("https://gitlab.com/ign/geoplateforme/api/-/issues/5#note_1")).toMatchObject({
      repository: "ign/geoplateforme/api",
      kind: "issue",
      number: 5,
    });
  });

  it.each([
    "https://github.com/georchestra/georchestra",
    "https://github.com/georchestra/georchestra/issues",
    "https://github.com/georchestra/georchestra/issues/abc",
    "https://github.com/georchestra/georchestra/commit/abc123",
    "https://github.com/georchestra/georchestra/blob/master/issues/12",
    "https://gitlab.com/-/issues/3",
    "https://gitlab.com/prodige/prodige/-/pipelines/12",
    "https://example.org/issues/12",
    "ftp://github.com/a/b/issues/1",
    "pas une URL",
  ])("refuses what is not an issue: %s", (url) => {
    expect(parseExternalReferenceUrl(url)).toBeNull();
  });

  it("finds each reference once in a post, without the sentence's punctuation", () => {
    const found = extractExternalReferences(
      "Voir https://github.com/georchestra/georchestra/issues/4321. Et (https://github.com/georchestra/georchestra/issues/4321#x), " +
        "puis [la MR](https://gitlab.adullact.net/prodige/prodige/-/merge_requests/87) et https://example.org/issues/1",
    );
    expect(found.map((reference) => describeExternalReference(reference))).toEqual([
      "Ticket GitHub georchestra/georchestra#4321",
      "Merge request GitLab prodige/prodige!87",
    ]);
  });
});
