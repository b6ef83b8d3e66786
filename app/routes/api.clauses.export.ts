import type { ActionFunctionArgs } from "@remix-run/node";
import { EXPORT_BODY_LIMIT_BYTES, parseExportRequest } from "~/domain/clauses/export-request";
import { exportClauseSelection } from "~/domain/clauses/export.server";
import { DomainError } from "~/domain/shared/errors";
import { getDb } from "~/infra/db.server";
import { jsonOrError } from "~/infra/responses.server";

// POST /api/clauses/export: a CCTP from a selection of clauses, as ODT, DOCX, Markdown or HTML.
// Body (JSON, at most 1 Mio): { format, title, buyer, reference?, date?, includeGuidance?,
//   sections: [{ title, clauses: [{ id, version?, parameters }] }] }. A form may send the same object as JSON in a
// `selection` field (the selection page without JavaScript). Errors: JSON { error, fieldErrors } with a 4xx.
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST")
    return Response.json(
      { error: "Méthode non autorisée : utilisez POST.", fieldErrors: {} },
      { status: 405, headers: { Allow: "POST" } },
    );
  let exported: Awaited<ReturnType<typeof exportClauseSelection>> | undefined;
  const refusal = await jsonOrError(async () => {
    const body = await readExportBody(request);
    exported = await exportClauseSelection(await getDb(), parseExportRequest(body));
    return null;
  });
  if (!exported) return refusal;
  const encodedName = encodeURIComponent(exported.fileName);
  const body = typeof exported.body === "string" ? exported.body : new Uint8Array(exported.body);
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": exported.contentType,
      "Content-Disposition": `attachment; filename="${exported.fileName}"; filename*=UTF-8''${encodedName}`,
      "Cache-Control": "no-store",
    },
  });
}

export async function loader() {
  return Response.json(
    { error: "Envoyez la sélection de clauses en POST (JSON) pour obtenir le document.", fieldErrors: {} },
    { status: 405, headers: { Allow: "POST" } },
  );
}

async function readExportBody(request: Request): Promise<unknown> {
  const text = await readLimitedText(request, EXPORT_BODY_LIMIT_BYTES);
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/x-www-form-urlencoded")) {
    const form = new URLSearchParams(text);
    const selection = form.get("selection");
    if (!selection)
      throw new DomainError(422, "Le champ « selection » est obligatoire.", {
        fieldErrors: { selection: "Le champ « selection » est obligatoire." },
      });
    const parsed = parseJson(selection);
    // The submit button a person pressed picks the format.
    const format = form.get("format");
    return format && parsed && typeof parsed === "object" && !Array.isArray(parsed) ? { ...parsed, format } : parsed;
  }
  if (!type.includes("application/json"))
    throw new DomainError(400, "Envoyez la demande d'export en JSON (Content-Type: application/json).");
  return parseJson(text);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError(400, "Le corps de la requête n'est pas un JSON valide.");
  }
}

/** Reads the body up to `limit` bytes and refuses beyond with a 413, whatever Content-Length claims. */
async function readLimitedText(request: Request, limit: number): Promise<string> {
  const tooLarge = () =>
    new DomainError(413, `La demande d'export dépasse la taille maximale (${limit / 1024 / 1024} Mio).`);
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
