import type { ActionFunctionArgs } from "@remix-run/node";
import { uploaderOf } from "~/domain/conformance/permissions";
import { recordRun } from "~/domain/conformance/runs.server";
import { safeEqual } from "~/domain/identity/tokens.server";
import { requireScope } from "~/domain/identity/viewer";
import { csrfToken, getViewer } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { getEnv } from "~/infra/env.server";
import { bodyStream, drainOnExit, noFile, withMultipartFile } from "~/infra/multipart-upload.server";
import { discourseJson, httpError } from "~/infra/responses.server";

// POST /api/conformance/runs: a platform's CI uploads a conformance report for one of its deployments.
//   multipart/form-data: field `deployment` (id or slug) BEFORE field `file` (streamed, never buffered whole), or
//   any other body: the raw report, with `?deployment=`.
// Answers 201 with the run's summary; every refusal is JSON with a French message, and nothing is stored.
export async function action({ request, context }: ActionFunctionArgs) {
  const response = await discourseJson(async () => {
    if (request.method !== "POST") throw httpError(405, "Méthode non autorisée : utilisez POST.");
    const viewer = await getViewer(request, context);
    requireScope(viewer, "conformance:write");
    // A browser session must prove the call comes from our own pages (a cross-site form can post multipart).
    if (viewer.kind === "session" && !safeEqual(request.headers.get("x-csrf-token") ?? "", csrfToken(viewer)!)) {
      throw httpError(403, "Jeton CSRF manquant ou invalide (en-tête X-CSRF-Token).");
    }
    const db = await getDb();
    const uploader = uploaderOf(viewer);
    const queryDeployment = new URL(request.url).searchParams.get("deployment");
    const contentType = request.headers.get("content-type") ?? "";
    if (!request.body) throw noFile();
    const run = /^multipart\/form-data/i.test(contentType)
      ? await withMultipartFile(request, contentType, (file, fields) =>
          recordRun(db, uploader, {
            deployment: fields.get("deployment") ?? queryDeployment,
            report: drainOnExit(file.stream),
            mediaType: file.mimeType,
          }),
        )
      : await recordRawBody(request, (report) =>
          recordRun(db, uploader, { deployment: queryDeployment, report, mediaType: contentType }),
        );
    const url = `/conformance/runs/${run.id}`;
    return {
      id: run.id,
      url: `${getEnv().publicUrl}${url}`,
      deployment: run.deployment,
      format: run.format,
      fileFormat: run.fileFormat,
      suite: run.suite,
      counts: run.counts,
      classes: run.classes,
      warnings: run.warnings,
    };
  });
  return response.ok ? new Response(response.body, { status: 201, headers: response.headers }) : response;
}

/** A refusal before the importer read the body (permission, unknown deployment) still drains it. */
async function recordRawBody<T>(request: Request, work: (report: AsyncIterable<Uint8Array>) => Promise<T>) {
  const stream = bodyStream(request);
  try {
    return await work(drainOnExit(stream));
  } catch (error) {
    if (!stream.destroyed && !stream.readableEnded) stream.resume();
    throw error;
  }
}

export async function loader() {
  return discourseJson(async () => {
    throw httpError(405, "Envoyez le rapport avec POST (multipart : champs « deployment » puis « file »).");
  });
}
