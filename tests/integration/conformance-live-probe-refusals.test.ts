// The live probe's refusals over HTTP, with the production setting (private addresses refused): who may not probe,
// a forged form, a deployment without endpoint, an endpoint on a private address. Nothing is stored, no request sent.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/infra/db.server";
import { useAppServer } from "../support/app-server";
import { csrfFrom, sessionCookieFor } from "../support/sessions";

const baseUrl = useAppServer();
const PAGE = "/conformance/deployments/georchestra-demo";

async function post(cookie: string | undefined, csrf: string, path = PAGE) {
  const response = await fetch(`${baseUrl()}${path}`, {
    method: "POST",
    headers: { ...(cookie ? { cookie } : {}), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrf, intent: "probe" }),
    redirect: "manual",
  });
  return { status: response.status, html: await response.text() };
}

const runCount = async () => (await getDb()).conformanceRun.count();

describe("live probe refusals", () => {
  // A server on loopback that must never be reached: it counts what it receives.
  let hits = 0;
  const server = createServer((_request, response) => {
    hits++;
    response.end("{}");
  });
  beforeAll(() => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve)));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("refuses anonymous visitors, members of other groups and forged forms", async () => {
    const before = await runCount();
    expect((await post(undefined, "")).status).toBe(401);
    const claire = await sessionCookieFor("claire.martin");
    const refused = await post(claire.cookie, await csrfFrom(baseUrl(), PAGE, claire.cookie));
    expect(refused.status).toBe(403);
    expect(refused.html).toContain("Seuls les mainteneurs de la solution");
    const julien = await sessionCookieFor("julien.roux");
    expect((await post(julien.cookie, "forged")).status).toBe(403);
    expect(await runCount()).toBe(before);
  });

  it("refuses a deployment without endpoint, and a private address, in French and without any request", async () => {
    const db = await getDb();
    const julien = await sessionCookieFor("julien.roux");
    const csrf = await csrfFrom(baseUrl(), PAGE, julien.cookie);
    const before = await runCount();

    await db.deployment.update({ where: { slug: "georchestra-demo" }, data: { endpointUrl: "" } });
    const page = await (await fetch(`${baseUrl()}${PAGE}`, { headers: { cookie: julien.cookie } })).text();
    expect(page).toContain("Aucune adresse de point d&#x27;accès n&#x27;est renseignée");
    const noEndpoint = await post(julien.cookie, csrf);
    expect(noEndpoint.status).toBe(422);
    expect(noEndpoint.html).toContain("n&#x27;a pas d&#x27;adresse de point d&#x27;accès");

    const { port } = server.address() as AddressInfo;
    await db.deployment.update({
      where: { slug: "georchestra-demo" },
      data: { endpointUrl: `http://127.0.0.1:${port}/ogcapi` },
    });
    const privateAddress = await post(julien.cookie, csrf);
    expect(privateAddress.status).toBe(422);
    expect(privateAddress.html).toContain("adresse privée ou locale (127.0.0.1)");
    // Refused before sending anything, so no cooldown: the same answer again, not "wait".
    expect((await post(julien.cookie, csrf)).status).toBe(422);
    expect(hits).toBe(0);
    expect(await runCount()).toBe(before);
  });
});
