// The conformance pages over real HTTP against the built app, each in HTML and JSON: the class catalogue and a
// class's page (verdicts, clauses requiring it, open reports without leaking a private one), a test's history
// (keyset pages), a solution's page, the deployment's pass-rate chart and Atom feed, and the clause page's « qui
// satisfait cette clause aujourd'hui » (verified by runs, apart from declared by the service's /conformance).
import { readFileSync } from "node:fs";
import path from "node:path";
import { SaxesParser } from "saxes";
import { beforeAll, describe, expect, it } from "vitest";
import type { RunUploader } from "../../app/domain/conformance/permissions";
import { recordRun } from "../../app/domain/conformance/runs.server";
import { getTestHistory } from "../../app/domain/conformance/test-history.server";
import { createTopic } from "../../app/domain/forum/posting.server";
import { loadSignedInUser } from "../../app/domain/identity/users.server";
import { getDb } from "../../app/infra/db.server";
import { useAppServer } from "../support/app-server";
import { CORE_CLASS, validReport } from "../support/reports";
import { sessionCookieFor } from "../support/sessions";
import { readerText } from "../support/html";

const baseUrl = useAppServer();
const RUN = Date.now().toString(36);
const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/conformance");
const TESTNG = readFileSync(path.join(FIXTURES, "testng-features10.xml"), "utf8");
const PASSING = TESTNG.replace(/status="FAIL"/g, 'status="PASS"');
const moderator: RunUploader = { userId: null, apiKeyId: null, role: "moderator", groups: [] };
const LIMIT_TEST =
  "org.opengis.cite.ogcapifeatures10.conformance.core.collections.FeaturesLimit#validateFeaturesWithLimitResponse";

const SOLUTION = `vues-${RUN}`;
const PASSING_DEPLOYMENT = `vues-conforme-${RUN}`;
const FAILING_DEPLOYMENT = `vues-echec-${RUN}`;

async function get(pathname: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl()}${pathname}`, { headers });
  return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() };
}

async function getJson<T = Record<string, unknown>>(pathname: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl()}${pathname}`, { headers });
  return { status: response.status, json: (await response.json()) as T };
}

const seeded = { coreClassId: 0, passingRuns: [] as number[], failingRun: 0, probeRun: 0 };
const topics = { public: "", fixed: "", private: "" };

beforeAll(async () => {
  const db = await getDb();
  await db.solution.create({
    data: {
      slug: SOLUTION,
      name: `Solution des vues ${RUN}`,
      versions: {
        create: {
          version: "3.2",
          deployments: {
            create: [
              { slug: PASSING_DEPLOYMENT, name: `Vues conforme ${RUN}`, organisationLabel: "Région test" },
              { slug: FAILING_DEPLOYMENT, name: `Vues en échec ${RUN}`, endpointUrl: "https://sig.example.fr/ogc" },
            ],
          },
        },
      },
    },
  });
  seeded.coreClassId = (await db.conformanceClass.findUniqueOrThrow({ where: { uri: CORE_CLASS } })).id;
  // The passing deployment first failed, then passed twice.
  for (const report of [TESTNG, PASSING, PASSING]) {
    const run = await recordRun(db, moderator, { deployment: PASSING_DEPLOYMENT, report });
    seeded.passingRuns.push(run.id);
  }
  seeded.failingRun = (await recordRun(db, moderator, { deployment: FAILING_DEPLOYMENT, report: TESTNG })).id;
  // The failing deployment's own /conformance, as the live probe last read it: core in its 1.1 spelling.
  const deployment = await db.deployment.findUniqueOrThrow({ where: { slug: FAILING_DEPLOYMENT } });
  const probe = await db.conformanceRun.create({
    data: {
      deploymentId: deployment.id,
      format: "probe",
      fileFormat: "probe",
      suiteName: "CICCLO live probe",
      suiteVersion: "1.0",
      total: 1,
      passed: 1,
      failed: 0,
      skipped: 0,
      errored: 0,
      declaredClasses: JSON.stringify([
        "http://www.opengis.net/spec/ogcapi-features-1/1.1/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/req/oas30",
      ]),
      rawFile: Buffer.from("{}"),
      rawMediaType: "application/json",
      rawSize: 2,
    },
  });
  seeded.probeRun = probe.id;

  // Reports about core: one open in a public category, one fixed, one open in a private category.
  const interop = await db.category.findUniqueOrThrow({ where: { slug: "problemes-interoperabilite" } });
  const maintainers = await db.group.findUniqueOrThrow({ where: { name: "mainteneurs-georchestra" } });
  const restricted = await db.category.create({
    data: {
      slug: `rapports-prives-vues-${RUN}`,
      name: `Rapports privés vues ${RUN}`,
      color: "3A3A3A",
      readRestricted: true,
      reportForm: "interop",
      permissions: { create: { groupId: maintainers.id, canSee: true, canReply: true, canCreate: true } },
    },
  });
  const file = async (author: string, title: string, categoryId: number) => {
    const user = (await loadSignedInUser(db, { username: author }))!;
    const created = await createTopic(db, user, {
      categoryId,
      title,
      raw: "Détails du problème.",
      report: validReport,
    });
    return created.topicId;
  };
  topics.public = `Pagination cassée sur le socle (${RUN})`;
  topics.fixed = `Problème corrigé sur le socle (${RUN})`;
  topics.private = `Faille confidentielle sur le socle (${RUN})`;
  await file("claire.martin", topics.public, interop.id);
  const fixed = await file("claire.martin", topics.fixed, interop.id);
  await db.interopReport.update({ where: { topicId: fixed }, data: { status: "fixed" } });
  await file("karim.haddad", topics.private, restricted.id);
});

