import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useSyncExternalStore } from "react";
import { Breadcrumb } from "~/components/breadcrumb";
import { ClauseBlocks } from "~/components/clause-view";
import { listClauses } from "~/domain/clauses/library.server";
import {
  addToSelection,
  DEFAULT_SECTION,
  moveInSelection,
  parseSelectionFields,
  removeFromSelection,
  type Selection,
  selectionFields,
} from "~/domain/clauses/selection";
import { buildSelectionView, type SelectionItemView, type SelectionView } from "~/domain/clauses/selection.server";
import type { ParameterView } from "~/domain/clauses/views";
import { getDb } from "~/infra/db.server";

export const meta: MetaFunction = () => [{ title: "Composer un CCTP — Clausier CCTP — CICCLO Interop" }];

// /selection: anyone composes a CCTP from the library. The selection lives in the form's fields (every button is a
// plain POST, so it works without JavaScript) and, with JavaScript, in localStorage so it survives a visit elsewhere.

const STORAGE_KEY = "cicclo:selection";

export async function loader({ request }: LoaderFunctionArgs) {
  const clauses = await listClauses(await getDb());
  return {
    choices: clauses.map((clause) => ({
      id: clause.id,
      title: clause.title,
      theme: clause.theme,
      version: clause.currentVersion,
    })),
    preselected: new URL(request.url).searchParams.get("add") ?? "",
    view: null as SelectionView | null,
    fields: null as [string, string][] | null,
    message: null as string | null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const db = await getDb();
  const form = await request.formData();
  const entries = [...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string");
  let selection: Selection = parseSelectionFields(entries);
  const intent = String(form.get("intent") ?? "preview");
  const [verb, argument] = intent.split(":");
  const index = Number(argument);
  let message: string | null = null;
  let status = 200;

  if (verb === "add") {
    const id = String(form.get("addId") ?? "").trim();
    if (id)
      selection = addToSelection(selection, {
        id,
        section: String(form.get("addSection") ?? "").trim() || DEFAULT_SECTION,
        parameters: {},
      });
    else {
      message = "Choisissez une clause à ajouter.";
      status = 422;
    }
  } else if (verb === "remove" && Number.isInteger(index)) selection = removeFromSelection(selection, index);
  else if ((verb === "up" || verb === "down") && Number.isInteger(index))
    selection = moveInSelection(selection, index, verb === "up" ? -1 : 1);
  else if (verb === "clear") selection = { title: "", buyer: "", items: [] };
  else if (verb === "export") {
    // /selection/export sends an incomplete selection back here (307 keeps the POST): show what to correct.
    const view = await buildSelectionView(db, selection, { requireTitlePage: true });
    const problems = view.errorCount + (selection.items.length === 0 ? 1 : 0);
    return data(
      {
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
  const view = await buildSelectionView(db, selection, { requireTitlePage: false });
  return data({ view, fields: selectionFields(selection), message }, { status });
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

export default function SelectionPage() {
  const loaded = useLoaderData<typeof loader>();
  const submitted = useActionData<typeof action>();
  const view = submitted?.view ?? null;
  const fields = submitted?.fields ?? null;
  const message = submitted?.message ?? null;
  const itemCount = view ? view.sections.reduce((count, section) => count + section.items.length, 0) : 0;
  const lastSection = view?.sections.at(-1)?.title ?? DEFAULT_SECTION;
  // Only after a submission: the empty page shown on arrival must not wipe a saved selection.
  useEffect(() => {
    if (fields) localStorage.setItem(STORAGE_KEY, JSON.stringify(fields));
  }, [fields]);

  const themes = [...new Set(loaded.choices.map((choice) => choice.theme))].sort((a, b) => a.localeCompare(b, "fr"));
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb segments={[{ label: "Clausier CCTP", to: "/clauses" }]} current="Composer un CCTP" />
      <h1>Composer un CCTP</h1>
      <p>
        Choisissez des clauses, rangez-les sous les sections de votre CCTP, renseignez leurs paramètres puis exportez le
        document en ODT (LibreOffice) ou en DOCX (Word). Rien n&apos;est enregistré sur le serveur.
      </p>
      {view ? null : <RestoreSavedSelection />}
      {message ? (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
          <p>{message}</p>
        </div>
      ) : null}
      <form method="post" action="/selection" noValidate onChange={(event) => saveSelection(event.currentTarget)}>
        {/* The first submit button is the one Enter presses: it must not remove or move a clause. */}
        <button type="submit" name="intent" value="preview" className="fr-sr-only" tabIndex={-1} aria-hidden="true">
          Vérifier
        </button>
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
        {view?.sections.map((section, sectionIndex) => (
          <section key={`${sectionIndex}-${section.title}`} aria-labelledby={`section-${sectionIndex}`}>
            <h3 className="fr-h4" id={`section-${sectionIndex}`}>
              {`${sectionIndex + 1}. ${section.title}`}
            </h3>
            {section.items.map((item) => (
              <div key={item.index}>
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
