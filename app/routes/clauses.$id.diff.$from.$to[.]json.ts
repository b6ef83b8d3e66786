import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadClauseDiffView } from "~/domain/clauses/library.server";
import { getDb } from "~/infra/db.server";
import { jsonOrError } from "~/infra/responses.server";

// GET /clauses/:id/diff/:from/:to.json: the word-level diff of text and guidance, parameters and references.
export async function loader({ params }: LoaderFunctionArgs) {
  return jsonOrError(async () => {
    const view = await loadClauseDiffView(await getDb(), params.id ?? "", params.from ?? "", params.to ?? "");
    return { clause: view.clause, ...view.diff };
  });
}
