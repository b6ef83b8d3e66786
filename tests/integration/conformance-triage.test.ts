// Triage of conformance failures on the built app (docs/decisions/017), over HTTP: linking a run's failure to an
// existing topic (and the refusals, with nothing written), the pre-filled "Signaler un problème" report whose
// publication links the tests, the matrix's triaged counts, and the automatic event post and notifications when a
// later run flips a linked test: once, not again for an identical run, never to a watcher who cannot read the topic.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createTopic } from "../../app/domain/forum/posting.server";
import { loadSignedInUser } from "../../app/domain/identity/users.server";
import { getDb } from "../../app/infra/db.server";
import { runCli } from "../../scripts/cli";
import { useAppServer } from "../support/app-server";
import { validReport } from "../support/reports";
import { form, sessionCookieFor, submitForm } from "../support/sessions";
import { readerText } from "../support/html";

const baseUrl = useAppServer();
const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/conformance");
const FAILING = readFileSync(path.join(FIXTURES, "earl-features10.rdf"));
const PASSING = readFileSync(path.join(FIXTURES, "earl-features10-passing.rdf"));
const CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
const TEST = "validateFeaturesOperation_QueryParamInvalid";
const MESSAGE = "java.lang.AssertionError: Unexpected HTTP status code. expected [400] but found [200]";
const STAMP = Date.now().toString(36);
const DEPLOYMENT = `triage-${STAMP}`;
const DEPLOYMENT_NAME = `geOrchestra – recette ${STAMP}`;
const ENDPOINT = "https://recette.georchestra.example/ogcapi";

const cookies = new Map<string, string>();
async function cookieOf(username: string): Promise<string> {
  if (!cookies.has(username)) cookies.set(username, (await sessionCookieFor(username)).cookie);
  return cookies.get(username)!;
}
const userId = async (username: string) => (await (await getDb()).user.findUniqueOrThrow({ where: { username } })).id;

async function cliKey(...args: string[]): Promise<string> {
  const lines: string[] = [];
  expect(await runCli(["api-key", "create", ...args], (line) => lines.push(line))).toBe(0);
  return lines[0]!;
}

