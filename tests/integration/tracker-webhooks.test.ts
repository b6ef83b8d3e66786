// Outgoing webhooks end to end: an admin registers one through the form, posts published through the forum's forms
// queue their events, and the delivery worker sends them to a real HTTP receiver. Also the solutions admin.
import { reportFormFields } from "../support/reports";
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { deliverDueWebhooks } from "../../app/domain/tracker/webhooks.server";
import { createDb, getDb } from "../../app/infra/db.server";
import { getEnv } from "../../app/infra/env.server";
import { useAppServer } from "../support/app-server";
import { csrfFrom, form, sessionCookieFor, submitForm } from "../support/sessions";

// Read once per process, by the app and by the worker called below (hoisted above the imports, which read the
// settings as they load): a receiver that never answers costs the test half a second.
vi.hoisted(() => {
  process.env.WEBHOOK_TIMEOUT_MS = "500";
});

const baseUrl = useAppServer();

// ---- The receiver: a local HTTP server standing for the remote platform (a forge, another geodata portal) that
// registered the webhook. It records what it is sent and answers as each test tells it to.
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}
type Answer = number | "hang";

const received: Received[] = [];
let answers: Answer[] = [];
const hanging: ServerResponse[] = [];
const receiver = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
    const answer = answers.shift() ?? 200;
    if (answer === "hang") {
      hanging.push(response);
      return;
    }
    response.writeHead(answer, { "content-type": "text/plain" }).end("merci");
  });
});
let receiverUrl = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/cicclo`;
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});
// Each test starts with no active webhook and an empty mailbox: deliveries left by another test are not due.
beforeEach(async () => {
  await (await getDb()).webhook.updateMany({ data: { active: false } });
  received.length = 0;
  answers = [];
});

/** What a receiver must check: the signature of the exact bytes received, with the shared secret. */
function validSignature(secret: string, item: Received): boolean {
  const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(item.body).digest("hex")}`);
  const given = Buffer.from(String(item.headers["x-cicclo-signature-256"] ?? ""));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

// ---- Helpers driving the app as people do, through its forms.
const categoryId = async (slug: string) =>
  String((await (await getDb()).category.findUniqueOrThrow({ where: { slug } })).id);

async function publishTopic(username: string, category: string, title: string) {
  const { cookie } = await sessionCookieFor(username);
  const published = await submitForm(baseUrl(), "/new-topic", cookie, {
    category: await categoryId(category),
    title,
    raw: `Constat détaillé : ${title}.`,
    intent: "publish",
    // The interop category asks for its typed report.
    ...(category === "problemes-interoperabilite" && reportFormFields()),
  });
  expect(published.status, published.html.slice(0, 500)).toBe(302);
  const id = Number(/\/(\d+)$/.exec(published.location ?? "")?.[1]);
  return { id, path: published.location! };
}

async function reply(username: string, path: string, raw: string) {
  const { cookie } = await sessionCookieFor(username);
  const response = await submitForm(baseUrl(), path, cookie, { raw, intent: "publish" });
  expect(response.status).toBe(302);
}

/** A form of the admin pages, sent with its CSRF token; multi-valued fields (checkboxes) as arrays. */
async function adminPost(path: string, fields: Record<string, string | string[]>, username = "admin") {
  const { cookie } = await sessionCookieFor(username);
  const csrf = await csrfFrom(baseUrl(), path, cookie);
  const response = await fetch(`${baseUrl()}${path}`, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: form({ ...fields, csrf }),
    redirect: "manual",
  });
  return { status: response.status, location: response.headers.get("location"), html: await response.text() };
}

/** A webhook set up directly, for the tests about delivery rather than about the form. */
async function webhookFor(events: string[], secret = "secret-partage-de-test-0123456789") {
  const hook = await (
    await getDb()
  ).webhook.create({
    data: { url: receiverUrl, secret, events: JSON.stringify(events) },
  });
  return { id: hook.id, secret };
}

const deliveriesOf = async (webhookId: number) =>
  (await getDb()).webhookDelivery.findMany({ where: { webhookId }, orderBy: { id: "asc" } });

