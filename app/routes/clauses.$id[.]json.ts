import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadClauseVersionView } from "~/domain/clauses/library.server";
import { getDb } from "~/infra/db.server";
import { jsonOrError } from "~/infra/responses.server";

// GET /clauses/:id.json: the clause page's data (current version rendered with its defaults, parameters, versions).
export async function loader({ params }: LoaderFunctionArgs) {
  return jsonOrError(async () => loadClauseVersionView(await getDb(), params.id ?? ""));
}
