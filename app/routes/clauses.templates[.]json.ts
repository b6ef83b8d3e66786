import { listClauses } from "~/domain/clauses/library.server";
import { listClauseTemplateViews } from "~/domain/clauses/templates.server";
import { getDb } from "~/infra/db.server";

// /clauses/templates.json: the templates page's data. Declared here because /clauses/:id.json would claim the URL.
export async function loader() {
  return Response.json({ templates: await listClauseTemplateViews(await listClauses(await getDb())) });
}