describe("webhooks: from the admin form to a signed delivery", () => {
  it("an admin registers a webhook; a new topic and a reply reach the receiver signed, byte for byte", async () => {
    const created = await adminPost("/admin/webhooks", {
      intent: "create",
      url: receiverUrl,
      secretMode: "generated",
      events: ["topic_created", "post_created"],
    });
    expect(created.status).toBe(200);
    const secret = /data-testid="webhook-secret">([0-9a-f]+)</.exec(created.html)?.[1];
    expect(secret).toHaveLength(64);
    const db = await getDb();
    const hook = await db.webhook.findFirstOrThrow({ where: { url: receiverUrl, active: true } });
    expect(JSON.parse(hook.events)).toEqual(["topic_created", "post_created"]);
    // Shown once: the list and the log show it masked, and the audit log does not hold it.
    const { cookie } = await sessionCookieFor("admin");
    for (const path of ["/admin/webhooks", `/admin/webhooks/${hook.id}`, "/admin/audit"]) {
      const page = await (await fetch(`${baseUrl()}${path}`, { headers: { cookie } })).text();
      expect(page).not.toContain(secret);
    }
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "webhook.created" },
      orderBy: { id: "desc" },
    });
    expect(audit).toMatchObject({ targetType: "webhook", targetId: String(hook.id) });
    expect(audit.details).not.toContain(secret);

    const topic = await publishTopic(
      "julien.roux",
      "problemes-interoperabilite",
      "WFS : pagination perdue sur Prodige",
    );
    await reply("claire.martin", topic.path, "Même constat avec geOrchestra 24.0.");
    const queued = await deliveriesOf(hook.id);
    expect(queued.map((delivery) => [delivery.event, delivery.status])).toEqual([
      ["topic_created", "pending"],
      ["post_created", "pending"],
    ]);

    const result = await deliverDueWebhooks(db, { now: new Date() });
    expect(result).toEqual({ delivered: 2, retrying: 0, failed: 0 });
    expect(received).toHaveLength(2);
    for (const [index, delivery] of queued.entries()) {
      const item = received.find((request) => request.headers["x-cicclo-delivery"] === String(delivery.id))!;
      expect(item.body, `delivery ${index}`).toBe(delivery.payload);
      expect(validSignature(secret!, item)).toBe(true);
      expect(item.headers).toMatchObject({
        "content-type": "application/json",
        "user-agent": "CICCLO-Interop-Webhook/1",
        "x-cicclo-event": delivery.event,
      });
    }
    const topicUrl = `${getEnv().publicUrl}/t/wfs-pagination-perdue-sur-prodige/${topic.id}`;
    const first = JSON.parse(queued[0]!.payload);
    expect(first).toMatchObject({
      event: "topic_created",
      topic: {
        id: topic.id,
        title: "WFS : pagination perdue sur Prodige",
        slug: "wfs-pagination-perdue-sur-prodige",
        url: topicUrl,
        category: { slug: "problemes-interoperabilite", name: expect.any(String) },
      },
      post: { post_number: 1, username: "julien.roux", raw: "Constat détaillé : WFS : pagination perdue sur Prodige." },
    });
    expect(JSON.parse(queued[1]!.payload)).toMatchObject({
      event: "post_created",
      topic: { id: topic.id, url: topicUrl },
      post: { post_number: 2, username: "claire.martin", raw: "Même constat avec geOrchestra 24.0." },
    });
    const delivered = await deliveriesOf(hook.id);
    expect(delivered.map((delivery) => [delivery.status, delivery.attempts, delivery.lastStatusCode])).toEqual([
      ["delivered", 1, 200],
      ["delivered", 1, 200],
    ]);
    const log = await (await fetch(`${baseUrl()}/admin/webhooks/${hook.id}`, { headers: { cookie } })).text();
    expect(log.match(/data-status="delivered"/g)).toHaveLength(2);
    expect(log).toContain("HTTP 200");

    // Deactivated, it is sent nothing; deleted, it is gone with its log. Each step audited.
    expect((await adminPost("/admin/webhooks", { intent: "deactivate", webhookId: String(hook.id) })).html).toContain(
      "Le webhook est désactivé",
    );
    await publishTopic("julien.roux", "problemes-interoperabilite", "Un sujet que personne ne reçoit");
    expect(await deliveriesOf(hook.id)).toHaveLength(2);
    await adminPost("/admin/webhooks", { intent: "delete", webhookId: String(hook.id) });
    expect(await db.webhook.findUnique({ where: { id: hook.id } })).toBeNull();
    expect(await deliveriesOf(hook.id)).toHaveLength(0);
    const actions = await db.auditEvent.findMany({ where: { targetType: "webhook", targetId: String(hook.id) } });
    expect(actions.map((event) => event.action)).toEqual(["webhook.created", "webhook.deactivated", "webhook.deleted"]);
  });

  it("retries after a 500 with backoff: nothing before the next attempt time, delivered after it; Renvoyer sends again", async () => {
    const hook = await webhookFor(["topic_created"]);
    await publishTopic("julien.roux", "problemes-interoperabilite", "Géométries inversées en EPSG:4326");
    const db = await getDb();
    const [delivery] = await deliveriesOf(hook.id);
    answers = [500, 200];

    const t0 = new Date();
    expect(await deliverDueWebhooks(db, { now: t0 })).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    const failed = (await deliveriesOf(hook.id))[0]!;
    expect(failed).toMatchObject({
      status: "pending",
      attempts: 1,
      lastStatusCode: 500,
      lastError: "Réponse HTTP 500",
    });
    expect(failed.nextAttemptAt.getTime()).toBe(t0.getTime() + 30_000);

    expect(await deliverDueWebhooks(db, { now: new Date(t0.getTime() + 29_999) })).toEqual({
      delivered: 0,
      retrying: 0,
      failed: 0,
    });
    expect(received).toHaveLength(1);

    expect(await deliverDueWebhooks(db, { now: new Date(t0.getTime() + 30_000) })).toMatchObject({ delivered: 1 });
    expect(received).toHaveLength(2);
    expect(received[1]!.body).toBe(delivery!.payload);
    expect(received[1]!.headers["x-cicclo-delivery"]).toBe(String(delivery!.id));
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 200 });

    const requeued = await adminPost(`/admin/webhooks/${hook.id}`, { deliveryId: String(delivery!.id) });
    expect(requeued.html).toContain(`La livraison n° ${delivery!.id} est de nouveau en attente d&#x27;envoi.`);
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({ status: "pending", attempts: 0 });
    await deliverDueWebhooks(db, { now: new Date() });
    expect(received).toHaveLength(3);
    expect(received[2]!.headers["x-cicclo-delivery"]).toBe(String(delivery!.id));
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "webhook.delivery_requeued" } });
    expect(JSON.parse(audit.details)).toMatchObject({ deliveryId: delivery!.id, previousStatus: "delivered" });
  });

  it("records a receiver that never answers as a timeout, and gives up after the last attempt", async () => {
    const hook = await webhookFor(["topic_created"]);
    await publishTopic("julien.roux", "problemes-interoperabilite", "Le service WMS ne répond plus");
    const db = await getDb();
    answers = ["hang"];
    const now = new Date();
    expect(await deliverDueWebhooks(db, { now })).toMatchObject({ retrying: 1 });
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({
      status: "pending",
      attempts: 1,
      lastStatusCode: null,
      lastError: "Pas de réponse dans le délai de 500 ms.",
    });
    for (const response of hanging.splice(0)) response.destroy();

    answers = [503];
    const later = new Date(now.getTime() + 60_000);
    expect(await deliverDueWebhooks(db, { now: later, maxAttempts: 2 })).toMatchObject({ failed: 1 });
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({ status: "failed", attempts: 2, lastStatusCode: 503 });
    expect(await deliverDueWebhooks(db, { now: new Date(later.getTime() + 86_400_000) })).toMatchObject({ failed: 0 });
    expect(received).toHaveLength(2);
  });

  it("sends nothing about the private security category, from a topic or a reply", async () => {
    const hook = await webhookFor(["topic_created", "post_created"]);
    const secret = await publishTopic("karim.haddad", "securite", "Faille XSS dans le visualiseur de Prodige");
    await reply("admin", secret.path, "Correctif en préparation, ne pas divulguer.");
    expect(await deliveriesOf(hook.id)).toHaveLength(0);
    // The same people in a public category: queued (the check above is not vacuous).
    await publishTopic("karim.haddad", "annonces", "Maintenance de la plateforme samedi");
    expect((await deliveriesOf(hook.id)).map((delivery) => delivery.event)).toEqual(["topic_created"]);
  });

  it("sends each delivery once when two workers (two database connections, as two replicas) run at once", async () => {
    const hook = await webhookFor(["topic_created"]);
    for (const title of ["Premier sujet concurrent", "Deuxième sujet concurrent", "Troisième sujet concurrent"]) {
      await publishTopic("julien.roux", "problemes-interoperabilite", title);
    }
    const db = await getDb();
    // A second client of the same database (SQLite file or PostgreSQL), as another replica holds.
    const replica = createDb();
    try {
      const now = new Date();
      const results = await Promise.all([deliverDueWebhooks(db, { now }), deliverDueWebhooks(replica, { now })]);
      expect(results[0].delivered + results[1].delivered).toBe(3);
    } finally {
      await replica.$disconnect();
    }
    const ids = received.map((request) => request.headers["x-cicclo-delivery"]);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect((await deliveriesOf(hook.id)).map((delivery) => [delivery.status, delivery.attempts])).toEqual([
      ["delivered", 1],
      ["delivered", 1],
      ["delivered", 1],
    ]);
  });

  it("refuses a bad address, a short secret or no event with a 422 and French messages, and writes nothing", async () => {
    const db = await getDb();
    const before = { hooks: await db.webhook.count(), audit: await db.auditEvent.count() };
    const cases: [Record<string, string | string[]>, string][] = [
      [
        { url: "ftp://forge.example.fr/hooks", secretMode: "generated", events: ["topic_created"] },
        "L&#x27;adresse doit commencer par http:// ou https://",
      ],
      [
        { url: receiverUrl, secretMode: "typed", secret: "trop-court", events: ["topic_created"] },
        "Le secret doit contenir au moins 16 caractères.",
      ],
      [{ url: receiverUrl, secretMode: "generated" }, "Choisissez au moins un événement."],
    ];
    for (const [fields, message] of cases) {
      const response = await adminPost("/admin/webhooks", { intent: "create", ...fields });
      expect(response.status).toBe(422);
      expect(response.html).toContain(message);
    }
    expect({ hooks: await db.webhook.count(), audit: await db.auditEvent.count() }).toEqual(before);
  });
});

