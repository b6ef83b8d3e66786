import { afterEach, describe, expect, it } from "vitest";
import { parseDeclaredClasses } from "./declared-classes";
import { startFakeOgcApiServer, type RunningFakeServer } from "./probe/fake-ogc-api-server.test-helper";
import { probeOgcApiFeatures } from "./probe/ogc-api-features-probe.server";
import { runColumnsOf } from "./runs.server";

const CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
const CRS = "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs";

const servers: RunningFakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe("the classes a service declares", () => {
  it("are recorded by a probe run as the server listed them, and read back from the stored column", async () => {
    const server = await startFakeOgcApiServer({ crs: ["http://www.opengis.net/def/crs/OGC/1.3/CRS84"] });
    servers.push(server);
    const run = await probeOgcApiFeatures(server.baseUrl, { allowPrivateAddresses: true });
    const stored = runColumnsOf({ ...run, fileFormat: "probe" }).declaredClasses;
    expect(parseDeclaredClasses(stored)).toEqual([
      CORE,
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
      CRS,
    ]);
  });

  it("are unknown (null), not none, when no declaration was read or the stored value is not a list of URIs", () => {
    expect(parseDeclaredClasses(null)).toBeNull();
    expect(parseDeclaredClasses("{}")).toBeNull();
    expect(parseDeclaredClasses("[1]")).toBeNull();
    expect(parseDeclaredClasses("pas du JSON")).toBeNull();
    expect(parseDeclaredClasses("[]")).toEqual([]);
  });
});
