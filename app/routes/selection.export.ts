import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { EXPORT_FORMATS, type ExportFormat } from "~/domain/clauses/export-request";
import { parseSelectionFields } from "~/domain/clauses/selection";
import { exportSelection } from "~/domain/clauses/selection.server";
import { getDb } from "~/infra/db.server";

// POST /selection/export: the selection page's export buttons (a plain form POST, so it works without JavaScript).
// A complete selection comes back as the file; an incomplete one goes back to /selection with a 307, which repeats
// the same POST there, so the page shows every field to correct with what the person typed.
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const entries = [...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string");
  const format = String(form.get("intent") ?? "").replace(/^export:/, "");
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) return redirect("/selection", 307);
  const result = await exportSelection(await getDb(), parseSelectionFields(entries), format as ExportFormat, {
    acceptancePlan: form.get("acceptancePlan") === "on",
  });
  if (!result.ok) return redirect("/selection", 307);
  const { body, contentType, fileName } = result.document;
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "no-store",
    },
  });
}

export const loader = () => redirect("/selection");
