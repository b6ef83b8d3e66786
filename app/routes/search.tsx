import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { Fragment } from "react";
import { SEARCH_TYPE_LABELS } from "~/domain/search/labels";
import { SEARCH_DOCUMENT_TYPES } from "~/domain/search/search-document";
import {
  isEmptySearchQuery,
  parseSearchPage,
  searchSite,
  type SiteSearchResults,
} from "~/domain/search/site-search.server";
import { DomainError } from "~/domain/shared/errors";
import { getReader } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded?.query ? `Recherche « ${loaded.query} » — CICCLO Interop` : "Recherche — CICCLO Interop" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const query = url.searchParams.get("q") ?? "";
  if (isEmptySearchQuery(query)) return { query, results: null, error: null };
  try {
    const page = parseSearchPage(url.searchParams.get("page"));
    const results = await searchSite(await getDb(), await getReader(request, context), query, { page });
    return { query, results, error: null };
  } catch (error) {
    // A query the syntax refuses, or the engine down: said in French on the page, never a server error.
    if (!(error instanceof DomainError)) throw error;
    return data({ query, results: null, error: error.userMessage }, { status: error.status });
  }
}

const numberFormat = new Intl.NumberFormat("fr-FR");
const searchUrl = (query: string, page = 1) =>
  `/search?${new URLSearchParams(page > 1 ? { q: query, page: String(page) } : { q: query })}`;

function countText(results: SiteSearchResults): string {
  if (results.total === 0) return "Aucun résultat";
  const count = numberFormat.format(results.total);
  if (!results.totalIsExact) return `Plus de ${count} résultats`;
  return results.total === 1 ? "1 résultat" : `${count} résultats`;
}

export default function Search() {
  const { query, results, error } = useLoaderData<typeof loader>();
  return (
    <div className="fr-container fr-my-6w">
      <h1>Recherche</h1>
      <form action="/search" method="get" role="search" className="fr-mb-4w">
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="search-page-input">
            Rechercher dans les discussions, les clauses et la conformité
            <span className="fr-hint-text">
              Filtres possibles : status:confirmed, tag:pagination, category:annonces, solution:georchestra,
              class:ogcapi-features-1/core, type:clause, assigned:me, order:latest ; « -tag:x » exclut ; des guillemets
              cherchent une expression exacte.
            </span>
          </label>
          <div className="fr-search-bar fr-search-bar--lg">
            <input className="fr-input" type="search" id="search-page-input" name="q" defaultValue={query} />
            <button className="fr-btn" type="submit" title="Rechercher">
              Rechercher
            </button>
          </div>
        </div>
      </form>

      {error ? (
        <div className="fr-alert fr-alert--error fr-mb-4w" role="alert">
          <h2 className="fr-alert__title">Recherche impossible</h2>
          <p>{error}</p>
        </div>
      ) : null}

      {results ? <SearchResultsView results={results} /> : error ? null : <SearchTips />}
    </div>
  );
}

function SearchResultsView({ results }: { results: SiteSearchResults }) {
  const groups = SEARCH_DOCUMENT_TYPES.map((type) => ({
    type,
    hits: results.hits.filter((hit) => hit.type === type),
  })).filter((group) => group.hits.length > 0);
  return (
    <div className="fr-grid-row fr-grid-row--gutters search-results">
      <div className="fr-col-12 fr-col-md-8">
        <p role="status" aria-live="polite" className="fr-text--lg">
          {`${countText(results)} pour « ${results.query} »` +
            (results.pageCount > 1 ? ` (page ${results.page} sur ${results.pageCount})` : "")}
        </p>
        {results.total === 0 ? <NoResults /> : null}
        {groups.map((group) => (
          <section key={group.type} aria-labelledby={`resultats-${group.type}`} className="fr-mb-4w">
            <h2 id={`resultats-${group.type}`} className="fr-h4">
              {SEARCH_TYPE_LABELS[group.type]}
            </h2>
            <ul className="fr-raw-list">
              {group.hits.map((hit) => (
                <li key={hit.id} className="fr-mb-3w">
                  <h3 className="fr-h6 fr-mb-1v">
                    {/* Escaped by the engine (app/domain/search/text.ts), only <mark> added: safe as HTML. */}
                    <Link to={hit.url} dangerouslySetInnerHTML={{ __html: hit.titleHtml }} />
                  </h3>
                  {hit.snippetHtml ? (
                    <p className="fr-text--sm fr-mb-0" dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ))}
        <Pagination results={results} />
      </div>
      <aside className="fr-col-12 fr-col-md-4" aria-label="Affiner la recherche">
        {results.facets.map((facet) => (
          <Fragment key={facet.field}>
            <h2 className="fr-h6 fr-mb-1w">{facet.label}</h2>
            <ul className="fr-mb-3w">
              {facet.values.slice(0, 12).map((value) => (
                <li key={value.value}>
                  <Link to={searchUrl(value.query)} aria-label={`${facet.label} : ${value.label} (${value.count})`}>
                    {value.label}
                  </Link>{" "}
                  <span className="fr-badge fr-badge--sm fr-badge--no-icon" aria-hidden="true">
                    {numberFormat.format(value.count)}
                  </span>
                </li>
              ))}
            </ul>
          </Fragment>
        ))}
      </aside>
    </div>
  );
}

function Pagination({ results }: { results: SiteSearchResults }) {
  if (results.pageCount <= 1) return null;
  const { page, pageCount, query } = results;
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pageCount])].filter(
    (number) => number >= 1 && number <= pageCount,
  );
  return (
    <nav role="navigation" className="fr-pagination" aria-label="Pagination des résultats">
      <ul className="fr-pagination__list">
        <li>
          {page > 1 ? (
            <Link className="fr-pagination__link fr-pagination__link--prev" to={searchUrl(query, page - 1)}>
              Page précédente
            </Link>
          ) : null}
        </li>
        {shown.map((number) => (
          <li key={number}>
            <Link
              className="fr-pagination__link"
              to={searchUrl(query, number)}
              aria-current={number === page ? "page" : undefined}
              title={`Page ${number}`}
            >
              {number}
            </Link>
          </li>
        ))}
        <li>
          {page < pageCount ? (
            <Link className="fr-pagination__link fr-pagination__link--next" to={searchUrl(query, page + 1)}>
              Page suivante
            </Link>
          ) : null}
        </li>
      </ul>
    </nav>
  );
}

function NoResults() {
  return (
    <div className="fr-callout fr-mb-4w">
      <h2 className="fr-callout__title">Aucun résultat</h2>
      <ul className="fr-callout__text">
        <li>Vérifiez l&apos;orthographe, ou essayez un mot plus court ou plus général.</li>
        <li>Retirez un filtre (status:, tag:, solution:…) pour élargir la recherche.</li>
        <li>Les sujets des catégories réservées n&apos;apparaissent qu&apos;à leurs membres : connectez-vous.</li>
      </ul>
    </div>
  );
}

function SearchTips() {
  return (
    <div className="fr-callout">
      <h2 className="fr-callout__title">Comment chercher</h2>
      <ul className="fr-callout__text">
        <li>
          Les accents, les majuscules et une faute de frappe sont tolérés : « geoplateforme » trouve « Géoplateforme ».
        </li>
        <li>
          Filtrez avec <code>status:confirmed</code>, <code>solution:georchestra</code>,{" "}
          <code>class:ogcapi-features-1/core</code>, <code>tag:pagination</code> ou <code>type:clause</code>.
        </li>
        <li>
          Mettez une expression entre guillemets pour la trouver telle quelle : <code>&quot;lien next&quot;</code>.
        </li>
      </ul>
    </div>
  );
}
