// The tracker's admin pages in a real browser: an admin adds a solution and its first version, registers a webhook,
// and after a topic is published sees its delivery in the webhook's log, signed and received.
//
// The delivery worker is called from this test, on the server's database, rather than waited for: the server runs
// it every WEBHOOK_POLL_SECONDS too, and whichever sends first, the claim lets only one of them send — so the
// test neither sleeps nor depends on a timer, and still sees the one delivery the receiver got.
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
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
// Unique per run, so that a rerun on a reused database finds its own rows.
const RUN = Date.now().toString(36);
const SOLUTION = `Mviewer ${RUN}`;
const TITLE = `Mviewer : les couches WMTS ne s'affichent plus (${RUN})`;

// The receiver stands for the remote platform that registered the webhook: a local HTTP server that keeps what
// it is sent. Other e2e files publish topics at the same time, so the test looks for its own topic's delivery.
const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
const receiver = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
    response.writeHead(204).end();
  });
});
let receiverUrl = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  // The worker below runs in this process, on the e2e server's database.
  process.env.DATABASE_URL = inject("databaseUrl");
});
afterAll(async () => {
  const { disconnectDb } = await import("../../app/infra/db.server");
  await disconnectDb();
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

describe.skipIf(!browserAvailable)("tracker administration", () => {
  it("adds a solution with a version and a webhook, and shows a topic's delivery in the log", async () => {
    const page = await browser.newPage();
    await page.goto(`/auth/login?returnTo=${encodeURIComponent("/admin")}`);
    await page.getByRole("button", { name: /Alex Admin/ }).click();
    await page.waitForURL((url) => url.pathname === "/admin");
    await waitForInteractive(page);

    // The admin index leads to both pages.
    await page
      .getByRole("listitem")
      .filter({ hasText: "Solutions, versions et groupes de mainteneurs." })
      .getByRole("link", { name: "Solutions" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Solutions" }).waitFor();
    await page.getByLabel(/^Nom/).fill(SOLUTION);
    await page.getByLabel(/^Dépôt du code source/).fill("https://github.com/mviewer/mviewer");
    await page
      .getByLabel(/^Groupe des mainteneurs/)
      .selectOption({ label: "Créer le groupe « mainteneurs-<identifiant> »" });
    await page.getByRole("button", { name: "Créer la solution" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: `La solution « ${SOLUTION} » a été créée.` })
      .waitFor();
    const row = page.getByRole("table", { name: "Solutions" }).getByRole("row", { name: new RegExp(SOLUTION) });
    expect(await row.textContent()).toContain(`Mainteneurs ${SOLUTION}`);
    await checkAccessibility(page, "admin-solutions");
    await screenshot(page, "admin-solutions");

    await page.getByRole("link", { name: "Ajouter ses versions" }).click();
    await page.getByRole("heading", { level: 1, name: SOLUTION }).waitFor();
    await page.getByLabel(/^Nouvelle version/).fill("3.9");
    await page.getByRole("button", { name: "Ajouter la version" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: `La version 3.9 de ${SOLUTION} a été ajoutée.` })
      .waitFor();
    const versions = page.getByRole("table", { name: `Versions de ${SOLUTION}` });
    expect(await versions.getByRole("row").nth(1).getByRole("cell").first().textContent()).toBe("3.9");
    // The same version again: refused next to the field.
    await page.getByLabel(/^Nouvelle version/).fill("3.9");
    await page.getByRole("button", { name: "Ajouter la version" }).click();
    await page.getByText("Cette version existe déjà pour cette solution.").waitFor();
    await checkAccessibility(page, "admin-solution");

    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Webhooks" }).click();
    await page.getByRole("heading", { level: 1, name: "Webhooks" }).waitFor();
    await page.getByLabel(/^Adresse de réception/).fill(receiverUrl);
    await page.locator('label[for="event-topic_created"]').click();
    await page.getByRole("button", { name: "Créer le webhook" }).click();
    const secret = await page.getByTestId("webhook-secret").innerText();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    await checkAccessibility(page, "admin-webhooks");
    await screenshot(page, "admin-webhooks");
    // Shown once: the next visit shows it masked.
    await page.reload();
    expect(await page.content()).not.toContain(secret);

    // The admin publishes a topic in a public category.
    await page.goto("/new-topic");
    await waitForInteractive(page);
    await page.getByLabel("Catégorie").selectOption({ label: "Annonces" });
    await page.getByLabel(/^Titre/).fill(TITLE);
    await page.getByRole("textbox", { name: /^Message/ }).fill("Depuis la mise à jour, la couche WMTS reste vide.");
    await page.getByRole("button", { name: "Publier le sujet" }).click();
    await page.waitForURL(/\/t\/[a-z0-9-]+\/\d+$/);

    const { getDb } = await import("../../app/infra/db.server");
    const { deliverDueWebhooks } = await import("../../app/domain/tracker/webhooks.server");
    await deliverDueWebhooks(await getDb());
    // The e2e server runs the same worker every WEBHOOK_POLL_SECONDS: if it claimed the delivery first, the request
    // may still be on its way when this run finds nothing due. One delivery arrives either way.
    const ours = () => received.filter((item) => item.body.includes(JSON.stringify(TITLE)));
    await expect.poll(() => ours().length, { timeout: 10_000 }).toBe(1);
    const [delivery] = ours();
    expect(delivery!.headers["x-cicclo-signature-256"]).toBe(
      `sha256=${createHmac("sha256", secret).update(delivery!.body).digest("hex")}`,
    );
    expect(JSON.parse(delivery!.body)).toMatchObject({ event: "topic_created", topic: { title: TITLE } });
    // The sender records the answer once it has it.
    const deliveryId = Number(delivery!.headers["x-cicclo-delivery"]);
    await expect
      .poll(async () => (await (await getDb()).webhookDelivery.findUnique({ where: { id: deliveryId } }))?.status)
      .toBe("delivered");

    await page.goto("/admin/webhooks");
    await waitForInteractive(page);
    await page.getByRole("link", { name: receiverUrl, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Journal des livraisons" }).waitFor();
    const log = page.getByRole("table", { name: "Livraisons, les plus récentes d'abord" });
    const logRow = log.locator(`tr[data-delivery="${deliveryId}"]`);
    expect(await logRow.locator("[data-status]").getAttribute("data-status")).toBe("delivered");
    expect(await logRow.textContent()).toContain("HTTP 204");
    await logRow.getByText("Afficher le JSON").click();
    expect(await logRow.locator("pre").innerText()).toContain(TITLE);
    await checkAccessibility(page, "admin-webhook-log");
    await screenshot(page, "admin-webhook-log", { fullPage: true });
    // The one refusal above (the duplicate version) is a 422 the browser logs.
    expectNoBrowserProblems(page, { allowConsoleErrors: [/status of 422 .*\/admin\/solutions\/mviewer-/] });
  });
});
