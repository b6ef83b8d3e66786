// Search through the app: writes go through HTTP as a browser sends them, the outbox is drained explicitly (test
// servers run without background jobs), and what people find is read back from /search and /search.json.
import { reportFormFields } from "../support/reports";
import { describe, expect, it } from "vitest";
import {
  drainSearchOutbox,
  getSearchIndex,
  processSearchOutbox,
  useSearchIndex,
} from "../../app/domain/search/engine.server";
import { SearchEngineError, type SearchIndex } from "../../app/domain/search/search-index";
import { getDb } from "../../app/infra/db.server";
import { runCli } from "../../scripts/cli";
import { useAppServer } from "../support/app-server";
import { sessionCookieFor, submitForm } from "../support/sessions";

const baseUrl = useAppServer();

interface SearchPageData {
  query: string;
  error: string | null;
  results: {
    total: number;
    hits: { id: string; type: string; url: string; title: string; titleHtml: string; snippetHtml: string }[];
    facets: { field: string; values: { label: string; count: number; query: string }[] }[];
  } | null;
}

/** /search as its JSON twin (the page's own loader data): hits, total and facet counts as the page shows them. */
async function searchPage(query: string, cookie?: string): Promise<SearchPageData> {
  const response = await fetch(`${baseUrl()}/search?${new URLSearchParams({ q: query })}`, {
    headers: { accept: "application/json", ...(cookie ? { cookie } : {}) },
  });
  return (await response.json()) as SearchPageData;
}

async function searchHtml(query: string, cookie?: string): Promise<{ status: number; html: string }> {
  const response = await fetch(`${baseUrl()}/search?${new URLSearchParams({ q: query })}`, {
    headers: cookie ? { cookie } : {},
  });
  return { status: response.status, html: await response.text() };
}

async function newTopic(username: string, categorySlug: string, title: string, raw: string) {
  const { cookie } = await sessionCookieFor(username);
  const category = await (await getDb()).category.findUniqueOrThrow({ where: { slug: categorySlug } });
  const created = await submitForm(baseUrl(), "/new-topic", cookie, {
    category: String(category.id),
    title,
    raw,
    intent: "publish",
    // The interop category asks for its typed report.
    ...(categorySlug === "problemes-interoperabilite" && reportFormFields()),
  });
  expect(created.status).toBe(302);
  return (await getDb()).topic.findFirstOrThrow({ where: { title }, orderBy: { id: "desc" } });
}

async function reply(username: string, topic: { id: number; slug: string }, raw: string) {
  const { cookie } = await sessionCookieFor(username);
  const sent = await submitForm(baseUrl(), `/t/${topic.slug}/${topic.id}`, cookie, { raw, intent: "publish" });
  expect(sent.status).toBe(302);
}

const facetOf = (data: SearchPageData, field: string) =>
  data.results?.facets.find((facet) => facet.field === field)?.values ?? [];