interface ClassPage {
  class: { uri: string; title: string; aliases: string[] };
  results: { deployment: { slug: string }; verdict: string; runId: number }[];
  clauses: { id: string; url: string }[];
  issues: { title: string; url: string }[];
  tests: { caseKey: string; url: string }[];
}

describe("class catalogue and class pages", () => {
  it("lists the classes with their aliases and how many deployments pass or fail them, filtered by standard", async () => {
    const page = await get("/conformance/classes");
    expect(page.status).toBe(200);
    const html = readerText(page.text);
    expect(html).toContain("<h1>Classes de conformité</h1>");
    expect(html).toContain(`href="/conformance/classes/${seeded.coreClassId}"`);
    expect(html).toContain("http://www.opengis.net/spec/ogcapi-features-1/1.1/conf/core");

    const { json } = await getJson<{ classes: { uri: string; passing: number; failing: number }[] }>(
      "/conformance/classes.json",
    );
    const core = json.classes.find((cls) => cls.uri === CORE_CLASS)!;
    expect(core.passing).toBeGreaterThanOrEqual(1);
    expect(core.failing).toBeGreaterThanOrEqual(1);
    const filtered = await getJson<{ standard: string; classes: { standard: string }[] }>(
      `/conformance/classes.json?norme=${encodeURIComponent("ProConnect")}`,
    );
    expect(filtered.json.standard).toBe("ProConnect");
    expect(filtered.json.classes.length).toBe(5);
    expect(new Set(filtered.json.classes.map((cls) => cls.standard))).toEqual(new Set(["ProConnect"]));
  });

  it("shows a class's latest verdict per deployment and the clauses that require it", async () => {
    const { status, json } = await getJson<ClassPage>(`/conformance/classes/${seeded.coreClassId}.json`);
    expect(status).toBe(200);
    expect(json.class.aliases).toContain("http://www.opengis.net/spec/ogcapi-features-1/1.0/req/core");
    const verdictOf = (slug: string) => json.results.find((result) => result.deployment.slug === slug);
    expect(verdictOf(PASSING_DEPLOYMENT)).toMatchObject({ verdict: "passed", runId: seeded.passingRuns[2] });
    expect(verdictOf(FAILING_DEPLOYMENT)).toMatchObject({ verdict: "failed", runId: seeded.failingRun });
    const clauseIds = json.clauses.map((clause) => clause.id);
    expect(clauseIds).toEqual(expect.arrayContaining(["ogcapi-features-pagination", "ogcapi-features-socle"]));
    expect(clauseIds).not.toContain("systemes-de-coordonnees");

    const html = readerText((await get(`/conformance/classes/${seeded.coreClassId}`)).text);
    expect(html).toContain('href="/clauses/ogcapi-features-pagination"');
    expect(html).toContain(`href="/conformance/runs/${seeded.passingRuns[2]}"`);
    // Each test of the class once, linked to its history.
    expect(json.tests.filter((test) => test.caseKey === LIMIT_TEST)).toHaveLength(1);
    expect(html).toContain(`href="/conformance/tests?cas=${encodeURIComponent(LIMIT_TEST)}"`);
    expect(json.tests.map((test) => test.caseKey)).not.toContain(
      "org.opengis.cite.ogcapifeatures10.conformance.crs.discovery.collections.DiscoveryCollectionsDefaultCrs#verifyCrsList",
    );
  });

  it("lists open reports about the class, never a private one to outsiders", async () => {
    const titles = async (headers: Record<string, string> = {}) =>
      (await getJson<ClassPage>(`/conformance/classes/${seeded.coreClassId}.json`, headers)).json.issues.map(
        (issue) => issue.title,
      );
    const anonymous = await titles();
    expect(anonymous).toContain(topics.public);
    expect(anonymous).not.toContain(topics.fixed);
    expect(anonymous).not.toContain(topics.private);
    const outsider = await titles({ cookie: (await sessionCookieFor("claire.martin")).cookie });
    expect(outsider).toContain(topics.public);
    expect(outsider).not.toContain(topics.private);
    // A member of the group the private category is open to sees it.
    const insider = await titles({ cookie: (await sessionCookieFor("julien.roux")).cookie });
    expect(insider).toEqual(expect.arrayContaining([topics.public, topics.private]));
    expect(readerText((await get(`/conformance/classes/${seeded.coreClassId}`)).text)).not.toContain(topics.private);
  });

  it("answers a French 404 for an unknown class, in HTML and JSON", async () => {
    const html = await get("/conformance/classes/999999");
    expect(html.status).toBe(404);
    expect(readerText(html.text)).toContain("Cette classe de conformité est introuvable.");
    expect((await get("/conformance/classes/abc")).status).toBe(404);
    const json = await get("/conformance/classes/999999.json");
    expect(json.status).toBe(404);
    expect(json.text).toContain("Cette classe de conformité est introuvable.");
  });
});

