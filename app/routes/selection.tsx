import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSubmit } from "@remix-run/react";
import { type DragEvent, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { Breadcrumb } from "~/components/breadcrumb";
import { ClauseDiffDetails } from "~/components/clause-diff";
import { ClauseBlocks } from "~/components/clause-view";
import { CsrfInput } from "~/components/forms";
import { listClauses } from "~/domain/clauses/library.server";
import {
  createSavedSelection,
  getSavedSelection,
  updateSavedSelection,
} from "~/domain/clauses/saved-selections.server";
import {
  addToSelection,
  DEFAULT_SECTION,
  moveAnnouncement,
  moveInSelection,
  moveToPosition,
  parseSelectionFields,
  removeFromSelection,
  type Selection,
  selectionFields,
} from "~/domain/clauses/selection";
import {
  buildSelectionView,
  reviewSelectionUpgrade,
  type SelectionItemView,
  type SelectionView,
  type UpgradeReport,
  type UpgradeReview,
  upgradeSelection,
} from "~/domain/clauses/selection.server";
import type { ParameterView } from "~/domain/clauses/views";
import { DomainError } from "~/domain/shared/errors";
import { getViewer, requireCsrf } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { orHttpError } from "~/infra/responses.server";

export const meta: MetaFunction = () => [{ title: "Composer un CCTP — Clausier CCTP — CICCLO Interop" }];

// /selection: anyone composes a CCTP from the library. The selection lives in the form's fields (every button is a
// plain POST, so it works without JavaScript) and, with JavaScript, in localStorage so it survives a visit elsewhere.

const STORAGE_KEY = "cicclo:selection";

/** The saved selection being edited, as carried by the form's hidden fields. */
interface SavedRef {
  id: number;
  name: string;
  revision: number;
}

interface PageState {
  view: SelectionView | null;
  fields: [string, string][] | null;
  message: string | null;
  notice: string | null;
  announcement: string | null;
  saved: SavedRef | null;
  savedNameError: string | null;
  upgradeReview: UpgradeReview | null;
  upgradeReports: UpgradeReport[] | null;
  /** The export option, kept across submissions. */
  acceptancePlan: boolean;
}

const EMPTY_STATE: PageState = {
  view: null,
  fields: null,
  message: null,
  notice: null,
  announcement: null,
  saved: null,
  savedNameError: null,
  upgradeReview: null,
  upgradeReports: null,
  acceptancePlan: false,
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const db = await getDb();
  const url = new URL(request.url);
  const viewer = await getViewer(request, context);
  const clauses = await listClauses(db);
  let state: PageState = EMPTY_STATE;
  const savedId = url.searchParams.get("enregistree");
  if (savedId !== null) {
    // Someone else's selection (or none) is a 404 whoever asks: getSavedSelection checks the owner.
    const saved = await orHttpError(() => getSavedSelection(db, viewer, Number(savedId)));
    state = {
      ...EMPTY_STATE,
      view: await buildSelectionView(db, saved.selection, { requireTitlePage: false }),
      fields: selectionFields(saved.selection),
      saved: { id: saved.id, name: saved.name, revision: saved.revision },
      notice: url.searchParams.has("enregistre") ? `La sélection « ${saved.name} » est enregistrée.` : null,
    };
  }
  return {
    choices: clauses.map((clause) => ({
      id: clause.id,
      title: clause.title,
      theme: clause.theme,
      version: clause.currentVersion,
    })),
    preselected: url.searchParams.get("add") ?? "",
    signedIn: viewer.kind === "session",
    ...state,
  };
}

function savedRefOf(form: FormData): SavedRef | null {
  const id = Number(form.get("savedId"));
  const revision = Number(form.get("savedRevision"));
  if (!Number.isSafeInteger(id) || id < 1 || !Number.isSafeInteger(revision)) return null;
  return { id, revision, name: String(form.get("savedName") ?? "") };
}

/** "3" or "all", from an intent's argument. */
const upgradeTarget = (argument: string | undefined): number | "all" | null =>
  argument === "all" ? "all" : /^\d+$/.test(argument ?? "") ? Number(argument) : null;

export async function action({ request, context }: ActionFunctionArgs) {
  const db = await getDb();
  const form = await request.formData();
  const entries = [...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string");
  let selection: Selection = parseSelectionFields(entries);
  const intent = String(form.get("intent") ?? "preview");
  const [verb, argument, secondArgument] = intent.split(":");
  const index = Number(argument);
  const state: PageState = {
    ...EMPTY_STATE,
    saved: savedRefOf(form),
    acceptancePlan: form.get("acceptancePlan") === "on",
  };
  let status = 200;
  const respond = async (requireTitlePage = false) => {
    const view = await buildSelectionView(db, selection, { requireTitlePage });
    return data({ ...state, view, fields: selectionFields(selection) }, { status });
  };

  if (verb === "add") {
    const id = String(form.get("addId") ?? "").trim();
    if (id)
      selection = addToSelection(selection, {
        id,
        section: String(form.get("addSection") ?? "").trim() || DEFAULT_SECTION,
        parameters: {},
      });
    else {
      state.message = "Choisissez une clause à ajouter.";
      status = 422;
    }
  } else if (verb === "remove" && Number.isInteger(index)) selection = removeFromSelection(selection, index);
  else if ((verb === "up" || verb === "down") && Number.isInteger(index)) {
    selection = moveInSelection(selection, index, verb === "up" ? -1 : 1);
    const target = index + (verb === "up" ? -1 : 1);
    if (target >= 0 && target < selection.items.length)
      state.announcement = moveAnnouncement(target, selection.items.length);
  } else if (verb === "move") {
    const to = Number(secondArgument);
    const moved = moveToPosition(selection, index, to);
    if (moved !== selection) state.announcement = moveAnnouncement(to, selection.items.length);
    selection = moved;
  } else if (verb === "clear") {
    selection = { title: "", buyer: "", items: [] };
    state.saved = null;
  } else if (verb === "review-upgrade" && upgradeTarget(argument) !== null) {
    state.upgradeReview = await reviewSelectionUpgrade(db, selection, upgradeTarget(argument)!);
    if (state.upgradeReview.items.length === 0) state.upgradeReview = null;
  } else if (verb === "upgrade" && upgradeTarget(argument) !== null) {
    const upgraded = await upgradeSelection(db, selection, upgradeTarget(argument)!);
    selection = upgraded.selection;
    state.upgradeReports = upgraded.reports;
    state.notice =
      upgraded.reports.length === 0
        ? "Aucune clause n'était à mettre à jour."
        : `${upgraded.reports.length} clause${upgraded.reports.length > 1 ? "s passent" : " passe"} à la version en vigueur. Vérifiez les paramètres signalés.`;
  } else if (verb === "save" || verb === "save-new") {
    const viewer = await getViewer(request, context);
    if (viewer.kind === "anonymous") {
      state.message = "Connectez-vous pour enregistrer une sélection.";
      status = 401;
      return respond();
    }
    requireCsrf(viewer, form);
    const name = form.get("savedName");
    try {
      const saved =
        verb === "save" && state.saved
          ? await updateSavedSelection(db, viewer, state.saved.id, { revision: state.saved.revision, name, selection })
          : await createSavedSelection(db, viewer, { name, selection });
      return redirect(`/selection?enregistree=${saved.id}&enregistre=1`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      state.message = error.userMessage;
      state.savedNameError = ((error.context.fieldErrors ?? {}) as Record<string, string>).savedName ?? null;
      status = error.status;
    }
  } else if (verb === "export") {
    // /selection/export sends an incomplete selection back here (307 keeps the POST): show what to correct.
    const view = await buildSelectionView(db, selection, { requireTitlePage: true });
    const problems = view.errorCount + (selection.items.length === 0 ? 1 : 0);
    return data(
      {
        ...state,
        view,
        fields: selectionFields(selection),
        message:
          selection.items.length === 0
            ? "Ajoutez au moins une clause à la sélection avant de l'exporter."
            : problems > 0
              ? `Le CCTP ne peut pas être exporté : ${problems} champ${problems > 1 ? "s sont" : " est"} à corriger.`
              : "La sélection est complète : utilisez de nouveau un bouton d'export.",
      },
      { status: problems > 0 ? 422 : 200 },
    );
  }
  return respond();
}

const subscribeNever = () => () => {};

/** Keeps what the person types in localStorage as they type, not only at each submission. */
function saveSelection(form: HTMLFormElement) {
  const fields = [...new FormData(form).entries()].filter(
    (entry): entry is [string, string] =>
      typeof entry[1] === "string" && (entry[0] === "title" || entry[0] === "buyer" || entry[0].startsWith("item.")),
  );
  localStorage.setItem(STORAGE_KEY, JSON.stringify(fields));
}

/** With JavaScript: offers to restore the selection saved in this browser, when the page opens empty. */
function RestoreSavedSelection() {
  const saved = useSyncExternalStore(
    subscribeNever,
    () => localStorage.getItem(STORAGE_KEY),
    () => null,
  );
  const fields = saved ? (JSON.parse(saved) as [string, string][]) : [];
  const count = fields.filter(([name]) => /^item\.\d+\.id$/.test(name)).length;
  if (count === 0) return null;
  return (
    <form method="post" action="/selection" className="fr-mb-3w">
      {fields.map(([name, value], position) => (
        <input key={position} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" name="intent" value="preview" className="fr-btn fr-btn--secondary">
        {`Reprendre la sélection enregistrée dans ce navigateur (${count} clause${count > 1 ? "s" : ""})`}
      </button>
    </form>
  );
}

function ParameterField({ item, parameter }: { item: SelectionItemView; parameter: ParameterView }) {
  const id = `item-${item.index}-${parameter.name}`;
  const name = `item.${item.index}.param.${parameter.name}`;
  const error = item.fieldErrors[parameter.name];
  const value = item.values[parameter.name] ?? "";
  const hint = [
    parameter.help,
    parameter.bounds ? `Valeurs permises : ${parameter.bounds}.` : null,
    parameter.type === "duration" ? "Format ISO 8601 : P30D (jours), P2W (semaines), P3M (mois), P1Y (ans)." : null,
    parameter.defaultLabel
      ? `Par défaut : ${parameter.defaultLabel}.`
      : parameter.required
        ? "Obligatoire."
        : "Facultatif.",
  ]
    .filter(Boolean)
    .join(" ");
  const describedBy = `${id}-hint${error ? ` ${id}-error` : ""}`;
  const common = { id, name, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined };
  return (
    <div
      className={`fr-${parameter.type === "choice" || parameter.type === "boolean" ? "select" : "input"}-group${error ? ` fr-${parameter.type === "choice" || parameter.type === "boolean" ? "select" : "input"}-group--error` : ""}`}
    >
      <label className="fr-label" htmlFor={id}>
        {parameter.label}
        <span className="fr-hint-text" id={`${id}-hint`}>
          {hint}
        </span>
      </label>
      {parameter.type === "choice" ? (
        <select className="fr-select" defaultValue={value} {...common}>
          <option value="">Valeur par défaut</option>
          {parameter.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : parameter.type === "boolean" ? (
        <select className="fr-select" defaultValue={value} {...common}>
          <option value="">Valeur par défaut</option>
          <option value="true">Oui</option>
          <option value="false">Non</option>
        </select>
      ) : (
        <input
          className="fr-input"
          type={parameter.type === "integer" ? "number" : parameter.type === "date" ? "date" : "text"}
          defaultValue={value}
          min={parameter.type === "integer" && parameter.min !== null ? Number(parameter.min) : undefined}
          max={parameter.type === "integer" && parameter.max !== null ? Number(parameter.max) : undefined}
          maxLength={parameter.maxLength ?? undefined}
          {...common}
        />
      )}
      {error ? (
        <p className="fr-error-text" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

// A type of our own: the fields inside an item must not take the dragged clause for text to insert.
const DRAG_TYPE = "application/x-cicclo-selection-item";

function acceptDrag(event: DragEvent) {
  if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
  event.preventDefault();
  event.dataTransfer.dropEffect = "move";
}

const subscribeHydration = () => () => {};
/** False during the server render and the first client render: drag handles only exist with JavaScript. */
const useHydrated = () =>
  useSyncExternalStore(
    subscribeHydration,
    () => true,
    () => false,
  );

function ClauseNotices({ item }: { item: SelectionItemView }) {
  return (
    <>
      {item.newerVersion && item.version ? (
        <div className="fr-notice fr-notice--info fr-mb-2w">
          <div className="fr-container">
            <div className="fr-notice__body">
              <p className="fr-notice__title">
                {`Nouvelle version disponible : ${item.newerVersion} (cette sélection utilise la version ${item.version}).`}{" "}
                <a href={`/clauses/${item.id}/diff/${item.version}/${item.newerVersion}`}>
                  Voir les changements<span className="fr-sr-only"> de « {item.title ?? item.id} »</span>
                </a>
              </p>
            </div>
          </div>
        </div>
      ) : null}
      {item.newerVersion ? (
        <button
          type="submit"
          name="intent"
          value={`review-upgrade:${item.index}`}
          className="fr-btn fr-btn--secondary fr-btn--sm fr-mb-2w"
        >
          {`Passer à la version ${item.newerVersion}`}
          <span className="fr-sr-only"> pour « {item.title ?? item.id} »</span>
        </button>
      ) : null}
      {item.clauseStatus === "deprecated" || item.clauseStatus === "superseded" ? (
        <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w">
          <p>
            {`${item.clauseStatus === "superseded" ? "Cette clause est remplacée" : "Cette clause est abandonnée"}${
              item.successor ? " par " : " : ne l'utilisez plus dans un nouveau CCTP."
            }`}
            {item.successor ? <a href={item.successor.url}>{`« ${item.successor.title} »`}</a> : null}
            {item.successor ? " : ajoutez plutôt celle-ci." : null}
          </p>
        </div>
      ) : null}
    </>
  );
}

function SelectedClause({ item, last }: { item: SelectionItemView; last: boolean }) {
  const prefix = `item.${item.index}`;
  return (
    <div className="fr-mb-4w fr-p-2w selection-item">
      <h3 className="fr-h5">{item.title ?? item.id}</h3>
      <input type="hidden" name={`${prefix}.id`} value={item.id} />
      {item.version ? <input type="hidden" name={`${prefix}.version`} value={item.version} /> : null}
      {item.fieldErrors._clause ? <p className="fr-error-text">{item.fieldErrors._clause}</p> : null}
      {item.version && item.title ? (
        <p className="fr-text--sm">
          Version {item.version} · <a href={`/clauses/${item.id}/v/${item.version}`}>voir la clause</a>
        </p>
      ) : null}
      <ClauseNotices item={item} />
      {item.parameters.map((parameter) => (
        <ParameterField key={parameter.name} item={item} parameter={parameter} />
      ))}
      {item.preview.length > 0 ? (
        <details className="fr-mb-2w">
          <summary>Aperçu du texte</summary>
          <div className="clause-text">
            <ClauseBlocks blocks={item.preview} />
          </div>
        </details>
      ) : null}
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
        <li>
          <button
            type="submit"
            name="intent"
            value={`up:${item.index}`}
            className="fr-btn fr-btn--tertiary"
            disabled={item.index === 0}
          >
            Monter<span className="fr-sr-only"> « {item.title ?? item.id} »</span>
          </button>
        </li>
        <li>
          <button
            type="submit"
            name="intent"
            value={`down:${item.index}`}
            className="fr-btn fr-btn--tertiary"
            disabled={last}
          >
            Descendre<span className="fr-sr-only"> « {item.title ?? item.id} »</span>
          </button>
        </li>
        <li>
          <button type="submit" name="intent" value={`remove:${item.index}`} className="fr-btn fr-btn--tertiary">
            Retirer<span className="fr-sr-only"> « {item.title ?? item.id} »</span>
          </button>
        </li>
      </ul>
    </div>
  );
}

/** The diff of each clause about to move to a newer version, with the buttons that confirm or cancel. */
function UpgradeReviewPanel({ review }: { review: UpgradeReview }) {
  return (
    <section className="fr-mb-6w fr-p-3w selection-upgrade" aria-labelledby="upgrade-review-title">
      <h2 id="upgrade-review-title">
        {review.items.length > 1
          ? `Mettre à jour ${review.items.length} clauses`
          : `Passer à la version ${review.items[0]!.to} de « ${review.items[0]!.title} »`}
      </h2>
      <p>
        Relisez les changements avant de confirmer. Les valeurs déjà saisies sont conservées quand la nouvelle version
        les accepte ; les nouveaux paramètres prennent leur valeur par défaut ; chaque valeur à revoir vous sera
        signalée.
      </p>
      {review.items.map((item) => (
        <div key={item.index} className="fr-mb-4w">
          <h3>{`« ${item.title} » : de la version ${item.from} à la version ${item.to}`}</h3>
          <p>
            <strong>Modifications annoncées :</strong> {item.diff.diff.to.changelog}
          </p>
          <ClauseDiffDetails view={item.diff} level={4} showGuidance={false} />
        </div>
      ))}
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <button type="submit" name="intent" value={`upgrade:${review.which}`} className="fr-btn">
            Confirmer la mise à jour
          </button>
        </li>
        <li>
          <button type="submit" name="intent" value="preview" className="fr-btn fr-btn--secondary">
            Annuler
          </button>
        </li>
      </ul>
    </section>
  );
}

function UpgradeReports({ reports }: { reports: UpgradeReport[] }) {
  if (reports.length === 0) return null;
  return (
    <div className="fr-alert fr-alert--success fr-mb-3w" role="status">
      <h2 className="fr-alert__title">Mise à jour effectuée</h2>
      <ul>
        {reports.map((report) => (
          <li key={report.index}>
            {`« ${report.title} » passe de la version ${report.from} à la version ${report.to}.`}
            {report.kept.length > 0
              ? ` Valeurs conservées : ${report.kept.map((label) => `« ${label} »`).join(", ")}.`
              : ""}
            {report.messages.length > 0 ? (
              <ul>
                {report.messages.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function SaveSelection({
  saved,
  signedIn,
  error,
}: {
  saved: SavedRef | null;
  signedIn: boolean;
  error: string | null;
}) {
  if (!signedIn)
    return (
      <p className="fr-mt-4w">
        <a href="/login?returnTo=%2Fselection">Connectez-vous</a> pour enregistrer vos sélections et les rouvrir plus
        tard.
      </p>
    );
  return (
    <fieldset className="fr-fieldset fr-mt-4w" aria-labelledby="save-legend">
      <legend className="fr-fieldset__legend" id="save-legend">
        Enregistrer la sélection
      </legend>
      {saved ? (
        <>
          <input type="hidden" name="savedId" value={saved.id} />
          <input type="hidden" name="savedRevision" value={saved.revision} />
        </>
      ) : null}
      <div className={`fr-fieldset__element fr-input-group${error ? " fr-input-group--error" : ""}`}>
        <label className="fr-label" htmlFor="saved-name">
          Nom de la sélection
          <span className="fr-hint-text">De 1 à 120 caractères. Vos sélections ne sont visibles que par vous.</span>
        </label>
        <input
          className="fr-input"
          id="saved-name"
          name="savedName"
          maxLength={120}
          defaultValue={saved?.name ?? ""}
          aria-describedby={error ? "saved-name-error" : undefined}
          aria-invalid={error ? true : undefined}
        />
        {error ? (
          <p className="fr-error-text" id="saved-name-error">
            {error}
          </p>
        ) : null}
      </div>
      <ul className="fr-fieldset__element fr-btns-group fr-btns-group--inline-md">
        <li>
          <button type="submit" name="intent" value={saved ? "save" : "save-new"} className="fr-btn">
            {saved ? "Enregistrer les modifications" : "Enregistrer la sélection"}
          </button>
        </li>
        {saved ? (
          <li>
            <button type="submit" name="intent" value="save-new" className="fr-btn fr-btn--secondary">
              Enregistrer comme nouvelle sélection
            </button>
          </li>
        ) : null}
        <li>
          <a className="fr-btn fr-btn--tertiary" href="/selection/enregistrees">
            Mes sélections enregistrées
          </a>
        </li>
      </ul>
    </fieldset>
  );
}

export default function SelectionPage() {
  const loaded = useLoaderData<typeof loader>();
  const submitted = useActionData<typeof action>();
  const state = submitted ?? loaded;
  const { view, fields, message, notice, saved } = state;
  const itemCount = view ? view.sections.reduce((count, section) => count + section.items.length, 0) : 0;
  const lastSection = view?.sections.at(-1)?.title ?? DEFAULT_SECTION;
  const outdatedCount = view
    ? view.sections.reduce((count, section) => count + section.items.filter((item) => item.newerVersion).length, 0)
    : 0;
  // Only after a submission or an opened saved selection: the empty page must not wipe a selection kept here.
  useEffect(() => {
    if (fields) localStorage.setItem(STORAGE_KEY, JSON.stringify(fields));
  }, [fields]);

  const hydrated = useHydrated();
  const submit = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  const [dragged, setDragged] = useState<number | null>(null);
  // Fields use defaultValue: a new answer must remount them, or a moved clause would show its neighbour's values.
  const formKey = fields ? fields.map(([name, value]) => `${name}=${value}`).join("&") : "empty";
  const dropOn = (target: number) => (event: DragEvent) => {
    event.preventDefault();
    const from = Number(event.dataTransfer.getData(DRAG_TYPE));
    setDragged(null);
    if (!formRef.current || !Number.isInteger(from) || from === target) return;
    const formData = new FormData(formRef.current);
    formData.set("intent", `move:${from}:${target}`);
    submit(formData, { method: "post", action: "/selection" });
  };

  const themes = [...new Set(loaded.choices.map((choice) => choice.theme))].sort((a, b) => a.localeCompare(b, "fr"));
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb segments={[{ label: "Clausier CCTP", to: "/clauses" }]} current="Composer un CCTP" />
      <h1>Composer un CCTP</h1>
      <p>
        Choisissez des clauses, rangez-les sous les sections de votre CCTP, renseignez leurs paramètres puis exportez le
        document en ODT (LibreOffice) ou en DOCX (Word).{" "}
        {loaded.signedIn
          ? "Enregistrez la sélection pour la rouvrir plus tard depuis « Mes sélections enregistrées »."
          : "Sans connexion, rien n'est enregistré sur le serveur."}
      </p>
      {saved ? <p className="fr-badge fr-badge--info fr-mb-3w">{`Sélection enregistrée « ${saved.name} »`}</p> : null}
      {view ? null : <RestoreSavedSelection />}
      {message ? (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
          <p>{message}</p>
        </div>
      ) : null}
      {notice ? (
        <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      {state.upgradeReports ? <UpgradeReports reports={state.upgradeReports} /> : null}
      <p className="fr-sr-only" aria-live="polite" id="selection-announcement">
        {state.announcement ?? ""}
      </p>
      <form
        key={formKey}
        ref={formRef}
        method="post"
        action="/selection"
        noValidate
        onChange={(event) => saveSelection(event.currentTarget)}
      >
        {/* The first submit button is the one Enter presses: it must not remove or move a clause. */}
        <button type="submit" name="intent" value="preview" className="fr-sr-only" tabIndex={-1} aria-hidden="true">
          Vérifier
        </button>
        <CsrfInput />
        {state.upgradeReview ? <UpgradeReviewPanel review={state.upgradeReview} /> : null}
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">Page de titre</legend>
          {(
            [
              ["title", "Objet du marché", view?.title ?? ""],
              ["buyer", "Nom de l'acheteur", view?.buyer ?? ""],
            ] as const
          ).map(([name, label, value]) => {
            const error = view?.fieldErrors[name];
            return (
              <div key={name} className={`fr-fieldset__element fr-input-group${error ? " fr-input-group--error" : ""}`}>
                <label className="fr-label" htmlFor={`selection-${name}`}>
                  {label}
                </label>
                <input
                  className="fr-input"
                  id={`selection-${name}`}
                  name={name}
                  defaultValue={value}
                  aria-describedby={error ? `selection-${name}-error` : undefined}
                  aria-invalid={error ? true : undefined}
                />
                {error ? (
                  <p className="fr-error-text" id={`selection-${name}-error`}>
                    {error}
                  </p>
                ) : null}
              </div>
            );
          })}
        </fieldset>

        <h2>Clauses sélectionnées</h2>
        {itemCount === 0 ? <p>Aucune clause n&apos;est encore sélectionnée.</p> : null}
        {hydrated && itemCount > 1 ? (
          <p className="fr-hint-text">
            Glissez une clause par sa poignée pour la déplacer, ou utilisez les boutons « Monter » et « Descendre ».
          </p>
        ) : null}
        {outdatedCount > 1 ? (
          <button type="submit" name="intent" value="review-upgrade:all" className="fr-btn fr-btn--secondary fr-mb-3w">
            {`Tout mettre à jour (${outdatedCount} clauses)`}
          </button>
        ) : null}
        {view?.sections.map((section, sectionIndex) => (
          <section key={`${sectionIndex}-${section.title}`} aria-labelledby={`section-${sectionIndex}`}>
            <h3 className="fr-h4" id={`section-${sectionIndex}`}>
              {`${sectionIndex + 1}. ${section.title}`}
            </h3>
            {section.items.map((item) => (
              <div
                key={item.index}
                data-selection-item={item.index}
                className={dragged === item.index ? "selection-item--dragged" : undefined}
                onDragEnter={hydrated ? acceptDrag : undefined}
                onDragOver={hydrated ? acceptDrag : undefined}
                onDrop={hydrated ? dropOn(item.index) : undefined}
              >
                {hydrated && itemCount > 1 ? (
                  <span
                    className="selection-drag-handle fr-icon-drag-move-2-line fr-icon--sm fr-text--sm"
                    draggable
                    aria-hidden="true"
                    title={`Glisser pour déplacer « ${item.title ?? item.id} »`}
                    onDragStart={(event) => {
                      event.dataTransfer.setData(DRAG_TYPE, String(item.index));
                      event.dataTransfer.effectAllowed = "move";
                      setDragged(item.index);
                    }}
                    onDragEnd={() => setDragged(null)}
                  >
                    Glisser
                  </span>
                ) : null}
                <div className="fr-input-group">
                  <label className="fr-label" htmlFor={`item-${item.index}-section`}>
                    Section du CCTP pour « {item.title ?? item.id} »
                  </label>
                  <input
                    className="fr-input"
                    id={`item-${item.index}-section`}
                    name={`item.${item.index}.section`}
                    defaultValue={section.title}
                  />
                </div>
                <SelectedClause item={item} last={item.index === itemCount - 1} />
              </div>
            ))}
          </section>
        ))}

        <fieldset className="fr-fieldset fr-mt-4w">
          <legend className="fr-fieldset__legend">Ajouter une clause</legend>
          <div className="fr-fieldset__element fr-select-group">
            <label className="fr-label" htmlFor="add-clause">
              Clause
            </label>
            <select className="fr-select" id="add-clause" name="addId" defaultValue={loaded.preselected}>
              <option value="">Choisir une clause</option>
              {themes.map((theme) => (
                <optgroup key={theme} label={theme}>
                  {loaded.choices
                    .filter((choice) => choice.theme === theme)
                    .map((choice) => (
                      <option key={choice.id} value={choice.id}>
                        {`${choice.title} (version ${choice.version})`}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div className="fr-fieldset__element fr-input-group">
            <label className="fr-label" htmlFor="add-section">
              Section du CCTP
              <span className="fr-hint-text">Les clauses de même section sont regroupées sous un titre numéroté.</span>
            </label>
            <input className="fr-input" id="add-section" name="addSection" defaultValue={lastSection} />
          </div>
          <div className="fr-fieldset__element">
            <button
              type="submit"
              name="intent"
              value="add"
              className="fr-btn fr-btn--secondary fr-icon-add-line fr-btn--icon-left"
            >
              Ajouter la clause
            </button>
          </div>
        </fieldset>

        <SaveSelection saved={saved} signedIn={loaded.signedIn} error={state.savedNameError} />

        <div className="fr-checkbox-group fr-mt-4w">
          <input
            type="checkbox"
            id="acceptance-plan"
            name="acceptancePlan"
            defaultChecked={state.acceptancePlan}
            aria-describedby="acceptance-plan-hint"
          />
          <label className="fr-label" htmlFor="acceptance-plan">
            Ajouter un plan de recette
            <span className="fr-hint-text" id="acceptance-plan-hint">
              En annexe du CCTP : pour chaque clause, les classes de conformité qui la vérifient, puis les suites de
              tests à exécuter (TEAM Engine, Validata, sonde CICCLO) et leur mode d&apos;emploi.
            </span>
          </label>
        </div>

        <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-4w">
          <li>
            <button type="submit" name="intent" value="preview" className="fr-btn fr-btn--secondary">
              Vérifier les paramètres
            </button>
          </li>
          <li>
            <button
              type="submit"
              name="intent"
              value="export:odt"
              formAction="/selection/export"
              className="fr-btn fr-icon-download-line fr-btn--icon-left"
            >
              Exporter en ODT
            </button>
          </li>
          <li>
            <button
              type="submit"
              name="intent"
              value="export:docx"
              formAction="/selection/export"
              className="fr-btn fr-icon-download-line fr-btn--icon-left"
            >
              Exporter en DOCX
            </button>
          </li>
          <li>
            <button type="submit" name="intent" value="clear" className="fr-btn fr-btn--tertiary">
              Vider la sélection
            </button>
          </li>
        </ul>
      </form>
    </div>
  );
}
