// The ready-made CCTP templates (issue #9): listed at /clauses/templates and in its JSON, each opening in the
// selection page with its clauses and values.
import { describe, expect, it } from "vitest";
import { useAppServer } from "../support/app-server";
import { form } from "../support/sessions";

const baseUrl = useAppServer();

interface TemplatesJson {
  templates: {
    id: string;
    title: string;
    clauseCount: number;
    sections: { title: string; clauses: { id: string; title: string; version: string | null }[] }[];
    selectionFields: [string, string][];
  }[];
}

describe("CCTP templates", () => {
  it("lists at least three templates with their sections and clause titles, in HTML and JSON", async () => {
    const json = (await (await fetch(`${baseUrl()}/clauses/templates.json`)).json()) as TemplatesJson;
    expect(json.templates.map((template) => template.title)).toEqual(
      expect.arrayContaining([
        "Plateforme territoriale de données : socle interopérable CICCLO",
        "Ajout d'une API OGC Features à une plateforme existante",
        "Intégration de ProConnect",
      ]),
    );
    const proconnect = json.templates.find((template) => template.id === "integration-proconnect")!;
    expect(proconnect.sections.length).toBeGreaterThanOrEqual(2);
    // Titles come from the library, not ids: every clause of the template exists there.
    for (const clause of proconnect.sections.flatMap((section) => section.clauses)) {
      expect(clause.title).not.toBe(clause.id);
    }
    const html = await (await fetch(`${baseUrl()}/clauses/templates`)).text();
    expect(html).toContain("<h1>Modèles de CCTP</h1>");
    expect(html).toContain("Ouvrir « Intégration de ProConnect » dans la sélection");
  });

  it("opens a template in the selection page, with its clauses and the template's values", async () => {
    const json = (await (await fetch(`${baseUrl()}/clauses/templates.json`)).json()) as TemplatesJson;
    const proconnect = json.templates.find((template) => template.id === "integration-proconnect")!;
    const response = await fetch(`${baseUrl()}/selection`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form(Object.fromEntries([...proconnect.selectionFields, ["intent", "preview"]].map(([k, v]) => [k, v]))),
    });
    expect(response.status).toBe(200);
    const page = await response.text();
    const firstClause = proconnect.sections[0]!.clauses[0]!;
    expect(page).toContain(firstClause.title);
    expect(page).toContain(proconnect.sections[0]!.title);
  });

  it("shows the whole library: at least 40 published clauses in ten themes, five of them with two versions", async () => {
    const json = (await (await fetch(`${baseUrl()}/clauses.json`)).json()) as {
      clauses: { id: string; theme: string; status: string; versions: { status: string }[] }[];
    };
    const published = json.clauses.filter((clause) => clause.status === "published");
    expect(published.length).toBeGreaterThanOrEqual(40);
    expect(new Set(published.map((clause) => clause.theme)).size).toBeGreaterThanOrEqual(10);
    const multiVersion = json.clauses.filter(
      (clause) => clause.versions.filter((version) => version.status !== "draft").length >= 2,
    );
    expect(multiVersion.length).toBeGreaterThanOrEqual(5);
  });
});
