import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { DsfrTable } from "~/components/dsfr-table";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { AdminLayout } from "~/components/admin-layout";
import { listAuditEvents } from "~/domain/identity/audit.server";
import { formatAbsolute } from "~/domain/shared/dates";
import { requireAdminPage } from "~/infra/admin.server";
import { getDb } from "~/infra/db.server";

export const meta: MetaFunction = () => [{ title: "Journal d'audit — Administration — CICCLO Interop" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdminPage(request, context);
  const before = Number(new URL(request.url).searchParams.get("before"));
  return listAuditEvents(await getDb(), { beforeId: Number.isSafeInteger(before) && before > 0 ? before : undefined });
}

export default function AdminAudit() {
  const { events, nextBeforeId } = useLoaderData<typeof loader>();
  return (
    <AdminLayout title="Journal d'audit">
      <DsfrTable caption="Modifications administratives, les plus récentes d'abord">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Par</th>
            <th scope="col">Action</th>
            <th scope="col">Cible</th>
            <th scope="col">Détails</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td>{formatAbsolute(event.createdAt)}</td>
              <td>{event.actor ? `@${event.actor}` : "Opérateur (ligne de commande)"}</td>
              <td>
                <code>{event.action}</code>
              </td>
              <td>
                {event.targetType} {event.targetId}
              </td>
              <td>
                <code>{JSON.stringify(event.details)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </DsfrTable>
      {nextBeforeId ? <Link to={`?before=${nextBeforeId}`}>Entrées plus anciennes</Link> : null}
    </AdminLayout>
  );
}
