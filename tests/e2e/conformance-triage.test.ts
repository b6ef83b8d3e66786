// Issue #8's triage story in a real browser (docs/decisions/017): a platform's CI uploads an EARL report, the matrix
// cell turns red, a member selects the failure on the run page and « Signaler un problème » opens the interop report
// pre-filled from it; once published, a passing run uploaded later posts in the issue on its own.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import {
  browserAvailable,
  checkAccessibility,
  expectNoBrowserProblems,
  matrixCell,
  screenshot,
  useBrowser,
  waitForInteractive,
} from "./browser";

const browser = useBrowser();
const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/conformance");
const FAILING = readFileSync(path.join(FIXTURES, "earl-features10.rdf"));
const PASSING = readFileSync(path.join(FIXTURES, "earl-features10-passing.rdf"));
const CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
// Not used by the other browser tests, whose matrix assertions this story must not change.
const DEPLOYMENT = "geoplateforme-wfs";
const DEPLOYMENT_NAME = "Géoplateforme – service de données";
const TEST = "validateFeaturesOperation_QueryParamInvalid";

async function uploadReport(key: string, bytes: Buffer): Promise<number> {
  const body = new FormData();
  body.append("deployment", DEPLOYMENT);
  body.append("file", new Blob([new Uint8Array(bytes)], { type: "application/rdf+xml" }), "earl-results.rdf");
  const response = await fetch(`${inject("baseUrl")}/api/conformance/runs`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}` },
    body,
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: number }).id;
}

async function signIn(person: RegExp, returnTo: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByRole("button", { name: person }).click();
  await page.waitForURL((url) => url.pathname === returnTo.split("?")[0]);
  await waitForInteractive(page);
  return page;
}

describe.skipIf(!browserAvailable)("triage of a conformance failure", () => {
  it("reports a failing test from its run, pre-filled, and the issue hears of the passing run", async () => {
    // A Géoplateforme maintainer creates the key their CI uploads reports with.
    const karim = await signIn(/Karim Haddad/, "/u/karim.haddad/preferences/api-keys");
    await karim.getByLabel(/Nom de la clé/).fill("CI Géoplateforme");
    await karim.locator('label[for="scope-conformance:write"]').click();
    await karim.getByRole("button", { name: "Créer la clé" }).click();
    const key = await karim.getByTestId("api-key-secret").innerText();
    const runId = await uploadReport(key, FAILING);

    // The matrix cell turns red.
    const claire = await signIn(/Claire Martin/, "/conformance");
    const cell = await matrixCell(
      claire.getByRole("table", { name: /Matrice de conformité/ }),
      new RegExp(DEPLOYMENT_NAME),
      CORE,
    );
    expect(await cell.locator("[data-verdict]").getAttribute("data-verdict")).toBe("failed");
    expect(await cell.locator("[data-verdict]").textContent()).toBe("1 échec");

    // The run page: failures to select, and the two triage actions.
    await cell.getByRole("link", { name: /passage du/ }).click();
    await claire.waitForURL((url) => url.pathname === `/conformance/runs/${runId}`);
    const triage = claire.getByRole("group", { name: /Tests en échec ou en erreur/ });
    await triage.waitFor();
    await waitForInteractive(claire);
    await checkAccessibility(claire, "conformance-run-triage");
    await screenshot(claire, "conformance-run-triage", { fullPage: true });
    const checkbox = triage.getByRole("checkbox", { name: new RegExp(`^${TEST}`) });
    await claire.locator(`label[for="${await checkbox.getAttribute("id")}"]`).click();
    expect(await checkbox.isChecked()).toBe(true);
    await claire.getByRole("button", { name: "Signaler un problème" }).click();

    // The report form, pre-filled from the failure.
    await claire.waitForURL((url) => url.pathname === "/new-topic");
    await claire.locator("#report-legend").waitFor();
    await waitForInteractive(claire);
    const title = `Échec du test « ${TEST} » sur ${DEPLOYMENT_NAME}`;
    await expect.poll(() => claire.getByLabel(/^Titre/).inputValue()).toBe(title);
    expect(await claire.getByLabel(/^URL du service/).inputValue()).toBe("https://data.geopf.fr/ogcapi");
    expect(await claire.getByLabel(/^Comportement constaté/).inputValue()).toContain("expected [400] but found [200]");
    expect(await claire.getByLabel(/^Standard ou classe de conformité/).inputValue()).toBe(CORE);
    expect(await claire.getByLabel(/^Solution qui signale le problème/).inputValue()).toMatch(/^geoplateforme@/);
    expect(await claire.getByText(/Ce sujet suivra le test/).textContent()).toContain(TEST);
    await checkAccessibility(claire, "new-topic-from-failure");
    await screenshot(claire, "new-topic-from-failure", { fullPage: true });
    await claire.locator('label[for="report-severity-major"]').click();
    await claire.getByRole("button", { name: "Publier le sujet" }).click();
    await claire.getByRole("heading", { level: 1, name: title }).waitFor();
    const issuePath = new URL(claire.url()).pathname;
    const issueId = Number(issuePath.split("/").at(-1));
    // The issue lists the test it follows, failing for now.
    const linkedTests = claire.getByRole("region", { name: "Tests de conformité liés" });
    expect(await linkedTests.textContent()).toContain("1 test sur 1 en échec à leur dernier passage.");
    expect(await linkedTests.getByRole("link", { name: TEST }).count()).toBe(1);

    // The run page now shows the issue next to the failure (in the triage form and beside each of the test case's
    // two parameterised results), with the link's removal for its author.
    await claire.goto(`/conformance/runs/${runId}`);
    await waitForInteractive(claire);
    expect(await claire.getByRole("link", { name: `#${issueId} ${title}` }).count()).toBe(3);
    expect(await claire.getByRole("button", { name: `Retirer le lien avec le sujet n° ${issueId}` }).count()).toBe(2);
    expectNoBrowserProblems(claire);

    // The fix ships: the next run passes, and the issue says so by itself.
    const passingRun = await uploadReport(key, PASSING);
    await claire.goto(issuePath);
    await claire
      .getByText(
        `Le test « ${TEST} » réussit désormais sur le déploiement « ${DEPLOYMENT_NAME} » (passage n° ${passingRun}).`,
      )
      .waitFor();
    await waitForInteractive(claire);
    expect(await claire.getByRole("region", { name: "Tests de conformité liés" }).textContent()).toContain(
      "Tous les tests liés réussissent à leur dernier passage.",
    );
    await screenshot(claire, "issue-test-flipped");
    expectNoBrowserProblems(claire);
  });
});
