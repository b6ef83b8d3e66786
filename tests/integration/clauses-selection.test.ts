import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { useAppServer } from "../support/app-server";

// /selection without JavaScript: every button is a plain form POST carrying the whole selection in its fields.

const baseUrl = useAppServer();

async function submit(fields: Record<string, string>, path = "/selection") {
  const response = await fetch(`${baseUrl()}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  return response;
}

const selected = {
  title: "Plateforme de données de la commune",
  buyer: "Commune de Rezé",
  "item.0.section": "Fin du marché",
  "item.0.id": "reversibilite",
  "item.0.version": "1.1.0",
  "item.0.param.delaiRestitution": "P60D",
};

describe("composing a CCTP on /selection", () => {
  it("offers every clause to add, preselecting the one a clause page links with", async () => {
    const page = await (await fetch(`${baseUrl()}/selection?add=reversibilite`)).text();
    expect(page).toContain("<h1>Composer un CCTP</h1>");
    expect(page).toMatch(/<option value="reversibilite" selected="">Réversibilité \(version \d+\.\d+\.\d+\)<\/option>/);
    expect(page).toContain("Aucune clause n&#x27;est encore sélectionnée.");
    const clausePage = await (await fetch(`${baseUrl()}/clauses/reversibilite`)).text();
    expect(clausePage).toContain('href="/selection?add=reversibilite"');
  });

  it("adds a clause under a section and shows its parameters and text", async () => {
    const response = await submit({
      title: "",
      buyer: "",
      intent: "add",
      addId: "reversibilite",
      addSection: "Fin du marché",
    });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<input type="hidden" name="item.0.id" value="reversibilite"/>');
    expect(page).toContain("1. Fin du marché");
    expect(page).toContain('name="item.0.param.delaiRestitution"');
    expect(page).toContain("Délai de restitution des données");
    expect(page).toContain("dans un délai de 30 jours");
  });

  it("checks the values and names each field in French, keeping what was typed", async () => {
    const response = await submit({ ...selected, "item.0.param.delaiRestitution": "P200D", intent: "preview" });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain("« Délai de restitution des données » doit être compris entre 15 jours et 90 jours.");
    expect(page).toMatch(
      /id="item-0-delaiRestitution"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="item-0-delaiRestitution"/,
    );
    expect(page).toContain('value="P200D"');
  });

  it("refuses to export an incomplete CCTP with a 422, then exports the completed one as DOCX and ODT", async () => {
    // The export route sends an incomplete selection back to the page with a 307, which repeats the POST there.
    const incomplete = await submit({ ...selected, title: "", intent: "export:docx" }, "/selection/export");
    expect(incomplete.status).toBe(422);
    expect(incomplete.redirected).toBe(true);
    expect(incomplete.headers.get("content-disposition")).toBeNull();
    const page = await incomplete.text();
    expect(page).toContain("« Objet du marché » est obligatoire.");
    expect(page).toContain("Le CCTP ne peut pas être exporté");

    const docx = await submit({ ...selected, intent: "export:docx" }, "/selection/export");
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(docx.headers.get("content-disposition")).toContain(
      'filename="cctp-plateforme-de-donnees-de-la-commune.docx"',
    );
    const document = strFromU8(unzipSync(new Uint8Array(await docx.arrayBuffer()))["word/document.xml"]!);
    expect(document).toContain("dans un délai de 60 jours");
    expect(document).toContain("Fin du marché");

    const odt = await submit({ ...selected, intent: "export:odt" }, "/selection/export");
    expect(odt.headers.get("content-type")).toBe("application/vnd.oasis.opendocument.text");
    expect(strFromU8(unzipSync(new Uint8Array(await odt.arrayBuffer()))["content.xml"]!)).toContain(
      "dans un délai de 60 jours",
    );
  });

  it("moves and removes clauses", async () => {
    const two = {
      ...selected,
      "item.1.section": "Interopérabilité",
      "item.1.id": "ogcapi-features-socle",
    };
    const moved = await (await submit({ ...two, intent: "up:1" })).text();
    expect(moved).toContain('<input type="hidden" name="item.0.id" value="ogcapi-features-socle"/>');
    expect(moved).toContain('<input type="hidden" name="item.1.id" value="reversibilite"/>');
    const removed = await (await submit({ ...two, intent: "remove:0" })).text();
    expect(removed).toContain('<input type="hidden" name="item.0.id" value="ogcapi-features-socle"/>');
    expect(removed).not.toContain('value="reversibilite"/>');
  });
});