describe("solutions admin", () => {
  it("creates a solution with its maintainers' group, adds versions, refuses duplicates with a 422, edits it", async () => {
    const db = await getDb();
    const created = await adminPost("/admin/solutions", {
      name: "Mviewer",
      slug: "",
      repositoryUrl: "https://github.com/mviewer/mviewer",
      trackerUrl: "https://github.com/mviewer/mviewer/issues",
      maintainerGroup: "__new__",
    });
    expect(created.status).toBe(200);
    expect(created.html).toContain("La solution « Mviewer » a été créée.");
    const solution = await db.solution.findUniqueOrThrow({
      where: { slug: "mviewer" },
      include: { maintainerGroup: true },
    });
    expect(solution.maintainerGroup?.name).toBe("mainteneurs-mviewer");

    const duplicate = await adminPost("/admin/solutions", {
      name: "Mviewer bis",
      slug: "mviewer",
      maintainerGroup: "",
    });
    expect(duplicate.status).toBe(422);
    expect(duplicate.html).toContain("Cet identifiant est déjà pris : choisissez-en un autre.");
    expect(await db.solution.count({ where: { name: "Mviewer bis" } })).toBe(0);

    const added = await adminPost("/admin/solutions/mviewer", { intent: "add-version", version: "3.9" });
    expect(added.html).toContain("La version 3.9 de Mviewer a été ajoutée.");
    const again = await adminPost("/admin/solutions/mviewer", { intent: "add-version", version: "3.9" });
    expect(again.status).toBe(422);
    expect(again.html).toContain("Cette version existe déjà pour cette solution.");
    expect(await db.solutionVersion.count({ where: { solutionId: solution.id } })).toBe(1);

    const edited = await adminPost("/admin/solutions/mviewer", {
      intent: "save",
      name: "mviewer (Région Bretagne)",
      slug: "mviewer-bretagne",
      repositoryUrl: "https://github.com/mviewer/mviewer",
      trackerUrl: "",
      maintainerGroup: "mainteneurs-mviewer",
    });
    expect(edited.status).toBe(302);
    expect(edited.location).toBe("/admin/solutions/mviewer-bretagne");
    const { cookie } = await sessionCookieFor("admin");
    const list = await (await fetch(`${baseUrl()}/admin/solutions`, { headers: { cookie } })).text();
    expect(list).toContain("mviewer (Région Bretagne)");
    expect(list).toContain("3.9");

    const actions = await db.auditEvent.findMany({
      where: { OR: [{ targetType: "solution" }, { targetId: "mainteneurs-mviewer" }] },
      orderBy: { id: "asc" },
    });
    expect(actions.map((event) => event.action)).toEqual([
      "group.created",
      "solution.created",
      "solution.version_added",
      "solution.updated",
    ]);
    expect(JSON.parse(actions[3]!.details)).toMatchObject({
      slug: { from: "mviewer", to: "mviewer-bretagne" },
      trackerUrl: { from: "https://github.com/mviewer/mviewer/issues", to: "" },
    });
  });
});

