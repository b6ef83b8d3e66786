import type { ActionFunctionArgs } from "@remix-run/node";
import busboy from "busboy";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import { DEFAULT_MAX_REPORT_BYTES } from "~/domain/conformance/import-report";
import { uploaderOf } from "~/domain/conformance/permissions";
import { recordRun } from "~/domain/conformance/runs.server";
import { safeEqual } from "~/domain/identity/tokens.server";
import { requireScope } from "~/domain/identity/viewer";
import { DomainError } from "~/domain/shared/errors";
import { csrfToken, getViewer } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { getEnv } from "~/infra/env.server";
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
      : await recordRun(db, uploader, {
          deployment: queryDeployment,
          report: drainOnExit(Readable.fromWeb(request.body as NodeWebReadableStream<Uint8Array>)),
          mediaType: contentType,
        });
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

export async function loader() {
  return discourseJson(async () => {
    throw httpError(405, "Envoyez le rapport avec POST (multipart : champs « deployment » puis « file »).");
  });
}

/**
 * The upload's bytes for the importer. When the importer stops early (413, 422) the rest of the body is read and
 * discarded instead of destroying the stream: destroying it resets the connection, and the client, still sending,
 * would never see the JSON refusal.
 */
async function* drainOnExit(stream: Readable): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream.iterator({ destroyOnReturn: false })) yield chunk as Uint8Array;
  } finally {
    if (!stream.readableEnded) stream.resume();
  }
}

const noFile = () =>
  new DomainError(422, "Aucun fichier reçu : joignez le rapport dans le champ « file » (ou envoyez-le comme corps).");

interface UploadedFile {
  stream: Readable;
  mimeType: string;
}

/**
 * Parses the multipart body with busboy and hands the first `file` part, as a stream, to `work` together with the
 * fields read before it. The rest of the body is drained, so the answer reaches the client even after a refusal.
 */
function withMultipartFile<T>(
  request: Request,
  contentType: string,
  work: (file: UploadedFile, fields: Map<string, string>) => Promise<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const fields = new Map<string, string>();
    let started = false;
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { "content-type": contentType },
        // One byte past the importer's limit, so the importer (not busboy's silent truncation) answers 413.
        limits: { files: 1, fileSize: DEFAULT_MAX_REPORT_BYTES + 1, fields: 20, fieldSize: 10_000, parts: 25 },
      });
    } catch {
      reject(new DomainError(400, "Corps multipart/form-data illisible (boundary manquant)."));
      return;
    }
    parser.on("field", (name, value) => fields.set(name, value));
    parser.on("file", (name, stream, info) => {
      if (started || name !== "file") {
        stream.resume();
        return;
      }
      started = true;
      work({ stream, mimeType: info.mimeType }, fields).then(resolve, reject);
    });
    parser.on("error", () => {
      if (!started) reject(new DomainError(400, "Corps multipart/form-data illisible ou tronqué."));
    });
    parser.on("close", () => {
      if (!started) reject(noFile());
    });
    Readable.fromWeb(request.body as NodeWebReadableStream<Uint8Array>).pipe(parser);
  });
}
