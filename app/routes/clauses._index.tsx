import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { Breadcrumb } from "~/components/breadcrumb";
import { ClauseStatusBadge, WRAPPING_TABLE } from "~/components/clause-view";
import { DsfrTable } from "~/components/dsfr-table";
import {
  filterChoices,
  filterClauses,
  groupByTheme,
  OBLIGATION_LABELS,
  parseClauseFilters,
  STATUS_LABELS,
} from "~/domain/clauses/catalogue";
import { listClauses } from "~/domain/clauses/library.server";
import type { ClauseObligation, ClauseStatus } from "~/domain/clauses/model";
import { resolveConformanceClassUri } from "~/domain/conformance/class-catalogue";
import { getDb } from "~/infra/db.server";

export const meta: MetaFunction = () => [
  { title: "Clausier CCTP — CICCLO Interop" },
  {
    name: "description",
    content:
      "Clauses techniques types pour les CCTP des marchés de données géographiques : versions, paramètres, export.",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const clauses = await listClauses(await getDb());
  const filters = parseClauseFilters(new URL(request.url).searchParams);
  const shown = filterClauses(clauses, filters);
  const choices = filterChoices(clauses);
  return {
    filters,
    total: clauses.length,
    count: shown.length,
    themes: groupByTheme(shown).map(({ theme, clauses: members }) => ({
      theme,
      clauses: members.map((clause) => ({
        id: clause.id,
        title: clause.title,
        status: clause.status,
        obligation: clause.obligation,
        currentVersion: clause.currentVersion,
        tags: clause.tags,
        url: `/clauses/${clause.id}`,
      })),
    })),
    choices: {
      ...choices,
      conformanceClasses: choices.conformanceClasses.map((uri) => ({
        uri,
        title: resolveConformanceClassUri(uri)?.title ?? uri,
      })),
    },
  };
}

function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
}) {
  const id = `filtre-${name}`;
  return (
    <div className="fr-select-group fr-col-12 fr-col-md-6 fr-col-lg">
      <label className="fr-label" htmlFor={id}>
        {label}
      </label>
      <select className="fr-select" id={id} name={name} defaultValue={value ?? ""}>
        <option value="">Tous</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function ClauseLibrary() {
  const { filters, total, count, themes, choices } = useLoaderData<typeof loader>();
  const filtered = Object.values(filters).some(Boolean);
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb current="Clausier CCTP" />
      <h1>Clausier CCTP</h1>
      <p className="fr-text--lead">
        Des clauses techniques types pour le cahier des clauses techniques particulières (CCTP) : chaque version publiée
        est figée à son adresse, paramétrable et exportable en ODT ou DOCX.
      </p>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mb-3w">
        <li>
          <Link className="fr-btn fr-icon-file-text-line fr-btn--icon-left" to="/selection">
            Composer un CCTP
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--secondary" to="/clauses/templates">
            Partir d&apos;un modèle de CCTP
          </Link>
        </li>
        <li>
          <a className="fr-btn fr-btn--secondary" href="/clauses.json">
            Le clausier en JSON
          </a>
        </li>
      </ul>

      <form method="get" action="/clauses" className="fr-mb-4w" aria-labelledby="filtres-titre">
        <h2 id="filtres-titre" className="fr-h6">
          Filtrer les clauses
        </h2>
        <div className="fr-grid-row fr-grid-row--gutters">
          <FilterSelect
            name="theme"
            label="Thème"
            value={filters.theme}
            options={choices.themes.map((theme) => ({ value: theme, label: theme }))}
          />
          <FilterSelect
            name="status"
            label="Statut"
            value={filters.status}
            options={choices.statuses.map((status) => ({
              value: status,
              label: STATUS_LABELS[status as ClauseStatus] ?? status,
            }))}
          />
          <FilterSelect
            name="obligation"
            label="Obligation"
            value={filters.obligation}
            options={choices.obligations.map((obligation) => ({
              value: obligation,
              label: OBLIGATION_LABELS[obligation],
            }))}
          />
          <FilterSelect
            name="class"
            label="Classe de conformité"
            value={filters.conformanceClass}
            options={choices.conformanceClasses.map((conformanceClass) => ({
              value: conformanceClass.uri,
              label: conformanceClass.title,
            }))}
          />
          <FilterSelect
            name="tag"
            label="Étiquette"
            value={filters.tag}
            options={choices.tags.map((tag) => ({ value: tag, label: tag }))}
          />
        </div>
        <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
          <li>
            <button type="submit" className="fr-btn">
              Filtrer
            </button>
          </li>
          {filtered ? (
            <li>
              <Link className="fr-btn fr-btn--tertiary" to="/clauses">
                Retirer les filtres
              </Link>
            </li>
          ) : null}
        </ul>
      </form>

      <p role="status">
        {filtered
          ? `${count} clause${count > 1 ? "s" : ""} sur ${total} correspondent aux filtres.`
          : `${total} clause${total > 1 ? "s" : ""}.`}
      </p>
      {themes.length === 0 ? <p>Aucune clause ne correspond à ces filtres.</p> : null}
      {themes.map(({ theme, clauses }) => (
        <section key={theme} className="fr-mb-4w" aria-labelledby={`theme-${slug(theme)}`}>
          <h2 id={`theme-${slug(theme)}`}>{theme}</h2>
          <DsfrTable caption={`Clauses du thème « ${theme} »`} hideCaption className={WRAPPING_TABLE}>
            <thead>
              <tr>
                <th scope="col">Clause</th>
                <th scope="col">Version</th>
                <th scope="col">Statut</th>
                <th scope="col">Obligation</th>
                <th scope="col">Étiquettes</th>
              </tr>
            </thead>
            <tbody>
              {clauses.map((clause) => (
                <tr key={clause.id}>
                  <th scope="row">
                    <Link to={clause.url}>{clause.title}</Link>
                  </th>
                  <td>{clause.currentVersion}</td>
                  <td>
                    <ClauseStatusBadge status={clause.status} />
                  </td>
                  <td>{OBLIGATION_LABELS[clause.obligation as ClauseObligation] ?? clause.obligation}</td>
                  <td>
                    {clause.tags.map((tag) => (
                      <Link
                        key={tag}
                        className="fr-tag fr-tag--sm fr-mr-1v"
                        to={`/clauses?tag=${encodeURIComponent(tag)}`}
                      >
                        {tag}
                      </Link>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </DsfrTable>
        </section>
      ))}
    </div>
  );
}

const slug = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
