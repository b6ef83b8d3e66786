import type { LoaderFunctionArgs } from "@remix-run/node";
import { clauseJson, filterClauses, parseClauseFilters } from "~/domain/clauses/catalogue";
import { listClauses } from "~/domain/clauses/library.server";
import { getDb } from "~/infra/db.server";

// GET /clauses.json: every clause (same filters as /clauses) with its current version and all its published
// versions, each with its permanent URL and content hash.
export async function loader({ request }: LoaderFunctionArgs) {
  const filters = parseClauseFilters(new URL(request.url).searchParams);
  const clauses = filterClauses(await listClauses(await getDb()), filters);
  return Response.json({ clauses: clauses.map(clauseJson) });
}
