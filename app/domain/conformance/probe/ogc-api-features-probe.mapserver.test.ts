// The probe against a server nobody in this project wrote: Debian's MapServer 8 (tests/support/mapserver.ts).
// Expected outcomes are what MapServer 8.0.0 really does, deviations included; if a MapServer upgrade fixes one, this
// test fails on purpose so the expectation is updated, not silently kept.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConformanceRun } from "../run-model";
import { mapServerAvailable, startMapServer, type RunningMapServer } from "../../../../tests/support/mapserver";
import { probeOgcApiFeatures } from "./ogc-api-features-probe.server";

const available = mapServerAvailable();
if (!available && process.env.CI) {
  throw new Error(
    "MapServer is required in CI: apt-get install -y --no-install-recommends cgi-mapserver mapserver-bin",
  );
}
if (!available) {
  console.warn(
    "[probe] mapserv not found: the MapServer probe test is skipped (apt-get install cgi-mapserver mapserver-bin).",
  );
}

describe.skipIf(!available)("probeOgcApiFeatures against MapServer 8", () => {
  let mapServer: RunningMapServer | undefined;
  let run: ConformanceRun;

  beforeAll(async () => {
    mapServer = await startMapServer();
    // Each mapserv CGI start takes ~0.5 s (library loading), hence the generous budget for ~25 requests.
    run = await probeOgcApiFeatures(mapServer.baseUrl, { allowPrivateAddresses: true });
  }, 120_000);

  afterAll(async () => {
    await mapServer?.close();
  });

  const outcome = (key: string) => {
    const test = run.tests.find((candidate) => candidate.caseKey === `cicclo-probe#${key}`);
    return test ? { status: test.status, message: test.message } : undefined;
  };

  it("runs every check once for the single collection", () => {
    expect(run.subject).toBe(mapServer?.baseUrl);
    expect(run.tests.map((test) => test.id)).toEqual([
      "cicclo-probe#landing-page",
      "cicclo-probe#landing-page-links",
      "cicclo-probe#conformance",
      "cicclo-probe#api-definition",
      "cicclo-probe#openapi-3-0",
      "cicclo-probe#collections",
      "cicclo-probe#collection[communes]",
      "cicclo-probe#items[communes]",
      "cicclo-probe#items-media-type[communes]",
      "cicclo-probe#items-limit[communes]",
      "cicclo-probe#items-counts[communes]",
      "cicclo-probe#paging-keeps-parameters[communes]",
      "cicclo-probe#paging-no-repeat[communes]",
      "cicclo-probe#bbox[communes]",
      "cicclo-probe#feature[communes]",
      "cicclo-probe#feature-media-type[communes]",
      "cicclo-probe#missing-feature[communes]",
      "cicclo-probe#invalid-limit[communes]",
      "cicclo-probe#invalid-bbox[communes]",
      "cicclo-probe#unknown-parameter[communes]",
      "cicclo-probe#crs-list[communes]",
      "cicclo-probe#crs-items[communes]",
    ]);
    expect(run.counts).toEqual({ total: 22, passed: 16, failed: 4, skipped: 2, error: 0 });
  });

  it("passes the landing page, conformance, OpenAPI and collection checks", () => {
    for (const key of ["landing-page", "landing-page-links", "api-definition", "collections", "collection"]) {
      expect([key, outcome(key)?.status]).toEqual([key, "passed"]);
    }
    expect(outcome("openapi-3-0")).toEqual({ status: "passed", message: "OpenAPI 3.0.2, 7 chemins." });
    expect(outcome("conformance")?.message).toBe(
      "Classes déclarées (6) : http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core, " +
        "http://www.opengis.net/spec/ogcapi-common-2/1.0/conf/collections, " +
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core, " +
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30, " +
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html, " +
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    );
  });

  it("passes items, limit, counts, paging without repeats, bbox, single feature and error statuses", () => {
    expect(outcome("items")).toEqual({ status: "passed", message: "10 entité(s) sur la première page." });
    expect(outcome("items-limit")).toEqual({ status: "passed", message: "2 entité(s) pour limit=2." });
    expect(outcome("items-counts")?.status).toBe("passed");
    expect(outcome("paging-no-repeat")).toEqual({
      status: "passed",
      message: "10 entités distinctes sur les 5 premières pages.",
    });
    expect(outcome("bbox")).toEqual({
      status: "passed",
      message: "1 entité(s) dans l'emprise 2.3422,48.8466,2.3622,48.8666.",
    });
    for (const key of ["feature", "missing-feature", "invalid-limit", "invalid-bbox"]) {
      expect([key, outcome(key)?.status]).toEqual([key, "passed"]);
    }
  });

  // MapServer 8.0.0's deviations, found by the probe itself (ogc-servers.md only hints where to look).
  it("finds that features are served as application/json instead of application/geo+json", () => {
    const expected = {
      status: "failed",
      message: "Les entités sont servies en « application/json » au lieu de « application/geo+json ».",
    };
    expect(outcome("items-media-type")).toEqual(expected);
    expect(outcome("feature-media-type")).toEqual(expected);
    expect(run.classes.find((summary) => summary.classUri?.endsWith("/conf/geojson"))?.verdict).toBe("failed");
  });

  it("finds that next links drop the bbox parameter", () => {
    expect(outcome("paging-keeps-parameters")?.status).toBe("failed");
    expect(outcome("paging-keeps-parameters")?.message).toMatch(
      /^Le lien next « http:\/\/127\.0\.0\.1:\d+\/cgi-bin\/mapserv\/communes\/ogcapi\/collections\/communes\/items\?f=json&limit=2&offset=2 » ne conserve pas : bbox=-180,-90,180,90 \(absent\)\.$/,
    );
  });

  it("finds that an unknown query parameter is ignored (200) instead of refused (400)", () => {
    expect(outcome("unknown-parameter")).toEqual({
      status: "failed",
      message: "Statut HTTP 200 au lieu de 400 pour un paramètre inconnu (cicclo-probe-unknown=1).",
    });
  });

  it("skips Part 2, which MapServer does not declare", () => {
    for (const key of ["crs-list", "crs-items"]) {
      expect(outcome(key)).toEqual({
        status: "skipped",
        message:
          "La classe http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs n'est pas déclarée par le serveur.",
      });
    }
    expect(run.classes.find((summary) => summary.classUri?.endsWith("features-2/1.0/conf/crs"))?.verdict).toBe(
      "not-tested",
    );
  });
});