interface TestPage {
  test: { caseKey: string; name: string; class: { url: string } | null };
  latest: { deployment: { slug: string }; status: string; run: { id: number } }[];
  results: { id: number; status: string; run: { id: number }; deployment: { slug: string }; message: string | null }[];
  olderPage: string | null;
}

describe("test history", () => {
  const testPath = `/conformance/tests?cas=${encodeURIComponent(LIMIT_TEST)}`;

  it("lists a test's results newest first across deployments, with each deployment's latest status", async () => {
    const { status, json } = await getJson<TestPage>(testPath.replace("/conformance/tests", "/conformance/tests.json"));
    expect(status).toBe(200);
    expect(json.test).toMatchObject({ caseKey: LIMIT_TEST, name: "validateFeaturesWithLimitResponse" });
    expect(json.test.class?.url).toBe(`/conformance/classes/${seeded.coreClassId}`);
    const ids = json.results.map((result) => result.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const ours = json.results.filter((result) =>
      [PASSING_DEPLOYMENT, FAILING_DEPLOYMENT].includes(result.deployment.slug),
    );
    // Two parameterized results per run, four runs.
    expect(ours).toHaveLength(8);
    expect(ours[0]).toMatchObject({ run: { id: seeded.failingRun } });
    expect(ours.find((result) => result.status === "failed")?.message).toContain("Expected numberReturned <= 10");
    const latest = new Map(json.latest.map((row) => [row.deployment.slug, row]));
    expect(latest.get(PASSING_DEPLOYMENT)).toMatchObject({ status: "passed", run: { id: seeded.passingRuns[2] } });
    // The worst result of the latest run stands for the deployment.
    expect(latest.get(FAILING_DEPLOYMENT)).toMatchObject({ status: "failed", run: { id: seeded.failingRun } });

    const html = readerText((await get(testPath)).text);
    expect(html).toContain("<h1>Test validateFeaturesWithLimitResponse</h1>");
    expect(html).toContain(`href="/conformance/runs/${seeded.failingRun}"`);
  });

  it("pages the history by keyset: pages follow each other without gap or repeat", async () => {
    const db = await getDb();
    const full = await getTestHistory(db, LIMIT_TEST, { pageSize: 1000 });
    const seen: number[] = [];
    let before: number | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const page = await getTestHistory(db, LIMIT_TEST, { pageSize: 3, before });
      seen.push(...page.results.map((result) => result.id));
      if (!page.olderPage) break;
      before = Number(new URL(page.olderPage, "http://x").searchParams.get("avant"));
    }
    expect(seen).toEqual(full.results.map((result) => result.id));
    const second = await getJson<TestPage>(
      `/conformance/tests.json?cas=${encodeURIComponent(LIMIT_TEST)}&avant=${full.results[1]!.id}`,
    );
    expect(second.json.results[0]!.id).toBe(full.results[2]!.id);
  });

  it("is reached from the run page, and answers a French 404 for an unknown or missing test", async () => {
    const run = readerText((await get(`/conformance/runs/${seeded.failingRun}`)).text);
    expect(run).toContain(`href="/conformance/tests?cas=${encodeURIComponent(LIMIT_TEST)}"`);
    for (const query of ["?cas=inconnu%23rien", "", `?cas=${encodeURIComponent(LIMIT_TEST)}&avant=abc`]) {
      const page = await get(`/conformance/tests${query}`);
      expect(page.status, query).toBe(404);
      expect(readerText(page.text), query).toMatch(
        /Ce test est introuvable\.|Cette page de l'historique est introuvable\./,
      );
    }
    expect((await get("/conformance/tests.json?cas=inconnu")).status).toBe(404);
  });
});

