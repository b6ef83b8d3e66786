import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { Link } from "~/components/link";
import { AdminLayout } from "~/components/admin-layout";
import { DsfrTable } from "~/components/dsfr-table";
import { CsrfInput, FormResult } from "~/components/forms";
import { formatAbsolute } from "~/domain/shared/dates";
import {
  WEBHOOK_EVENT_LABELS,
  WEBHOOK_EVENTS,
  WEBHOOK_SECRET_MIN_LENGTH,
  validateWebhookInput,
} from "~/domain/tracker/webhooks";
import { createWebhook, deleteWebhook, listWebhooks, setWebhookActive } from "~/domain/tracker/webhooks.server";
import { requireAdminAction, requireAdminPage } from "~/infra/admin.server";
import { getDb } from "~/infra/db.server";
import { formAction } from "~/infra/responses.server";

export const meta: MetaFunction = () => [{ title: "Webhooks — Administration — CICCLO Interop" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdminPage(request, context);
  return { webhooks: await listWebhooks(await getDb()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { admin, form } = await requireAdminAction(request, context);
  const db = await getDb();
  const webhookId = Number(form.get("webhookId"));
  return formAction(async () => {
    switch (form.get("intent")) {
      case "activate":
      case "deactivate": {
        const active = form.get("intent") === "activate";
        const { changed } = await setWebhookActive(db, admin, webhookId, active);
        const message = active ? "Le webhook est activé." : "Le webhook est désactivé : rien ne lui est plus envoyé.";
        return { message: changed ? message : "Aucun changement.", secret: null };
      }
      case "delete":
        await deleteWebhook(db, admin, webhookId);
        return { message: "Le webhook et son journal de livraisons ont été supprimés.", secret: null };
      default: {
        const input = validateWebhookInput({
          url: form.get("url"),
          secretMode: form.get("secretMode"),
          secret: form.get("secret"),
          events: form.getAll("events"),
        });
        const { webhook, secret } = await createWebhook(db, admin, input);
        return { message: `Le webhook vers ${webhook.url} a été créé.`, secret };
      }
    }
  });
}

export default function AdminWebhooks() {
  const { webhooks } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fieldErrors = result && !result.ok ? result.fieldErrors : {};
  return (
    <AdminLayout title="Webhooks">
      <p>
        Un webhook reçoit en <code>POST</code> un document JSON signé à chaque événement choisi, publié dans une
        catégorie publique. Le format et la vérification de la signature sont décrits dans le README (section
        «&nbsp;Webhooks&nbsp;»).
      </p>
      {result?.ok && result.secret ? (
        <div className="fr-alert fr-alert--success fr-mb-4w" role="alert">
          <h2 className="fr-alert__title">{result.message}</h2>
          <p>Voici son secret. Copiez-le maintenant dans la plateforme qui reçoit : il ne sera plus jamais affiché.</p>
          <p>
            <code data-testid="webhook-secret">{result.secret}</code>
          </p>
        </div>
      ) : (
        <FormResult result={result} />
      )}
      {webhooks.length === 0 ? (
        <p>Aucun webhook.</p>
      ) : (
        <DsfrTable caption="Webhooks enregistrés">
          <thead>
            <tr>
              <th scope="col">Adresse</th>
              <th scope="col">Événements</th>
              <th scope="col">État</th>
              <th scope="col">Livraisons</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {webhooks.map((hook) => (
              <tr key={hook.id}>
                <td>
                  <Link to={`/admin/webhooks/${hook.id}`}>{hook.url}</Link>
                  <br />
                  <span className="fr-text--xs">
                    créé le {formatAbsolute(hook.createdAt)} ; secret : <span aria-hidden="true">••••••••</span>{" "}
                    (masqué)
                  </span>
                </td>
                <td>{hook.events.map((event) => WEBHOOK_EVENT_LABELS[event] ?? event).join(", ")}</td>
                <td>
                  {hook.active ? (
                    <p className="fr-badge fr-badge--sm fr-badge--success">actif</p>
                  ) : (
                    <p className="fr-badge fr-badge--sm">inactif</p>
                  )}
                </td>
                <td>
                  <Link to={`/admin/webhooks/${hook.id}`}>
                    {hook.deliveries.delivered} livrée{hook.deliveries.delivered > 1 ? "s" : ""},{" "}
                    {hook.deliveries.pending} en attente, {hook.deliveries.failed} en échec
                  </Link>
                </td>
                <td>
                  <Form method="post" className="fr-mb-1w">
                    <CsrfInput />
                    <input type="hidden" name="webhookId" value={hook.id} />
                    <button
                      className="fr-btn fr-btn--secondary fr-btn--sm"
                      type="submit"
                      name="intent"
                      value={hook.active ? "deactivate" : "activate"}
                      aria-label={`${hook.active ? "Désactiver" : "Activer"} le webhook vers ${hook.url}`}
                    >
                      {hook.active ? "Désactiver" : "Activer"}
                    </button>
                  </Form>
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="webhookId" value={hook.id} />
                    <button
                      className="fr-btn fr-btn--tertiary fr-btn--sm"
                      type="submit"
                      name="intent"
                      value="delete"
                      aria-label={`Supprimer le webhook vers ${hook.url}`}
                    >
                      Supprimer
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </DsfrTable>
      )}

      <h2 className="fr-mt-6w">Nouveau webhook</h2>
      <Form method="post" key={result?.ok ? `created-${result.message}` : "new-webhook"}>
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <div className={`fr-input-group${fieldErrors.url ? " fr-input-group--error" : ""}`}>
          <label className="fr-label" htmlFor="webhook-url">
            Adresse de réception
            <span className="fr-hint-text">http:// ou https://, par exemple https://forge.example.fr/hooks/cicclo</span>
          </label>
          <input
            className={`fr-input${fieldErrors.url ? " fr-input--error" : ""}`}
            id="webhook-url"
            name="url"
            type="url"
            required
            aria-describedby={fieldErrors.url ? "webhook-url-error" : undefined}
          />
          {fieldErrors.url ? (
            <p className="fr-error-text" id="webhook-url-error">
              {fieldErrors.url}
            </p>
          ) : null}
        </div>
        <fieldset
          className={`fr-fieldset${fieldErrors.secret ? " fr-fieldset--error" : ""}`}
          aria-labelledby="webhook-secret-legend"
        >
          <legend className="fr-fieldset__legend" id="webhook-secret-legend">
            Secret de signature
            <span className="fr-hint-text">
              Chaque envoi porte l&apos;en-tête X-Cicclo-Signature-256, calculé avec ce secret.
            </span>
          </legend>
          <div className="fr-fieldset__element">
            <div className="fr-radio-group">
              <input type="radio" id="secret-generated" name="secretMode" value="generated" defaultChecked />
              <label className="fr-label" htmlFor="secret-generated">
                Générer un secret (affiché une seule fois, après la création)
              </label>
            </div>
          </div>
          <div className="fr-fieldset__element">
            <div className="fr-radio-group">
              <input type="radio" id="secret-typed" name="secretMode" value="typed" />
              <label className="fr-label" htmlFor="secret-typed">
                Saisir mon secret
              </label>
            </div>
          </div>
          <div className="fr-fieldset__element">
            <div className={`fr-input-group${fieldErrors.secret ? " fr-input-group--error" : ""}`}>
              <label className="fr-label" htmlFor="webhook-secret">
                Secret saisi
                <span className="fr-hint-text">
                  {WEBHOOK_SECRET_MIN_LENGTH} caractères au moins ; ignoré si vous choisissez de le générer.
                </span>
              </label>
              <input
                className={`fr-input${fieldErrors.secret ? " fr-input--error" : ""}`}
                id="webhook-secret"
                name="secret"
                type="password"
                autoComplete="off"
                aria-describedby={fieldErrors.secret ? "webhook-secret-error" : undefined}
              />
              {fieldErrors.secret ? (
                <p className="fr-error-text" id="webhook-secret-error">
                  {fieldErrors.secret}
                </p>
              ) : null}
            </div>
          </div>
        </fieldset>
        <fieldset
          className={`fr-fieldset${fieldErrors.events ? " fr-fieldset--error" : ""}`}
          aria-labelledby="webhook-events-legend"
        >
          <legend className="fr-fieldset__legend" id="webhook-events-legend">
            Événements envoyés
          </legend>
          {WEBHOOK_EVENTS.map((event) => (
            <div className="fr-fieldset__element" key={event}>
              <div className="fr-checkbox-group">
                <input type="checkbox" id={`event-${event}`} name="events" value={event} />
                <label className="fr-label" htmlFor={`event-${event}`}>
                  {WEBHOOK_EVENT_LABELS[event]} (<code>{event}</code>)
                </label>
              </div>
            </div>
          ))}
          {fieldErrors.events ? (
            <div className="fr-messages-group" aria-live="polite">
              <p className="fr-message fr-message--error">{fieldErrors.events}</p>
            </div>
          ) : null}
        </fieldset>
        <button className="fr-btn" type="submit">
          Créer le webhook
        </button>
      </Form>
    </AdminLayout>
  );
}
