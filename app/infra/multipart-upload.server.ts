// Streaming uploads: the report goes from the socket through busboy to the importer, never whole in memory.
import busboy from "busboy";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import { DEFAULT_MAX_REPORT_BYTES } from "~/domain/conformance/import-report";
import { DomainError } from "~/domain/shared/errors";

export const noFile = () =>
  new DomainError(422, "Aucun fichier reçu : joignez le rapport dans le champ « file » (ou envoyez-le comme corps).");

/** A request's body as a Node stream. */
export function bodyStream(request: Request): Readable {
  if (!request.body) throw noFile();
  return Readable.fromWeb(request.body as NodeWebReadableStream<Uint8Array>);
}

/**
 * The upload's bytes for the importer. When the importer stops early (413, 422) the rest of the body is read and
 * discarded instead of destroying the stream: destroying it resets the connection, and the client, still sending,
 * would never see the JSON refusal.
 */
export async function* drainOnExit(stream: Readable): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream.iterator({ destroyOnReturn: false })) yield chunk as Uint8Array;
  } finally {
    if (!stream.readableEnded) stream.resume();
  }
}

export interface UploadedFile {
  stream: Readable;
  mimeType: string;
  /** As the browser sent it (may be empty or carry a path): for display only. */
  fileName: string;
}

/**
 * Parses the multipart body with busboy and hands the first `file` part, as a stream, to `work` together with the
 * fields read before it. The rest of the body is drained, so the answer reaches the client even after a refusal.
 */
export function withMultipartFile<T>(
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
      // A refusal before the file is read (permission, unknown deployment) still drains it, so the parser finishes.
      Promise.resolve()
        .then(() => work({ stream, mimeType: info.mimeType, fileName: info.filename ?? "" }, fields))
        .then(resolve, (error: unknown) => {
          if (!stream.destroyed) stream.resume();
          reject(error);
        });
    });
    parser.on("error", () => {
      if (!started) reject(new DomainError(400, "Corps multipart/form-data illisible ou tronqué."));
    });
    parser.on("close", () => {
      if (!started) reject(noFile());
    });
    bodyStream(request).pipe(parser);
  });
}