describe("solution page", () => {
  it("shows versions, deployments with their latest run, and per class the verdicts across deployments", async () => {
    const { status, json } = await getJson<{
      solution: { name: string };
      versions: { version: string; deployments: number }[];
      deployments: { slug: string; latestRun: { id: number; passed: number; total: number } | null }[];
      classes: { uri: string; passing: number; failing: number; url: string | null }[];
    }>(`/conformance/solutions/${SOLUTION}.json`);
    expect(status).toBe(200);
    expect(json.versions).toEqual([{ version: "3.2", deployments: 2 }]);
    const latest = new Map(json.deployments.map((deployment) => [deployment.slug, deployment.latestRun]));
    expect(latest.get(PASSING_DEPLOYMENT)).toMatchObject({ id: seeded.passingRuns[2], passed: 4, total: 6 });
    // The probe is the failing deployment's latest run.
    expect(latest.get(FAILING_DEPLOYMENT)).toMatchObject({ id: seeded.probeRun });
    expect(json.classes.find((cls) => cls.uri === CORE_CLASS)).toMatchObject({
      passing: 1,
      failing: 1,
      url: `/conformance/classes/${seeded.coreClassId}`,
    });
    const html = readerText((await get(`/conformance/solutions/${SOLUTION}`)).text);
    expect(html).toContain(`<h1>Solution des vues ${RUN}</h1>`);
    expect(html).toContain(`href="/conformance/deployments/${PASSING_DEPLOYMENT}"`);
  });

  it("is linked from the matrix and the deployment page, and answers a French 404 for an unknown slug", async () => {
    const matrix = await getJson<{
      columns: { uri: string; url: string }[];
      rows: { slug: string; solutionUrl: string }[];
    }>("/conformance.json");
    expect(matrix.json.columns.find((column) => column.uri === CORE_CLASS)?.url).toBe(
      `/conformance/classes/${seeded.coreClassId}`,
    );
    expect(matrix.json.rows.find((row) => row.slug === PASSING_DEPLOYMENT)?.solutionUrl).toBe(
      `/conformance/solutions/${SOLUTION}`,
    );
    expect(readerText((await get("/conformance")).text)).toContain(`href="/conformance/solutions/${SOLUTION}"`);
    expect(readerText((await get(`/conformance/deployments/${PASSING_DEPLOYMENT}`)).text)).toContain(
      `href="/conformance/solutions/${SOLUTION}"`,
    );
    const missing = await get("/conformance/solutions/inconnue");
    expect(missing.status).toBe(404);
    expect(readerText(missing.text)).toContain("La solution « inconnue » est introuvable.");
    expect((await get("/conformance/solutions/inconnue.json")).status).toBe(404);
  });
});

