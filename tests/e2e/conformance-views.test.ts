// The conformance pages in a real browser, as a reader goes from one to the next: the matrix's column header opens
// the class page, which lists the class's tests; a test's page shows its history and leads to a deployment, whose
// page draws its pass rate over time (with the figures as a table); the deployment leads to its solution's page.
// Each page passes the axe check.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  browserAvailable,
  checkAccessibility,
  expectNoBrowserProblems,
  screenshot,
  useBrowser,
  waitForInteractive,
} from "./browser";

const browser = useBrowser();
const RUN = Date.now().toString(36);
const TESTNG = readFileSync(path.resolve(import.meta.dirname, "../fixtures/conformance/testng-features10.xml"), "utf8");
const PASSING = TESTNG.replace(/status="FAIL"/g, 'status="PASS"');
const SOLUTION = `Solution e2e ${RUN}`;
const DEPLOYMENT = `Déploiement e2e ${RUN}`;
const DEPLOYMENT_SLUG = `deploiement-e2e-${RUN}`;

async function upload(key: string, report: string) {
  const body = new FormData();
  body.append("deployment", DEPLOYMENT_SLUG);
  body.append("file", new Blob([report], { type: "application/xml" }), "testng-results.xml");
  const response = await fetch(`${inject("baseUrl")}/api/conformance/runs`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}` },
    body,
  });
  expect(response.status).toBe(201);
}

beforeAll(async () => {
  if (!browserAvailable) return;
  // The registry has no page to add a deployment yet: it is arranged in the server's database.
  process.env.DATABASE_URL = inject("databaseUrl");
  // Imported once DATABASE_URL is set: they read the configuration when loaded.
  const { getDb } = await import("../../app/infra/db.server");
  const { runCli } = await import("../../scripts/cli");
  const db = await getDb();
  await db.solution.create({
    data: {
      slug: `solution-e2e-${RUN}`,
      name: SOLUTION,
      versions: {
        create: { version: "2.1", deployments: { create: { slug: DEPLOYMENT_SLUG, name: DEPLOYMENT } } },
      },
    },
  });
  const lines: string[] = [];
  expect(
    await runCli(["api-key", "create", "--user", "karim.haddad", "--scope", "conformance:write"], (line) =>
      lines.push(line),
    ),
  ).toBe(0);
  // Uploads go through the API, so the server's caches hear of them: a failing run, then two passing ones.
  for (const report of [TESTNG, PASSING, PASSING]) await upload(lines[0]!, report);
});
afterAll(async () => {
  if (!browserAvailable) return;
  const { disconnectDb } = await import("../../app/infra/db.server");
  await disconnectDb();
});

describe.skipIf(!browserAvailable)("conformance views", () => {
  it("goes from the matrix to a class, one of its tests, a deployment's chart and its solution", async () => {
    const page = await browser.newPage();
    await page.goto("/conformance");
    const matrix = page.getByRole("table", { name: /Matrice de conformité/ });
    await matrix.getByRole("row", { name: new RegExp(DEPLOYMENT) }).waitFor();
    await waitForInteractive(page);
    await matrix.getByRole("columnheader").getByRole("link", { name: "Features Partie 1 — Socle (core)" }).click();

    await page.getByRole("heading", { level: 1, name: "Features Partie 1 — Socle (core)" }).waitFor();
    const verdicts = page.getByRole("table", { name: /Dernier verdict de chaque déploiement/ });
    const ours = verdicts.getByRole("row", { name: new RegExp(DEPLOYMENT) });
    expect(await ours.locator("[data-verdict]").getAttribute("data-verdict")).toBe("passed");
    await page.getByRole("heading", { level: 2, name: "Clauses qui exigent cette classe" }).waitFor();
    expect(await page.locator('a[href="/clauses/ogcapi-features-pagination"]').count()).toBe(1);
    await waitForInteractive(page);
    await checkAccessibility(page, "conformance-class");
    await screenshot(page, "conformance-class", { fullPage: true });

    await page.getByRole("link", { name: "validateFeaturesWithLimitResponse", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Test validateFeaturesWithLimitResponse" }).waitFor();
    const history = page.getByRole("table", { name: /du plus récent au plus ancien/ });
    // Two collections per run, three runs of ours: one failure, in the first run.
    const ourRows = history.getByRole("row", { name: new RegExp(DEPLOYMENT) });
    await expect.poll(async () => ourRows.count()).toBe(6);
    expect(await ourRows.locator(".fr-badge", { hasText: "échec" }).count()).toBe(1);
    await waitForInteractive(page);
    await checkAccessibility(page, "conformance-test");
    await screenshot(page, "conformance-test", { fullPage: true });

    const latest = page.getByRole("table", { name: /Dernier résultat du test/ });
    await latest.getByRole("link", { name: DEPLOYMENT }).click();
    await page.getByRole("heading", { level: 1, name: DEPLOYMENT }).waitFor();
    const chart = page.getByRole("img", { name: /Taux de tests réussis par passage/ });
    await chart.waitFor();
    await expect.poll(async () => chart.locator("circle").count()).toBe(3);
    await page.getByText("Données du graphique").click();
    const figures = page.getByRole("table", { name: /Taux de tests réussis par passage/ });
    await figures.waitFor();
    expect(await figures.getByRole("row").count()).toBe(4);
    expect(await figures.innerText()).toContain("66,7 %");
    expect(await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute("href")).toBe(
      `/conformance/deployments/${DEPLOYMENT_SLUG}/runs.atom`,
    );
    await waitForInteractive(page);
    await checkAccessibility(page, "conformance-deployment-chart");
    await screenshot(page, "conformance-deployment-chart", { fullPage: true });

    await page.getByRole("link", { name: SOLUTION }).first().click();
    await page.getByRole("heading", { level: 1, name: SOLUTION }).waitFor();
    const deployments = page.getByRole("table", { name: new RegExp(`Déploiements de ${SOLUTION}`) });
    expect(await deployments.getByRole("row", { name: new RegExp(DEPLOYMENT) }).innerText()).toContain("4 sur 6");
    await waitForInteractive(page);
    await checkAccessibility(page, "conformance-solution");
    await screenshot(page, "conformance-solution", { fullPage: true });

    await page.goto("/conformance/classes");
    await page.getByRole("heading", { level: 1, name: "Classes de conformité" }).waitFor();
    await waitForInteractive(page);
    await checkAccessibility(page, "conformance-classes");
    expectNoBrowserProblems(page);
  });
});
