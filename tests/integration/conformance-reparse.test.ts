// `npm run cli -- conformance reparse`: a stored run read again with the current group → class rules, its results
// and verdicts replaced in one transaction under the same id, with the before/after counts printed and audited.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RunUploader } from "../../app/domain/conformance/permissions";
import { recordProbeRun, recordRun, findDeployment } from "../../app/domain/conformance/runs.server";
import { assembleRun } from "../../app/domain/conformance/run-model";
import { getMatrix } from "../../app/domain/conformance/matrix.server";
import { getDb } from "../../app/infra/db.server";
import { runCli } from "../../scripts/cli";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/conformance");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
const CRS = "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs";
const moderator: RunUploader = { userId: null, apiKeyId: null, role: "moderator", groups: [] };

async function cli(...args: string[]) {
  const lines: string[] = [];
  const code = await runCli(["conformance", "reparse", ...args], (line) => lines.push(line));
  return { code, output: lines.join("\n") };
}

async function verdicts(runId: number) {
  const db = await getDb();
  const rows = await db.conformanceRunClass.findMany({ where: { runId }, orderBy: { position: "asc" } });
  return rows.map((row) => [row.classUri ?? `group:${row.group}`, row.verdict]);
}

describe("conformance reparse", () => {
  it("applies a changed mapping to a stored run: the class verdicts follow, the run keeps its id", async () => {
    const db = await getDb();
    const recorded = await recordRun(db, moderator, {
      deployment: "prodige-region",
      report: fixture("testng-features10.xml"),
    });
    expect(await verdicts(recorded.id)).toEqual([
      [CORE, "failed"],
      [CRS, "not-tested"],
    ]);
    const matrixCell = async (uri: string) => {
      const matrix = await getMatrix(db);
      const column = matrix.columns.findIndex((candidate) => candidate.uri === uri);
      if (column === -1) return null;
      return matrix.rows.find((row) => row.slug === "prodige-region")!.cells[column]!.verdict;
    };
    expect(await matrixCell(CORE)).toBe("failed");
    const resultIds = (await db.conformanceResult.findMany({ where: { runId: recorded.id } })).map((r) => r.id);

    // An admin drops the "Core" rule: those tests are no longer tied to a class.
    const coreRule = await db.groupClassRule.findFirstOrThrow({ where: { group: "Core" } });
    await db.groupClassRule.delete({ where: { id: coreRule.id } });
    try {
      const { code, output } = await cli(String(recorded.id));
      expect(code).toBe(0);
      expect(output).toContain(`Run ${recorded.id} re-parsed.`);
      expect(output).toContain(
        `before: 6 tests (2 passed, 1 failed, 1 errors, 2 skipped); classes: ${CORE}=failed, ${CRS}=not-tested`,
      );
      expect(output).toContain(
        `after:  6 tests (2 passed, 1 failed, 1 errors, 2 skipped); classes: group:Core=failed, ${CRS}=not-tested`,
      );
      expect(await verdicts(recorded.id)).toEqual([
        ["group:Core", "failed"],
        [CRS, "not-tested"],
      ]);
      // The matrix follows: the run no longer has a verdict on core.
      expect(await matrixCell(CORE)).toBeNull();
      const results = await db.conformanceResult.findMany({ where: { runId: recorded.id } });
      expect(results).toHaveLength(6);
      // Replaced, not added to.
      expect(results.some((result) => resultIds.includes(result.id))).toBe(false);
      expect(results.filter((result) => result.classUri === CORE)).toEqual([]);
      const audit = await db.auditEvent.findFirstOrThrow({
        where: { action: "conformance_run.reparsed", targetId: String(recorded.id) },
      });
      expect(audit.actorId).toBeNull();
      expect(JSON.parse(audit.details)).toMatchObject({
        before: { counts: { total: 6 } },
        after: { counts: { total: 6 } },
      });
    } finally {
      await db.groupClassRule.create({
        data: {
          position: coreRule.position,
          suite: coreRule.suite,
          group: coreRule.group,
          classUri: coreRule.classUri,
        },
      });
    }
    // With the rule back, --all restores the verdict; a live probe run has no report and is left alone.
    const deployment = await findDeployment(db, "prodige-region");
    const probe = await recordProbeRun(
      db,
      moderator,
      deployment,
      assembleRun({
        format: "probe",
        suite: { name: "CICCLO live probe", version: "1.0" },
        subject: deployment.endpointUrl,
        startedAt: null,
        finishedAt: null,
        tests: [],
        warnings: [],
      }),
    );
    const all = await cli("--all");
    expect(all.code).toBe(0);
    expect(all.output).not.toContain(`Run ${probe.id} `);
    expect(all.output).toMatch(/(\d+) of \1 runs re-parsed\./);
    expect(await verdicts(recorded.id)).toEqual([
      [CORE, "failed"],
      [CRS, "not-tested"],
    ]);
    const probeOnly = await cli(String(probe.id));
    expect(probeOnly.code).toBe(1);
    expect(probeOnly.output).toContain("vient de la vérification en direct");
  });

  it("says in French that an unknown run does not exist, and exits non-zero", async () => {
    const db = await getDb();
    const before = await db.auditEvent.count();
    expect(await cli("999999")).toEqual({ code: 1, output: "Erreur : Le passage n° 999999 est introuvable." });
    expect(await cli("abc")).toEqual({ code: 1, output: "Erreur : « abc » n'est pas un numéro de passage." });
    expect((await cli()).code).toBe(2);
    expect(await db.auditEvent.count()).toBe(before);
  });
});
