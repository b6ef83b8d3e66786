import { describe, expect, it } from "vitest";
import {
  buildConformanceClassIndex,
  buildSchemaConformanceClass,
  canonicalClassUriResolver,
  CONFORMANCE_CLASSES,
  normalizeConformanceClassUri,
  parseStoredAliases,
  PROCONNECT_CLASS_PREFIX,
  resolveConformanceClassUri,
} from "./class-catalogue";

const CORE_1_0 = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";

describe("conformance class catalogue", () => {
  it("has unique canonical URIs and no alias claimed by two classes", () => {
    const seen = new Map<string, string>();
    for (const seed of CONFORMANCE_CLASSES) {
      for (const uri of [seed.uri, ...seed.aliases]) {
        const key = normalizeConformanceClassUri(uri);
        expect(seen.get(key), `${key} claimed twice`).toBeUndefined();
        seen.set(key, seed.uri);
      }
    }
  });

  it("seeds every documented Features and CQL2 class", () => {
    const uris = new Set(CONFORMANCE_CLASSES.map((seed) => seed.uri));
    for (const path of ["core", "html", "geojson", "gmlsf0", "gmlsf2", "oas30"]) {
      expect(uris).toContain(`http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/${path}`);
    }
    expect(uris).toContain("http://www.opengis.net/spec/ogcapi-features-1/1.1/conf/oas31");
    expect(uris).toContain("http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs");
    expect(uris).toContain("http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter");
    expect(uris).toContain("http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete");
    expect(CONFORMANCE_CLASSES.filter((seed) => seed.standard === "OGC CQL2")).toHaveLength(14);
    expect(CONFORMANCE_CLASSES.some((seed) => seed.uri.startsWith(PROCONNECT_CLASS_PREFIX))).toBe(true);
  });

  it.each([
    [CORE_1_0, CORE_1_0],
    [`${CORE_1_0}/`, CORE_1_0],
    ["https://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core", CORE_1_0],
    ["http://www.opengis.net/spec/ogcapi-features-1/1.1/conf/core", CORE_1_0],
    ["http://www.opengis.net/spec/ogcapi-features-1/1.0/req/core", CORE_1_0],
    [" http://WWW.OPENGIS.NET/spec/ogcapi-features-1/1.0/conf/core// ", CORE_1_0],
    [
      "http://www.opengis.net/spec/ogcapi-features-4/1.0/req/optimistic-locking-etags",
      "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/optimistic-locking-etags",
    ],
    [
      "http://www.opengis.net/spec/ogcapi-common-3/1.0/conf/schemas",
      "http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/schemas",
    ],
  ])("resolves %s", (declared, canonical) => {
    expect(resolveConformanceClassUri(declared)?.uri).toBe(canonical);
  });

  it("keeps Part 3 and Part 5 queryables apart", () => {
    expect(resolveConformanceClassUri("http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables")?.part).toBe(
      "3",
    );
    expect(resolveConformanceClassUri("http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/queryables")?.part).toBe(
      "5",
    );
  });

  it("returns undefined for an unknown class", () => {
    expect(resolveConformanceClassUri("http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core")).toBeUndefined();
  });

  it("builds one class per schema URL, whose URI is the URL", () => {
    const url = "https://schema.data.gouv.fr/schemas/etalab/schema-foo/1.0.0/schema.json/";
    const schemaClass = buildSchemaConformanceClass(url);
    expect(schemaClass.uri).toBe("https://schema.data.gouv.fr/schemas/etalab/schema-foo/1.0.0/schema.json");
    expect(schemaClass.title).toBe("Conforme au schéma schema-foo (schema)");
    const index = buildConformanceClassIndex([...CONFORMANCE_CLASSES, schemaClass]);
    expect(resolveConformanceClassUri(url, index)).toBe(schemaClass);
  });
});

describe("canonicalClassUriResolver", () => {
  const stored = [
    {
      uri: "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
      aliases: JSON.stringify([
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/req/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.1/conf/core",
      ]),
    },
    { uri: "https://cicclo.fr/conformance/proconnect/1.0/conf/login", aliases: "not json" },
  ];
  const canonical = canonicalClassUriResolver(stored);

  it("maps aliases, /req/ spellings, https and trailing slashes to the stored canonical URI", () => {
    for (const spelling of [
      "http://www.opengis.net/spec/ogcapi-features-1/1.1/conf/core",
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/req/core/",
      "https://opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    ]) {
      expect(canonical(spelling), spelling).toBe("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core");
    }
  });

  it("keeps an unknown URI, normalized, and reads a malformed aliases column as none", () => {
    expect(canonical("HTTPS://Example.org/classes/x/")).toBe("https://example.org/classes/x");
    expect(canonical("https://cicclo.fr/conformance/proconnect/1.0/conf/login/")).toBe(
      "https://cicclo.fr/conformance/proconnect/1.0/conf/login",
    );
    expect(parseStoredAliases("not json")).toEqual([]);
    expect(parseStoredAliases('["a", 3]')).toEqual(["a"]);
  });

  it("never lets another class's alias shadow a canonical URI", () => {
    const clash = canonicalClassUriResolver([
      { uri: "https://example.org/a", aliases: JSON.stringify(["https://example.org/b"]) },
      { uri: "https://example.org/b", aliases: "[]" },
    ]);
    expect(clash("https://example.org/b")).toBe("https://example.org/b");
    expect(clash("https://example.org/a")).toBe("https://example.org/a");
  });
});
