// Typed interop reports on the built app: filing one through the new-topic form (no JavaScript) and through
// POST /posts.json, the refusals (nothing written), the workflow for each role, conflicts, the history, watchers'
// notifications, the webhook outbox, /t/:id.json's `interop` key, and a report in a private category.
import { beforeAll, describe, expect, it } from "vitest";
import { createTopic } from "../../app/domain/forum/posting.server";
import { loadSignedInUser } from "../../app/domain/identity/users.server";
import type { ReportDraft } from "../../app/domain/tracker/report";
import { getDb } from "../../app/infra/db.server";
import { runCli } from "../../scripts/cli";
import { useAppServer } from "../support/app-server";
import { CORE_CLASS, reportFormFields, reportJson, validReport } from "../support/reports";
import { sessionCookieFor, submitForm } from "../support/sessions";
import { readerText } from "../support/html";

const baseUrl = useAppServer();
const RUN = Date.now().toString(36);

const cookies = new Map<string, string>();
async function cookieOf(username: string): Promise<string> {
  if (!cookies.has(username)) cookies.set(username, (await sessionCookieFor(username)).cookie);
  return cookies.get(username)!;
}
const asUser = async (username: string) => (await loadSignedInUser(await getDb(), { username }))!;

let interopCategory = 0;
beforeAll(async () => {
  const db = await getDb();
  interopCategory = (await db.category.findUniqueOrThrow({ where: { slug: "problemes-interoperabilite" } })).id;
});

/** Rows a refused report must not leave behind. */
async function counts() {
  const db = await getDb();
  return {
    topics: await db.topic.count(),
    posts: await db.post.count(),
    reports: await db.interopReport.count(),
    affected: await db.reportAffectedSolution.count(),
    queued: await db.queuedPost.count(),
  };
}

async function apiKey(username: string, ...scopes: string[]): Promise<string> {
  const lines: string[] = [];
  const args = ["api-key", "create", "--user", username, ...scopes.flatMap((scope) => ["--scope", scope])];
  expect(await runCli(args, (line) => lines.push(line))).toBe(0);
  return lines[0]!;
}

async function postJson(body: unknown, headers: Record<string, string>) {
  const response = await fetch(`${baseUrl()}/posts.json`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> & { errors?: string[] } };
}

