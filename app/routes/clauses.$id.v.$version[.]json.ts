import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadClauseVersionView } from "~/domain/clauses/library.server";
import { getDb } from "~/infra/db.server";
import { jsonOrError } from "~/infra/responses.server";

// GET /clauses/:id/v/:version.json: one published version, as its permanent page shows it.
export async function loader({ params }: LoaderFunctionArgs) {
  return jsonOrError(async () => loadClauseVersionView(await getDb(), params.id ?? "", params.version ?? ""));
}
