// Saved named selections and clause upgrades on /selection, over real HTTP, as a browser without JavaScript does.
import { beforeAll, describe, expect, it } from "vitest";
import { assembleClauseLibrary } from "../../app/domain/clauses/library";
import { syncClauseLibrary } from "../../app/domain/clauses/library.server";
import { getDb } from "../../app/infra/db.server";
import { clauseFile } from "../clauses/clause-file-factory";
import { useAppServer } from "../support/app-server";
import { csrfFrom, form, sessionCookieFor } from "../support/sessions";

const baseUrl = useAppServer();
const cookies: Record<string, string> = {};
beforeAll(async () => {
  for (const username of ["claire.martin", "julien.roux", "sophie.bernard", "karim.haddad", "admin"])
    cookies[username] = (await sessionCookieFor(username)).cookie;
});

async function post(path: string, fields: Record<string, string>, cookie?: string) {
  const csrf = cookie ? await csrfFrom(baseUrl(), path.split("?")[0]!, cookie) : "";
  const response = await fetch(`${baseUrl()}${path}`, {
    method: "POST",
    headers: { ...(cookie ? { cookie } : {}), "content-type": "application/x-www-form-urlencoded" },
    body: form({ ...fields, csrf }),
    redirect: "manual",
  });
  return { status: response.status, location: response.headers.get("location"), html: await response.text() };
}
const get = async (path: string, cookie?: string) => {
  const response = await fetch(`${baseUrl()}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  return { status: response.status, location: response.headers.get("location"), html: await response.text() };
};

const selection = {
  title: "Plateforme de données de la commune",
  buyer: "Commune de Rezé",
  "item.0.section": "Fin du marché",
  "item.0.id": "reversibilite",
  "item.0.version": "1.0.0",
  "item.0.param.delaiRestitution": "P60D",
  "item.1.section": "Exigences techniques",
  "item.1.id": "journalisation",
};

/** Saves as claire.martin and returns the new selection's id. */
async function saveNew(name: string, fields: Record<string, string> = selection) {
  const saved = await post("/selection", { ...fields, savedName: name, intent: "save-new" }, cookies["claire.martin"]);
  expect(saved.status).toBe(302);
  const id = Number(/enregistree=(\d+)/.exec(saved.location ?? "")?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}
const row = async (id: number) => (await getDb()).savedSelection.findUnique({ where: { id } });

describe("saving a selection", () => {
  it("saves it under a name with every version pinned, and reopens it into the form", async () => {
    const id = await saveNew("CCTP plateforme 2027");
    const stored = await row(id);
    expect(stored?.name).toBe("CCTP plateforme 2027");
    const document = JSON.parse(stored!.document);
    expect(document.items.map((item: { id: string; version: string }) => `${item.id}@${item.version}`)).toEqual([
      "reversibilite@1.0.0",
      expect.stringMatching(/^journalisation@\d+\.\d+\.\d+$/),
    ]);

    const page = await get(`/selection?enregistree=${id}&enregistre=1`, cookies["claire.martin"]);
    expect(page.status).toBe(200);
    expect(page.html).toContain("La sélection « CCTP plateforme 2027 » est enregistrée.");
    expect(page.html).toContain('<input type="hidden" name="item.0.id" value="reversibilite"/>');
    expect(page.html).toContain('<input type="hidden" name="item.0.version" value="1.0.0"/>');
    expect(page.html).toContain('value="P60D"');
    expect(page.html).toContain(`name="savedId" value="${id}"`);
    expect(page.html).toContain("Enregistrer les modifications");

    const list = await get("/selection/enregistrees", cookies["claire.martin"]);
    expect(list.status).toBe(200);
    expect(list.html).toContain(`<a href="/selection?enregistree=${id}">CCTP plateforme 2027</a>`);
  });

  it("asks anonymous visitors to sign in and keeps what they composed", async () => {
    const before = await (await getDb()).savedSelection.count();
    const refused = await post("/selection", { ...selection, savedName: "Anonyme", intent: "save-new" });
    expect(refused.status).toBe(401);
    expect(refused.html).toContain("Connectez-vous pour enregistrer une sélection.");
    expect(refused.html).toContain('value="P60D"');
    expect(await (await getDb()).savedSelection.count()).toBe(before);
    expect((await get("/selection/enregistrees")).location).toMatch(/^\/login\?returnTo=/);
  });

  it("refuses a bad name, an unknown clause or version with a French 422 naming the item, writing nothing", async () => {
    const db = await getDb();
    const before = await db.savedSelection.count();
    const cookie = cookies["claire.martin"];
    const empty = await post("/selection", { ...selection, savedName: "  ", intent: "save-new" }, cookie);
    expect(empty.status).toBe(422);
    expect(empty.html).toContain("« Nom de la sélection » est obligatoire.");
    const long = await post("/selection", { ...selection, savedName: "x".repeat(121), intent: "save-new" }, cookie);
    expect(long.status).toBe(422);
    expect(long.html).toContain("« Nom de la sélection » ne doit pas dépasser 120 caractères.");
    const unknown = await post(
      "/selection",
      { ...selection, "item.1.id": "clause-inexistante", savedName: "Essai", intent: "save-new" },
      cookie,
    );
    expect(unknown.status).toBe(422);
    expect(unknown.html).toContain("Clause n° 2 (« clause-inexistante ») : cette clause n&#x27;existe pas.");
    const version = await post(
      "/selection",
      { ...selection, "item.0.version": "9.9.9", savedName: "Essai", intent: "save-new" },
      cookie,
    );
    expect(version.status).toBe(422);
    expect(version.html).toContain(
      "Clause n° 1 (« reversibilite ») : la clause « Réversibilité » n&#x27;a pas de version publiée 9.9.9.",
    );
    expect(await db.savedSelection.count()).toBe(before);
  });

  it("refuses a save without the form's CSRF token", async () => {
    const before = await (await getDb()).savedSelection.count();
    const forged = await fetch(`${baseUrl()}/selection`, {
      method: "POST",
      headers: { cookie: cookies["claire.martin"]!, "content-type": "application/x-www-form-urlencoded" },
      body: form({ ...selection, savedName: "Forgée", intent: "save-new" }),
      redirect: "manual",
    });
    expect(forged.status).toBe(403);
    expect(await (await getDb()).savedSelection.count()).toBe(before);
  });

  it("refuses a stale save from another tab with a 409 instead of overwriting", async () => {
    const id = await saveNew("Deux onglets");
    const cookie = cookies["claire.martin"];
    const firstTab = await post(
      "/selection",
      {
        ...selection,
        title: "Premier onglet",
        savedId: String(id),
        savedRevision: "1",
        savedName: "Deux onglets",
        intent: "save",
      },
      cookie,
    );
    expect(firstTab.status).toBe(302);
    expect((await row(id))?.revision).toBe(2);
    const secondTab = await post(
      "/selection",
      {
        ...selection,
        title: "Second onglet",
        savedId: String(id),
        savedRevision: "1",
        savedName: "Deux onglets",
        intent: "save",
      },
      cookie,
    );
    expect(secondTab.status).toBe(409);
    expect(secondTab.html).toContain("a été modifiée ailleurs");
    expect(secondTab.html).toContain('value="Second onglet"');
    const stored = await row(id);
    expect(JSON.parse(stored!.document).title).toBe("Premier onglet");
    expect(stored?.revision).toBe(2);
  });
});

describe("only the owner reaches a saved selection", () => {
  it("answers 404 to anonymous visitors, other members, moderators and admins, and lets them change nothing", async () => {
    const id = await saveNew("Privée");
    const roles = await (
      await getDb()
    ).user.findMany({
      where: { username: { in: ["julien.roux", "karim.haddad", "admin"] } },
      orderBy: { username: "asc" },
    });
    expect(roles.map((user) => user.role)).toEqual(["admin", "member", "moderator"]);
    for (const cookie of [undefined, cookies["julien.roux"], cookies["karim.haddad"], cookies["admin"]]) {
      expect((await get(`/selection?enregistree=${id}`, cookie)).status).toBe(404);
      const json = await fetch(`${baseUrl()}/selection?enregistree=${id}`, {
        headers: { accept: "application/json", ...(cookie ? { cookie } : {}) },
      });
      expect(json.status).toBe(404);
      if (!cookie) continue;
      expect((await get(`/selection/enregistrees?supprimer=${id}`, cookie)).status).toBe(404);
      expect((await get("/selection/enregistrees", cookie)).html).not.toContain("Privée");
      for (const intent of ["rename", "duplicate", "delete"]) {
        const refused = await post(
          "/selection/enregistrees",
          { selectionId: String(id), revision: "1", name: "Volée", intent },
          cookie,
        );
        expect(refused.status).toBe(404);
      }
      const overwrite = await post(
        "/selection",
        { ...selection, savedId: String(id), savedRevision: "1", savedName: "Volée", intent: "save" },
        cookie,
      );
      expect(overwrite.status).toBe(404);
    }
    const stored = await row(id);
    expect(stored).toMatchObject({ name: "Privée", revision: 1 });
    expect(await (await getDb()).savedSelection.count({ where: { name: { contains: "Volée" } } })).toBe(0);
  });
});

describe("the list of saved selections", () => {
  it("renames, duplicates and deletes after a confirmation that needs no JavaScript", async () => {
    const id = await saveNew("À ranger");
    const cookie = cookies["claire.martin"];
    const renamed = await post(
      "/selection/enregistrees",
      { selectionId: String(id), revision: "1", name: "Rangée", intent: "rename" },
      cookie,
    );
    expect(renamed.status).toBe(200);
    expect(renamed.html).toContain("La sélection s&#x27;appelle désormais « Rangée ».");
    const staleRename = await post(
      "/selection/enregistrees",
      { selectionId: String(id), revision: "1", name: "Autre nom", intent: "rename" },
      cookie,
    );
    expect(staleRename.status).toBe(409);
    const badRename = await post(
      "/selection/enregistrees",
      { selectionId: String(id), revision: "2", name: "", intent: "rename" },
      cookie,
    );
    expect(badRename.status).toBe(422);
    expect(badRename.html).toContain("« Nom de la sélection » est obligatoire.");
    expect((await row(id))?.name).toBe("Rangée");

    const duplicated = await post("/selection/enregistrees", { selectionId: String(id), intent: "duplicate" }, cookie);
    expect(duplicated.status).toBe(200);
    expect(duplicated.html).toContain("La copie « Rangée (copie) » est créée.");
    const copy = await (await getDb()).savedSelection.findFirstOrThrow({ where: { name: "Rangée (copie)" } });
    expect(copy.document).toBe((await row(id))!.document);

    const confirmation = await get(`/selection/enregistrees?supprimer=${id}`, cookie);
    expect(confirmation.html).toContain("Supprimer la sélection « Rangée » ?");
    expect(confirmation.html).toContain("Confirmer la suppression");
    const deleted = await post("/selection/enregistrees", { selectionId: String(id), intent: "delete" }, cookie);
    expect(deleted.status).toBe(200);
    expect(deleted.html).toContain("La sélection « Rangée » est supprimée.");
    expect(await row(id)).toBeNull();
    expect((await get(`/selection?enregistree=${id}`, cookie)).status).toBe(404);
  });
});

describe("upgrading a pinned clause", () => {
  beforeAll(async () => {
    // A clause of this file's own: version 2.0.0 narrows a bound, removes a parameter and adds two.
    const file = (version: string, parameters: unknown[], body: string) => ({
      file: `clauses/essai-mise-a-jour/${version}.md`,
      text: clauseFile({
        frontMatter: { id: "essai-mise-a-jour", version, title: "Clause d'essai de mise à jour", parameters },
        body,
      }),
    });
    const replaced = (version: string, status: string) => ({
      file: `clauses/essai-remplacee/${version}.md`,
      text: clauseFile({
        frontMatter: {
          id: "essai-remplacee",
          version,
          title: "Clause d'essai remplacée",
          status,
          ...(status === "superseded" ? { supersededBy: "reversibilite" } : {}),
        },
      }),
    });
    const delai = {
      name: "delai",
      type: "integer",
      label: "Délai de livraison",
      unit: "jours",
      min: 5,
      max: 60,
      default: 30,
    };
    await syncClauseLibrary(
      await getDb(),
      assembleClauseLibrary([
        replaced("1.0.0", "published"),
        replaced("1.1.0", "superseded"),
        file(
          "1.0.0",
          [delai, { name: "format", type: "text", label: "Format de livraison", maxLength: 30, default: "GeoJSON" }],
          "Le titulaire livre sous {{delai}} au format {{format}}.",
        ),
        file(
          "2.0.0",
          [
            { ...delai, max: 45 },
            { name: "audit", type: "boolean", label: "Audit annuel", default: true },
          ],
          "Le titulaire livre et installe la solution sous {{delai}}.{{#if audit}} Un audit suit.{{/if}}",
        ),
      ]),
    );
  });

  it("flags a superseded clause and points to its successor", async () => {
    const page = await post("/selection", {
      title: "",
      buyer: "",
      "item.0.section": "Prestations",
      "item.0.id": "essai-remplacee",
      intent: "preview",
    });
    expect(page.status).toBe(200);
    expect(page.html).toMatch(
      /Cette clause est remplacée par <a href="\/clauses\/reversibilite">« Réversibilité »<\/a> : ajoutez plutôt celle-ci\./,
    );
  });

  it("shows the newer version with a link to the diff, then the diff before upgrading", async () => {
    const id = await saveNew("Ancienne version");
    const page = await get(`/selection?enregistree=${id}`, cookies["claire.martin"]);
    expect(page.html).toContain("Nouvelle version disponible : 1.1.0 (cette sélection utilise la version 1.0.0).");
    expect(page.html).toContain('href="/clauses/reversibilite/diff/1.0.0/1.1.0"');
    expect(page.html).toMatch(/value="review-upgrade:0"[^>]*>Passer à la version 1\.1\.0/);

    const review = await post("/selection", { ...selection, intent: "review-upgrade:0" });
    expect(review.status).toBe(200);
    expect(review.html).toContain("Passer à la version 1.1.0 de « Réversibilité »");
    expect(review.html).toContain("Exiger un plan de réversibilité dès le début du marché");
    expect(review.html).toMatch(/<ins><span class="fr-sr-only">\[ajouté : <\/span>/);
    expect(review.html).toContain('value="upgrade:0"');
  });

  it("keeps valid values, gives new parameters their default and pins the new version", async () => {
    const upgraded = await post("/selection", { ...selection, intent: "upgrade:0" });
    expect(upgraded.status).toBe(200);
    expect(upgraded.html).toContain("« Réversibilité » passe de la version 1.0.0 à la version 1.1.0.");
    expect(upgraded.html).toContain("Valeurs conservées : « Délai de restitution des données ».");
    expect(upgraded.html).toContain(
      "Nouveau paramètre « Exiger un plan de réversibilité dès le début du marché » : valeur par défaut « oui ».",
    );
    expect(upgraded.html).toContain('<input type="hidden" name="item.0.version" value="1.1.0"/>');
    expect(upgraded.html).toContain('value="P60D"');
    expect(upgraded.html).not.toContain("Nouvelle version disponible : 1.1.0");
  });

  it("drops removed parameters and reports a value that became invalid, keeping it as typed", async () => {
    const fields = {
      title: "",
      buyer: "",
      "item.0.section": "Prestations",
      "item.0.id": "essai-mise-a-jour",
      "item.0.version": "1.0.0",
      "item.0.param.delai": "55",
      "item.0.param.format": "GML",
    };
    const upgraded = await post("/selection", { ...fields, intent: "upgrade:all" });
    expect(upgraded.status).toBe(200);
    expect(upgraded.html).toContain(
      "« Délai de livraison » doit être compris entre 5 jours et 45 jours. La valeur « 55 » n&#x27;est plus acceptée par la version 2.0.0 : corrigez-la.",
    );
    expect(upgraded.html).toContain(
      "« Format de livraison » n&#x27;existe plus dans la version 2.0.0 : la valeur « GML » est retirée.",
    );
    expect(upgraded.html).not.toContain('name="item.0.param.format"');
    expect(upgraded.html).toMatch(
      /name="item\.0\.param\.delai"[^>]*value="55"|value="55"[^>]*name="item\.0\.param\.delai"/,
    );
    expect(upgraded.html).toContain('<input type="hidden" name="item.0.version" value="2.0.0"/>');
  });
});

describe("the acceptance test plan in exports", () => {
  const body = (overrides: Record<string, unknown> = {}) => ({
    format: "markdown",
    title: "Service de diffusion",
    buyer: "Commune d'essai",
    sections: [{ title: "Diffusion", clauses: [{ id: "ogcapi-features-pagination" }, { id: "reversibilite" }] }],
    ...overrides,
  });
  const postJson = (value: unknown) =>
    fetch(`${baseUrl()}/api/clauses/export`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(value),
    });

  it("is appended by POST /api/clauses/export with acceptancePlan: true, and only then", async () => {
    const withPlan = await postJson(body({ acceptancePlan: true }));
    expect(withPlan.status).toBe(200);
    const markdown = await withPlan.text();
    expect(markdown).toContain("## Annexe : plan de recette");
    expect(markdown).toContain("`http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core`");
    expect(markdown).toContain("**Suite de tests exécutable de l'OGC (ETS OGC API - Features), avec TEAM Engine**");
    expect(markdown).toMatch(/\*\*1\.2 Réversibilité\*\* \(clause reversibilite, version 1\.1\.0\)\s+- Aucune classe/);

    const html = await (await postJson(body({ format: "html", acceptancePlan: true }))).text();
    expect(html).toContain('<h2 id="plan-de-recette">Annexe : plan de recette</h2>');

    expect(await (await postJson(body())).text()).not.toContain("plan de recette");
  });

  it("refuses an acceptancePlan that is not a boolean with a French 422 naming the field", async () => {
    const refused = await postJson(body({ acceptancePlan: "oui" }));
    expect(refused.status).toBe(422);
    const answer = (await refused.json()) as { fieldErrors: Record<string, string> };
    expect(answer.fieldErrors.acceptancePlan).toMatch(/^Le champ « acceptancePlan » /);
  });

  it("is offered on /selection and added to the export when ticked", async () => {
    expect((await get("/selection")).html).toContain("Ajouter un plan de recette");
    const exported = await fetch(`${baseUrl()}/selection/export`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form({ ...selection, "item.0.version": "1.1.0", acceptancePlan: "on", intent: "export:markdown" }),
    });
    expect(exported.status).toBe(200);
    const markdown = await exported.text();
    expect(markdown).toContain("## Annexe : plan de recette");
    expect(markdown).toContain("(clause journalisation, version");
  });
});
