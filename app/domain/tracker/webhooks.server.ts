// Outgoing webhooks: an event is written as one delivery row per subscribed webhook, in the transaction of the
// change that causes it (an outbox), so a crash between commit and send loses nothing. The delivery worker signs
// and sends them, retrying with backoff.
import type { DbOrTx } from "~/infra/db.server";

export const WEBHOOK_EVENTS = ["topic_created", "status_changed", "post_created"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Queues `event` for every active webhook subscribed to it. The payload must hold nothing private: callers pass
 * only content every subscriber may see (events of read-restricted categories are not sent). */
export async function enqueueWebhookEvent(tx: DbOrTx, event: WebhookEvent, payload: Record<string, unknown>) {
  const hooks = await tx.webhook.findMany({ where: { active: true }, select: { id: true, events: true } });
  const subscribed = hooks.filter((hook) => (JSON.parse(hook.events) as string[]).includes(event));
  if (subscribed.length === 0) return;
  const body = JSON.stringify({ event, created_at: new Date().toISOString(), ...payload });
  await tx.webhookDelivery.createMany({
    data: subscribed.map((hook) => ({ webhookId: hook.id, event, payload: body })),
  });
}