async function getJson(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl()}${path}`, { headers });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** A report filed by `author` through the domain, for the workflow tests. */
async function fileReport(
  author: string,
  title: string,
  report: ReportDraft = validReport,
  categoryId = interopCategory,
) {
  const db = await getDb();
  const { topicId, slug } = await createTopic(db, await asUser(author), {
    categoryId,
    title,
    raw: "Détails du problème.",
    report,
  });
  return { topicId, path: `/t/${slug}/${topicId}` };
}

const revisionOf = async (topicId: number) =>
  (await (await getDb()).interopReport.findUniqueOrThrow({ where: { topicId } })).revision;

/** The status form of the report box, posted as a browser without JavaScript does. */
async function changeStatus(
  username: string,
  path: string,
  fields: { status: string; reason?: string; fixedIn?: string; revision: number },
) {
  return submitForm(baseUrl(), `${path}/statut`, await cookieOf(username), {
    status: fields.status,
    reason: fields.reason ?? "",
    fixedIn: fields.fixedIn ?? "",
    revision: String(fields.revision),
  });
}

describe("filing a report through the new-topic form, without JavaScript", () => {
  it("shows the report's fields for ?category=<id>, and a link to them otherwise", async () => {
    const cookie = await cookieOf("claire.martin");
    const plain = await (await fetch(`${baseUrl()}/new-topic`, { headers: { cookie } })).text();
    expect(plain).not.toContain('id="report-legend"');
    expect(readerText(plain)).toContain(`href="/new-topic?category=${interopCategory}"`);
    const withForm = readerText(
      await (await fetch(`${baseUrl()}/new-topic?category=${interopCategory}`, { headers: { cookie } })).text(),
    );
    expect(withForm).toContain('id="report-legend"');
    expect(withForm).toContain('<option value="prodige@5.1">Prodige 5.1</option>');
    expect(withForm).toContain('<optgroup label="OGC API - Features">');
    expect(withForm).toContain('<optgroup label="ProConnect">');
    expect(withForm).toContain('name="affectedVersion.georchestra"');
    expect(withForm).toContain('value="trivial"');
    const annonces = await (await getDb()).category.findUniqueOrThrow({ where: { slug: "annonces" } });
    const other = await (await fetch(`${baseUrl()}/new-topic?category=${annonces.id}`, { headers: { cookie } })).text();
    expect(other).not.toContain('id="report-legend"');
  });

  it("publishes the topic with its report, shown in the summary box above the first post", async () => {
    const title = `Prodige suit mal les liens next de geOrchestra (${RUN})`;
    const before = await counts();
    const published = await submitForm(baseUrl(), "/new-topic", await cookieOf("claire.martin"), {
      category: String(interopCategory),
      title,
      raw: "La pagination s'arrête à la deuxième page.",
      ...reportFormFields({
        ...validReport,
        affected: [
          { solution: "georchestra", version: "24.0.2" },
          { solution: "geoplateforme", version: "2025.1" },
        ],
      }),
      intent: "publish",
    });
    expect(published.status).toBe(302);
    expect(await counts()).toMatchObject({
      topics: before.topics + 1,
      reports: before.reports + 1,
      affected: before.affected + 2,
    });
    const db = await getDb();
    const topic = await db.topic.findFirstOrThrow({
      where: { title },
      include: { interopReport: { include: { reportingVersion: true, affected: { include: { version: true } } } } },
    });
    expect(topic.interopReport).toMatchObject({
      status: "new",
      severity: "major",
      classUri: CORE_CLASS,
      endpointUrl: validReport.endpointUrl,
      revision: 1,
    });
    expect(topic.interopReport!.affected.map((row) => row.version!.version).sort()).toEqual(["2025.1", "24.0.2"]);

    const page = readerText(await (await fetch(`${baseUrl()}${published.location}`)).text());
    const box = page.slice(page.indexOf('id="rapport"'), page.indexOf('id="post-1"'));
    expect(box).toContain("Rapport d'interopérabilité");
    expect(box).toContain("Nouveau");
    expect(box).toContain("Sévérité : Majeur");
    expect(box).toContain("Features Partie 1 — Socle (core)");
    expect(box).toContain(CORE_CLASS);
    expect(box).toContain('href="https://github.com/georchestra/georchestra/issues"');
    expect(box).toContain("24.0.2");
    expect(box).toContain(validReport.actual);
    // Anonymous visitors see the box too, without the status form.
    const anonymous = await (await fetch(`${baseUrl()}${published.location}`)).text();
    expect(anonymous).toContain('id="rapport"');
    expect(anonymous).not.toContain("Changer le statut");
  });

  it("refuses a wrong report with a 422, a French message next to each field, every typed value kept, nothing written", async () => {
    const before = await counts();
    const title = `Un rapport à compléter (${RUN})`;
    const refused = await submitForm(baseUrl(), "/new-topic", await cookieOf("claire.martin"), {
      category: String(interopCategory),
      title,
      raw: "Mon message que je ne veux pas perdre",
      ...reportFormFields({
        ...validReport,
        endpointUrl: "ftp://exemple.fr/donnees",
        steps: "Mes étapes à garder",
        severity: "",
      }),
      intent: "publish",
    });
    expect(refused.status).toBe(422);
    const html = readerText(refused.html);
    expect(html).toContain(
      "Le sujet n'a pas été publié : cette catégorie demande un rapport d'interopérabilité complet.",
    );
    expect(html).toMatch(
      /id="report-endpoint-error">L'URL du service doit être une adresse http:\/\/ ou https:\/\/ complète\./,
    );
    expect(html).toContain('id="report-severity-error"');
    expect(html).toContain("Choisissez la sévérité : bloquant, majeur, mineur ou cosmétique.");
    // What was typed comes back: title, message, choices and texts.
    expect(html).toContain(`value="${title}"`);
    expect(html).toContain("Mon message que je ne veux pas perdre");
    expect(html).toContain("Mes étapes à garder");
    expect(html).toContain('value="ftp://exemple.fr/donnees"');
    expect(html).toMatch(/<option value="prodige@5\.1" selected="">/);
    expect(html).toMatch(/name="affected" checked="" value="georchestra"/);
    expect(html).toMatch(/<option value="24\.0\.2" selected="">/);
    expect(html).toMatch(new RegExp(`<option value="${CORE_CLASS.replace(/[./]/g, "\\$&")}" selected="">`));
    expect(await counts()).toEqual(before);
  });

  it("refuses an unknown solution, a version of another solution and an unknown class, each under its field", async () => {
    const before = await counts();
    const refused = await submitForm(baseUrl(), "/new-topic", await cookieOf("claire.martin"), {
      category: String(interopCategory),
      title: `Choix inconnus (${RUN})`,
      raw: "Texte",
      ...reportFormFields({
        ...validReport,
        reportingSolution: "mapserver",
        affected: [{ solution: "georchestra", version: "5.1" }],
        classUri: "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
      }),
      intent: "publish",
    });
    expect(refused.status).toBe(422);
    const html = readerText(refused.html);
    expect(html).toContain("Solution inconnue : « mapserver ». Choisissez une solution de la liste.");
    expect(html).toContain("« 5.1 » n'est pas une version connue de geOrchestra.");
    expect(html).toContain(
      "Classe de conformité inconnue : « http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core »",
    );
    expect(await counts()).toEqual(before);
  });

  it("asks for the report when the form came without it (a category chosen without JavaScript)", async () => {
    const before = await counts();
    const refused = await submitForm(baseUrl(), "/new-topic", await cookieOf("claire.martin"), {
      category: String(interopCategory),
      title: `Sans rapport (${RUN})`,
      raw: "Texte",
      intent: "publish",
    });
    expect(refused.status).toBe(422);
    // The page now shows the report's fields, each saying what it needs.
    expect(refused.html).toContain('id="report-legend"');
    expect(readerText(refused.html)).toContain("Cochez au moins une solution concernée par le problème.");
    expect(await counts()).toEqual(before);
  });
});

describe("filing a report through POST /posts.json", () => {
  it("creates the topic with its report from the interop object, and /t/:id.json gives it back", async () => {
    const key = await apiKey("julien.roux", "topics:write", "read");
    const headers = { "api-key": key, "api-username": "julien.roux" };
    const created = await postJson(
      {
        title: `API : rapport typé (${RUN})`,
        raw: "Créé par la CI.",
        category: interopCategory,
        interop: { ...reportJson(), severity: "bloquant" },
      },
      headers,
    );
    expect(created.status).toBe(200);
    const topicId = created.json.topic_id as number;
    const { json } = await getJson(`/t/${topicId}.json`, headers);
    expect(json.interop).toEqual({
      reporting_solution: { slug: "prodige", name: "Prodige", version: "5.1" },
      affected: [{ slug: "georchestra", name: "geOrchestra", version: "24.0.2" }],
      class: { uri: CORE_CLASS, title: "Features Partie 1 — Socle (core)" },
      endpoint_url: validReport.endpointUrl,
      steps: validReport.steps,
      expected: validReport.expected,
      actual: validReport.actual,
      severity: "blocking",
      status: "new",
      close_reason: null,
      duplicate_of: null,
      fixed_in: null,
      assignees: [],
      vote_count: 0,
      revision: 1,
      status_changed_at: expect.any(String),
    });
    // A topic without a report has no interop key.
    const annonce = await (await getDb()).topic.findFirstOrThrow({ where: { category: { slug: "annonces" } } });
    expect("interop" in (await getJson(`/t/${annonce.id}.json`)).json).toBe(false);
  });

  it("says what is missing or unknown, with a 422, and writes nothing", async () => {
    const headers = { "api-key": await apiKey("julien.roux", "topics:write"), "api-username": "julien.roux" };
    const before = await counts();
    const missing = await postJson(
      { title: `API sans rapport (${RUN})`, raw: "Texte", category: interopCategory },
      headers,
    );
    expect(missing.status).toBe(422);
    expect(missing.json.error_type).toBe("invalid_parameters");
    expect(missing.json.errors![0]).toMatch(
      /^Cette catégorie demande un rapport d'interopérabilité : ajoutez l'objet « interop » \(reporting_solution, reporting_version, affected/,
    );
    expect(missing.json.errors).toContain("interop.endpoint_url : Indiquez l'URL du service concerné (https://…).");
    expect(missing.json.errors).toContain(
      "interop.severity : Choisissez la sévérité : bloquant, majeur, mineur ou cosmétique.",
    );

    const unknown = await postJson(
      {
        title: `API choix inconnus (${RUN})`,
        raw: "Texte",
        category: interopCategory,
        interop: {
          ...reportJson(),
          reporting_solution: "inconnue",
          affected: [{ solution: "georchestra", version: "99" }, { solution: "prodige" }],
          class_uri: "urn:inconnue",
          steps: 12,
        },
      },
      headers,
    );
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors).toEqual([
      // The shape's problems first, then the choices that do not exist.
      "interop.affected[1].version : Choisissez la version de la solution concernée.",
      "interop.steps : Étapes pour reproduire doit être un texte.",
      "interop.reporting_solution : Solution inconnue : « inconnue ». Choisissez une solution de la liste.",
      "interop.affected[0].version : « 99 » n'est pas une version connue de geOrchestra.",
      "interop.class_uri : Classe de conformité inconnue : « urn:inconnue ». Choisissez-en une dans la liste.",
    ]);
    const notObject = await postJson(
      { title: `API interop texte (${RUN})`, raw: "Texte", category: interopCategory, interop: "prodige" },
      headers,
    );
    expect(notObject.status).toBe(422);
    expect(await counts()).toEqual(before);
  });
});

describe("the status workflow", () => {
  it("lets each role make exactly its moves, through the report box's form", async () => {
    const { topicId, path } = await fileReport("claire.martin", `Workflow par rôle (${RUN})`);
    const db = await getDb();
    const status = async () => (await db.interopReport.findUniqueOrThrow({ where: { topicId } })).status;

    // A member who has nothing to do with it: refused, nothing changes.
    const member = await changeStatus("sophie.bernard", path, {
      status: "confirmed",
      revision: await revisionOf(topicId),
    });
    expect(member.status).toBe(403);
    expect(readerText(member.html)).toContain("Vous ne pouvez pas changer le statut de ce rapport.");
    // The reporter may not confirm their own report…
    const reporterConfirms = await changeStatus("claire.martin", path, {
      status: "confirmed",
      revision: await revisionOf(topicId),
    });
    expect(reporterConfirms.status).toBe(403);
    // …nor close it as "won't fix"…
    const reporterWontFix = await changeStatus("claire.martin", path, {
      status: "closed",
      reason: "wont_fix",
      revision: await revisionOf(topicId),
    });
    expect(reporterWontFix.status).toBe(403);
    expect(await status()).toBe("new");
    // …but may close it as not reproducible any more.
    const closed = await changeStatus("claire.martin", path, {
      status: "closed",
      reason: "cant_reproduce",
      revision: await revisionOf(topicId),
    });
    expect(closed.status).toBe(302);
    expect(closed.location).toBe(`${path}#rapport`);
    expect(await db.interopReport.findUniqueOrThrow({ where: { topicId } })).toMatchObject({
      status: "closed",
      closeReason: "cant_reproduce",
      revision: 2,
    });
    // Closing the report leaves the topic open to replies.
    expect((await db.topic.findUniqueOrThrow({ where: { id: topicId } })).closed).toBe(false);
    // The reporter reopens it once, to new.
    expect((await changeStatus("claire.martin", path, { status: "new", revision: 2 })).status).toBe(302);
    expect(await status()).toBe("new");

    // The maintainer of an affected solution triages it.
    expect((await changeStatus("julien.roux", path, { status: "confirmed", revision: 3 })).status).toBe(302);
    expect((await changeStatus("julien.roux", path, { status: "in_progress", revision: 4 })).status).toBe(302);
    // Fixed needs a version of an affected solution.
    for (const fixedIn of ["", "georchestra@99.0", "prodige@5.1"]) {
      const refused = await changeStatus("julien.roux", path, { status: "fixed", fixedIn, revision: 5 });
      expect(refused.status, fixedIn).toBe(422);
    }
    const duplicate = await changeStatus("julien.roux", path, { status: "closed", reason: "duplicate", revision: 5 });
    expect(duplicate.status).toBe(422);
    expect(readerText(duplicate.html)).toContain("« Fermer comme doublon »");
    expect(await status()).toBe("in_progress");
    const fixed = await changeStatus("julien.roux", path, {
      status: "fixed",
      fixedIn: "georchestra@24.0.3",
      revision: 5,
    });
    expect(fixed.status).toBe(302);
    const report = await db.interopReport.findUniqueOrThrow({
      where: { topicId },
      include: { fixedInVersion: { include: { solution: true } } },
    });
    expect(report).toMatchObject({ status: "fixed", revision: 6, closeReason: null });
    expect([report.fixedInVersion!.solution.slug, report.fixedInVersion!.version]).toEqual(["georchestra", "24.0.3"]);

    // The reporter already used their reopening.
    const again = await changeStatus("claire.martin", path, { status: "new", revision: 6 });
    expect(again.status).toBe(403);
    expect(readerText(again.html)).toContain("Vous avez déjà rouvert ce rapport une fois");
    // A moderator reopens it, to confirmed.
    expect((await changeStatus("karim.haddad", path, { status: "confirmed", revision: 6 })).status).toBe(302);
    expect(await status()).toBe("confirmed");

    // Anonymous visitors are sent to sign in.
    const anonymous = await fetch(`${baseUrl()}${path}/statut`, {
      method: "POST",
      body: new URLSearchParams({ status: "closed" }),
      redirect: "manual",
    });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login\?returnTo=/);

    // The timeline tells the story, as compact event lines, and JSON gives them as small actions.
    const page = readerText(await (await fetch(`${baseUrl()}${path}`)).text());
    const events = [...page.matchAll(/<div class="timeline-event"[^>]*>[\s\S]*?<\/div>/g)].map((match) =>
      match[0].replace(/<[^>]+>/g, ""),
    );
    expect(events.map((event) => event.replace(/ · .*$/, ""))).toEqual([
      "Claire Martin a changé le statut : Nouveau → Fermé (impossible à reproduire)",
      "Claire Martin a changé le statut : Fermé → Nouveau",
      "Julien Roux a changé le statut : Nouveau → Confirmé",
      "Julien Roux a changé le statut : Confirmé → En cours",
      "Julien Roux a changé le statut : En cours → Corrigé dans geOrchestra 24.0.3",
      "Karim Haddad a changé le statut : Corrigé → Confirmé",
    ]);
    const { json } = await getJson(`/t/${topicId}.json`);
    const posts = (json.post_stream as { posts: { post_type: number; action_code?: string }[] }).posts;
    expect(posts.map((post) => post.post_type)).toEqual([1, 3, 3, 3, 3, 3, 3]);
    expect(posts[1]!.action_code).toBe("status_changed");
    // Feeds skip them.
    const rss = await (await fetch(`${baseUrl()}${path}.rss`)).text();
    expect(rss.match(/<item>/g)).toHaveLength(1);
  });

  it("refuses a change made from a stale page with a 409 naming who changed it, for statuses and fields", async () => {
    const { topicId, path } = await fileReport("claire.martin", `Conflit (${RUN})`);
    const db = await getDb();
    const stale = await revisionOf(topicId);
    expect((await changeStatus("julien.roux", path, { status: "confirmed", revision: stale })).status).toBe(302);
    const second = await changeStatus("karim.haddad", path, { status: "in_progress", revision: stale });
    expect(second.status).toBe(409);
    expect(readerText(second.html)).toContain("Julien Roux a modifié ce rapport entre-temps ; rechargez la page");
    expect(await db.interopReport.findUniqueOrThrow({ where: { topicId } })).toMatchObject({
      status: "confirmed",
      revision: stale + 1,
    });

    const edit = await submitForm(baseUrl(), `${path}/rapport`, await cookieOf("claire.martin"), {
      ...reportFormFields({ ...validReport, severity: "trivial", actual: "Ma version" }),
      revision: String(stale),
    });
    expect(edit.status).toBe(409);
    const html = readerText(edit.html);
    expect(html).toContain("Julien Roux a modifié ce rapport entre-temps ; rechargez la page");
    // The form keeps what was typed, and the revision it started from: sending it again is still a conflict.
    expect(html).toContain("Ma version");
    expect(html).toContain(`name="revision" value="${stale}"`);
    expect(await db.interopReport.findUniqueOrThrow({ where: { topicId } })).toMatchObject({
      severity: "major",
      actual: validReport.actual,
    });
    expect(await db.reportRevision.count({ where: { topicId } })).toBe(0);
  });
});

