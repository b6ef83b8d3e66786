// The behaviour every SearchIndex adapter owes the app, as one vitest suite. Each adapter's test file calls
// runSearchContract with a factory for a fresh, empty, opened index; the same expectations then hold for both.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSearchDocument, type SearchDocument, type SearchDocumentInput } from "./search-document";
import {
  anonymousSearchViewer,
  type SearchIndex,
  type SearchRequest,
  type SearchResults,
  type SearchViewer,
} from "./search-index";
import { parseSearchQuery, searchRequestFromQuery } from "./query-syntax";

export type MakeSearchIndex = () => Promise<SearchIndex>;

const day = (isoDate: string) => new Date(`${isoDate}T12:00:00Z`);

const base = {
  tags: [],
  solutions: [],
  classUris: [],
  assignees: [],
  audience: "public",
} satisfies Partial<SearchDocumentInput>;

/** A small forum, clause library and conformance catalogue; each document exists to prove one behaviour. */
export const contractDocuments: SearchDocument[] = (
  [
    {
      ...base,
      id: "topic:1",
      type: "topic",
      title: "Géoplateforme : le lien next perd le paramètre bbox",
      body: "En moissonnant la plateforme régionale, la pagination s'arrête. Problème d'interopérabilité avec les clients.",
      url: "/t/geoplateforme-lien-next/1",
      categoryId: "3",
      tags: ["ogcapi-features", "pagination"],
      solutions: ["geOrchestra"],
      status: "confirmed",
      classUris: ["http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core", "ogcapi-features-1/core"],
      assignees: ["user:7"],
      updatedAt: day("2025-03-10"),
      votes: 4,
    },
    {
      ...base,
      id: "post:11",
      type: "post",
      title: "Géoplateforme : le lien next perd le paramètre bbox",
      body: "Les clauses du CCTP devraient exiger le rapport TEAM Engine. <script>alert('x')</script> & voilà.",
      url: "/t/geoplateforme-lien-next/1/2",
      categoryId: "3",
      tags: ["ogcapi-features"],
      solutions: ["geOrchestra"],
      updatedAt: day("2025-03-12"),
      parentId: "topic:1",
    },
    {
      ...base,
      id: "clause:authentification-proconnect@2",
      type: "clause",
      title: "Clause d'authentification ProConnect",
      body: "Le titulaire met en œuvre ProConnect avec le niveau eidas1. Paramètre : niveau exigé. Conseil : préciser la clause dans l'offre.",
      url: "/clauses/authentification-proconnect/v/2",
      status: "current",
      classUris: ["proconnect/oidc"],
      updatedAt: day("2025-01-15"),
      parentId: "clause:authentification-proconnect",
    },
    {
      ...base,
      id: "clause:authentification-proconnect@1",
      type: "clause",
      title: "Clause d'authentification ProConnect",
      body: "Ancienne version : le titulaire met en œuvre FranceConnect Agent.",
      url: "/clauses/authentification-proconnect/v/1",
      status: "superseded",
      updatedAt: day("2024-06-01"),
      parentId: "clause:authentification-proconnect",
    },
    {
      ...base,
      id: "solution:georchestra",
      type: "solution",
      title: "geOrchestra",
      body: "Infrastructure de données géographiques libre : catalogue, visualiseur, moissonnage.",
      url: "/conformance/solutions/georchestra",
      solutions: ["geOrchestra"],
      updatedAt: day("2024-11-02"),
    },
    {
      ...base,
      id: "conformance-class:ogcapi-features-1-core",
      type: "conformance-class",
      title: "OGC API Features Part 1 : Core",
      body: "Classe de conformité du cœur d'OGC API Features : collections, items, pagination par liens.",
      url: "/conformance/classes/ogcapi-features-1-core",
      classUris: ["http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core", "ogcapi-features-1/core"],
      updatedAt: day("2024-09-20"),
    },
    {
      ...base,
      id: "topic:2",
      type: "topic",
      title: "Vulnérabilité : injection dans le paramètre filter de Prodige",
      body: "Une injection dans le filtre permet de lire la pagination interne. Détails réservés aux mainteneurs.",
      url: "/t/vulnerabilite-injection/2",
      categoryId: "9",
      tags: ["pagination", "securite"],
      solutions: ["Prodige"],
      status: "confirmed",
      audience: ["mainteneurs-prodige", "user:42"],
      updatedAt: day("2025-03-20"),
    },
    {
      ...base,
      id: "topic:3",
      type: "topic",
      title: "Moissonnage CSW : fiches dupliquées",
      body: "Le catalogue duplique les fiches à chaque passage.",
      url: "/t/moissonnage-csw/3",
      categoryId: "3",
      tags: ["csw"],
      solutions: ["Prodige"],
      status: "open",
      updatedAt: day("2024-02-01"),
      votes: 9,
    },
    {
      ...base,
      id: "topic:4",
      type: "topic",
      title: "Anomalie d'export",
      body: "Depuis la mise à jour, l'export des données échoue après le moissonnage nocturne.",
      url: "/t/anomalie-export/4",
      categoryId: "3",
      tags: ["export"],
      solutions: ["OneGeo Suite"],
      status: "open",
      updatedAt: day("2025-02-01"),
      votes: 1,
    },
    {
      ...base,
      id: "topic:5",
      type: "topic",
      title: "Réunion du collectif",
      body: "Compte rendu : quotas de tuiles vectorielles et calendrier.",
      url: "/t/reunion/5",
      categoryId: "4",
      updatedAt: day("2024-12-01"),
    },
    {
      ...base,
      id: "topic:6",
      type: "topic",
      title: "Réunion du collectif",
      body: "Compte rendu : quotas de tuiles vectorielles et calendrier.",
      url: "/t/reunion/6",
      categoryId: "4",
      updatedAt: day("2025-01-05"),
    },
  ] satisfies SearchDocumentInput[]
).map(parseSearchDocument);