describe("deployment page: pass-rate chart and Atom feed", () => {
  it("draws the pass rate of each run as an SVG image with a text alternative and a data table", async () => {
    const html = readerText((await get(`/conformance/deployments/${PASSING_DEPLOYMENT}`)).text);
    const svg = /<svg[^>]*role="img"[^>]*aria-labelledby="([^"]+)"[^>]*>([\s\S]*?)<\/svg>/.exec(html);
    expect(svg).not.toBeNull();
    for (const id of svg![1]!.split(" ")) expect(html).toContain(`id="${id}"`);
    expect(svg![2]).toContain("<title");
    expect(svg![2]).toContain("3 passages du");
    expect(svg![2]).toContain("de 33,3 % à 66,7 % de tests réussis");
    expect(svg![2]).toContain(">100 %</text>");
    expect((svg![2]!.match(/<circle/g) ?? []).length).toBe(3);
    expect(html).toContain("<caption>Taux de tests réussis par passage, du plus ancien au plus récent</caption>");
    expect(html).toContain(
      `<link rel="alternate" type="application/atom+xml" href="/conformance/deployments/${PASSING_DEPLOYMENT}/runs.atom"`,
    );
  });

  it("publishes the deployment's runs as a well-formed Atom feed, newest first", async () => {
    const feed = await get(`/conformance/deployments/${PASSING_DEPLOYMENT}/runs.atom`);
    expect(feed.status).toBe(200);
    expect(feed.type).toContain("application/atom+xml");
    const ids: string[] = [];
    let root = "";
    let current = "";
    const parser = new SaxesParser({ xmlns: true });
    parser.on("opentag", (tag) => {
      root ||= `${tag.uri} ${tag.local}`;
      current = tag.local;
    });
    parser.on("text", (text) => {
      if (current === "id") ids.push(text);
    });
    parser.on("closetag", () => (current = ""));
    parser.write(feed.text).close();
    expect(root).toBe("http://www.w3.org/2005/Atom feed");
    expect(ids.slice(1).map((id) => Number(id.split("/").at(-1)))).toEqual([...seeded.passingRuns].reverse());
    expect((await get("/conformance/deployments/inconnu/runs.atom")).status).toBe(404);
  });
});

interface ClauseJson {
  satisfaction: {
    classes: { uri: string }[];
    verified: { deployment: { slug: string }; runs: { id: number }[] }[];
    declared: { deployment: { slug: string }; runs: { id: number }[] }[];
  };
}

describe("who satisfies a clause today", () => {
  it("lists deployments whose latest runs pass every class, apart from those that only declare them", async () => {
    const { status, json } = await getJson<ClauseJson>("/clauses/ogcapi-features-pagination.json");
    expect(status).toBe(200);
    const slugs = (list: { deployment: { slug: string } }[]) => list.map((entry) => entry.deployment.slug);
    expect(slugs(json.satisfaction.verified)).toContain(PASSING_DEPLOYMENT);
    expect(slugs(json.satisfaction.verified)).not.toContain(FAILING_DEPLOYMENT);
    expect(json.satisfaction.verified.find((entry) => entry.deployment.slug === PASSING_DEPLOYMENT)!.runs).toEqual([
      expect.objectContaining({ id: seeded.passingRuns[2] }),
    ]);
    // Declared in its 1.1 spelling, core counts for the clause's 1.0 class.
    expect(slugs(json.satisfaction.declared)).toContain(FAILING_DEPLOYMENT);
    expect(slugs(json.satisfaction.declared)).not.toContain(PASSING_DEPLOYMENT);

    // The socle clause also needs GeoJSON, which no run of ours verified but the probe saw declared.
    const socle = (await getJson<ClauseJson>("/clauses/ogcapi-features-socle.json")).json;
    expect(slugs(socle.satisfaction.verified)).not.toContain(PASSING_DEPLOYMENT);
    expect(slugs(socle.satisfaction.declared)).toContain(FAILING_DEPLOYMENT);

    const html = readerText((await get("/clauses/ogcapi-features-pagination")).text);
    expect(html).toContain("Qui satisfait cette clause aujourd'hui");
    expect(html).toContain("Vérifié par les tests");
    expect(html).toContain(`href="/conformance/deployments/${PASSING_DEPLOYMENT}"`);
  });
});
