// "Lancer la vérification OGC API Features" over HTTP against the built app: the probe runs against a server on
// loopback (so this file allows private addresses, as development does), its result is stored as a run and the
// browser lands on it; a second probe while one runs, or too soon after, is refused. The fake server stands in for a
// remote platform's endpoint (the only thing mocked); MapServer is a real OGC API server, when installed.
process.env.PROBE_ALLOW_PRIVATE_ADDRESSES = "true";
process.env.PROBE_COOLDOWN_SECONDS = "30";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startFakeOgcApiServer,
  type RunningFakeServer,
} from "../../app/domain/conformance/probe/fake-ogc-api-server.test-helper";
import { getDb } from "../../app/infra/db.server";
import { useAppServer } from "../support/app-server";
import { mapServerAvailable, startMapServer } from "../support/mapserver";
import { csrfFrom, sessionCookieFor } from "../support/sessions";

const baseUrl = useAppServer();
const CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";

async function probe(slug: string, username: string) {
  const { cookie } = await sessionCookieFor(username);
  const path = `/conformance/deployments/${slug}`;
  const csrf = await csrfFrom(baseUrl(), path, cookie);
  const response = await fetch(`${baseUrl()}${path}`, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrf, intent: "probe" }),
    redirect: "manual",
  });
  return { status: response.status, location: response.headers.get("location"), html: await response.text() };
}

async function pointDeploymentAt(slug: string, endpointUrl: string) {
  await (await getDb()).deployment.update({ where: { slug }, data: { endpointUrl } });
}

const runCount = async () => (await getDb()).conformanceRun.count();

describe("live probe from the deployment page", () => {
  let fast: RunningFakeServer;
  let slow: RunningFakeServer;
  beforeAll(async () => {
    fast = await startFakeOgcApiServer();
    slow = await startFakeOgcApiServer({ itemsDelayMs: 300 });
  });
  afterAll(async () => {
    await fast?.close();
    await slow?.close();
  });

  it("offers the button to maintainers, probes the endpoint, stores the run and opens it; then asks to wait", async () => {
    const { cookie } = await sessionCookieFor("julien.roux");
    const page = await (
      await fetch(`${baseUrl()}/conformance/deployments/georchestra-demo`, { headers: { cookie } })
    ).text();
    expect(page).toContain("Lancer la vérification OGC API Features");
    const outsider = await sessionCookieFor("claire.martin");
    const outsiderPage = await fetch(`${baseUrl()}/conformance/deployments/georchestra-demo`, {
      headers: { cookie: outsider.cookie },
    });
    expect(await outsiderPage.text()).not.toContain("Lancer la vérification");

    await pointDeploymentAt("georchestra-demo", fast.baseUrl);
    const done = await probe("georchestra-demo", "julien.roux");
    expect(done.status).toBe(302);
    expect(done.location).toMatch(/^\/conformance\/runs\/\d+$/);
    expect(fast.requests.length).toBeGreaterThan(5);
    const db = await getDb();
    const run = await db.conformanceRun.findUniqueOrThrow({
      where: { id: Number(done.location!.split("/").pop()) },
      include: { classes: true, uploadedBy: true },
    });
    expect(run).toMatchObject({ format: "probe", fileFormat: "probe-json", rawMediaType: "application/json" });
    expect(run.subject).toBe(fast.baseUrl);
    expect(run.uploadedBy?.username).toBe("julien.roux");
    expect(run.classes.find((summary) => summary.classUri === CORE)?.verdict).toBe("passed");
    // The raw file is the probe's own result, so it can be read back.
    expect(JSON.parse(Buffer.from(run.rawFile).toString("utf8"))).toMatchObject({ format: "probe" });
    const runPage = await fetch(`${baseUrl()}${done.location}.json`);
    expect((await runPage.json()).format).toBe("probe");

    const before = await runCount();
    const tooSoon = await probe("georchestra-demo", "julien.roux");
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.html).toMatch(/Ce déploiement vient d&#x27;être vérifié : réessayez dans \d+ secondes\./);
    expect(await runCount()).toBe(before);
  });

  it("refuses a second probe of a deployment while the first is running", async () => {
    await pointDeploymentAt("prodige-region", slow.baseUrl);
    const before = await runCount();
    const answers = await Promise.all([probe("prodige-region", "karim.haddad"), probe("prodige-region", "admin")]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([302, 409]);
    expect(answers.find((answer) => answer.status === 409)!.html).toContain(
      "Une vérification de ce déploiement est déjà en cours",
    );
    expect(await runCount()).toBe(before + 1);
  }, 60_000);

  describe.skipIf(!mapServerAvailable())("against a real MapServer 8", () => {
    it("stores MapServer's probe result, its known GeoJSON media type deviation included", async () => {
      const mapServer = await startMapServer();
      try {
        await pointDeploymentAt("geoplateforme-wfs", mapServer.baseUrl);
        const done = await probe("geoplateforme-wfs", "admin");
        expect(done.status).toBe(302);
        const run = await (await fetch(`${baseUrl()}${done.location}.json`)).json();
        expect(run).toMatchObject({ format: "probe", subject: mapServer.baseUrl });
        const verdict = (suffix: string) =>
          (run.classes as { classUri: string | null; verdict: string }[]).find((summary) =>
            summary.classUri?.endsWith(suffix),
          )?.verdict;
        expect(verdict("/conf/geojson")).toBe("failed");
        expect(verdict("features-2/1.0/conf/crs")).toBe("not-tested");
      } finally {
        await mapServer.close();
      }
    }, 180_000);
  });
});
