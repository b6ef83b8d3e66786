// Outgoing webhooks: an event is written as one delivery row per subscribed webhook, in the transaction of the
// change that causes it (an outbox), so a crash between commit and send loses nothing. The delivery worker signs
// and sends them, retrying with backoff; the rows are the delivery log the admin pages show.
import { randomBytes } from "node:crypto";
import type { Db, DbOrTx } from "~/infra/db.server";
import { getEnv } from "~/infra/env.server";
import { recordAudit } from "~/domain/identity/audit.server";
import type { SignedInUser } from "~/domain/identity/viewer";
import { anonymousReader, canSeeCategory, type CategoryRules } from "~/domain/forum/permissions";
import { DomainError, notFound } from "~/domain/shared/errors";
import { afterAttempt, webhookSignature, type DeliveryStatus, type WebhookEvent, type WebhookInput } from "./webhooks";

export { WEBHOOK_EVENTS, type WebhookEvent } from "./webhooks";

async function subscribedWebhooks(tx: DbOrTx, event: WebhookEvent): Promise<number[]> {
  const hooks = await tx.webhook.findMany({ where: { active: true }, select: { id: true, events: true } });
  return hooks.filter((hook) => (JSON.parse(hook.events) as string[]).includes(event)).map((hook) => hook.id);
}

async function writeDeliveries(
  tx: DbOrTx,
  webhookIds: number[],
  event: WebhookEvent,
  payload: Record<string, unknown>,
) {
  const body = JSON.stringify({ event, created_at: new Date().toISOString(), ...payload });
  await tx.webhookDelivery.createMany({ data: webhookIds.map((webhookId) => ({ webhookId, event, payload: body })) });
}

/** Queues `event` for every active webhook subscribed to it. The payload must hold nothing private: callers pass
 * only content every subscriber may see (events of read-restricted categories are not sent). */
export async function enqueueWebhookEvent(tx: DbOrTx, event: WebhookEvent, payload: Record<string, unknown>) {
  const subscribed = await subscribedWebhooks(tx, event);
  if (subscribed.length === 0) return;
  await writeDeliveries(tx, subscribed, event, payload);
}

/** The `topic` object of every payload: what an anonymous visitor sees of the topic, with its public address. */
export async function webhookTopicPayload(tx: DbOrTx, topicId: number) {
  const topic = await tx.topic.findUniqueOrThrow({
    where: { id: topicId },
    select: { id: true, title: true, slug: true, category: { select: { id: true, slug: true, name: true } } },
  });
  return { ...topic, url: `${getEnv().publicUrl}/t/${topic.slug}/${topic.id}` };
}

/** topic_created (first post) or post_created (a reply), in the transaction that publishes the post. Nothing
 * leaves for a category an anonymous visitor cannot read: the security reports stay inside. */
export async function enqueuePostWebhook(
  tx: DbOrTx,
  event: "topic_created" | "post_created",
  published: { topicId: number; postId: number; rules: CategoryRules },
) {
  if (!canSeeCategory(anonymousReader, published.rules)) return;
  const subscribed = await subscribedWebhooks(tx, event);
  if (subscribed.length === 0) return;
  const post = await tx.post.findUniqueOrThrow({
    where: { id: published.postId },
    select: { id: true, postNumber: true, raw: true, createdAt: true, user: { select: { username: true } } },
  });
  await writeDeliveries(tx, subscribed, event, {
    topic: await webhookTopicPayload(tx, published.topicId),
    post: {
      id: post.id,
      post_number: post.postNumber,
      username: post.user.username,
      raw: post.raw,
      created_at: post.createdAt.toISOString(),
    },
  });
}

// --- Administration ---------------------------------------------------------------------------------------------

function requireAdminActor(actor: SignedInUser) {
  if (actor.role !== "admin") throw new DomainError(403, "Seuls les administrateurs gèrent les webhooks.");
}

const parseEvents = (events: string) => JSON.parse(events) as WebhookEvent[];

export async function listWebhooks(db: Db) {
  const [hooks, counts] = await Promise.all([
    db.webhook.findMany({
      orderBy: { id: "asc" },
      select: { id: true, url: true, events: true, active: true, createdAt: true },
    }),
    db.webhookDelivery.groupBy({ by: ["webhookId", "status"], _count: { _all: true } }),
  ]);
  return hooks.map((hook) => {
    const count = (status: DeliveryStatus) =>
      counts.find((row) => row.webhookId === hook.id && row.status === status)?._count._all ?? 0;
    return {
      id: hook.id,
      url: hook.url,
      events: parseEvents(hook.events),
      active: hook.active,
      createdAt: hook.createdAt.toISOString(),
      deliveries: { pending: count("pending"), delivered: count("delivered"), failed: count("failed") },
    };
  });
}

