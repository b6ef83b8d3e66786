// The web upload in two steps over HTTP against the built app: the form parses and stages the report, its uploader
// alone sees the summary page, then confirms (the run is recorded from the kept bytes) or cancels; refusals write
// nothing; stale staged uploads are purged.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDb } from "../../app/infra/db.server";
import { runCli } from "../../scripts/cli";
import { useAppServer } from "../support/app-server";
import { csrfFrom, sessionCookieFor } from "../support/sessions";

const baseUrl = useAppServer();
const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/conformance");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const DEPLOYMENT_PAGE = "/conformance/deployments/georchestra-demo";

async function stored() {
  const db = await getDb();
  return {
    runs: await db.conformanceRun.count(),
    results: await db.conformanceResult.count(),
    staged: await db.conformanceUpload.count(),
  };
}

/** Posts the upload form as a browser without JavaScript: CSRF first, then the deployment (if any), then the file. */
async function postUpload(
  pagePath: string,
  cookie: string,
  fields: { csrf: string; deployment?: string; file: string; fileName?: string },
) {
  const body = new FormData();
  body.append("csrf", fields.csrf);
  if (fields.deployment !== undefined) body.append("deployment", fields.deployment);
  body.append(
    "file",
    new Blob([fixture(fields.file)], { type: "application/xml" }),
    fields.fileName ?? path.basename(fields.file),
  );
  const response = await fetch(`${baseUrl()}${pagePath}`, {
    method: "POST",
    headers: { cookie },
    body,
    redirect: "manual",
  });
  return { status: response.status, location: response.headers.get("location"), html: await response.text() };
}

async function postIntent(pagePath: string, cookie: string, csrf: string, intent: string) {
  const response = await fetch(`${baseUrl()}${pagePath}`, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrf, intent }),
    redirect: "manual",
  });
  return { status: response.status, location: response.headers.get("location"), html: await response.text() };
}

