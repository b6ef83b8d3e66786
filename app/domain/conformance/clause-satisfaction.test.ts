import { describe, expect, it } from "vitest";
import { canonicalClassUriResolver, CONFORMANCE_CLASSES } from "./class-catalogue";
import { holdsAll } from "./clause-satisfaction";

const canonical = canonicalClassUriResolver(
  CONFORMANCE_CLASSES.map((seed) => ({ uri: seed.uri, aliases: JSON.stringify(seed.aliases) })),
);
const CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
const GEOJSON = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson";

describe("holdsAll", () => {
  it("accepts a server declaring the 1.1, /req/ or https spellings of the classes a clause names", () => {
    const declared = [
      "http://www.opengis.net/spec/ogcapi-features-1/1.1/conf/core",
      "https://www.opengis.net/spec/ogcapi-features-1/1.0/req/geojson/",
    ];
    expect(holdsAll([CORE, GEOJSON], declared, canonical)).toBe(true);
  });

  it("needs every class, and a clause without class is satisfied by nobody", () => {
    expect(holdsAll([CORE, GEOJSON], [CORE], canonical)).toBe(false);
    expect(holdsAll([], [CORE], canonical)).toBe(false);
    // Part 5 classes share their path with Part 3's: a Part 3 class never stands for Part 5's.
    expect(
      holdsAll(
        ["http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/queryables"],
        ["http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables"],
        canonical,
      ),
    ).toBe(false);
  });
});