describe("search in the app", () => {
  it("finds a topic written through the app by misspelt, unaccented words, on /search and /search.json", async () => {
    const topic = await newTopic(
      "julien.roux",
      "problemes-interoperabilite",
      "Interopérabilité de la Géoplateforme avec les clients WFS",
      "Le moissonnage par la **Géoplateforme** échoue sur les couches en Lambert 93.",
    );
    // Nothing is searchable before the outbox is applied: the index is fed only through it.
    expect((await searchPage("interoperabilite geoplateforme")).results?.hits ?? []).toEqual([]);
    await drainSearchOutbox(await getDb());

    const page = await searchHtml("interoperabilte");
    expect(page.status).toBe(200);
    expect(page.html).toContain(`href="/t/${topic.slug}/${topic.id}"`);
    expect(page.html).toContain("<mark>Interopérabilité</mark> de la Géoplateforme");
    expect(page.html).toMatch(/\d+ résultats? pour « interoperabilte »/);

    const json = (await (await fetch(`${baseUrl()}/search.json?q=geoplateforme%20lambert`)).json()) as {
      posts: { topic_id: number; post_number: number; blurb: string }[];
      topics: { id: number; title: string }[];
      grouped_search_result: { term: string; post_ids: number[]; topic_ids: number[]; error: string | null };
    };
    expect(json.grouped_search_result).toMatchObject({ term: "geoplateforme lambert", error: null });
    expect(json.posts).toEqual([expect.objectContaining({ topic_id: topic.id, post_number: 1 })]);
    expect(json.posts[0]!.blurb).toContain("Lambert 93");
    expect(json.topics).toEqual([expect.objectContaining({ id: topic.id, title: topic.title })]);
    expect(json.grouped_search_result.topic_ids).toEqual([topic.id]);
  });

  it("finds a clause version by one of its parameters' labels, and groups and facets the results", async () => {
    await drainSearchOutbox(await getDb());
    const data = await searchPage("salariés du secteur privé");
    const clauseHits = data.results!.hits.filter((hit) => hit.type === "clause");
    expect(clauseHits.map((hit) => hit.url)).toContain("/clauses/connexion-proconnect/v/1.1.0");
    expect(facetOf(data, "type")).toContainEqual(
      expect.objectContaining({ label: "Clauses", query: "salariés du secteur privé type:clause" }),
    );
    const onlyCurrent = await searchPage("salariés du secteur privé type:clause status:current");
    expect(onlyCurrent.results!.hits.map((hit) => hit.url)).toEqual(["/clauses/connexion-proconnect/v/1.1.0"]);

    const html = (await searchHtml("salariés du secteur privé")).html;
    expect(html).toContain('<h2 id="resultats-clause" class="fr-h4">Clauses</h2>');
    expect(html).toContain(
      `href="/search?q=${encodeURIComponent("salariés du secteur privé type:clause")}`.replace(/%20/g, "+"),
    );
  });

  it("keeps a private category's topics out of hits, totals and facet counts for those who may not read it", async () => {
    const db = await getDb();
    const group = await db.group.findUniqueOrThrow({ where: { name: "mainteneurs-georchestra" } });
    await db.category.create({
      data: {
        slug: "securite-georchestra",
        name: "Sécurité geOrchestra",
        readRestricted: true,
        permissions: { create: { groupId: group.id, canSee: true, canReply: true, canCreate: true } },
      },
    });
    await newTopic("julien.roux", "annonces", "Quokka public sur la pagination", "Un quokka visible de tous.");
    const secret = await newTopic(
      "julien.roux",
      "securite-georchestra",
      "Quokka secret : jeton exposé",
      "Le jeton du quokka fuit dans les journaux.",
    );
    await reply("julien.roux", secret, "Le quokka est confirmé sur la 24.1.");
    await drainSearchOutbox(db);

    const outsiders = [undefined, (await sessionCookieFor("claire.martin")).cookie];
    for (const cookie of outsiders) {
      const data = await searchPage("quokka", cookie);
      expect(data.results!.total).toBe(1);
      expect(data.results!.hits.map((hit) => hit.title)).toEqual(["Quokka public sur la pagination"]);
      expect(facetOf(data, "type")).toEqual([expect.objectContaining({ label: "Sujets", count: 1 })]);
      expect(facetOf(data, "categoryId").map((value) => value.label)).toEqual(["Annonces"]);
      expect(JSON.stringify(await searchPage("quokka secret jeton", cookie))).not.toContain("Quokka secret");
      const json = await (
        await fetch(`${baseUrl()}/search.json?q=quokka`, { headers: cookie ? { cookie } : {} })
      ).json();
      expect(json.topics.map((topic: { title: string }) => topic.title)).toEqual(["Quokka public sur la pagination"]);
    }

    for (const username of ["julien.roux", "karim.haddad"]) {
      const data = await searchPage("quokka", (await sessionCookieFor(username)).cookie);
      expect(data.results!.total).toBe(3);
      expect(facetOf(data, "type")).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ label: "Sujets", count: 2 }),
          expect.objectContaining({ label: "Messages", count: 1 }),
        ]),
      );
      expect(
        facetOf(data, "categoryId")
          .map((value) => value.label)
          .sort(),
      ).toEqual(["Annonces", "Sécurité geOrchestra"]);
    }
  });

  it("shows matched text escaped: a <script> in a post is text, only <mark> is markup", async () => {
    const topic = await newTopic(
      "claire.martin",
      "annonces",
      "Exemple de charge utile wombat",
      "Voici ce que renvoie le serveur : `<script>alert('wombat')</script>` dans la réponse.",
    );
    await reply("julien.roux", topic, "Le wombat <img src=x onerror=alert(1)> a été filtré.");
    await drainSearchOutbox(await getDb());
    const { html } = await searchHtml("wombat");
    expect(html).toContain("&lt;script&gt;alert(&#39;<mark>wombat</mark>&#39;)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(");
    expect(html).not.toContain("onerror=alert");
  });

  it("explains a query it cannot run in French, without a server error", async () => {
    const unknownType = await searchHtml("pagination type:licorne");
    expect(unknownType.status).toBe(400);
    expect(unknownType.html).toContain("Type de résultat inconnu : « licorne »");
    const badPage = await fetch(`${baseUrl()}/search?q=pagination&page=9999`);
    expect(badPage.status).toBe(400);
    expect(await badPage.text()).toContain("Numéro de page invalide");
    const json = await (
      await fetch(`${baseUrl()}/search.json?q=${encodeURIComponent("category:inconnue wfs")}`)
    ).json();
    expect(json.grouped_search_result.error).toContain("Catégorie inconnue : « inconnue »");
    expect(json.posts).toEqual([]);

    const none = await searchHtml("zyxwvutsrqp");
    expect(none.status).toBe(200);
    expect(none.html).toContain("Aucun résultat");
    expect(none.html).toContain("Vérifiez l&#x27;orthographe");
  });

  it("loses no update while the engine is down: the outbox keeps the writes and the index catches up", async () => {
    const db = await getDb();
    await drainSearchOutbox(db);
    const real = await getSearchIndex();
    const failing: SearchIndex = {
      ...real,
      engine: real.engine,
      open: () => real.open(),
      search: (request) => real.search(request),
      clear: () => real.clear(),
      close: async () => undefined,
      upsert: async () => {
        throw new SearchEngineError("moteur injoignable (panne simulée)", true);
      },
      delete: async () => {
        throw new SearchEngineError("moteur injoignable (panne simulée)", true);
      },
    };
    useSearchIndex(failing);
    try {
      const topic = await newTopic(
        "sophie.bernard",
        "annonces",
        "Panne ornithorynque pendant la maintenance",
        "Écrit pendant que la recherche est en panne.",
      );
      await reply("claire.martin", topic, "Réponse ornithorynque écrite pendant la panne.");
      await expect(processSearchOutbox(db)).rejects.toThrow("panne simulée");
      const waiting = await db.searchOutbox.findMany({ where: { failedAt: null } });
      expect(waiting.length).toBeGreaterThanOrEqual(2);
      for (const row of waiting) {
        expect(row.attempts).toBe(1);
        expect(row.lastError).toContain("panne simulée");
      }
      const status: string[] = [];
      expect(await runCli(["search", "status"], (line) => status.push(line))).toBe(0);
      expect(status.join("\n")).toMatch(
        new RegExp(`Pending in the outbox: ${waiting.length} \\(${waiting.length} retrying`),
      );
    } finally {
      useSearchIndex(null);
    }
    await drainSearchOutbox(db);
    expect(await db.searchOutbox.count()).toBe(0);
    const data = await searchPage("ornithorynque");
    expect(data.results!.hits.map((hit) => hit.type).sort()).toEqual(["post", "topic"]);
  });

  it("ranks a topic by its last activity: a reply brings an older topic back to the top of order:latest", async () => {
    const older = await newTopic("julien.roux", "annonces", "Quetzal : première annonce", "Texte sur le quetzal.");
    const newer = await newTopic("julien.roux", "annonces", "Quetzal : seconde annonce", "Autre texte sur le quetzal.");
    await drainSearchOutbox(await getDb());
    const topicUrls = async () =>
      (await searchPage("quetzal type:topic order:latest")).results!.hits.map((hit) => hit.url);
    expect(await topicUrls()).toEqual([`/t/${newer.slug}/${newer.id}`, `/t/${older.slug}/${older.id}`]);
    await reply("claire.martin", older, "Une précision sur cette annonce.");
    await drainSearchOutbox(await getDb());
    expect(await topicUrls()).toEqual([`/t/${older.slug}/${older.id}`, `/t/${newer.slug}/${newer.id}`]);
  });

  it("parks a document the engine refuses for good, and search status names it with its error", async () => {
    const db = await getDb();
    await drainSearchOutbox(db);
    const real = await getSearchIndex();
    useSearchIndex({
      ...real,
      engine: real.engine,
      open: () => real.open(),
      search: (request) => real.search(request),
      clear: () => real.clear(),
      delete: (ids) => real.delete(ids),
      close: async () => undefined,
      upsert: async (documents) => {
        if (documents.some((document) => document.title.includes("Refusé")))
          throw new SearchEngineError("document refusé par le moteur", false);
        await real.upsert(documents);
      },
    });
    try {
      await newTopic("claire.martin", "annonces", "Refusé par le moteur de recherche", "Texte.");
      await drainSearchOutbox(db);
    } finally {
      useSearchIndex(null);
    }
    const failed = await db.searchOutbox.findMany({ where: { failedAt: { not: null } } });
    expect(failed).toEqual([expect.objectContaining({ lastError: expect.stringContaining("document refusé") })]);
    const status: string[] = [];
    expect(await runCli(["search", "status"], (line) => status.push(line))).toBe(1);
    expect(status.join("\n")).toContain("Pending in the outbox: 0 (lag 0 s)");
    expect(status.join("\n")).toContain("Failed for good: 1");
    expect(status.join("\n")).toContain(`#${failed[0]!.id} ${failed[0]!.documentId}`);
    expect(status.join("\n")).toContain("document refusé par le moteur");
    expect(status[0]).toMatch(/^Engine: embedded \(SQLite FTS5, .*search.*\.db\)$/);
    await db.searchOutbox.deleteMany({ where: { failedAt: { not: null } } });
  });

  it("rebuilds an emptied index from the database with search reindex", async () => {
    const db = await getDb();
    await drainSearchOutbox(db);
    await (await getSearchIndex()).clear();
    expect((await searchPage("salariés du secteur privé")).results!.total).toBe(0);

    const output: string[] = [];
    expect(await runCli(["search", "reindex"], (line) => output.push(line))).toBe(0);
    const [topics, clauses] = await Promise.all([
      db.topic.count({ where: { deletedAt: null } }),
      db.clauseVersion.count(),
    ]);
    expect(output).toContain(`topic: ${topics}`);
    expect(output).toContain(`clause: ${clauses}`);
    expect(output.at(-1)).toMatch(/^Reindexed \d+ documents in [\d.]+ s \(\d+ documents\/s\)\.$/);
    expect((await searchPage("salariés du secteur privé")).results!.total).toBeGreaterThan(0);
    expect((await searchPage("interoperabilte")).results!.total).toBeGreaterThan(0);
  });
});
