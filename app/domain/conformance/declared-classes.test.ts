import { afterEach, describe, expect, it } from "vitest";
import { declaredClassesFromMessage, declaredClassesSummary, PROBE_CONFORMANCE_CASE_KEY } from "./declared-classes";
import { startFakeOgcApiServer, type RunningFakeServer } from "./probe/fake-ogc-api-server.test-helper";
import { probeOgcApiFeatures } from "./probe/ogc-api-features-probe.server";

const CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
const CRS = "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs";

const servers: RunningFakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe("declared classes in the probe's stored message", () => {
  it("reads back what it wrote, the server's own spellings included", () => {
    const declared = [CORE, "https://opengis.net/spec/ogcapi-features-1/1.1/req/geojson/"];
    expect(declaredClassesFromMessage(declaredClassesSummary(declared))).toEqual(declared);
    expect(declaredClassesFromMessage(declaredClassesSummary([]))).toEqual([]);
    // The probe prefixes the summary when core is missing.
    expect(
      declaredClassesFromMessage(`Le serveur ne déclare pas la classe ${CORE}. ${declaredClassesSummary([CRS])}`),
    ).toEqual([CRS]);
  });

  it("says unknown (null) rather than none when the message holds no list or a cut one", () => {
    expect(declaredClassesFromMessage(null)).toBeNull();
    expect(declaredClassesFromMessage("Délai dépassé après 10 s.")).toBeNull();
    expect(declaredClassesFromMessage(`Classes déclarées (3) : ${CORE}, ${CRS}`)).toBeNull();
  });

  it("finds in a real probe run the conformsTo list of the server", async () => {
    const server = await startFakeOgcApiServer({ crs: ["http://www.opengis.net/def/crs/OGC/1.3/CRS84"] });
    servers.push(server);
    const run = await probeOgcApiFeatures(server.baseUrl, { allowPrivateAddresses: true });
    const check = run.tests.find((test) => test.caseKey === PROBE_CONFORMANCE_CASE_KEY);
    expect(declaredClassesFromMessage(check?.message)).toEqual([
      CORE,
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
      CRS,
    ]);
  });
});