const maintainer: SearchViewer = { audienceKeys: ["mainteneurs-prodige", "user:7"] };
const reporter: SearchViewer = { audienceKeys: ["user:42"] };
const moderator: SearchViewer = { audienceKeys: [], seesEverything: true };

export function runSearchContract(makeIndex: MakeSearchIndex): void {
  describe("search contract: matching, filters, facets, audience, snippets, ranking", () => {
    let index: SearchIndex;
    const search = (request: Partial<SearchRequest> & { text: string }): Promise<SearchResults> =>
      index.search({ viewer: anonymousSearchViewer, ...request });
    const ids = async (request: Partial<SearchRequest> & { text: string }) =>
      (await search({ limit: 50, ...request })).hits.map((hit) => hit.id);
    /** The search box path: raw query → parser → request → engine. */
    const query = async (text: string, viewer: SearchViewer = anonymousSearchViewer) =>
      (
        await index.search(
          searchRequestFromQuery(parseSearchQuery(text), { viewer, currentUserKey: "user:7", limit: 50 }),
        )
      ).hits.map((hit) => hit.id);

    beforeAll(async () => {
      index = await makeIndex();
      await index.upsert(contractDocuments);
    });
    afterAll(async () => {
      await index.clear();
      await index.close();
    });

    it("ignores accents and case", async () => {
      expect(await ids({ text: "geoplateforme " })).toEqual(expect.arrayContaining(["topic:1", "post:11"]));
      expect(await ids({ text: "GÉOPLATEFORME " })).toEqual(expect.arrayContaining(["topic:1", "post:11"]));
      expect(await ids({ text: "interoperabilite " })).toEqual(["topic:1"]);
    });

    it("matches plural and singular both ways", async () => {
      // post:11 says "clauses", the ProConnect clause says "clause".
      const forSingular = await ids({ text: "clause " });
      const forPlural = await ids({ text: "clauses " });
      for (const found of [forSingular, forPlural]) {
        expect(found).toEqual(expect.arrayContaining(["post:11", "clause:authentification-proconnect@2"]));
      }
    });

    it("matches the word being typed as a prefix, and only the last one", async () => {
      expect(await ids({ text: "interop" })).toEqual(["topic:1"]);
      expect(await ids({ text: "géoplat" })).toEqual(expect.arrayContaining(["topic:1", "post:11"]));
      expect(await ids({ text: "moisson" })).toEqual(expect.arrayContaining(["topic:1", "topic:3", "topic:4"]));
      // A finished word (followed by a space) is not a prefix any more.
      expect(await ids({ text: "interop " })).toEqual([]);
    });

    it("tolerates one typo in words of five letters or more, not in shorter ones", async () => {
      expect(await ids({ text: "interoperabilte " })).toEqual(["topic:1"]);
      expect(await ids({ text: "moissonage " })).toEqual(expect.arrayContaining(["topic:3", "topic:4"]));
      expect(await ids({ text: "bbix " })).toEqual([]);
      expect(await ids({ text: "catalgoue " })).toEqual(expect.arrayContaining(["topic:3"]));
    });

    it("matches quoted phrases word for word", async () => {
      expect(await ids({ text: "", phrases: ["lien next"] })).toEqual(expect.arrayContaining(["topic:1", "post:11"]));
      expect(await ids({ text: "", phrases: ["next lien"] })).toEqual([]);
      expect(await query('"duplique les fiches"')).toEqual(["topic:3"]);
    });

    it("applies synonyms", async () => {
      expect(await ids({ text: "bogue " })).toEqual(["topic:4"]);
    });

    it("filters by type, category, tag, solution, status, conformance class and assignee", async () => {
      expect(await query("type:clause")).toEqual(
        expect.arrayContaining(["clause:authentification-proconnect@2", "clause:authentification-proconnect@1"]),
      );
      expect(await query("type:clause")).toHaveLength(2);
      expect((await query("category:4")).sort()).toEqual(["topic:5", "topic:6"]);
      expect((await query("moissonnage tag:csw")).sort()).toEqual(["topic:3"]);
      expect((await query("solution:geOrchestra type:topic")).sort()).toEqual(["topic:1"]);
      expect(await query("status:confirmed")).toEqual(["topic:1"]);
      expect((await query("class:ogcapi-features-1/core")).sort()).toEqual([
        "conformance-class:ogcapi-features-1-core",
        "topic:1",
      ]);
      expect(await query("assigned:me")).toEqual(["topic:1"]);
      expect((await query("status:open,confirmed")).sort()).toEqual(["topic:1", "topic:3", "topic:4"]);
    });

    it("excludes with -key:value", async () => {
      const found = await query("moissonnage -tag:csw");
      expect(found).toEqual(expect.arrayContaining(["topic:4", "solution:georchestra"]));
      expect(found).not.toContain("topic:3");
    });

    it("counts facets over the matching documents", async () => {
      const results = await search({ text: "pagination " });
      expect(results.total).toBe(2);
      expect(results.totalIsExact).toBe(true);
      expect(results.facets.type).toEqual(
        expect.arrayContaining([
          { value: "topic", count: 1 },
          { value: "conformance-class", count: 1 },
        ]),
      );
      expect(results.facets.tags).toEqual([
        { value: "ogcapi-features", count: 1 },
        { value: "pagination", count: 1 },
      ]);
    });

    it("never shows private documents to outsiders, not even in totals or facet numbers", async () => {
      const outsider = await search({ text: "injection " });
      expect(outsider.hits).toEqual([]);
      expect(outsider.total).toBe(0);
      const broad = await search({ text: "pagination ", viewer: { audienceKeys: ["user:99", "autre-groupe"] } });
      expect(broad.hits.map((hit) => hit.id)).not.toContain("topic:2");
      expect(broad.facets.solutions.map((facet) => facet.value)).not.toContain("Prodige");
      expect(broad.facets.tags.find((facet) => facet.value === "pagination")?.count).toBe(1);
      expect(broad.facets.tags.map((facet) => facet.value)).not.toContain("securite");
    });

    it("shows private documents to their audience and to staff", async () => {
      for (const viewer of [maintainer, reporter, moderator]) {
        expect(await ids({ text: "injection ", viewer })).toEqual(["topic:2"]);
      }
      const counted = await search({ text: "pagination ", viewer: maintainer });
      expect(counted.total).toBe(3);
      expect(counted.facets.tags.find((facet) => facet.value === "pagination")?.count).toBe(2);
    });

    it("highlights matches in escaped HTML snippets", async () => {
      const [hit] = (await search({ text: "rapport" })).hits;
      expect(hit?.id).toBe("post:11");
      expect(hit?.snippetHtml).toContain("<mark>rapport</mark>");
      expect(hit?.snippetHtml).toContain("&lt;script&gt;");
      expect(hit?.snippetHtml).not.toContain("<script>");
      expect(hit?.snippetHtml).toContain("&amp; voilà");
      const [titled] = (await search({ text: "geoplateforme ", filters: [{ field: "type", anyOf: ["topic"] }] })).hits;
      expect(titled?.titleHtml).toContain("<mark>Géoplateforme</mark>");
    });

    it("ranks title matches above body matches, then recent activity", async () => {
      // "moissonnage" is in topic:3's title (old), in the bodies of more recent documents.
      expect((await ids({ text: "moissonnage " }))[0]).toBe("topic:3");
      // Same text, different activity: the more recent first.
      expect(await ids({ text: "quotas tuiles " })).toEqual(["topic:6", "topic:5"]);
    });

    it("orders by latest activity or by votes on request", async () => {
      expect(await query("moissonnage order:latest")).toEqual(["topic:4", "solution:georchestra", "topic:3"]);
      expect((await query("type:topic order:votes")).slice(0, 3)).toEqual(["topic:3", "topic:1", "topic:4"]);
    });

    it("pages through results", async () => {
      const all = await ids({ text: "", order: "latest" });
      const first = await search({ text: "", order: "latest", limit: 3 });
      const second = await search({ text: "", order: "latest", limit: 3, offset: 3 });
      expect(first.total).toBe(all.length);
      expect([...first.hits, ...second.hits].map((hit) => hit.id)).toEqual(all.slice(0, 6));
    });
  });

  describe("search contract: writes", () => {
    let index: SearchIndex;
    beforeAll(async () => {
      index = await makeIndex();
    });
    afterAll(async () => {
      await index.clear();
      await index.close();
    });
    const find = async (text: string) =>
      (await index.search({ text, viewer: anonymousSearchViewer })).hits.map((hit) => hit.id);

    it("replaces a document on upsert and forgets it on delete", async () => {
      const [first] = contractDocuments;
      await index.upsert([first!]);
      expect(await find("bbox ")).toEqual(["topic:1"]);
      await index.upsert([{ ...first!, title: "Titre corrigé", body: "Le paramètre emprise est conservé." }]);
      expect(await find("bbox ")).toEqual([]);
      expect(await find("emprise ")).toEqual(["topic:1"]);
      await index.delete(["topic:1", "topic:inconnu"]);
      expect(await find("emprise ")).toEqual([]);
    });

    it("stops showing a document to outsiders once it becomes private", async () => {
      const document = contractDocuments.find((candidate) => candidate.id === "topic:3")!;
      await index.upsert([document]);
      expect(await find("dupliquees ")).toEqual(["topic:3"]);
      await index.upsert([{ ...document, audience: ["moderateurs"] }]);
      expect(await find("dupliquees ")).toEqual([]);
    });
  });
}
