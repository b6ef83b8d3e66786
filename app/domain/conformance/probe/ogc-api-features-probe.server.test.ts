// The probe's judgements on the paths MapServer cannot show (see fake-ogc-api-server.test-helper.ts for why that
// server is a fake); the run against the real MapServer is in ogc-api-features-probe.mapserver.test.ts.
import { afterEach, describe, expect, it } from "vitest";
import { DomainError } from "~/domain/shared/errors";
import { type ConformanceRun, type ConformanceTestResult } from "../run-model";
import {
  startFakeOgcApiServer,
  type FakeServerBehaviour,
  type RunningFakeServer,
} from "./fake-ogc-api-server.test-helper";
import { type FetchLike, type LookupLike } from "./guarded-http.server";
import { probeOgcApiFeatures, PROBE_SUITE, type ProbeOptions } from "./ogc-api-features-probe.server";

const servers: RunningFakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function probeFake(behaviour: FakeServerBehaviour = {}, options: ProbeOptions = {}) {
  const server = await startFakeOgcApiServer(behaviour);
  servers.push(server);
  const run = await probeOgcApiFeatures(server.baseUrl, { allowPrivateAddresses: true, ...options });
  return { run, server };
}

function result(run: ConformanceRun, key: string): ConformanceTestResult {
  const found = run.tests.find((test) => test.caseKey === `cicclo-probe#${key}`);
  if (!found) throw new Error(`no result for ${key}`);
  return found;
}

function statuses(run: ConformanceRun): Record<string, string> {
  return Object.fromEntries(run.tests.map((test) => [test.caseKey.replace("cicclo-probe#", ""), test.status]));
}