describe("staged conformance uploads", () => {
  it("parses the upload, shows its summary to the uploader only, and records the run on confirmation", async () => {
    const julien = await sessionCookieFor("julien.roux");
    const csrf = await csrfFrom(baseUrl(), DEPLOYMENT_PAGE, julien.cookie);
    const before = await stored();
    const staged = await postUpload(DEPLOYMENT_PAGE, julien.cookie, {
      csrf,
      file: "testng-features10.xml",
      fileName: "C:\\ci\\testng-results.xml",
    });
    expect(staged.status).toBe(302);
    expect(staged.location).toMatch(/^\/conformance\/envoyer\/\d+$/);
    // Nothing recorded yet: only the staging row.
    expect(await stored()).toEqual({ ...before, staged: before.staged + 1 });

    const summaryPath = staged.location!;
    const html = await (await fetch(`${baseUrl()}${summaryPath}`, { headers: { cookie: julien.cookie } })).text();
    expect(html).toContain("Résumé du rapport avant enregistrement");
    expect(html).toContain("TEAM Engine, résultats TestNG (XML)");
    expect(html).toContain("testng-results.xml");
    expect(html).toContain("ogcapi-features-1.0");
    expect(html).toContain("Enregistrer ce passage");
    expect(html).toContain('data-verdict="failed"');
    const json = await (await fetch(`${baseUrl()}${summaryPath}.json`, { headers: { cookie: julien.cookie } })).json();
    expect(json.summary).toMatchObject({
      format: "testng",
      fileFormat: "testng-xml",
      counts: { total: 6, failed: 1 },
      classes: [
        { classUri: "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core", verdict: "failed" },
        { verdict: "not-tested" },
      ],
    });
    // The page's JSON is public-safe: the kept bytes never leave the server.
    expect(JSON.stringify(json)).not.toContain("rawFile");
    expect(JSON.stringify(json)).not.toContain("testng-results>");

    // Another maintainer of the same solution, a moderator and anonymous visitors do not see it.
    const karim = await sessionCookieFor("karim.haddad");
    expect((await fetch(`${baseUrl()}${summaryPath}`, { headers: { cookie: karim.cookie } })).status).toBe(404);
    const anonymous = await fetch(`${baseUrl()}${summaryPath}`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toContain("/login?returnTo=");
    const karimCsrf = await csrfFrom(baseUrl(), "/conformance", karim.cookie);
    expect((await postIntent(summaryPath, karim.cookie, karimCsrf, "confirm")).status).toBe(404);
    expect((await postIntent(summaryPath, karim.cookie, karimCsrf, "cancel")).status).toBe(404);
    expect((await postIntent(summaryPath, julien.cookie, "forged", "confirm")).status).toBe(403);
    // Not even the uploader's own read-only API key may confirm it (API keys skip the CSRF check).
    const keyLines: string[] = [];
    await runCli(["api-key", "create", "--user", "julien.roux", "--scope", "read"], (line) => keyLines.push(line));
    const byKey = await fetch(`${baseUrl()}${summaryPath}`, {
      method: "POST",
      headers: { authorization: `Bearer ${keyLines[0]}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "confirm" }),
      redirect: "manual",
    });
    expect(byKey.status).toBe(403);
    expect(await stored()).toEqual({ ...before, staged: before.staged + 1 });

    const confirmed = await postIntent(summaryPath, julien.cookie, csrf, "confirm");
    expect(confirmed.status).toBe(302);
    expect(confirmed.location).toMatch(/^\/conformance\/runs\/\d+$/);
    const db = await getDb();
    const run = await db.conformanceRun.findUniqueOrThrow({
      where: { id: Number(confirmed.location!.split("/").pop()) },
      include: { uploadedBy: true, deployment: true },
    });
    expect(run.uploadedBy?.username).toBe("julien.roux");
    expect(run.deployment.slug).toBe("georchestra-demo");
    expect(Buffer.from(run.rawFile).equals(fixture("testng-features10.xml"))).toBe(true);
    expect(await stored()).toEqual({ runs: before.runs + 1, results: before.results + 6, staged: before.staged });

    // A second confirmation (back button, double click) records nothing more.
    const again = await postIntent(summaryPath, julien.cookie, csrf, "confirm");
    expect(again.status).toBe(404);
    expect(again.html).toContain("Cet envoi est introuvable");
    expect((await stored()).runs).toBe(before.runs + 1);
  });

  it("cancels a staged upload and goes back to the deployment", async () => {
    const julien = await sessionCookieFor("julien.roux");
    const csrf = await csrfFrom(baseUrl(), DEPLOYMENT_PAGE, julien.cookie);
    const before = await stored();
    const staged = await postUpload(DEPLOYMENT_PAGE, julien.cookie, { csrf, file: "earl-features10.rdf" });
    const cancelled = await postIntent(staged.location!, julien.cookie, csrf, "cancel");
    expect(cancelled).toMatchObject({ status: 302, location: DEPLOYMENT_PAGE });
    expect(await stored()).toEqual(before);
    expect((await fetch(`${baseUrl()}${staged.location}`, { headers: { cookie: julien.cookie } })).status).toBe(404);
  });

  it("refuses malformed, forged and unauthorised uploads with the same messages as before, staging nothing", async () => {
    const julien = await sessionCookieFor("julien.roux");
    const csrf = await csrfFrom(baseUrl(), DEPLOYMENT_PAGE, julien.cookie);
    const before = await stored();
    const malformed = await postUpload(DEPLOYMENT_PAGE, julien.cookie, { csrf, file: "hostile/truncated.xml" });
    expect(malformed.status).toBe(422);
    expect(malformed.html).toContain("ligne 8, colonne 1");
    expect((await postUpload(DEPLOYMENT_PAGE, julien.cookie, { csrf: "x", file: "earl-features10.rdf" })).status).toBe(
      403,
    );
    const claire = await sessionCookieFor("claire.martin");
    const claireCsrf = await csrfFrom(baseUrl(), "/conformance", claire.cookie);
    const outsider = await postUpload(DEPLOYMENT_PAGE, claire.cookie, {
      csrf: claireCsrf,
      file: "earl-features10.rdf",
    });
    expect(outsider.status).toBe(403);
    expect(outsider.html).toContain("Seuls les mainteneurs de la solution");
    expect(await stored()).toEqual(before);
  });

  it("lists on /conformance/envoyer the deployments each person may report on, and stages from there", async () => {
    const page = async (username: string) => {
      const { cookie } = await sessionCookieFor(username);
      return (await fetch(`${baseUrl()}/conformance/envoyer.json`, { headers: { cookie } })).json() as Promise<{
        deployments: { slug: string }[];
      }>;
    };
    expect((await page("julien.roux")).deployments.map((d) => d.slug)).toEqual(["georchestra-demo"]);
    expect((await page("claire.martin")).deployments).toEqual([]);
    expect((await page("karim.haddad")).deployments.map((d) => d.slug).sort()).toEqual([
      "geoplateforme-wfs",
      "georchestra-demo",
      "prodige-region",
    ]);
    const anonymous = await fetch(`${baseUrl()}/conformance/envoyer`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(await (await fetch(`${baseUrl()}/conformance`)).text()).toContain('href="/conformance/envoyer"');

    const julien = await sessionCookieFor("julien.roux");
    const csrf = await csrfFrom(baseUrl(), "/conformance/envoyer", julien.cookie);
    const before = await stored();
    const missing = await postUpload("/conformance/envoyer", julien.cookie, { csrf, file: "earl-features10.rdf" });
    expect(missing.status).toBe(422);
    expect(missing.html).toContain("Choisissez le déploiement testé.");
    const notTheirs = await postUpload("/conformance/envoyer", julien.cookie, {
      csrf,
      deployment: "prodige-region",
      file: "earl-features10.rdf",
    });
    expect(notTheirs.status).toBe(403);
    expect(await stored()).toEqual(before);
    const staged = await postUpload("/conformance/envoyer", julien.cookie, {
      csrf,
      deployment: "georchestra-demo",
      file: "earl-features10.rdf",
    });
    expect(staged.status).toBe(302);
    const summary = await (
      await fetch(`${baseUrl()}${staged.location}.json`, { headers: { cookie: julien.cookie } })
    ).json();
    expect(summary).toMatchObject({ deployment: { slug: "georchestra-demo" }, summary: { format: "earl" } });
  });

  it("forgets staged uploads after 24 hours: the page answers 404 and the next upload purges them", async () => {
    const julien = await sessionCookieFor("julien.roux");
    const csrf = await csrfFrom(baseUrl(), DEPLOYMENT_PAGE, julien.cookie);
    const staged = await postUpload(DEPLOYMENT_PAGE, julien.cookie, { csrf, file: "junit-single-testsuite.xml" });
    const id = Number(staged.location!.split("/").pop());
    const db = await getDb();
    await db.conformanceUpload.update({
      where: { id },
      data: { createdAt: new Date(Date.now() - 24 * 60 * 60 * 1000 - 1000) },
    });
    expect((await fetch(`${baseUrl()}${staged.location}`, { headers: { cookie: julien.cookie } })).status).toBe(404);
    expect((await postIntent(staged.location!, julien.cookie, csrf, "confirm")).status).toBe(404);
    await postUpload(DEPLOYMENT_PAGE, julien.cookie, { csrf, file: "junit-single-testsuite.xml" });
    expect(await db.conformanceUpload.findUnique({ where: { id } })).toBeNull();
  });

  it("keeps a person's five latest staged uploads: the oldest makes room and its page answers 404", async () => {
    const julien = await sessionCookieFor("julien.roux");
    const csrf = await csrfFrom(baseUrl(), DEPLOYMENT_PAGE, julien.cookie);
    const db = await getDb();
    const julienId = (await db.user.findUniqueOrThrow({ where: { username: "julien.roux" } })).id;
    await db.conformanceUpload.deleteMany({ where: { uploaderId: julienId } });
    const pages: string[] = [];
    for (let upload = 0; upload < 6; upload++) {
      const staged = await postUpload(DEPLOYMENT_PAGE, julien.cookie, { csrf, file: "junit-single-testsuite.xml" });
      expect(staged.status).toBe(302);
      pages.push(staged.location!);
    }
    expect(await db.conformanceUpload.count({ where: { uploaderId: julienId } })).toBe(5);
    expect((await fetch(`${baseUrl()}${pages[0]}`, { headers: { cookie: julien.cookie } })).status).toBe(404);
    expect((await fetch(`${baseUrl()}${pages[1]}`, { headers: { cookie: julien.cookie } })).status).toBe(200);
  });
});
