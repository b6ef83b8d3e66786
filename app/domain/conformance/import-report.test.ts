import { readFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { DomainError } from "~/domain/shared/errors";
import { detectReportFormat, importReport, type ImportReportOptions } from "./import-report";

const FIXTURES = path.resolve(__dirname, "../../../tests/fixtures/conformance");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const FEATURES_CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
const FEATURES_CRS = "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs";

async function rejectionOf(input: Parameters<typeof importReport>[0], options?: ImportReportOptions) {
  const error = await importReport(input, options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("detectReportFormat", () => {
  it.each([
    ['<?xml version="1.0"?>\n<!-- c -->\n<testng-results total="0">', "testng-xml"],
    ['\uFEFF<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', "earl-rdf"],
    ["<testsuites>", "junit-xml"],
    ['<testsuite name="x">', "junit-xml"],
    ['  {"report": {}}', "validata-json"],
    ["<html><body>", undefined],
    ["[1, 2]", undefined],
    ["", undefined],
  ])("%j → %s", (content, expected) => {
    expect(detectReportFormat(new TextEncoder().encode(content))).toBe(expected);
  });

  it("ignores the file name: a TestNG file called report.json is TestNG", async () => {
    const run = await importReport(fixture("testng-features10.xml"));
    expect(run.fileFormat).toBe("testng-xml");
  });
});

describe("TestNG import", () => {
  it("reads tests, parameters, exceptions and captured attributes, ignoring configuration methods", async () => {
    const run = await importReport(fixture("testng-features10.xml"));
    expect(run.suite).toEqual({ name: "ogcapi-features-1.0", version: "1.9" });
    expect(run.startedAt?.toISOString()).toBe("2026-07-30T06:46:29.000Z");
    expect(run.finishedAt?.toISOString()).toBe("2026-07-30T06:46:41.000Z");
    expect(run.counts).toEqual({ total: 6, passed: 2, failed: 1, skipped: 2, error: 1 });
    expect(run.tests.map((test) => test.name)).not.toContain("collectCollections");
    expect(run.warnings).toEqual([expect.stringContaining("1 méthode(s) de configuration en échec")]);

    const [landing, communes, departements, timeout, dependent, declined] = run.tests;
    expect(landing?.http?.request?.body).toContain("GET http://127.0.0.1:8080/ogcapi/");
    expect(landing?.requirements).toEqual(["/req/core/root-op"]);
    expect(landing?.tags).toEqual(["core"]);
    expect(landing?.durationMs).toBe(154);
    expect(communes?.parameters).toEqual(["communes"]);
    expect(communes?.id).toBe(
      "org.opengis.cite.ogcapifeatures10.conformance.core.collections.FeaturesLimit#validateFeaturesWithLimitResponse(communes)",
    );
    expect(departements?.caseKey).toBe(communes?.caseKey);
    expect(departements?.status).toBe("failed");
    expect(departements?.message).toBe("Expected numberReturned <= 10 but was 12");
    expect(timeout?.status).toBe("error");
    expect(dependent?.skipCause).toBe("dependency");
    expect(declined?.skipCause).toBeNull();
  });

  it("maps the features10 <test> names to classes and never calls an all-skipped class passed", async () => {
    const run = await importReport(fixture("testng-features10.xml"));
    expect(run.classes).toEqual([
      expect.objectContaining({ classUri: FEATURES_CORE, group: "Core", verdict: "failed" }),
      expect.objectContaining({ classUri: FEATURES_CRS, verdict: "not-tested" }),
    ]);
  });

  it("takes the mapping as data: an admin rule maps a group of another suite", async () => {
    const run = await importReport(fixture("testng-features10.xml"), {
      groupToClass: [{ group: "core", classUri: "https://example.org/conf/custom" }],
    });
    // With "Core" mapped by the rule (loose comparison), the default rules are not used at all.
    expect(run.tests[0]?.classUri).toBe("https://example.org/conf/custom");
    expect(run.classes.find((summary) => summary.group === "Coordinate Reference Systems by Reference")?.classUri).toBe(
      null,
    );
  });
});

describe("EARL import", () => {
  it("joins assertions to test cases described inline or by reference, and to their requirement", async () => {
    const run = await importReport(fixture("earl-features10.rdf"));
    expect(run.fileFormat).toBe("earl-rdf");
    expect(run.suite).toEqual({ name: "ogcapi-features-1.0", version: "1.9" });
    expect(run.subject).toBe("http://127.0.0.1:8080/ogcapi");
    expect(run.counts).toEqual({ total: 5, passed: 2, failed: 1, skipped: 1, error: 1 });
    expect(run.warnings).toEqual([]);
    const [landing, invalid, invalidAgain, openapi, crs] = run.tests;
    expect(landing?.classUri).toBe(FEATURES_CORE);
    expect(landing?.caseKey).toBe(
      "org.opengis.cite.ogcapifeatures10.conformance.core.discovery.LandingPage#landingPageRetrieval",
    );
    expect(invalid?.description).toContain("/req/core/query-param-invalid");
    expect(invalid?.requirements).toEqual(["/req/core/query-param-invalid"]);
    expect(invalid?.http).toEqual({
      request: { method: "GET", uri: "http://127.0.0.1:8080/ogcapi/collections/communes/items?limit=-1", body: null },
      response: { status: 200, body: '{"type":"FeatureCollection","features":[]}' },
    });
    // The same case run twice (once per collection in real files) keeps distinct ids and the same case key.
    expect(invalidAgain?.id).not.toBe(invalid?.id);
    expect(invalidAgain?.caseKey).toBe(invalid?.caseKey);
    expect(invalidAgain?.http).toBeNull();
    expect(openapi?.status).toBe("error");
    expect(crs).toMatchObject({ classUri: FEATURES_CRS, status: "skipped", skipCause: "dependency" });
    expect(run.classes.find((summary) => summary.classUri === FEATURES_CRS)?.verdict).toBe("not-tested");
  });
});

describe("JUnit import", () => {
  it("reads a lone <testsuite> with failure, error, skipped and a flaky retry", async () => {
    const run = await importReport(fixture("junit-single-testsuite.xml"));
    expect(run.fileFormat).toBe("junit-xml");
    expect(run.counts).toEqual({ total: 5, passed: 2, failed: 1, skipped: 1, error: 1 });
    const [, paging, reachable, , flaky] = run.tests;
    expect(paging?.message).toMatch(/^org\.opentest4j\.AssertionFailedError: expected: <10> but was: <12>/);
    expect(paging?.durationMs).toBe(300);
    expect(reachable?.message).toBe("java.net.ConnectException: Connection refused");
    expect(flaky).toMatchObject({ status: "passed", message: "Réussi après 1 nouvelle(s) tentative(s)." });
    expect(run.startedAt?.getTime()).toBe(new Date("2026-05-04T10:00:00").getTime());
  });

  it("reads nested <testsuite>s and names each test's innermost suite as its group", async () => {
    const run = await importReport(fixture("junit-nested-testsuites.xml"));
    expect(run.suite.name).toBe("Sonde CICCLO");
    expect(run.counts).toEqual({ total: 4, passed: 3, failed: 1, skipped: 0, error: 0 });
    expect(run.tests.map((test) => test.group)).toEqual(["Landing page", "Paging", "Paging", "Features"]);
    expect(run.warnings).toEqual([]);
  });
});

describe("Validata and frictionless import", () => {
  it("maps a valid Validata report to its schema's class, with warnings, without the rows", async () => {
    const run = await importReport(fixture("validata-valid.json"));
    expect(run.format).toBe("validata");
    const [test] = run.tests;
    expect(test).toMatchObject({
      status: "passed",
      classUri: "https://schema.data.gouv.fr/schemas/etalab/schema-irve-statique/latest/schema-statique.json",
      subject: "https://www.data.gouv.fr/fr/datasets/r/irve.csv",
    });
    expect(test?.message).toContain("Colonne surnuméraire");
    expect(JSON.stringify(run)).not.toContain("données personnelles");
    expect(run.classes[0]?.verdict).toBe("passed");
  });

  it("keeps cell findings of an invalid report", async () => {
    const run = await importReport(fixture("validata-invalid.json"));
    expect(run.tests[0]?.status).toBe("failed");
    expect(run.tests[0]?.findings[0]).toEqual({
      type: "type-error",
      title: "Format de nombre incorrect",
      message: "La valeur ne doit comporter que des chiffres et le point comme séparateur décimal",
      rowNumber: 3,
      fieldName: "prix_ht",
      fieldNumber: 5,
      cell: "abc",
    });
  });

  it("bounds the findings kept per test", async () => {
    const run = await importReport(fixture("validata-invalid.json"), { limits: { maxFindingsPerTest: 1 } });
    expect(run.tests[0]?.findings).toHaveLength(1);
    expect(run.tests[0]?.message).toContain("1 erreur(s) supplémentaire(s) non conservée(s)");
  });

  it("reads the top-level error form as a test that could not conclude", async () => {
    const run = await importReport(fixture("validata-error.json"));
    expect(run.tests[0]).toMatchObject({
      status: "error",
      message: "source-error : Le fichier n'est pas un tableau lisible",
    });
    expect(run.classes[0]?.verdict).toBe("inconclusive");
  });

  it("reads frictionless v4 (code instead of type) and goodtables reports", async () => {
    const v4 = await importReport(fixture("frictionless-v4.json"));
    expect(v4.format).toBe("frictionless");
    expect(v4.tests[0]).toMatchObject({ name: "Validation de communes", status: "failed", subject: "communes.csv" });
    expect(v4.tests[0]?.findings[0]).toMatchObject({ type: "type-error", rowNumber: 3, fieldNumber: 2, cell: "x" });
    const goodtables = await importReport(fixture("goodtables.json"));
    expect(goodtables.suite.name).toBe("goodtables");
    expect(goodtables.tests[0]).toMatchObject({ status: "passed", subject: "data/arrets.csv" });
  });
});

describe("streaming input", () => {
  it("imports from a Node Readable in small chunks (as an upload arrives)", async () => {
    const bytes = fixture("earl-features10.rdf");
    const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, index) =>
      bytes.subarray(index * 7, index * 7 + 7),
    );
    const run = await importReport(Readable.from(chunks));
    expect(run.counts.total).toBe(5);
  });

  it("decodes a multi-byte character split across chunks", async () => {
    const bytes = fixture("validata-valid.json");
    const splitAt = bytes.indexOf(Buffer.from("é")) + 1;
    const run = await importReport(Readable.from([bytes.subarray(0, splitAt), bytes.subarray(splitAt)]));
    expect(run.tests[0]?.message).toContain("définie dans le schéma");
  });
});

describe("hostile and broken files", () => {
  it("refuses an external entity (XXE) before reading anything, naming the DOCTYPE's place", async () => {
    const error = await rejectionOf(fixture("hostile/xxe.xml"));
    expect(error.status).toBe(422);
    expect(error.userMessage).toBe(
      "Le rapport est invalide à la ligne 2, colonne 1 : les déclarations <!DOCTYPE> (DTD et entités) sont refusées pour des raisons de sécurité.",
    );
    expect(JSON.stringify(error)).not.toContain("root:");
  });

  it("refuses billion laughs", async () => {
    const error = await rejectionOf(fixture("hostile/billion-laughs.xml"));
    expect(error.status).toBe(422);
    expect(error.userMessage).toContain("<!DOCTYPE>");
  });

  it("refuses a DOCTYPE that hides after the sniffed prefix's comments too (parser-level rule)", async () => {
    // A DOCTYPE is only legal before the root; the parser-level refusal covers any place the prefix scan missed.
    const error = await rejectionOf(
      `<?xml version="1.0"?><testng-results><!DOCTYPE x [<!ENTITY a "b">]></testng-results>`,
    );
    expect(error.status).toBe(422);
  });

  it("refuses an entity that no DTD declares (saxes expands only the five XML entities)", async () => {
    const error = await rejectionOf(fixture("hostile/undeclared-entity.xml"));
    expect(error.status).toBe(422);
    expect(error.userMessage).toMatch(/ligne 6, colonne \d+ \(élément <test-method>\) : entité non définie/);
  });

  it("refuses a truncated file, saying where it stops", async () => {
    const error = await rejectionOf(fixture("hostile/truncated.xml"));
    expect(error.status).toBe(422);
    expect(error.userMessage).toBe(
      "Le rapport est invalide à la ligne 8, colonne 1 (élément <test-method>) : fichier tronqué ou balise <test-method> jamais fermée.",
    );
  });

  it("returns nothing partial: a file broken after valid tests is refused whole", async () => {
    const text = fixture("testng-features10.xml").toString("utf8").replace("</suite>", "</suit>");
    const error = await rejectionOf(text);
    expect(error.status).toBe(422);
    expect(error.userMessage).toMatch(/^Le rapport est invalide à la ligne 79, colonne \d+ .* balise fermante/);
  });

  it("refuses a wrong root element", async () => {
    const error = await rejectionOf(fixture("hostile/wrong-root.xml"));
    expect(error.status).toBe(422);
    expect(error.userMessage).toContain("élément racine <wfs:FeatureCollection> inconnu");
  });

  it("closes an upload stream refused on its first bytes", async () => {
    const stream = Readable.from(
      (function* generate() {
        yield Buffer.from("<html><body>");
        for (let index = 0; index < 1000; index++) yield Buffer.alloc(64 * 1024, 0x20);
      })(),
    );
    expect((await rejectionOf(stream)).status).toBe(422);
    expect(stream.destroyed).toBe(true);
  });

  it("refuses JSON that is not a report, and truncated JSON with its position", async () => {
    const notReport = await rejectionOf(fixture("hostile/not-a-report.json"));
    expect(notReport.status).toBe(422);
    expect(notReport.userMessage).toContain("ni un rapport Validata ni un rapport frictionless");
    const truncated = await rejectionOf(fixture("hostile/truncated-json.txt"));
    expect(truncated.status).toBe(422);
    expect(truncated.userMessage).toMatch(/^Le rapport est invalide à la ligne 1, colonne \d+ : JSON mal formé/);
  });

  it("refuses an empty file, a non-UTF-8 file and another declared encoding", async () => {
    expect((await rejectionOf(Buffer.alloc(0))).userMessage).toContain("le fichier est vide");
    const latin1 = Buffer.concat([
      Buffer.from("<testsuites><testsuite name='"),
      Buffer.from([0xe9]),
      Buffer.from("'/></testsuites>"),
    ]);
    expect((await rejectionOf(latin1)).userMessage).toContain("n'est pas encodé en UTF-8");
    const declared = await rejectionOf('<?xml version="1.0" encoding="ISO-8859-1"?><testsuites/>');
    expect(declared.userMessage).toContain("encodage « ISO-8859-1 » non pris en charge");
  });

  it("refuses nesting deeper than the limit and too many attributes", async () => {
    const deep = `<testsuites>${"<testsuite>".repeat(200)}${"</testsuite>".repeat(200)}</testsuites>`;
    expect((await rejectionOf(deep)).userMessage).toContain("imbrication trop profonde");
    const attributes = Array.from({ length: 100 }, (_, index) => `a${index}="x"`).join(" ");
    expect((await rejectionOf(`<testsuites ${attributes}/>`)).userMessage).toContain("trop d'attributs");
  });

  it("refuses more tests than the limit", async () => {
    const error = await rejectionOf(fixture("junit-nested-testsuites.xml"), { limits: { maxTests: 2 } });
    expect(error.userMessage).toContain("plus de 2 tests");
  });

  it("refuses a 60 MB stream with 413 after reading at most the limit, and closes the stream", async () => {
    // Generated, never committed: a JUnit file whose <system-out> log grows to 60 MB (CI logs do get that big).
    const chunk = Buffer.from("GET /collections/communes/items?limit=10 -> 200\n".repeat(4096));
    const chunkCount = Math.ceil((60 * 1024 * 1024) / chunk.length);
    let sentBytes = 0;
    const stream = Readable.from(
      (function* generate() {
        yield Buffer.from("<testsuites><testsuite name='big'><system-out>");
        for (let index = 0; index < chunkCount; index++) {
          sentBytes += chunk.length;
          yield chunk;
        }
        yield Buffer.from("</system-out></testsuite></testsuites>");
      })(),
    );
    const error = await rejectionOf(stream);
    expect(error.status).toBe(413);
    expect(error.userMessage).toBe("Le rapport dépasse la taille maximale autorisée (50 Mo).");
    expect(sentBytes).toBeLessThan(51 * 1024 * 1024);
    expect(stream.destroyed).toBe(true);
  }, 30_000);

  it("applies a configured size limit", async () => {
    const error = await rejectionOf(fixture("earl-features10.rdf"), { maxBytes: 1024 });
    expect(error.status).toBe(413);
    expect(error.userMessage).toBe("Le rapport dépasse la taille maximale autorisée (0,0 Mo).");
  });
});