async function domainErrorOf(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe("probeOgcApiFeatures against a compliant fake server", () => {
  it("passes every check and skips Part 2, which the server does not declare", async () => {
    const { run } = await probeFake();
    expect(run.format).toBe("probe");
    expect(run.suite).toEqual({ name: PROBE_SUITE.name, version: PROBE_SUITE.version });
    const skippedChecks = ["crs-list", "crs-items"];
    for (const [key, status] of Object.entries(statuses(run))) {
      expect([key, status]).toEqual([key, skippedChecks.includes(key) ? "skipped" : "passed"]);
    }
    expect(result(run, "crs-list").message).toContain("n'est pas déclarée");
    expect(result(run, "conformance").message).toContain("ogcapi-features-1/1.0/conf/geojson");
    expect(run.classes.find((summary) => summary.classUri?.endsWith("features-2/1.0/conf/crs"))?.verdict).toBe(
      "not-tested",
    );
  });

  it("captures the request URL, status and content type of each check", async () => {
    const { run } = await probeFake();
    const items = result(run, "items");
    expect(items.parameters).toEqual(["arrets"]);
    expect(items.requirements).toContain("/req/core/fc-response");
    expect(items.http?.request?.uri).toMatch(/\/ogc\/collections\/arrets\/items$/);
    expect(items.http?.response?.status).toBe(200);
    expect(items.http?.response?.body).toMatch(/^Content-Type: application\/geo\+json\n\n\{/);
  });

  it("checks the crs list and Content-Crs when Part 2 is declared", async () => {
    const crs = ["http://www.opengis.net/def/crs/OGC/1.3/CRS84", "http://www.opengis.net/def/crs/EPSG/0/2154"];
    const { run, server } = await probeFake({ crs });
    expect(result(run, "crs-list").status).toBe("passed");
    expect(result(run, "crs-items")).toMatchObject({ status: "passed", message: `Content-Crs: <${crs[1]}>` });
    expect(server.requests.some((url) => url.includes("crs=http%3A%2F%2Fwww.opengis.net%2Fdef%2Fcrs%2FEPSG"))).toBe(
      true,
    );
  });
});

describe("probeOgcApiFeatures finds what a faulty server does", () => {
  it("a feature repeated across pages", async () => {
    const { run } = await probeFake({ repeatFeatureAcrossPages: true });
    expect(result(run, "paging-no-repeat")).toMatchObject({
      status: "failed",
      message: "L'entité « arret-2 » est renvoyée en page 1 puis de nouveau en page 2.",
    });
  });

  it("a next link that drops the bbox", async () => {
    const { run } = await probeFake({ nextDropsFilterParameters: true });
    const paging = result(run, "paging-keeps-parameters");
    expect(paging.status).toBe("failed");
    expect(paging.message).toContain("bbox=-180,-90,180,90 (absent)");
    expect(result(run, "paging-no-repeat").status).toBe("passed");
  });

  it("features served as application/json", async () => {
    const { run } = await probeFake({ itemsMediaType: "application/json; charset=utf-8" });
    for (const key of ["items-media-type", "feature-media-type"]) {
      expect(result(run, key)).toMatchObject({
        status: "failed",
        message: "Les entités sont servies en « application/json; charset=utf-8 » au lieu de « application/geo+json ».",
      });
    }
    expect(result(run, "items").status).toBe("passed");
  });

  it("an oversize answer is an error (not a verdict on the server), and its dependants are skipped", async () => {
    const { run } = await probeFake({ itemsPaddingBytes: 200_000 }, { maxResponseBytes: 100_000 });
    expect(result(run, "items")).toMatchObject({
      status: "error",
      message: "La réponse dépasse la taille maximale lue par la sonde (100000 octets).",
    });
    expect(result(run, "feature")).toMatchObject({ status: "skipped", skipCause: "dependency" });
    expect(result(run, "missing-feature").status).toBe("passed");
  });

  it("a slow answer times out", async () => {
    const { run } = await probeFake({ itemsDelayMs: 1_000 }, { requestTimeoutMs: 200 });
    expect(result(run, "items")).toMatchObject({
      status: "error",
      message: "Pas de réponse complète en 0,2 s (délai par requête dépassé).",
    });
    expect(result(run, "collection").status).toBe("passed");
  });

  it("a landing page that redirects to another host", async () => {
    const { run } = await probeFake({ landingRedirectTo: "http://ailleurs.example.test/ogc" });
    expect(result(run, "landing-page")).toMatchObject({ status: "error" });
    expect(result(run, "landing-page").message).toContain("elle reste sur l'hôte du point d'accès (127.0.0.1)");
    expect(result(run, "conformance")).toMatchObject({ status: "skipped", skipCause: "dependency" });
    expect(run.tests).toHaveLength(6);
  });
});

describe("probeOgcApiFeatures refuses bad endpoints with a 422", () => {
  const fetchNeverCalled: FetchLike = () => Promise.reject(new Error("fetch must not run"));

  it.each([
    ["pas une url", "n'est pas une URL valide"],
    ["ftp://geo.example.test/ogc", "seuls http et https sont acceptés"],
    ["http://user:secret@geo.example.test/ogc", "identifiants"],
  ])("%s", async (endpoint, expected) => {
    const error = await domainErrorOf(probeOgcApiFeatures(endpoint, { fetch: fetchNeverCalled }));
    expect(error.status).toBe(422);
    expect(error.userMessage).toContain(expected);
  });

  it("a host resolving to a private address, unless allowPrivateAddresses is set", async () => {
    // Mocked DNS: a made-up name that "resolves" to the internal network, as a DNS trap would.
    const lookup: LookupLike = async () => [{ address: "192.168.10.20", family: 4 }];
    const error = await domainErrorOf(
      probeOgcApiFeatures("https://sig.example.test/ogc", { lookup, fetch: fetchNeverCalled }),
    );
    expect(error.status).toBe(422);
    expect(error.userMessage).toBe(
      "Le point d'accès OGC API Features est refusé. L'hôte « sig.example.test » pointe vers une adresse privée ou locale (192.168.10.20) : la sonde refuse de s'y connecter.",
    );
  });

  it("loopback literals", async () => {
    const error = await domainErrorOf(probeOgcApiFeatures("http://127.0.0.1:8080/ogc", { fetch: fetchNeverCalled }));
    expect(error.status).toBe(422);
  });
});
