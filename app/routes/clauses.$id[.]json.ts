import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadCurrentClausePage } from "~/domain/conformance/clause-satisfaction.server";
import { getDb } from "~/infra/db.server";
import { jsonOrError } from "~/infra/responses.server";

// GET /clauses/:id.json: the clause page's data (current version rendered with its defaults, parameters, versions,
// who satisfies it today).
export async function loader({ params }: LoaderFunctionArgs) {
  return jsonOrError(async () => loadCurrentClausePage(await getDb(), params.id ?? ""));
}
