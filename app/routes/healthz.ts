import { checkDatabase } from "~/infra/db.server";

// For load balancers and Docker's HEALTHCHECK: 200 while the database answers, 503 otherwise.
export async function loader() {
  const database = await checkDatabase();
  return Response.json(
    { status: database.ok ? "ok" : "error", database },
    { status: database.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