describe("editing a report's fields", () => {
  it("keeps each edit in the history with its before and after, and says so in the timeline", async () => {
    const { topicId, path } = await fileReport("claire.martin", `Historique (${RUN})`);
    const db = await getDb();
    // Who may edit: the reporter, maintainers of an involved solution, moderators; not another member.
    expect(
      (await fetch(`${baseUrl()}${path}/rapport`, { headers: { cookie: await cookieOf("sophie.bernard") } })).status,
    ).toBe(403);
    const form = readerText(
      await (
        await fetch(`${baseUrl()}${path}/rapport`, { headers: { cookie: await cookieOf("claire.martin") } })
      ).text(),
    );
    expect(form).toMatch(/<option value="prodige@5\.1" selected="">/);
    expect(form).toContain('name="revision" value="1"');

    const bySophie = await submitForm(baseUrl(), `${path}/rapport`, await cookieOf("sophie.bernard"), {
      ...reportFormFields({ ...validReport, severity: "trivial" }),
      revision: "1",
    });
    expect(bySophie.status).toBe(403);

    const byClaire = await submitForm(baseUrl(), `${path}/rapport`, await cookieOf("claire.martin"), {
      ...reportFormFields({ ...validReport, severity: "blocking" }),
      revision: "1",
    });
    expect(byClaire.status).toBe(302);
    const invalid = await submitForm(baseUrl(), `${path}/rapport`, await cookieOf("julien.roux"), {
      ...reportFormFields({ ...validReport, severity: "blocking", affected: [] }),
      revision: "2",
    });
    expect(invalid.status).toBe(422);
    expect(readerText(invalid.html)).toContain("Cochez au moins une solution concernée par le problème.");
    const byJulien = await submitForm(baseUrl(), `${path}/rapport`, await cookieOf("julien.roux"), {
      ...reportFormFields({
        ...validReport,
        severity: "blocking",
        affected: [{ solution: "georchestra", version: "24.0" }],
        steps: "Nouvelles étapes",
      }),
      revision: "2",
    });
    expect(byJulien.status).toBe(302);
    // The same fields again change nothing: no revision, no event.
    const unchanged = await submitForm(baseUrl(), `${path}/rapport`, await cookieOf("julien.roux"), {
      ...reportFormFields({
        ...validReport,
        severity: "blocking",
        affected: [{ solution: "georchestra", version: "24.0" }],
        steps: "Nouvelles étapes",
      }),
      revision: "3",
    });
    expect(unchanged.status).toBe(302);

    const revisions = await db.reportRevision.findMany({ where: { topicId }, orderBy: { number: "asc" } });
    expect(revisions.map((row) => [row.number, JSON.parse(row.changes)])).toEqual([
      [2, { severity: ["Majeur", "Bloquant"] }],
      [
        3,
        {
          affectedVersions: ["geOrchestra 24.0.2", "geOrchestra 24.0"],
          steps: [validReport.steps, "Nouvelles étapes"],
        },
      ],
    ]);

    const history = readerText(await (await fetch(`${baseUrl()}${path}/historique`)).text());
    expect(history).toContain("Claire Martin</a> a modifié le rapport");
    expect(history).toContain("Julien Roux</a> a modifié le rapport");
    expect(history).toMatch(/sévérité<\/th><td[^>]*>Majeur<\/td><td[^>]*>Bloquant</);
    expect(history).toMatch(/version concernée<\/th><td[^>]*>geOrchestra 24\.0\.2<\/td><td[^>]*>geOrchestra 24\.0</);
    expect(history.indexOf("Julien Roux</a>")).toBeLessThan(history.indexOf("Claire Martin</a>"));

    const page = readerText(await (await fetch(`${baseUrl()}${path}`)).text());
    expect(page).toContain("a modifié le rapport : sévérité");
    expect(page).toContain("a modifié le rapport : version concernée, étapes pour reproduire");
    expect(page).toContain("Sévérité : Bloquant");
  });
});

