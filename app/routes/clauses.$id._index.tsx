import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ClauseVersionPage } from "~/components/clause-page";
import { loadCurrentClausePage } from "~/domain/conformance/clause-satisfaction.server";
import { getDb } from "~/infra/db.server";
import { orHttpError } from "~/infra/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.version.title} — Clausier CCTP — CICCLO Interop` : "Clause introuvable — CICCLO Interop" },
];

// The current version of a clause, rendered with its default values, and who satisfies it today.
export async function loader({ params }: LoaderFunctionArgs) {
  const db = await getDb();
  return orHttpError(() => loadCurrentClausePage(db, params.id ?? ""));
}

export default function ClausePage() {
  const { satisfaction, ...view } = useLoaderData<typeof loader>();
  return <ClauseVersionPage view={view} permanent={false} satisfaction={satisfaction} />;
}
