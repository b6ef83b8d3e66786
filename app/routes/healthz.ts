import { checkDatabase } from "~/infra/db.server";
import { logger } from "~/infra/logger.server";

// For load balancers and Docker's HEALTHCHECK: 200 while the database answers, 503 otherwise.
export async function loader() {
  const { error, ...database } = await checkDatabase();
  if (!database.ok) logger.error({ err: error }, "health check: database unreachable");
  return Response.json(
    { status: database.ok ? "ok" : "error", database },
    { status: database.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