describe.each([
  ["an anonymous visitor", null],
  ["a member", "julien.roux"],
  ["a moderator", "karim.haddad"],
])("webhooks and solutions admin refused to %s", (_label, username) => {
  async function snapshot() {
    const db = await getDb();
    return {
      hooks: await db.webhook.findMany({ orderBy: { id: "asc" } }),
      deliveries: await db.webhookDelivery.findMany({ orderBy: { id: "asc" } }),
      solutions: await db.solution.findMany({ orderBy: { id: "asc" } }),
      versions: await db.solutionVersion.count(),
      audit: await db.auditEvent.count(),
    };
  }

  it("answers 403 on the pages and on every action, and changes nothing", async () => {
    const hook = await webhookFor(["topic_created"]);
    const delivery = await (
      await getDb()
    ).webhookDelivery.create({
      data: { webhookId: hook.id, event: "topic_created", payload: "{}", status: "failed" },
    });
    const cookie = username ? (await sessionCookieFor(username)).cookie : undefined;
    for (const path of [
      "/admin",
      "/admin/webhooks",
      `/admin/webhooks/${hook.id}`,
      "/admin/solutions",
      "/admin/solutions/georchestra",
    ]) {
      const response = await fetch(`${baseUrl()}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
      expect(response.status, path).toBe(403);
      expect(await response.text()).not.toContain(hook.secret);
    }
    const csrf = await csrfFrom(baseUrl(), "/", cookie);
    const before = await snapshot();
    const actions: [string, Record<string, string | string[]>][] = [
      ["/admin/webhooks", { intent: "create", url: receiverUrl, secretMode: "generated", events: ["topic_created"] }],
      ["/admin/webhooks", { intent: "activate", webhookId: String(hook.id) }],
      ["/admin/webhooks", { intent: "delete", webhookId: String(hook.id) }],
      [`/admin/webhooks/${hook.id}`, { deliveryId: String(delivery.id) }],
      ["/admin/solutions", { name: "Intrus", slug: "intrus", maintainerGroup: "__new__" }],
      ["/admin/solutions/georchestra", { intent: "add-version", version: "99.0" }],
      ["/admin/solutions/georchestra", { intent: "save", name: "Piraté", slug: "georchestra" }],
    ];
    for (const [path, fields] of actions) {
      const response = await fetch(`${baseUrl()}${path}`, {
        method: "POST",
        headers: { ...(cookie ? { cookie } : {}), "content-type": "application/x-www-form-urlencoded" },
        body: form({ ...fields, csrf }),
        redirect: "manual",
      });
      expect(response.status, `${path} ${JSON.stringify(fields)}`).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });
});
