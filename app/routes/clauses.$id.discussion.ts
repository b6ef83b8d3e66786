import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { openClauseDiscussion } from "~/domain/clauses/library.server";
import { getDb } from "~/infra/db.server";
import { orHttpError } from "~/infra/responses.server";

// GET /clauses/:id/discussion: the clause's discussion topic, opened on its first visit (see openClauseDiscussion).
export async function loader({ params }: LoaderFunctionArgs) {
  const db = await getDb();
  const topic = await orHttpError(() => openClauseDiscussion(db, params.id ?? ""));
  return redirect(topic.url, 302);
}
