import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { getDb } from "../../app/infra/db.server";
import { useAppServer } from "../support/app-server";

// The clause library over HTTP, as loaded into the template database from clauses/ by the test setup. Assertions
// name only clauses that exist today (reversibilite, ogcapi-features-socle): others are added all the time.

const baseUrl = useAppServer();

const get = async (path: string) => {
  const response = await fetch(`${baseUrl()}${path}`);
  return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() };
};
const getJson = async <T>(path: string) => {
  const response = await fetch(`${baseUrl()}${path}`);
  expect(response.headers.get("content-type")).toContain("application/json");
  return { status: response.status, json: (await response.json()) as T };
};

interface ClauseJson {
  id: string;
  title: string;
  theme: string;
  status: string;
  obligation: string;
  currentVersion: string;
  tags: string[];
  conformanceClasses: string[];
  url: string;
  discussionUrl: string;
  discussionTopicUrl: string | null;
  versions: {
    version: string;
    status: string;
    published: string;
    contentHash: string;
    url: string;
    changelog: string;
  }[];
}

describe("the clause library pages", () => {
  it("lists every clause by theme, readable without JavaScript", async () => {
    const page = await get("/clauses");
    expect(page.status).toBe(200);
    expect(page.text).toContain("<h1>Clausier CCTP</h1>");
    expect(page.text).toContain('<h2 id="theme-reversibilite">Réversibilité</h2>');
    expect(page.text).toContain('href="/clauses/reversibilite"');
    expect(page.text).toContain('href="/clauses/ogcapi-features-socle"');
    const total = await (await getDb()).clause.count();
    expect(total).toBeGreaterThanOrEqual(11);
    expect(page.text).toContain(`${total} clauses.`);
    // A GET form: the filters work without JavaScript.
    expect(page.text).toMatch(/<form method="get" action="\/clauses"/);
  });

  it("filters by status, obligation, conformance class and tag through GET parameters", async () => {
    const byTag = await get("/clauses?tag=ccag-tic");
    expect(byTag.text).toContain('href="/clauses/reversibilite"');
    expect(byTag.text).not.toContain('href="/clauses/ogcapi-features-socle"');

    const byClass = await get(
      `/clauses?class=${encodeURIComponent("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30")}`,
    );
    expect(byClass.text).toContain('href="/clauses/ogcapi-features-socle"');
    expect(byClass.text).not.toContain('href="/clauses/reversibilite"');

    const optional = await get("/clauses?obligation=optionnelle&status=published");
    expect(optional.text).not.toContain('href="/clauses/reversibilite"');

    const none = await get("/clauses?status=superseded&tag=reversibilite");
    expect(none.text).toContain("Aucune clause ne correspond à ces filtres.");
  });

  it("answers /clauses.json with every clause, its current version and all its published versions", async () => {
    const { status, json } = await getJson<{ clauses: ClauseJson[] }>("/clauses.json");
    expect(status).toBe(200);
    expect(json.clauses).toHaveLength(await (await getDb()).clause.count());
    const reversibility = json.clauses.find((clause) => clause.id === "reversibilite")!;
    expect(reversibility).toMatchObject({
      id: "reversibilite",
      title: "Réversibilité",
      theme: "Réversibilité",
      status: "published",
      obligation: "obligatoire",
      url: "/clauses/reversibilite",
    });
    expect(reversibility.versions.map((version) => version.version).slice(0, 2)).toEqual(["1.0.0", "1.1.0"]);
    expect(reversibility.currentVersion).toBe(reversibility.versions.at(-1)!.version);
    expect(reversibility.versions[0]).toMatchObject({
      status: "published",
      published: "2026-11-02",
      url: "/clauses/reversibilite/v/1.0.0",
    });
    expect(reversibility.versions[0]!.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(reversibility).toMatchObject({ discussionUrl: "/clauses/reversibilite/discussion" });
    const filtered = await getJson<{ clauses: ClauseJson[] }>("/clauses.json?tag=ccag-tic");
    expect(filtered.json.clauses.map((clause) => clause.id)).toContain("reversibilite");
    expect(filtered.json.clauses.every((clause) => clause.tags.includes("ccag-tic"))).toBe(true);
  });

  it("shows a clause: text with default values, parameters, guidance, references, versions, solutions", async () => {
    const page = await get("/clauses/reversibilite");
    expect(page.status).toBe(200);
    expect(page.text).toContain("<h1>Réversibilité</h1>");
    // The default delaiRestitution (P30D) and dureeAssistance (P3M), formatted in French.
    expect(page.text).toContain("dans un délai de 30 jours");
    expect(page.text).toContain("pendant 3 mois");
    expect(page.text).toContain("Délai de restitution des données");
    expect(page.text).toContain("de 15 jours à 90 jours");
    expect(page.text).toContain("Durée");
    expect(page.text).toContain("<h2>Guide de l&#x27;acheteur</h2>");
    expect(page.text).toContain("CCAG-TIC 2021 art. 42");
    expect(page.text).toContain("Qui satisfait cette clause aujourd&#x27;hui</h2>");
    expect(page.text).toContain(
      "Sans classe de conformité, aucun résultat de test ne peut se rapporter à cette clause.",
    );
    expect(page.text).toContain('href="/clauses/reversibilite/diff/1.0.0/1.1.0"');
    expect(page.text).toContain('href="/clauses/reversibilite/v/1.0.0"');
    // The copy block is there without JavaScript; the button comes with it.
    expect(page.text).toContain("Texte à copier");
    expect(page.text).toMatch(/<textarea[^>]*readOnly|<textarea[^>]*readonly/);
  });

  it("opens the clause's discussion topic on first visit, then always leads to the same one", async () => {
    const page = await get("/clauses/reversibilite");
    expect(page.text).toContain('href="/clauses/reversibilite/discussion"');
    const first = await fetch(`${baseUrl()}/clauses/reversibilite/discussion`, { redirect: "manual" });
    expect(first.status).toBe(302);
    const location = first.headers.get("location")!;
    expect(location).toMatch(/^\/t\/clause-reversibilite\/\d+$/);
    const again = await fetch(`${baseUrl()}/clauses/reversibilite/discussion`, { redirect: "manual" });
    expect(again.headers.get("location")).toBe(location);
    const topic = await get(location);
    expect(topic.status).toBe(200);
    expect(topic.text).toContain("Clause « Réversibilité »");
    expect(topic.text).toContain('href="/clauses/reversibilite"');
    expect(topic.text).toContain("Clausier CCTP");
    const { json } = await getJson<{ clauses: ClauseJson[] }>("/clauses.json");
    expect(json.clauses.find((clause) => clause.id === "reversibilite")?.discussionTopicUrl).toBe(location);
    expect((await fetch(`${baseUrl()}/clauses/n-existe-pas/discussion`, { redirect: "manual" })).status).toBe(404);
  });

  it("shows the conformance classes of a clause with their titles", async () => {
    const page = await get("/clauses/ogcapi-features-socle");
    expect(page.status).toBe(200);
    expect(page.text).toContain("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core");
    // A required parameter without default reads as its label in brackets.
    expect(page.text).toContain("[Collections à diffuser]");
  });

  it("keeps every published version at its permanent address", async () => {
    const old = await get("/clauses/reversibilite/v/1.0.0");
    expect(old.status).toBe(200);
    expect(old.text).toContain("Vous consultez la version 1.0.0");
    expect(old.text).toContain("/clauses/reversibilite/diff/1.0.0/");
    const { json } = await getJson<{
      version: { version: string; contentHash: string };
      parameters: { name: string }[];
    }>("/clauses/reversibilite/v/1.0.0.json");
    expect(json.version.version).toBe("1.0.0");
    const stored = await (
      await getDb()
    ).clauseVersion.findUniqueOrThrow({
      where: { clauseId_version: { clauseId: "reversibilite", version: "1.0.0" } },
    });
    expect(json.version.contentHash).toBe(stored.contentHash);
  });

  it("answers the clause JSON with its rendered text and parameter table", async () => {
    const { status, json } = await getJson<{
      clause: ClauseJson;
      version: { version: string; isCurrent: boolean };
      parameters: {
        name: string;
        type: string;
        min: string | null;
        max: string | null;
        defaultValue: unknown;
        help: string | null;
      }[];
      copy: { text: string };
    }>("/clauses/reversibilite.json");
    expect(status).toBe(200);
    expect(json.version.isCurrent).toBe(true);
    expect(json.parameters.find((parameter) => parameter.name === "delaiRestitution")).toMatchObject({
      type: "duration",
      min: "P15D",
      max: "P90D",
      defaultValue: "P30D",
    });
    expect(json.copy.text).toContain("dans un délai de 30 jours");
  });

  it("answers 404 for an unknown clause or version, in HTML and JSON", async () => {
    expect((await get("/clauses/n-existe-pas")).status).toBe(404);
    expect((await get("/clauses/reversibilite/v/9.9.9")).status).toBe(404);
    expect((await get("/clauses/reversibilite/v/pas-une-version")).status).toBe(404);
    expect((await get("/clauses/reversibilite/diff/1.0.0/9.9.9")).status).toBe(404);
    const missing = await getJson<{ error: string }>("/clauses/n-existe-pas.json");
    expect(missing.status).toBe(404);
    expect(missing.json.error).toBe("Cette clause est introuvable.");
  });

  it("shows a word-level diff with underlined additions and struck deletions, labelled for screen readers", async () => {
    const page = await get("/clauses/reversibilite/diff/1.0.0/1.1.0");
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<ins><span class="fr-sr-only">\[ajouté : <\/span>/);
    // 1.1.0 only adds to 1.0.0; the legend shows how a deletion reads.
    expect(page.text).toContain("les suppressions sont <del>barrées</del>");
    expect(page.text).toContain("planReversibilite");
    expect(page.text).toContain("Le texte contractuel ou ses paramètres ont changé");

    const { json } = await getJson<{
      id: string;
      from: { version: string };
      to: { version: string };
      bindingText: { kind: string; text: string }[];
      parameters: { name: string; change: string }[];
      references: { standard: string; change: string }[];
      bindingChanged: boolean;
    }>("/clauses/reversibilite/diff/1.0.0/1.1.0.json");
    expect(json).toMatchObject({
      id: "reversibilite",
      from: { version: "1.0.0" },
      to: { version: "1.1.0" },
      bindingChanged: true,
    });
    expect(json.bindingText.some((segment) => segment.kind === "added")).toBe(true);
    expect(json.parameters.find((parameter) => parameter.name === "planReversibilite")?.change).toBe("added");
    expect(json.references.length).toBeGreaterThan(0);
  });
});

const exportBody = (overrides: Record<string, unknown> = {}) => ({
  format: "odt",
  title: "Hébergement de la plateforme géographique",
  buyer: "Commune de Saint-Herblain",
  sections: [
    {
      title: "Exigences d'interopérabilité",
      clauses: [
        {
          id: "ogcapi-features-socle",
          version: "1.1.0",
          parameters: { collections: "communes, voirie", limiteMaximale: 2500 },
        },
      ],
    },
    {
      title: "Fin du marché",
      clauses: [{ id: "reversibilite", version: "1.1.0", parameters: { delaiRestitution: "P45D" } }],
    },
  ],
  ...overrides,
});

async function postExport(body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) {
  return fetch(`${baseUrl()}/api/clauses/export`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

describe("POST /api/clauses/export", () => {
  it("returns a real ODT with the values and the outline numbering", async () => {
    const response = await postExport(exportBody());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.oasis.opendocument.text");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="cctp-hebergement-de-la-plateforme-geographique.odt"; filename*=UTF-8''cctp-hebergement-de-la-plateforme-geographique.odt`,
    );
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(strFromU8(files.mimetype!)).toBe("application/vnd.oasis.opendocument.text");
    const content = strFromU8(files["content.xml"]!);
    expect(content).toContain("dans un délai de 45 jours");
    expect(content).toMatch(/2[\s\u202f\u00a0]500 objets/);
    expect(content).toContain("Commune de Saint-Herblain");
    expect(content).toContain('<text:h text:style-name="Heading_20_1" text:outline-level="1">Fin du marché</text:h>');
    expect(content).toContain('<text:h text:style-name="Heading_20_2" text:outline-level="2">Réversibilité</text:h>');
    // The pre-filled table of contents carries the numbers LibreOffice will compute: 2.1 for the second section's clause.
    expect(content).toMatch(/2\.1\s*(<[^>]+>)*\s*Réversibilité/);
    expect(strFromU8(files["styles.xml"]!)).toContain("<text:outline-style");
  });

  it("returns a real DOCX with the values and numbered headings", async () => {
    const response = await postExport(exportBody({ format: "docx" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(response.headers.get("content-disposition")).toContain(
      'filename="cctp-hebergement-de-la-plateforme-geographique.docx"',
    );
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const document = strFromU8(files["word/document.xml"]!);
    expect(document).toContain("dans un délai de 45 jours");
    expect(document).toContain(
      '<w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">Réversibilité</w:t>',
    );
    expect(strFromU8(files["word/numbering.xml"]!)).toContain('<w:lvlText w:val="%1.%2"/>');
  });

  it("returns Markdown and HTML, the current version when none is named", async () => {
    const markdown = await postExport(
      exportBody({
        format: "markdown",
        sections: [{ title: "Fin", clauses: [{ id: "reversibilite", parameters: {} }] }],
      }),
    );
    expect(markdown.status).toBe(200);
    expect(markdown.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    const text = await markdown.text();
    expect(text).toContain("dans un délai de 30 jours");
    expect(text).toMatch(/## 1\.1 Réversibilité/);
    const html = await postExport(exportBody({ format: "html" }));
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await html.text()).toContain("dans un délai de 45 jours");
  });

  it("refuses a wrong body with a 422 naming each field in French", async () => {
    const response = await postExport({
      format: "pdf",
      title: "",
      sections: [{ title: "A", clauses: [{ version: "1.0.0" }] }],
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: string; fieldErrors: Record<string, string> };
    expect(body.fieldErrors.format).toContain("« pdf » n'est pas permis");
    expect(body.fieldErrors.title).toBe("Le champ « title (objet du marché) » ne doit pas être vide.");
    expect(body.fieldErrors.buyer).toBe("Le champ « buyer (nom de l'acheteur) » est obligatoire.");
    expect(body.fieldErrors["sections[0].clauses[0].id"]).toBe(
      "Le champ « sections[0].clauses[0].id » est obligatoire.",
    );
    expect(body.error).toMatch(/^La demande d'export est à corriger/);
  });

  it("refuses values out of bounds and unknown parameters, exporting nothing", async () => {
    const response = await postExport(
      exportBody({
        sections: [
          { title: "Fin", clauses: [{ id: "reversibilite", parameters: { delaiRestitution: "P200D", inconnu: "x" } }] },
        ],
      }),
    );
    expect(response.status).toBe(422);
    expect(response.headers.get("content-disposition")).toBeNull();
    const body = (await response.json()) as { fieldErrors: Record<string, string> };
    expect(body.fieldErrors["sections[0].clauses[0].parameters.delaiRestitution"]).toContain(
      "« Délai de restitution des données » doit être compris entre 15 jours et 90 jours.",
    );
    expect(body.fieldErrors["sections[0].clauses[0].parameters.inconnu"]).toContain("n'a pas de paramètre « inconnu »");
  });

  it("refuses a required value left empty", async () => {
    const response = await postExport(
      exportBody({ sections: [{ title: "API", clauses: [{ id: "ogcapi-features-socle", parameters: {} }] }] }),
    );
    expect(response.status).toBe(422);
    const body = (await response.json()) as { fieldErrors: Record<string, string> };
    expect(body.fieldErrors["sections[0].clauses[0].parameters.collections"]).toContain(
      "« Collections à diffuser » est obligatoire.",
    );
  });

  it("answers 404 for an unknown clause and 422 for an unknown version", async () => {
    const unknownClause = await postExport(
      exportBody({ sections: [{ title: "A", clauses: [{ id: "n-existe-pas", parameters: {} }] }] }),
    );
    expect(unknownClause.status).toBe(404);
    expect(((await unknownClause.json()) as { error: string }).error).toBe("Clause inconnue : « n-existe-pas ».");
    const unknownVersion = await postExport(
      exportBody({ sections: [{ title: "A", clauses: [{ id: "reversibilite", version: "9.0.0", parameters: {} }] }] }),
    );
    expect(unknownVersion.status).toBe(422);
    const body = (await unknownVersion.json()) as { fieldErrors: Record<string, string> };
    expect(body.fieldErrors["sections[0].clauses[0].version"]).toBe(
      "La clause « Réversibilité » n'a pas de version publiée 9.0.0.",
    );
  });

  it("refuses invalid JSON, another content type, a GET and a body over 1 Mio", async () => {
    expect((await postExport("{pas du json")).status).toBe(400);
    expect((await postExport(exportBody(), { "content-type": "text/plain" })).status).toBe(400);
    const getResponse = await fetch(`${baseUrl()}/api/clauses/export`);
    expect(getResponse.status).toBe(405);
    const huge = await postExport(exportBody({ reference: "x".repeat(1024 * 1024 + 10) }));
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: string }).error).toContain("taille maximale");
  });

  it("accepts the selection form's POST (no JavaScript): the selection as JSON, the format from the button", async () => {
    const response = await postExport(
      new URLSearchParams({ selection: JSON.stringify(exportBody({ format: "markdown" })), format: "docx" }).toString(),
      { "content-type": "application/x-www-form-urlencoded" },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
  });
});