const LOG_PAGE_SIZE = 50;

/** A webhook (never its secret) and its deliveries, newest first, 50 a page (keyset on the id). */
export async function getWebhookLog(db: Db, webhookId: number, options: { beforeId?: number } = {}) {
  const hook = await db.webhook.findUnique({
    where: { id: webhookId },
    select: { id: true, url: true, events: true, active: true, createdAt: true },
  });
  if (!hook) throw notFound("Ce webhook", { webhookId });
  const deliveries = await db.webhookDelivery.findMany({
    where: { webhookId, ...(options.beforeId ? { id: { lt: options.beforeId } } : {}) },
    orderBy: { id: "desc" },
    take: LOG_PAGE_SIZE + 1,
  });
  return {
    webhook: { ...hook, events: parseEvents(hook.events), createdAt: hook.createdAt.toISOString() },
    deliveries: deliveries.slice(0, LOG_PAGE_SIZE).map((delivery) => ({
      id: delivery.id,
      event: delivery.event,
      status: delivery.status as DeliveryStatus,
      attempts: delivery.attempts,
      lastStatusCode: delivery.lastStatusCode,
      lastError: delivery.lastError,
      nextAttemptAt: delivery.status === "pending" ? delivery.nextAttemptAt.toISOString() : null,
      deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
      createdAt: delivery.createdAt.toISOString(),
      payload: delivery.payload,
    })),
    nextBeforeId: deliveries.length > LOG_PAGE_SIZE ? deliveries[LOG_PAGE_SIZE - 1]!.id : null,
  };
}

/** Creates a webhook; returns the secret only when the server generated it, for the one page that shows it. */
export async function createWebhook(db: Db, actor: SignedInUser, input: WebhookInput) {
  requireAdminActor(actor);
  const generated = input.secret === null;
  const secret = input.secret ?? randomBytes(32).toString("hex");
  return db.$transaction(async (tx) => {
    const hook = await tx.webhook.create({
      data: { url: input.url, secret, events: JSON.stringify(input.events) },
      select: { id: true, url: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "webhook.created",
      targetType: "webhook",
      targetId: hook.id,
      // Never the secret itself.
      details: { url: hook.url, events: input.events, secret: generated ? "generated" : "typed" },
    });
    return { webhook: hook, secret: generated ? secret : null };
  });
}

export async function setWebhookActive(db: Db, actor: SignedInUser, webhookId: number, active: boolean) {
  requireAdminActor(actor);
  return db.$transaction(async (tx) => {
    const hook = await tx.webhook.findUnique({ where: { id: webhookId }, select: { active: true, url: true } });
    if (!hook) throw notFound("Ce webhook", { webhookId });
    if (hook.active === active) return { changed: false };
    await tx.webhook.update({ where: { id: webhookId }, data: { active } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: active ? "webhook.activated" : "webhook.deactivated",
      targetType: "webhook",
      targetId: webhookId,
      details: { url: hook.url },
    });
    return { changed: true };
  });
}

/** Deletes a webhook and its delivery log. */
export async function deleteWebhook(db: Db, actor: SignedInUser, webhookId: number) {
  requireAdminActor(actor);
  return db.$transaction(async (tx) => {
    const hook = await tx.webhook.findUnique({ where: { id: webhookId }, select: { url: true } });
    if (!hook) throw notFound("Ce webhook", { webhookId });
    await tx.webhook.delete({ where: { id: webhookId } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "webhook.deleted",
      targetType: "webhook",
      targetId: webhookId,
      details: { url: hook.url },
    });
  });
}

/** "Renvoyer": the delivery goes back to the queue, due now, with a fresh series of attempts. */
export async function requeueDelivery(
  db: Db,
  actor: SignedInUser,
  webhookId: number,
  deliveryId: number,
  now = new Date(),
) {
  requireAdminActor(actor);
  return db.$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.findFirst({
      where: { id: deliveryId, webhookId },
      select: { id: true, event: true, status: true },
    });
    if (!delivery) throw notFound("Cette livraison", { webhookId, deliveryId });
    await tx.webhookDelivery.update({
      where: { id: deliveryId },
      data: { status: "pending", attempts: 0, nextAttemptAt: now, deliveredAt: null },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "webhook.delivery_requeued",
      targetType: "webhook",
      targetId: webhookId,
      details: { deliveryId, event: delivery.event, previousStatus: delivery.status },
    });
  });
}

