// Above each topic list: the filter box (the search syntax: status:, solution:, class:, assigned:, tag:, -tag:,
// category:, order:), chips that add or remove one term, the refusal of an unknown filter, and saved filters.
// Everything is a link or a plain form: any view is a shareable URL and works without JavaScript.
import { Form } from "~/components/form";
import { Link } from "~/components/link";
import { CsrfInput } from "~/components/forms";
import {
  hasTerm,
  parseListQuery,
  queryTerms,
  REPORT_STATUSES,
  STATUS_LABELS,
  toggleTerm,
  withoutKey,
} from "~/domain/tracker/list-query";

export interface SavedFilterLink {
  id: number;
  name: string;
  url: string;
}

const FILTER_TERM = /^-?[a-z]+:/i;

export function TopicFilterBar({
  path,
  q,
  error,
  signedIn,
  savedFilters,
  saveError,
}: {
  /** The list's own path (/latest, /c/slug/1, /tag/wfs). */
  path: string;
  q: string;
  /** The French refusal of the query, shown above the list. */
  error: string | null;
  signedIn: boolean;
  savedFilters: SavedFilterLink[];
  saveError?: string;
}) {
  const href = (query: string) => (query.trim() ? `${path}?q=${encodeURIComponent(query.trim())}` : path);
  const parsed = parseListQuery(q);
  const activeStatuses = new Set(
    parsed.ok ? parsed.query.terms.filter((t) => t.key === "status" && !t.negate).flatMap((t) => t.values) : [],
  );
  const chips: { label: string; to: string; active: boolean }[] = [
    ...REPORT_STATUSES.map((status) => {
      const active = activeStatuses.has(status);
      return {
        label: STATUS_LABELS[status],
        active,
        to: href(active ? withoutKey(q, "status") : toggleTerm(q, `status:${status}`, "status")),
      };
    }),
    ...(signedIn
      ? [{ label: "Assignés à moi", active: hasTerm(q, "assigned:me"), to: href(toggleTerm(q, "assigned:me")) }]
      : []),
    {
      label: "Les plus votés",
      active: parsed.ok && parsed.query.order === "votes",
      to: href(
        parsed.ok && parsed.query.order === "votes" ? withoutKey(q, "order") : toggleTerm(q, "order:votes", "order"),
      ),
    },
  ];
  // The other filters of the query (tags, solutions…), each removable by its own chip.
  const otherTerms = queryTerms(q).filter(
    (term) => FILTER_TERM.test(term) && !/^-?(status|order):/i.test(term) && term.toLowerCase() !== "assigned:me",
  );
  return (
    <div className="fr-mb-3w">
      <Form method="get" action={path} role="search" className="fr-mb-2w">
        <div className="fr-search-bar" id="topic-filter">
          <label className="fr-label" htmlFor="topic-filter-q">
            Filtrer les sujets
          </label>
          <input
            className="fr-input"
            id="topic-filter-q"
            name="q"
            type="search"
            defaultValue={q}
            placeholder="status:confirme solution:geOrchestra tag:wfs order:votes"
            aria-describedby="topic-filter-hint"
          />
          <button className="fr-btn" type="submit" title="Filtrer">
            Filtrer
          </button>
        </div>
        <p className="fr-hint-text fr-mt-1v" id="topic-filter-hint">
          Filtres : status:, solution:, class:, assigned:me, tag:, -tag:, category:, order:votes, et des mots du titre.
        </p>
      </Form>
      <div aria-live="polite">
        {error ? (
          <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
            <p>{error}</p>
          </div>
        ) : null}
      </div>
      <ul className="fr-tags-group" aria-label="Filtres rapides">
        {chips.map((chip) => (
          <li key={chip.label}>
            <Link
              className={`fr-tag fr-tag--sm${chip.active ? " fr-icon-check-line fr-tag--icon-left" : ""}`}
              to={chip.to}
              aria-current={chip.active ? "true" : undefined}
              title={chip.active ? `Retirer le filtre « ${chip.label} »` : `Filtrer : ${chip.label}`}
            >
              {chip.label}
            </Link>
          </li>
        ))}
        {otherTerms.map((term) => (
          <li key={term}>
            <Link
              className="fr-tag fr-tag--sm fr-icon-close-line fr-tag--icon-left"
              to={href(toggleTerm(q, term))}
              title={`Retirer le filtre ${term}`}
            >
              {term}
            </Link>
          </li>
        ))}
      </ul>
      {savedFilters.length ? (
        <nav aria-label="Mes filtres enregistrés" className="fr-mt-1w">
          <p className="fr-text--sm fr-mb-1v">Mes filtres :</p>
          <ul className="fr-tags-group">
            {savedFilters.map((filter) => (
              <li key={filter.id}>
                <Link className="fr-tag fr-tag--sm" to={filter.url}>
                  {filter.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {signedIn && q && !error ? (
        <Form method="post" className="fr-grid-row fr-grid-row--bottom fr-mt-1w">
          <CsrfInput />
          <input type="hidden" name="intent" value="save-filter" />
          <input type="hidden" name="q" value={q} />
          <div className={`fr-input-group fr-mb-0 fr-mr-2w${saveError ? " fr-input-group--error" : ""}`}>
            <label className="fr-label" htmlFor="saved-filter-name">
              Nom du filtre
            </label>
            <input
              className={`fr-input${saveError ? " fr-input--error" : ""}`}
              id="saved-filter-name"
              name="name"
              maxLength={60}
              required
              aria-describedby={saveError ? "saved-filter-error" : undefined}
            />
            {saveError ? (
              <p className="fr-error-text" id="saved-filter-error">
                {saveError}
              </p>
            ) : null}
          </div>
          <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
            Enregistrer ce filtre
          </button>
        </Form>
      ) : null}
    </div>
  );
}