let userKey = "";
let groupKey = "";
async function upload(bytes: Buffer, key = userKey): Promise<number> {
  const body = new FormData();
  body.append("deployment", DEPLOYMENT);
  body.append("file", new Blob([new Uint8Array(bytes)], { type: "application/rdf+xml" }), "earl.rdf");
  const response = await fetch(`${baseUrl()}/api/conformance/runs`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}` },
    body,
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: number }).id;
}

async function resultOf(runId: number, name: string, status: string) {
  const db = await getDb();
  return db.conformanceResult.findFirstOrThrow({ where: { runId, name, status } });
}

async function getJson(pathname: string, cookie?: string) {
  const response = await fetch(`${baseUrl()}${pathname}`, {
    headers: { accept: "application/json", ...(cookie ? { cookie } : {}) },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

async function writtenRows() {
  const db = await getDb();
  return {
    links: await db.conformanceTestLink.count(),
    topics: await db.topic.count(),
    posts: await db.post.count(),
    notifications: await db.notification.count(),
  };
}

async function fileTopic(author: string, categorySlug: string, title: string) {
  const db = await getDb();
  const category = await db.category.findUniqueOrThrow({ where: { slug: categorySlug } });
  const user = (await loadSignedInUser(db, { username: author }))!;
  const report = category.reportForm ? validReport : undefined;
  return createTopic(db, user, { categoryId: category.id, title, raw: "Détails du problème constaté.", report });
}

const matrixCell = async (cookie?: string) => {
  const matrix = (await getJson("/conformance", cookie)) as {
    columns: { uri: string }[];
    rows: { slug: string; cells: { verdict: string; failed: number; triaged: number }[] }[];
  };
  const column = matrix.columns.findIndex((candidate) => candidate.uri === CORE);
  return matrix.rows.find((row) => row.slug === DEPLOYMENT)!.cells[column]!;
};

let failingRun = 0;
let publicTopic = { topicId: 0, slug: "" };
let reportedTopicId = 0;

beforeAll(async () => {
  const db = await getDb();
  const version = await db.solutionVersion.findFirstOrThrow({
    where: { solution: { slug: "georchestra" }, version: "24.0" },
  });
  await db.deployment.create({
    data: { slug: DEPLOYMENT, name: DEPLOYMENT_NAME, endpointUrl: ENDPOINT, solutionVersionId: version.id },
  });
  userKey = await cliKey("--user", "julien.roux", "--scope", "conformance:write");
  groupKey = await cliKey("--group", "mainteneurs-georchestra", "--scope", "conformance:write");
  failingRun = await upload(FAILING);
});

describe("triage of a run's failures", () => {
  it("links a failure to an existing topic the member can read; the run page and the matrix show it", async () => {
    publicTopic = await fileTopic("admin", "problemes-interoperabilite", `Paramètres invalides acceptés ${STAMP}`);
    const claire = await cookieOf("claire.martin");
    const page = await fetch(`${baseUrl()}/conformance/runs/${failingRun}`, { headers: { cookie: claire } });
    const html = await page.text();
    expect(html).toContain("Lier à un sujet existant");
    expect(html).toContain("Signaler un problème");
    const failed = await resultOf(failingRun, TEST, "failed");
    expect(html).toContain(`name="result" value="${failed.id}"`);

    const answer = await submitForm(baseUrl(), `/conformance/runs/${failingRun}`, claire, {
      intent: "link",
      result: String(failed.id),
      topic: `${baseUrl()}/t/${publicTopic.slug}/${publicTopic.topicId}`,
    });
    expect(answer.status).toBe(200);
    expect(answer.html).toContain(`Test lié au sujet n° ${publicTopic.topicId}.`);
    const link = await (
      await getDb()
    ).conformanceTestLink.findFirstOrThrow({
      where: { topicId: publicTopic.topicId },
    });
    expect(link).toMatchObject({
      caseKey: failed.caseKey,
      testName: TEST,
      classUri: CORE,
      lastStatus: "failed",
      lastRunId: failingRun,
      linkedById: await userId("claire.martin"),
    });

    // Linking it again (by number this time) changes nothing and says so.
    const again = await submitForm(baseUrl(), `/conformance/runs/${failingRun}`, claire, {
      intent: "link",
      result: String(failed.id),
      topic: `#${publicTopic.topicId}`,
    });
    expect(again.status).toBe(200);
    expect(again.html).toContain(`Ce test était déjà lié au sujet n° ${publicTopic.topicId}.`);
    expect(await (await getDb()).conformanceTestLink.count({ where: { topicId: publicTopic.topicId } })).toBe(1);

    // Anyone reading the run sees the topic next to the test.
    const run = (await getJson(`/conformance/runs/${failingRun}`)) as {
      links: Record<string, { topicId: number; title: string; url: string }[]>;
    };
    expect(run.links[failed.caseKey]).toEqual([
      expect.objectContaining({ topicId: publicTopic.topicId, url: `/t/${publicTopic.slug}/${publicTopic.topicId}` }),
    ]);
    expect(await matrixCell()).toMatchObject({ verdict: "failed", failed: 1, triaged: 1 });
    const matrixHtml = await (await fetch(`${baseUrl()}/conformance`)).text();
    expect(matrixHtml).toContain(`href="/conformance/runs/${failingRun}#tests-en-echec"`);
  });

  it("refuses a private topic, a missing selection, a passing test and strangers, writing nothing", async () => {
    const claire = await cookieOf("claire.martin");
    const secret = await fileTopic("admin", "securite", `Faille dans le service ${STAMP}`);
    const errored = await resultOf(failingRun, "openapiDocumentRetrieval", "error");
    const passed = await resultOf(failingRun, "landingPageRetrieval", "passed");
    const before = await writtenRows();
    const path = `/conformance/runs/${failingRun}`;

    const hidden = await submitForm(baseUrl(), path, claire, {
      intent: "link",
      result: String(errored.id),
      topic: `#${secret.topicId}`,
    });
    expect(hidden.status).toBe(422);
    expect(hidden.html).toContain(
      `Le sujet n° ${secret.topicId} est introuvable ou se trouve dans une catégorie que vous ne pouvez pas lire.`,
    );
    const empty = await submitForm(baseUrl(), path, claire, { intent: "link", topic: `#${publicTopic.topicId}` });
    expect(empty.status).toBe(422);
    expect(empty.html).toContain("Cochez au moins un test en échec.");
    const notFailing = await submitForm(baseUrl(), path, claire, {
      intent: "link",
      result: String(passed.id),
      topic: `#${publicTopic.topicId}`,
    });
    expect(notFailing.status).toBe(422);
    expect(notFailing.html).toContain("Seuls les tests en échec ou en erreur de ce passage peuvent être suivis.");
    const noTopic = await submitForm(baseUrl(), path, claire, { intent: "link", result: String(errored.id) });
    expect(noTopic.status).toBe(422);
    expect(noTopic.html).toContain("Indiquez le numéro du sujet (#123) ou son adresse.");
    const anonymous = await fetch(`${baseUrl()}${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form({ intent: "link", result: String(errored.id), topic: `#${publicTopic.topicId}` }),
    });
    expect(anonymous.status).toBe(401);
    const forged = await fetch(`${baseUrl()}${path}`, {
      method: "POST",
      headers: { cookie: claire, "content-type": "application/x-www-form-urlencoded" },
      body: form({ intent: "link", result: String(errored.id), topic: `#${publicTopic.topicId}`, csrf: "x" }),
    });
    expect(forged.status).toBe(403);
    expect(await writtenRows()).toEqual(before);

    // A moderator may link the private topic; members never learn of it, in the run page or the matrix.
    const karim = await cookieOf("karim.haddad");
    const staff = await submitForm(baseUrl(), path, karim, {
      intent: "link",
      result: String(errored.id),
      topic: `#${secret.topicId}`,
    });
    expect(staff.status).toBe(200);
    const seenByClaire = (await getJson(path, claire)) as { links: Record<string, unknown[]> };
    expect(seenByClaire.links[errored.caseKey]).toBeUndefined();
    const seenByKarim = (await getJson(path, karim)) as { links: Record<string, { topicId: number }[]> };
    expect(seenByKarim.links[errored.caseKey]!.map((link) => link.topicId)).toEqual([secret.topicId]);
    expect((await matrixCell()).triaged).toBe(1);
    expect((await matrixCell(karim)).triaged).toBe(2);
  });

  it("opens the report form pre-filled from the failure, and publishing it links the test", async () => {
    const claire = await cookieOf("claire.martin");
    const failed = await resultOf(failingRun, TEST, "failed");
    const db = await getDb();
    const interop = await db.category.findUniqueOrThrow({ where: { slug: "problemes-interoperabilite" } });
    const go = await submitForm(baseUrl(), `/conformance/runs/${failingRun}`, claire, {
      intent: "report",
      result: String(failed.id),
    });
    expect(go.status).toBe(302);
    expect(go.location).toBe(`/new-topic?category=${interop.id}&run=${failingRun}&result=${failed.id}`);

    const prefilled = (await getJson(go.location!, claire)) as {
      selected: number;
      triage: { title: string; raw: string; report: typeof validReport };
    };
    expect(prefilled.selected).toBe(interop.id);
    expect(prefilled.triage.title).toBe(`Échec du test « ${TEST} » sur ${DEPLOYMENT_NAME}`);
    expect(prefilled.triage.report).toMatchObject({
      reportingSolution: "georchestra",
      reportingVersion: "24.0",
      affected: [{ solution: "georchestra", version: "24.0" }],
      classUri: CORE,
      endpointUrl: ENDPOINT,
      actual: `${TEST} : ${MESSAGE}`,
    });
    // Without JavaScript, the page's own form carries the values.
    const html = await (await fetch(`${baseUrl()}${go.location}`, { headers: { cookie: claire } })).text();
    expect(html).toContain(`name="triageRun" value="${failingRun}"`);
    expect(html).toContain(`name="triageResult" value="${failed.id}"`);
    expect(html).toMatch(/<option value="georchestra@24.0" selected="">/);
    expect(html).toContain(`value="${ENDPOINT}"`);
    expect(html).toContain(`value="Échec du test « ${TEST} » sur ${DEPLOYMENT_NAME}"`);

    const { report } = prefilled.triage;
    const fields = {
      title: prefilled.triage.title,
      raw: prefilled.triage.raw,
      category: String(interop.id),
      reporting: `${report.reportingSolution}@${report.reportingVersion}`,
      affected: "georchestra",
      "affectedVersion.georchestra": "24.0",
      classUri: report.classUri,
      endpointUrl: report.endpointUrl,
      steps: report.steps,
      expected: report.expected,
      actual: report.actual,
      severity: "major",
      triageRun: String(failingRun),
    };
    // A tampered selection (a passing test) is refused with nothing written.
    const passed = await resultOf(failingRun, "landingPageRetrieval", "passed");
    const before = await writtenRows();
    const tampered = await submitForm(baseUrl(), go.location!, claire, { ...fields, triageResult: String(passed.id) });
    expect(tampered.status).toBe(422);
    expect(await writtenRows()).toEqual(before);

    const published = await submitForm(baseUrl(), go.location!, claire, { ...fields, triageResult: String(failed.id) });
    expect(published.status).toBe(302);
    reportedTopicId = Number(/\/(\d+)$/.exec(published.location!)![1]);
    const link = await db.conformanceTestLink.findFirstOrThrow({ where: { topicId: reportedTopicId } });
    expect(link).toMatchObject({
      caseKey: failed.caseKey,
      lastStatus: "failed",
      linkedById: await userId("claire.martin"),
    });
    expect(await db.interopReport.findUniqueOrThrow({ where: { topicId: reportedTopicId } })).toMatchObject({
      classUri: CORE,
      endpointUrl: ENDPOINT,
      actual: `${TEST} : ${MESSAGE}`,
    });
  });

  it("posts once in each linked topic when a later run flips the test, and tells its watchers who may read it", async () => {
    const db = await getDb();
    const [claire, sophie, julien] = (await Promise.all(
      ["claire.martin", "sophie.bernard", "julien.roux"].map(userId),
    )) as [number, number, number];
    // Claire watches her report; Sophie watches it too; Julien, who uploads, watches but is the actor.
    for (const watcher of [sophie, julien]) {
      await db.topicUser.upsert({
        where: { userId_topicId: { userId: watcher, topicId: reportedTopicId } },
        create: { userId: watcher, topicId: reportedTopicId, notificationLevel: 3 },
        update: { notificationLevel: 3 },
      });
    }
    // Claire also watches the private topic she cannot read (she lost access, say): she must hear nothing of it.
    const secret = await db.topic.findFirstOrThrow({ where: { title: `Faille dans le service ${STAMP}` } });
    await db.topicUser.create({ data: { userId: claire, topicId: secret.id, notificationLevel: 3 } });
    const flipEvents = (topicId: number) => db.post.count({ where: { topicId, postType: 3, action: "test_flipped" } });
    const flipNotices = (userId: number, topicId: number) =>
      db.notification.count({ where: { userId, topicId, kind: "test_flipped" } });

    const passingRun = await upload(PASSING);
    const event = await db.post.findFirstOrThrow({ where: { topicId: reportedTopicId, action: "test_flipped" } });
    expect(event.raw).toBe(
      `Le test « ${TEST} » réussit désormais sur le déploiement « ${DEPLOYMENT_NAME} » (passage n° ${passingRun}).`,
    );
    expect(event.userId).toBe(julien);
    expect(await flipEvents(reportedTopicId)).toBe(1);
    expect(await flipEvents(publicTopic.topicId)).toBe(1);
    expect(await flipEvents(secret.id)).toBe(1);
    expect(await flipNotices(claire, reportedTopicId)).toBe(1);
    expect(await flipNotices(sophie, reportedTopicId)).toBe(1);
    expect(await flipNotices(julien, reportedTopicId)).toBe(0);
    expect(await flipNotices(claire, secret.id)).toBe(0);
    const page = await fetch(`${baseUrl()}/t/x/${reportedTopicId}`, {
      headers: { cookie: await cookieOf("claire.martin") },
    });
    expect(readerText(await page.text())).toContain(`réussit désormais sur le déploiement « ${DEPLOYMENT_NAME} »`);
    expect((await matrixCell()).triaged).toBe(0);
    expect(await db.searchOutbox.count({ where: { documentId: `topic:${reportedTopicId}` } })).toBeGreaterThan(0);

    // The same result again says nothing.
    const before = await writtenRows();
    await upload(PASSING);
    expect(await writtenRows()).toEqual(before);
    expect(await flipEvents(reportedTopicId)).toBe(1);
    expect(await flipNotices(sophie, reportedTopicId)).toBe(1);

    // A failure again, uploaded by the group's key (no user): the first admin signs the event, as for other
    // automatic posts.
    const failingAgain = await upload(FAILING, groupKey);
    const again = await db.post.findFirstOrThrow({
      where: { topicId: reportedTopicId, action: "test_flipped" },
      orderBy: { postNumber: "desc" },
    });
    expect(again.raw).toBe(
      `Le test « ${TEST} » échoue de nouveau sur le déploiement « ${DEPLOYMENT_NAME} » (passage n° ${failingAgain}).`,
    );
    const admin = await db.user.findFirstOrThrow({ where: { role: "admin" }, orderBy: { id: "asc" } });
    expect(again.userId).toBe(admin.id);
    expect(await flipNotices(julien, reportedTopicId)).toBe(1);
    expect(await flipNotices(sophie, reportedTopicId)).toBe(2);
  });

  it("lets the linker remove a link and refuses another member", async () => {
    const db = await getDb();
    const link = await db.conformanceTestLink.findFirstOrThrow({ where: { topicId: publicTopic.topicId } });
    const path = `/conformance/runs/${failingRun}`;
    const stranger = await submitForm(baseUrl(), path, await cookieOf("sophie.bernard"), {
      intent: "unlink",
      link: String(link.id),
    });
    expect(stranger.status).toBe(403);
    expect(await db.conformanceTestLink.count({ where: { id: link.id } })).toBe(1);
    const own = await submitForm(baseUrl(), path, await cookieOf("claire.martin"), {
      intent: "unlink",
      link: String(link.id),
    });
    expect(own.status).toBe(200);
    expect(await db.conformanceTestLink.count({ where: { id: link.id } })).toBe(0);
  });
});