// --- Delivery worker --------------------------------------------------------------------------------------------

export interface DeliveryRunOptions {
  /** The clock of this run: due means nextAttemptAt ≤ now; times recorded are now. */
  now?: Date;
  /** Injected in tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  batchSize?: number;
  maxAttempts?: number;
  timeoutMs?: number;
}

export interface DeliveryRunResult {
  delivered: number;
  retrying: number;
  failed: number;
}

const MAX_BATCHES_PER_RUN = 20;
// A claimed delivery is out of every other worker's sight for the timeout plus this margin; if its worker dies,
// another one sends it after that (counted as one more attempt).
const LEASE_MARGIN_MS = 60_000;

/**
 * Sends the due deliveries (pending, nextAttemptAt ≤ now) of active webhooks, a batch at a time. Each row is
 * claimed by a conditional update (attempts still the value read, and still due) that moves its next attempt past a
 * short lease: one claimer wins on SQLite and on PostgreSQL alike (the row lock makes the loser re-read the row and
 * match nothing), so N replicas never send a delivery twice.
 */
export async function deliverDueWebhooks(db: Db, options: DeliveryRunOptions = {}): Promise<DeliveryRunResult> {
  const env = getEnv();
  const now = options.now ?? new Date();
  const maxAttempts = options.maxAttempts ?? env.WEBHOOK_MAX_ATTEMPTS;
  const timeoutMs = options.timeoutMs ?? env.WEBHOOK_TIMEOUT_MS;
  const batchSize = options.batchSize ?? 20;
  const send = options.fetch ?? fetch;
  const result: DeliveryRunResult = { delivered: 0, retrying: 0, failed: 0 };
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
    const due = await db.webhookDelivery.findMany({
      where: { status: "pending", nextAttemptAt: { lte: now }, webhook: { active: true } },
      orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
      take: batchSize,
      select: {
        id: true,
        event: true,
        payload: true,
        attempts: true,
        webhook: { select: { url: true, secret: true } },
      },
    });
    if (due.length === 0) break;
    await Promise.all(
      due.map(async (delivery) => {
        const attempts = delivery.attempts + 1;
        const { count } = await db.webhookDelivery.updateMany({
          where: { id: delivery.id, status: "pending", attempts: delivery.attempts, nextAttemptAt: { lte: now } },
          data: { attempts, nextAttemptAt: new Date(now.getTime() + timeoutMs + LEASE_MARGIN_MS) },
        });
        if (count === 0) return; // another worker has it
        const outcome = await sendDelivery(send, delivery, timeoutMs);
        const next = afterAttempt(outcome, attempts, maxAttempts, now);
        // Conditional too: an admin's "Renvoyer" during the send resets the row, and wins.
        await db.webhookDelivery.updateMany({
          where: { id: delivery.id, status: "pending", attempts },
          data: {
            status: next.status,
            lastStatusCode: outcome.statusCode,
            lastError: outcome.error,
            ...(next.status === "delivered" ? { deliveredAt: now } : {}),
            ...(next.nextAttemptAt ? { nextAttemptAt: next.nextAttemptAt } : {}),
          },
        });
        result[next.status === "pending" ? "retrying" : next.status]++;
      }),
    );
  }
  return result;
}

interface Outcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

/** One POST of the stored body, signed; no redirect followed (a 3xx is a failure), the answer's body ignored. */
async function sendDelivery(
  send: typeof fetch,
  delivery: { id: number; event: string; payload: string; webhook: { url: string; secret: string } },
  timeoutMs: number,
): Promise<Outcome> {
  try {
    const response = await send(delivery.webhook.url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "CICCLO-Interop-Webhook/1",
        "X-Cicclo-Event": delivery.event,
        "X-Cicclo-Delivery": String(delivery.id),
        "X-Cicclo-Signature-256": await webhookSignature(delivery.webhook.secret, delivery.payload),
      },
      body: delivery.payload,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return { ok, statusCode: response.status, error: ok ? null : `Réponse HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, statusCode: null, error: describeSendError(error, timeoutMs) };
  }
}

function describeSendError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `Pas de réponse dans le délai de ${timeoutMs} ms.`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `Envoi impossible : ${detail}.`.slice(0, 500);
}
