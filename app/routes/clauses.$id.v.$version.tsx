import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ClauseVersionPage } from "~/components/clause-page";
import { loadClauseVersionView } from "~/domain/clauses/library.server";
import { getDb } from "~/infra/db.server";
import { orHttpError } from "~/infra/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.version.title}, version ${data.version.version} — Clausier CCTP — CICCLO Interop`
      : "Version introuvable — CICCLO Interop",
  },
];

// The permanent address of one published version: its text never changes.
export async function loader({ params }: LoaderFunctionArgs) {
  const db = await getDb();
  return orHttpError(() => loadClauseVersionView(db, params.id ?? "", params.version ?? ""));
}

export default function ClauseVersionRoute() {
  return <ClauseVersionPage view={useLoaderData<typeof loader>()} permanent />;
}
