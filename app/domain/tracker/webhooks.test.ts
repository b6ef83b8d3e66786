import { describe, expect, it } from "vitest";
import { DomainError } from "~/domain/shared/errors";
import { afterAttempt, validateWebhookInput, webhookRetryDelayMs, webhookSignature } from "./webhooks";

function fieldErrorsOf(work: () => unknown): Record<string, string> {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(422);
    return (error as DomainError).context.fieldErrors as Record<string, string>;
  }
  throw new Error("expected a refusal");
}

describe("webhook signature", () => {
  it("matches GitHub's documented test vector for X-Hub-Signature-256", async () => {
    // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
    expect(await webhookSignature("It's a Secret to Everybody", "Hello, World!")).toBe(
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
    );
  });

  it("signs the exact bytes: UTF-8 text and any change of the body change the signature", async () => {
    const body = '{"topic":{"title":"Précision des géométries"}}';
    const signature = await webhookSignature("un-secret-de-seize-car", body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(await webhookSignature("un-secret-de-seize-car", body.replace("é", "e"))).not.toBe(signature);
    expect(await webhookSignature("un-autre-secret-de-seize", body)).not.toBe(signature);
  });
});

describe("retry schedule", () => {
  it("waits 30 s after the first failure, doubles each time, and never more than 6 h", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(webhookRetryDelayMs)).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000,
    ]);
    expect(webhookRetryDelayMs(10)).toBe(15_360_000);
    expect(webhookRetryDelayMs(11)).toBe(6 * 3600_000);
    expect(webhookRetryDelayMs(1000)).toBe(6 * 3600_000);
  });

  it("retries until the last allowed attempt, then gives up", () => {
    const now = new Date("2025-03-01T10:00:00Z");
    expect(afterAttempt({ ok: true }, 3, 8, now)).toEqual({ status: "delivered", nextAttemptAt: null });
    expect(afterAttempt({ ok: false }, 1, 8, now)).toEqual({
      status: "pending",
      nextAttemptAt: new Date("2025-03-01T10:00:30Z"),
    });
    expect(afterAttempt({ ok: false }, 7, 8, now).status).toBe("pending");
    expect(afterAttempt({ ok: false }, 8, 8, now)).toEqual({ status: "failed", nextAttemptAt: null });
  });
});

describe("webhook form", () => {
  const valid = { url: "https://forge.example.fr/hooks", secretMode: "generated", events: ["topic_created"] };

  it("accepts an https address, a generated secret and keeps the events in their canonical order", () => {
    expect(validateWebhookInput({ ...valid, events: ["post_created", "topic_created", "post_created"] })).toEqual({
      url: "https://forge.example.fr/hooks",
      secret: null,
      events: ["topic_created", "post_created"],
    });
    expect(
      validateWebhookInput({
        ...valid,
        url: "http://127.0.0.1:8080/x",
        secretMode: "typed",
        secret: "0123456789abcdef",
      }),
    ).toMatchObject({ url: "http://127.0.0.1:8080/x", secret: "0123456789abcdef" });
  });

  it.each([
    ["ftp://forge.example.fr/hooks", "L'adresse doit commencer par http:// ou https://"],
    ["javascript:alert(1)", "L'adresse doit commencer par http:// ou https://"],
    ["forge.example.fr/hooks", "L'adresse doit commencer par http:// ou https://"],
    ["", "Indiquez l'adresse qui recevra les événements."],
    ["https://user:pass@forge.example.fr/", "ne doit pas contenir d'identifiant"],
  ])("refuses the address %j in French", (url, message) => {
    expect(fieldErrorsOf(() => validateWebhookInput({ ...valid, url })).url).toContain(message);
  });

  it("refuses a typed secret under 16 characters, and no event, each next to its field", () => {
    const errors = fieldErrorsOf(() =>
      validateWebhookInput({ url: "https://x.example.fr", secretMode: "typed", secret: "trop-court", events: [] }),
    );
    expect(errors).toEqual({
      secret: "Le secret doit contenir au moins 16 caractères.",
      events: "Choisissez au moins un événement.",
    });
    expect(fieldErrorsOf(() => validateWebhookInput({ ...valid, events: ["topic_deleted"] })).events).toBe(
      "Événement inconnu : topic_deleted.",
    );
  });
});
