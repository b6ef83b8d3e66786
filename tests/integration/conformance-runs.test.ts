// The conformance services on the database: one transaction per run, nothing stored for a refused file, the matrix
// keeping the latest verdict per deployment and class.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getMatrix } from "../../app/domain/conformance/matrix.server";
import type { RunUploader } from "../../app/domain/conformance/permissions";
import { getRun, listDeploymentRuns, recordRun } from "../../app/domain/conformance/runs.server";
import { getDb } from "../../app/infra/db.server";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/conformance");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
const moderator: RunUploader = { userId: null, apiKeyId: null, role: "moderator", groups: [] };

async function rows() {
  const db = await getDb();
  return [await db.conformanceRun.count(), await db.conformanceResult.count(), await db.conformanceRunClass.count()];
}

describe("conformance runs", () => {
  it("seeds the four solutions, the demo deployments, the class catalogue and the default mapping", async () => {
    const db = await getDb();
    const solutions = await db.solution.findMany({ include: { maintainerGroup: true }, orderBy: { slug: "asc" } });
    expect(solutions.map((s) => [s.name, s.maintainerGroup?.name])).toEqual([
      ["Géoplateforme", "mainteneurs-geoplateforme"],
      ["geOrchestra", "mainteneurs-georchestra"],
      ["OneGeo Suite", "mainteneurs-onegeo-suite"],
      ["Prodige", "mainteneurs-prodige"],
    ]);
    expect(await db.deployment.count()).toBeGreaterThanOrEqual(3);
    expect(await db.conformanceClass.findUnique({ where: { uri: CORE } })).toMatchObject({ part: "1" });
    expect(await db.groupClassRule.count()).toBe(2);
  });

  it("writes run, results and verdicts, keeps the raw file, and reads them back failures first", async () => {
    const db = await getDb();
    const recorded = await recordRun(db, moderator, {
      deployment: "prodige-region",
      report: fixture("testng-features10.xml"),
    });
    expect(recorded).toMatchObject({ format: "testng", counts: { total: 6, failed: 1 } });
    const stored = await db.conformanceRun.findUniqueOrThrow({ where: { id: recorded.id } });
    expect(Buffer.from(stored.rawFile).equals(fixture("testng-features10.xml"))).toBe(true);
    expect(await db.conformanceResult.count({ where: { runId: recorded.id } })).toBe(6);

    const run = await getRun(db, recorded.id);
    expect(run.classes.map((c) => c.verdict)).toEqual(["failed", "not-tested"]);
    expect(run.classes[0]!.tests[0]!.status).toBe("failed");
    const history = await listDeploymentRuns(db, "prodige-region");
    expect(history.runs[0]).toMatchObject({ id: recorded.id, verdicts: { failed: 1 } });
  });

  it("stores nothing when the report is refused, whatever the reason", async () => {
    const db = await getDb();
    const before = await rows();
    for (const [input, status] of [
      [{ deployment: "prodige-region", report: fixture("hostile/xxe.xml") }, 422],
      [{ deployment: "prodige-region", report: fixture("hostile/truncated.xml") }, 422],
      [{ deployment: "prodige-region", report: fixture("testng-features10.xml"), maxBytes: 100 }, 413],
      [{ deployment: "inconnu", report: fixture("testng-features10.xml") }, 404],
      [{ deployment: "", report: fixture("testng-features10.xml") }, 422],
    ] as const) {
      await expect(recordRun(db, moderator, input)).rejects.toMatchObject({ status });
    }
    const member: RunUploader = { userId: null, apiKeyId: null, role: "member", groups: ["mainteneurs-georchestra"] };
    await expect(
      recordRun(db, member, { deployment: "prodige-region", report: fixture("testng-features10.xml") }),
    ).rejects.toMatchObject({ status: 403 });
    expect(await rows()).toEqual(before);
  });

  it("shows in the matrix the latest verdict of each deployment on each class", async () => {
    const db = await getDb();
    await recordRun(db, moderator, { deployment: "geoplateforme-wfs", report: fixture("earl-features10.rdf") });
    const passing = fixture("testng-features10.xml")
      .toString("utf8")
      .replace(/status="FAIL"/g, 'status="PASS"');
    const latest = await recordRun(db, moderator, { deployment: "geoplateforme-wfs", report: passing });
    // A later run of another suite that does not test the class leaves the verdict in place.
    await recordRun(db, moderator, { deployment: "geoplateforme-wfs", report: fixture("junit-single-testsuite.xml") });
    const matrix = await getMatrix(db);
    const column = matrix.columns.findIndex((c) => c.uri === CORE);
    const row = matrix.rows.find((r) => r.slug === "geoplateforme-wfs")!;
    expect(row.cells[column]).toMatchObject({ runId: latest.id });
    expect(row.cells[column]!.verdict).not.toBe("failed");
    expect((await getMatrix(db, { standard: "ProConnect" })).columns).toEqual([]);
    expect((await getMatrix(db, { standard: "n'importe quoi" })).standard).toBeNull();
  });
});
