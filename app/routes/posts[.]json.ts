import type { ActionFunctionArgs } from "@remix-run/node";
import { createdPostJson } from "~/domain/forum/discourse-json";
import { readerOfUser } from "~/domain/forum/permissions";
import { getPost } from "~/domain/forum/posts.server";
import { submitReply, submitTopic } from "~/domain/forum/review-queue.server";
import { safeEqual } from "~/domain/identity/tokens.server";
import { requireScope, requireSignedIn } from "~/domain/identity/viewer";
import { DomainError } from "~/domain/shared/errors";
import { REPORT_JSON_FIELDS, isReportErrorKey, jsonFieldName, reportInputFromJson } from "~/domain/tracker/report";
import { csrfToken, getViewer } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { discourseJson, httpError } from "~/infra/responses.server";

// Discourse's POST /posts.json (createTopicPostPM): a new topic (title, raw, category) or a reply (topic_id, raw,
// reply_to_post_number), as JSON, form-encoded or multipart. Answers the created post. A new topic in a category
// that asks for a typed interop report carries it under `interop` (an object in JSON, a JSON string in a form).
export async function action({ request, context }: ActionFunctionArgs) {
  return discourseJson(async () => {
    if (request.method !== "POST") throw httpError(405, "Méthode non autorisée : utilisez POST.");
    const viewer = await getViewer(request, context);
    requireScope(viewer, "topics:write");
    const author = requireSignedIn(viewer);
    // A browser session must prove the call comes from our own pages, as Discourse asks of its X-CSRF-Token.
    if (viewer.kind === "session" && !safeEqual(request.headers.get("x-csrf-token") ?? "", csrfToken(viewer)!)) {
      throw httpError(403, "Jeton CSRF manquant ou invalide (en-tête X-CSRF-Token).");
    }
    const body = await readBody(request);
    if ((body.archetype && body.archetype !== "regular") || body.target_recipients || body.target_usernames) {
      throw invalid("Les messages privés ne sont pas pris en charge : seuls les sujets publics et leurs réponses.");
    }
    const raw = text(body, "raw");
    const topicId = integer(body, "topic_id");
    const db = await getDb();
    const report = topicId === null ? interopOf(body) : null;
    const submitted =
      topicId !== null
        ? await submitReply(db, author, { topicId, raw, replyToPostNumber: integer(body, "reply_to_post_number") })
        : await submitTopic(db, author, {
            categoryId: integer(body, "category") ?? 0,
            title: text(body, "title"),
            raw,
            report,
          }).catch((error: unknown) => {
            throw inJsonNames(error, report !== null);
          });
    // Discourse answers a held post with action "enqueued" and the pending post instead of the created one.
    if (submitted.queued) {
      return { success: true, action: "enqueued", pending_post: { id: submitted.queuedPostId, raw }, pending_count: 1 };
    }
    return createdPostJson(await getPost(db, readerOfUser(author), submitted.postId), author.id);
  });
}

// Discourse's GET /posts.json (listPosts, the latest posts) does not exist here yet: say so in its error shape.
export async function loader() {
  return discourseJson(async () => {
    throw httpError(404, "La liste des derniers messages (GET /posts.json) n'est pas disponible.");
  });
}

async function readBody(request: Request): Promise<Record<string, unknown>> {
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/json")) {
    const body: unknown = await request.json().catch(() => null);
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      throw new DomainError(400, "Le corps de la requête n'est pas un objet JSON valide.");
    }
    return body as Record<string, unknown>;
  }
  if (type.includes("application/x-www-form-urlencoded") || type.includes("multipart/form-data")) {
    const form = await request.formData();
    return Object.fromEntries([...form.entries()].filter(([, value]) => typeof value === "string"));
  }
  throw new DomainError(
    400,
    "Envoyez les paramètres en JSON, en application/x-www-form-urlencoded ou en multipart/form-data.",
  );
}

const invalid = (message: string) => new DomainError(422, message);

/** The `interop` object of a new topic: JSON's own object, or a JSON string in a form-encoded body. */
function interopOf(body: Record<string, unknown>): Record<string, unknown> | null {
  let value = body.interop;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      throw invalid("Le paramètre interop doit être un objet JSON.");
    }
  }
  if (value !== undefined && value !== null && (typeof value !== "object" || Array.isArray(value))) {
    throw invalid("Le paramètre interop doit être un objet JSON.");
  }
  return reportInputFromJson(value);
}

const INTEROP_FIELDS = Object.values(REPORT_JSON_FIELDS).join(", ");

/** A refused report names its fields as the API client sent them (interop.endpoint_url), and says what to add when
 * the whole object is missing. */
function inJsonNames(error: unknown, interopSent: boolean): unknown {
  if (!(error instanceof DomainError) || !error.context.fieldErrors) return error;
  const fieldErrors: Record<string, string> = {};
  if (error.context.reportIncomplete && !interopSent) {
    fieldErrors.interop = `Cette catégorie demande un rapport d'interopérabilité : ajoutez l'objet « interop » (${INTEROP_FIELDS}).`;
  }
  for (const [key, message] of Object.entries(error.context.fieldErrors as Record<string, string>)) {
    if (isReportErrorKey(key)) fieldErrors[jsonFieldName(key)] = `${jsonFieldName(key)} : ${message}`;
    else fieldErrors[key] = message;
  }
  return new DomainError(error.status, error.userMessage, { ...error.context, fieldErrors });
}

function text(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") throw invalid(`Le paramètre ${name} doit être une chaîne de caractères.`);
  return value;
}

function integer(body: Record<string, unknown>, name: string): number | null {
  const value = body[name];
  if (value === undefined || value === null || value === "") return null;
  const number = typeof value === "string" && /^\d{1,15}$/.test(value) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isSafeInteger(number) || number < 1) {
    throw invalid(`Le paramètre ${name} doit être un nombre entier positif.`);
  }
  return number;
}
