import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { Link } from "~/components/link";
import { AdminLayout } from "~/components/admin-layout";
import { DsfrTable } from "~/components/dsfr-table";
import { CsrfInput, FormResult } from "~/components/forms";
import { formatAbsolute } from "~/domain/shared/dates";
import { DELIVERY_STATUS_LABELS, WEBHOOK_EVENT_LABELS, type DeliveryStatus } from "~/domain/tracker/webhooks";
import { getWebhookLog, requeueDelivery } from "~/domain/tracker/webhooks.server";
import { requireAdminAction, requireAdminPage } from "~/infra/admin.server";
import { getDb } from "~/infra/db.server";
import { formAction, orHttpError, requireIdParam } from "~/infra/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Livraisons vers ${data?.webhook.url ?? "un webhook"} — Administration — CICCLO Interop` },
];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  await requireAdminPage(request, context);
  const id = requireIdParam(params.id);
  const before = Number(new URL(request.url).searchParams.get("before"));
  const beforeId = Number.isSafeInteger(before) && before > 0 ? before : undefined;
  return orHttpError(async () => getWebhookLog(await getDb(), id, { beforeId }));
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const { admin, form } = await requireAdminAction(request, context);
  const id = requireIdParam(params.id);
  const deliveryId = Number(form.get("deliveryId"));
  return formAction(async () => {
    await requeueDelivery(await getDb(), admin, id, deliveryId);
    return { message: `La livraison n° ${deliveryId} est de nouveau en attente d'envoi.` };
  });
}

const STATUS_BADGES: Record<DeliveryStatus, string> = {
  pending: "fr-badge--info",
  delivered: "fr-badge--success",
  failed: "fr-badge--error",
};

function prettyPayload(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

export default function AdminWebhookLog() {
  const { webhook, deliveries, nextBeforeId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <AdminLayout title="Journal des livraisons">
      <p>
        Webhook vers <strong>{webhook.url}</strong> ({webhook.active ? "actif" : "inactif"}), créé le{" "}
        {formatAbsolute(webhook.createdAt)}. Événements :{" "}
        {webhook.events.map((event) => WEBHOOK_EVENT_LABELS[event] ?? event).join(", ")}. Secret :{" "}
        <span aria-hidden="true">••••••••</span> (masqué).
      </p>
      <FormResult result={result} />
      {deliveries.length === 0 ? (
        <p>Aucune livraison pour l&apos;instant.</p>
      ) : (
        <DsfrTable caption="Livraisons, les plus récentes d'abord">
          <thead>
            <tr>
              <th scope="col">N°</th>
              <th scope="col">Événement</th>
              <th scope="col">État</th>
              <th scope="col">Tentatives</th>
              <th scope="col">Dernière réponse</th>
              <th scope="col">Prochaine tentative</th>
              <th scope="col">Contenu</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((delivery) => (
              <tr key={delivery.id} data-delivery={delivery.id}>
                <td>
                  {delivery.id}
                  <br />
                  <span className="fr-text--xs">{formatAbsolute(delivery.createdAt)}</span>
                </td>
                <td>
                  <code>{delivery.event}</code>
                </td>
                <td>
                  <p
                    className={`fr-badge fr-badge--sm ${STATUS_BADGES[delivery.status]}`}
                    data-status={delivery.status}
                  >
                    {DELIVERY_STATUS_LABELS[delivery.status]}
                  </p>
                  {delivery.deliveredAt ? (
                    <span className="fr-text--xs">le {formatAbsolute(delivery.deliveredAt)}</span>
                  ) : null}
                </td>
                <td>{delivery.attempts}</td>
                <td>
                  {delivery.lastStatusCode !== null ? `HTTP ${delivery.lastStatusCode}` : null}
                  {delivery.lastStatusCode !== null && delivery.lastError ? <br /> : null}
                  {delivery.lastError ?? (delivery.lastStatusCode === null ? "—" : null)}
                </td>
                <td>{delivery.nextAttemptAt ? formatAbsolute(delivery.nextAttemptAt) : "—"}</td>
                <td>
                  <details>
                    <summary>Afficher le JSON</summary>
                    <pre
                      className="fr-text--xs"
                      style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", maxWidth: "22rem" }}
                    >
                      {prettyPayload(delivery.payload)}
                    </pre>
                  </details>
                </td>
                <td>
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="deliveryId" value={delivery.id} />
                    <button
                      className="fr-btn fr-btn--secondary fr-btn--sm"
                      type="submit"
                      aria-label={`Renvoyer la livraison n° ${delivery.id}`}
                    >
                      Renvoyer
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </DsfrTable>
      )}
      {nextBeforeId ? (
        <p>
          <Link to={`?before=${nextBeforeId}`}>Livraisons plus anciennes</Link>
        </p>
      ) : null}
      <p>
        <Link to="/admin/webhooks">Tous les webhooks</Link>
      </p>
    </AdminLayout>
  );
}
