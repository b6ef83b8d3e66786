// Outgoing webhooks, the framework-free part: event names, form validation with French messages, the signature
// (GitHub's scheme, with Web Crypto so this file also runs in the browser) and the retry schedule.
import { DomainError } from "~/domain/shared/errors";

export const WEBHOOK_EVENTS = ["topic_created", "status_changed", "post_created"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  topic_created: "Nouveau sujet",
  status_changed: "Changement de statut d'un signalement",
  post_created: "Nouvelle réponse",
};

export type DeliveryStatus = "pending" | "delivered" | "failed";

export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: "en attente",
  delivered: "livré",
  failed: "échec",
};

/** A secret shorter than this is refused: it signs what we send, the receiver checks it. */
export const WEBHOOK_SECRET_MIN_LENGTH = 16;
const WEBHOOK_SECRET_MAX_LENGTH = 200;
const WEBHOOK_URL_MAX_LENGTH = 2000;

export interface WebhookInput {
  url: string;
  /** null: the server generates one, shown once. */
  secret: string | null;
  events: WebhookEvent[];
}

/** The creation form: an http(s) URL, a secret typed by the admin (16 characters or more) or generated, at least
 * one event. Every problem is reported next to its field, in one 422. */
export function validateWebhookInput(input: {
  url?: unknown;
  secretMode?: unknown;
  secret?: unknown;
  events?: unknown[];
}): WebhookInput {
  const errors: Record<string, string> = {};
  const url = String(input.url ?? "").trim();
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!url) errors.url = "Indiquez l'adresse qui recevra les événements.";
  else if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    errors.url = "L'adresse doit commencer par http:// ou https://, par exemple https://forge.example.fr/hooks.";
  } else if (parsed.username || parsed.password) {
    errors.url = "L'adresse ne doit pas contenir d'identifiant ni de mot de passe : utilisez le secret.";
  } else if (url.length > WEBHOOK_URL_MAX_LENGTH) {
    errors.url = `L'adresse ne doit pas dépasser ${WEBHOOK_URL_MAX_LENGTH} caractères.`;
  }

  const typed = input.secretMode === "typed";
  const secret = typed ? String(input.secret ?? "") : null;
  if (secret !== null && secret.length < WEBHOOK_SECRET_MIN_LENGTH) {
    errors.secret = `Le secret doit contenir au moins ${WEBHOOK_SECRET_MIN_LENGTH} caractères.`;
  } else if (secret !== null && secret.length > WEBHOOK_SECRET_MAX_LENGTH) {
    errors.secret = `Le secret ne doit pas dépasser ${WEBHOOK_SECRET_MAX_LENGTH} caractères.`;
  } else if (secret !== null && secret.trim() !== secret) {
    errors.secret = "Le secret ne doit ni commencer ni finir par une espace.";
  }

  const values = [...new Set((input.events ?? []).map(String))];
  const unknown = values.filter((value) => !(WEBHOOK_EVENTS as readonly string[]).includes(value));
  if (values.length === 0) errors.events = "Choisissez au moins un événement.";
  else if (unknown.length > 0) errors.events = `Événement inconnu : ${unknown.join(", ")}.`;

  if (Object.keys(errors).length > 0) {
    throw new DomainError(422, "Le webhook n'a pas été créé : corrigez les champs signalés.", { fieldErrors: errors });
  }
  return { url: parsed!.href, secret, events: WEBHOOK_EVENTS.filter((event) => values.includes(event)) };
}

/** `sha256=<hex HMAC-SHA256 of the body>`, the value of X-Cicclo-Signature-256 (as GitHub's X-Hub-Signature-256). */
export async function webhookSignature(secret: string, body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(body)));
  return `sha256=${Array.from(mac, (byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}

export const WEBHOOK_BACKOFF = { initialDelayMs: 30_000, maxDelayMs: 6 * 3600_000 };

/** The wait after failed attempt number `attempts` (1-based): 30 s × 2^(attempts − 1), at most 6 h. */
export function webhookRetryDelayMs(attempts: number): number {
  const exponent = Math.min(Math.max(0, attempts - 1), 30);
  return Math.min(WEBHOOK_BACKOFF.maxDelayMs, WEBHOOK_BACKOFF.initialDelayMs * 2 ** exponent);
}

/** What the worker records after one attempt: delivered, retried later, or given up after `maxAttempts`. */
export function afterAttempt(
  outcome: { ok: boolean },
  attempts: number,
  maxAttempts: number,
  now: Date,
): { status: DeliveryStatus; nextAttemptAt: Date | null } {
  if (outcome.ok) return { status: "delivered", nextAttemptAt: null };
  if (attempts >= maxAttempts) return { status: "failed", nextAttemptAt: null };
  return { status: "pending", nextAttemptAt: new Date(now.getTime() + webhookRetryDelayMs(attempts)) };
}
