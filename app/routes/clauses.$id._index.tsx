import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ClauseVersionPage } from "~/components/clause-page";
import { loadClauseVersionView } from "~/domain/clauses/library.server";
import { getDb } from "~/infra/db.server";
import { orHttpError } from "~/infra/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.version.title} — Clausier CCTP — CICCLO Interop` : "Clause introuvable — CICCLO Interop" },
];

// The current version of a clause, rendered with its default values.
export async function loader({ params }: LoaderFunctionArgs) {
  const db = await getDb();
  return orHttpError(() => loadClauseVersionView(db, params.id ?? ""));
}

export default function ClausePage() {
  return <ClauseVersionPage view={useLoaderData<typeof loader>()} permanent={false} />;
}