describe("watchers, webhooks and private categories", () => {
  it("notifies the topic's watchers but the actor, and queues the status_changed webhook", async () => {
    const db = await getDb();
    const hook = await db.webhook.create({
      data: { url: "https://hooks.example.fr/cicclo", secret: "s3cret", events: JSON.stringify(["status_changed"]) },
    });
    const { topicId, path } = await fileReport("claire.martin", `Surveillé (${RUN})`);
    const since = (await db.notification.aggregate({ _max: { id: true } }))._max.id ?? 0;
    expect((await changeStatus("julien.roux", path, { status: "confirmed", revision: 1 })).status).toBe(302);
    const notified = await db.notification.findMany({ where: { id: { gt: since }, topicId }, include: { user: true } });
    // Claire started the topic: she watches it. Julien made the change: he is not told about it.
    expect(notified.map((row) => [row.user.username, row.kind])).toEqual([["claire.martin", "status_changed"]]);
    expect(JSON.parse(notified[0]!.data)).toMatchObject({ actor: "Julien Roux", detail: "Nouveau → Confirmé" });
    const list = readerText(
      await (
        await fetch(`${baseUrl()}/notifications`, { headers: { cookie: await cookieOf("claire.martin") } })
      ).text(),
    );
    expect(list).toContain("Julien Roux a changé le statut de");
    expect(list).toContain(": Nouveau → Confirmé");

    const deliveries = await db.webhookDelivery.findMany({ where: { webhookId: hook.id } });
    expect(deliveries).toHaveLength(1);
    expect(JSON.parse(deliveries[0]!.payload)).toMatchObject({
      event: "status_changed",
      topic: { id: topicId, title: `Surveillé (${RUN})` },
      from: "new",
      to: "confirmed",
      actor: { username: "julien.roux" },
      revision: 2,
    });
  });

  it("keeps a report in a private category from outsiders: no page, no JSON, no notification, no webhook", async () => {
    const db = await getDb();
    const maintainers = await db.group.findUniqueOrThrow({ where: { name: "mainteneurs-georchestra" } });
    const category = await db.category.create({
      data: {
        slug: `rapports-prives-${RUN}`,
        name: `Rapports privés ${RUN}`,
        color: "3A3A3A",
        readRestricted: true,
        reportForm: "interop",
        permissions: { create: { groupId: maintainers.id, canSee: true, canReply: true, canCreate: true } },
      },
    });
    const hook = await db.webhook.create({
      data: { url: "https://hooks.example.fr/prive", secret: "s3cret", events: JSON.stringify(["status_changed"]) },
    });
    const title = `Faille dans le proxy de sécurité (${RUN})`;
    const { topicId, path } = await fileReport("karim.haddad", title, validReport, category.id);
    // Claire watched the topic (say, before the category was restricted): she still hears nothing.
    const claire = await asUser("claire.martin");
    await db.topicUser.create({ data: { userId: claire.id, topicId, notificationLevel: 3 } });
    const julien = await asUser("julien.roux");
    await db.topicUser.create({ data: { userId: julien.id, topicId, notificationLevel: 3 } });
    const since = (await db.notification.aggregate({ _max: { id: true } }))._max.id ?? 0;

    const outsider = await cookieOf("claire.martin");
    for (const suffix of ["", "/statut", "/historique"]) {
      expect((await fetch(`${baseUrl()}${path}${suffix}`, { headers: { cookie: outsider } })).status, suffix).toBe(404);
    }
    expect((await fetch(`${baseUrl()}${path}/rapport`, { headers: { cookie: outsider } })).status).toBe(404);
    expect((await getJson(`/t/${topicId}.json`, { cookie: outsider })).status).toBe(404);
    expect((await getJson(`/t/${topicId}.json`)).status).toBe(404);

    // The maintainer sees it (JSON included) and triages it; the moderator who filed it is told, Claire is not.
    const forJulien = await getJson(`/t/${topicId}.json`, { cookie: await cookieOf("julien.roux") });
    expect((forJulien.json.interop as { status: string }).status).toBe("new");
    expect((await changeStatus("julien.roux", path, { status: "confirmed", revision: 1 })).status).toBe(302);
    const notified = await db.notification.findMany({ where: { id: { gt: since }, topicId }, include: { user: true } });
    expect(notified.map((row) => row.user.username)).toEqual(["karim.haddad"]);
    expect(await db.webhookDelivery.count({ where: { webhookId: hook.id } })).toBe(0);
    // An outsider's status change finds nothing to change.
    const refused = await changeStatus("claire.martin", path, {
      status: "closed",
      reason: "cant_reproduce",
      revision: 2,
    });
    expect(refused.status).toBe(404);
    await db.webhook.update({ where: { id: hook.id }, data: { active: false } });
  });
});
