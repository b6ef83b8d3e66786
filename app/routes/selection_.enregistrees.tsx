import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { Breadcrumb } from "~/components/breadcrumb";
import { DsfrTable } from "~/components/dsfr-table";
import { CsrfInput, FormResult } from "~/components/forms";
import {
  deleteSavedSelection,
  duplicateSavedSelection,
  getSavedSelection,
  listSavedSelections,
  updateSavedSelection,
} from "~/domain/clauses/saved-selections.server";
import { formatAbsolute } from "~/domain/shared/dates";
import { DomainError } from "~/domain/shared/errors";
import { requireCsrf, requireSessionUser } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { type FormFailure, orHttpError } from "~/infra/responses.server";

export const meta: MetaFunction = () => [{ title: "Mes sélections enregistrées — Clausier CCTP — CICCLO Interop" }];

// /selection/enregistrees: the signed-in buyer's saved selections, to open, rename, duplicate or delete. Deleting
// asks for confirmation on the page itself (?supprimer=<id>), so it works without JavaScript.

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireSessionUser(request, context);
  const db = await getDb();
  const toDelete = new URL(request.url).searchParams.get("supprimer");
  const confirming =
    toDelete === null ? null : await orHttpError(() => getSavedSelection(db, viewer, Number(toDelete)));
  return {
    selections: await listSavedSelections(db, viewer),
    confirmDelete: confirming ? { id: confirming.id, name: confirming.name } : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireSessionUser(request, context);
  const form = await request.formData();
  requireCsrf(viewer, form);
  const db = await getDb();
  const id = Number(form.get("selectionId"));
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "rename") {
      const renamed = await updateSavedSelection(db, viewer, id, {
        revision: Number(form.get("revision")),
        name: form.get("name"),
      });
      return { ok: true as const, message: `La sélection s'appelle désormais « ${renamed.name} ».`, selectionId: id };
    }
    if (intent === "duplicate") {
      const copy = await duplicateSavedSelection(db, viewer, id);
      return { ok: true as const, message: `La copie « ${copy.name} » est créée.`, selectionId: copy.id };
    }
    if (intent === "delete") {
      const { name } = await deleteSavedSelection(db, viewer, id);
      return { ok: true as const, message: `La sélection « ${name} » est supprimée.`, selectionId: id };
    }
    throw new DomainError(400, "Action inconnue.");
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // The refusal names its row, so the rename field that caused it shows the message.
    const fieldErrors = (error.context.fieldErrors ?? {}) as Record<string, string>;
    return data(
      { ok: false as const, message: error.userMessage, fieldErrors, selectionId: id } satisfies FormFailure & {
        selectionId: number;
      },
      { status: error.status },
    );
  }
}

export default function SavedSelections() {
  const { selections, confirmDelete } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failedRow = result && !result.ok ? result.selectionId : null;
  const renameError = result && !result.ok ? (result.fieldErrors.savedName ?? result.message) : null;
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb
        segments={[
          { label: "Clausier CCTP", to: "/clauses" },
          { label: "Composer un CCTP", to: "/selection" },
        ]}
        current="Mes sélections enregistrées"
      />
      <h1>Mes sélections enregistrées</h1>
      <p>
        Les sélections de clauses que vous avez enregistrées depuis la page <a href="/selection">Composer un CCTP</a>.
        Elles ne sont visibles que par vous ; chaque clause y garde la version choisie, et la page signale les versions
        plus récentes.
      </p>
      <FormResult result={result} />
      {confirmDelete && !(result?.ok && "selectionId" in result && result.selectionId === confirmDelete.id) ? (
        <div className="fr-alert fr-alert--warning fr-mb-4w" role="alert">
          <h2 className="fr-alert__title">{`Supprimer la sélection « ${confirmDelete.name} » ?`}</h2>
          <p>La suppression est définitive.</p>
          <Form method="post" action="/selection/enregistrees" className="fr-mt-2w">
            <CsrfInput />
            <input type="hidden" name="selectionId" value={confirmDelete.id} />
            <ul className="fr-btns-group fr-btns-group--inline-md">
              <li>
                <button type="submit" name="intent" value="delete" className="fr-btn">
                  Confirmer la suppression
                </button>
              </li>
              <li>
                <a className="fr-btn fr-btn--secondary" href="/selection/enregistrees">
                  Annuler
                </a>
              </li>
            </ul>
          </Form>
        </div>
      ) : null}
      {selections.length === 0 ? (
        <p>
          Aucune sélection enregistrée. <a href="/selection">Composer un CCTP</a>
        </p>
      ) : (
        <DsfrTable caption="Mes sélections enregistrées" hideCaption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Objet du marché</th>
              <th scope="col">Clauses</th>
              <th scope="col">Modifiée le</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {selections.map((selection) => (
              <tr key={selection.id}>
                <th scope="row">
                  <a href={selection.url}>{selection.name}</a>
                </th>
                <td>{selection.title || "—"}</td>
                <td>{selection.itemCount}</td>
                <td>{formatAbsolute(selection.updatedAt)}</td>
                <td>
                  <Form method="post" action="/selection/enregistrees" className="fr-mb-1w">
                    <CsrfInput />
                    <input type="hidden" name="selectionId" value={selection.id} />
                    <input type="hidden" name="revision" value={selection.revision} />
                    <div
                      className={`fr-input-group fr-mb-1w${failedRow === selection.id ? " fr-input-group--error" : ""}`}
                    >
                      <label className="fr-label" htmlFor={`rename-${selection.id}`}>
                        Nouveau nom<span className="fr-sr-only"> pour « {selection.name} »</span>
                      </label>
                      <input
                        className="fr-input"
                        id={`rename-${selection.id}`}
                        name="name"
                        maxLength={120}
                        defaultValue={selection.name}
                        aria-describedby={failedRow === selection.id ? `rename-${selection.id}-error` : undefined}
                        aria-invalid={failedRow === selection.id ? true : undefined}
                      />
                      {failedRow === selection.id ? (
                        <p className="fr-error-text" id={`rename-${selection.id}-error`}>
                          {renameError}
                        </p>
                      ) : null}
                    </div>
                    <button type="submit" name="intent" value="rename" className="fr-btn fr-btn--sm fr-btn--tertiary">
                      Renommer<span className="fr-sr-only"> « {selection.name} »</span>
                    </button>
                  </Form>
                  <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
                    <li>
                      <a className="fr-btn fr-btn--secondary" href={selection.url}>
                        Ouvrir<span className="fr-sr-only"> « {selection.name} »</span>
                      </a>
                    </li>
                    <li>
                      <Form method="post" action="/selection/enregistrees">
                        <CsrfInput />
                        <input type="hidden" name="selectionId" value={selection.id} />
                        <button type="submit" name="intent" value="duplicate" className="fr-btn fr-btn--tertiary">
                          Dupliquer<span className="fr-sr-only"> « {selection.name} »</span>
                        </button>
                      </Form>
                    </li>
                    <li>
                      <a className="fr-btn fr-btn--tertiary" href={`/selection/enregistrees?supprimer=${selection.id}`}>
                        Supprimer<span className="fr-sr-only"> « {selection.name} »</span>
                      </a>
                    </li>
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </DsfrTable>
      )}
    </div>
  );
}
