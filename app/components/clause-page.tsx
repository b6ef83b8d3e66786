import { Link } from "~/components/link";
import type { ClauseVersionView } from "~/domain/clauses/views";
import { OBLIGATION_LABELS } from "~/domain/clauses/catalogue";
import { Breadcrumb } from "./breadcrumb";
import { ClauseBlocks, ClauseStatusBadge, CopyClauseText, ParameterTable, WRAPPING_TABLE } from "./clause-view";
import { DsfrTable } from "./dsfr-table";
import { ClauseSatisfactionSection } from "./clause-satisfaction";
import type { ClauseSatisfaction } from "~/domain/conformance/clause-satisfaction";

/** A clause version's page: /clauses/:id shows the current version, /clauses/:id/v/:version any published one. */
export function ClauseVersionPage({
  view,
  permanent,
  satisfaction,
}: {
  view: ClauseVersionView;
  permanent: boolean;
  /** Given on the current version's page only: results are about today, not about an older text. */
  satisfaction?: ClauseSatisfaction;
}) {
  const { clause, version } = view;
  const versions = clause.versions;
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb
        segments={[
          { label: "Clausier CCTP", to: "/clauses" },
          ...(permanent ? [{ label: clause.title, to: clause.url }] : []),
        ]}
        current={permanent ? `Version ${version.version}` : clause.title}
      />
      <h1>{version.title}</h1>
      <ul className="fr-badges-group">
        <li>
          <ClauseStatusBadge status={version.status} />
        </li>
        <li>
          <p className="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon">
            {OBLIGATION_LABELS[version.obligation]}
          </p>
        </li>
        <li>
          <p className="fr-badge fr-badge--sm fr-badge--no-icon">Version {version.version}</p>
        </li>
      </ul>
      {permanent && !version.isCurrent ? (
        <div className="fr-notice fr-notice--info fr-mb-3w">
          <div className="fr-container">
            <div className="fr-notice__body">
              <p className="fr-notice__title">
                {`Vous consultez la version ${version.version}, qui n'est pas la version en cours (${clause.currentVersion}). `}
                <Link to={clause.url}>Voir la version en cours</Link>
                {" · "}
                <Link to={`${clause.url}/diff/${version.version}/${clause.currentVersion}`}>
                  Comparer avec la version en cours
                </Link>
              </p>
            </div>
          </div>
        </div>
      ) : null}
      {version.supersededBy ? (
        <p className="fr-alert fr-alert--warning fr-alert--sm">
          Cette clause est remplacée par <Link to={`/clauses/${version.supersededBy}`}>{version.supersededBy}</Link>.
        </p>
      ) : null}
      <dl className="clause-facts">
        <dt>Identifiant</dt>
        <dd>
          <code>{clause.id}</code>
        </dd>
        <dt>Thème</dt>
        <dd>
          <Link to={`/clauses?theme=${encodeURIComponent(version.theme)}`}>{version.theme}</Link>
        </dd>
        <dt>Publiée le</dt>
        <dd>{version.publishedLabel ?? "—"}</dd>
        <dt>En vigueur</dt>
        <dd>{version.inForceFrom ? `à partir du ${version.inForceFromLabel}` : version.inForceFromLabel}</dd>
        <dt>Adresse permanente de cette version</dt>
        <dd>
          <Link to={version.url}>{version.url}</Link>
        </dd>
        <dt>Empreinte (SHA-256)</dt>
        <dd>
          <code className="fr-text--xs">{version.contentHash}</code>
        </dd>
        {version.tags.length > 0 ? (
          <>
            <dt>Étiquettes</dt>
            <dd>
              {version.tags.map((tag) => (
                <Link key={tag} className="fr-tag fr-tag--sm fr-mr-1v" to={`/clauses?tag=${encodeURIComponent(tag)}`}>
                  {tag}
                </Link>
              ))}
            </dd>
          </>
        ) : null}
      </dl>

      <h2>Texte de la clause</h2>
      <p className="fr-text--sm">
        {view.parameters.length > 0
          ? "Texte rendu avec les valeurs par défaut des paramètres ; une valeur à renseigner est indiquée entre crochets."
          : "Cette clause n'a pas de paramètre."}
      </p>
      <div className="clause-text fr-mb-2w" id="texte-clause">
        <ClauseBlocks blocks={view.text} />
      </div>
      <CopyClauseText copy={view.copy} />
      <p>
        <Link className="fr-link fr-icon-file-text-line fr-link--icon-left" to={`/selection?add=${clause.id}`}>
          Ajouter cette clause à un CCTP
        </Link>
      </p>

      <h2>Paramètres</h2>
      {view.parameters.length > 0 ? (
        <ParameterTable parameters={view.parameters} caption={`Paramètres de la clause « ${version.title} »`} />
      ) : (
        <p>Aucun paramètre.</p>
      )}

      {view.guidance.length > 0 ? (
        <>
          <h2>Guide de l&apos;acheteur</h2>
          <div className="fr-callout">
            <p className="fr-callout__title fr-text--md">Conseils non contractuels</p>
            <ClauseBlocks blocks={view.guidance} />
          </div>
        </>
      ) : null}

      <h2>Références</h2>
      {view.references.length > 0 ? (
        <ul>
          {view.references.map((reference) => (
            <li key={reference.label}>
              {reference.url ? <a href={reference.url}>{reference.label}</a> : reference.label}
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucune référence.</p>
      )}

      <h2>Classes de conformité</h2>
      {view.conformanceClasses.length > 0 ? (
        <ul>
          {view.conformanceClasses.map((conformanceClass) => (
            <li key={conformanceClass.uri}>
              {conformanceClass.title ? `${conformanceClass.title} — ` : null}
              <code className="fr-text--xs">{conformanceClass.uri}</code>
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucune classe de conformité ne vérifie cette clause.</p>
      )}

      <h2 id="qui-satisfait">Qui satisfait cette clause aujourd&apos;hui</h2>
      {satisfaction ? (
        <ClauseSatisfactionSection satisfaction={satisfaction} />
      ) : (
        <p>
          Les résultats de conformité se lisent sur la <Link to={clause.url}>version en cours de la clause</Link>.
        </p>
      )}

      <h2>Historique des versions</h2>
      <DsfrTable caption={`Versions publiées de la clause « ${clause.title} »`} hideCaption className={WRAPPING_TABLE}>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Statut</th>
            <th scope="col">Publiée le</th>
            <th scope="col">Modifications</th>
            <th scope="col">Comparer</th>
          </tr>
        </thead>
        <tbody>
          {[...versions].reverse().map((entry) => {
            const previous = versions[versions.findIndex((candidate) => candidate.version === entry.version) - 1];
            return (
              <tr key={entry.version}>
                <th scope="row">
                  {entry.version === version.version ? (
                    <span aria-current="page">{entry.version} (affichée)</span>
                  ) : (
                    <Link to={entry.url}>{entry.version}</Link>
                  )}
                </th>
                <td>
                  <ClauseStatusBadge status={entry.status} />
                </td>
                <td>{entry.published}</td>
                <td>{entry.changelog}</td>
                <td>
                  {previous ? (
                    <Link to={`${clause.url}/diff/${previous.version}/${entry.version}`}>
                      {previous.version} → {entry.version}
                    </Link>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </DsfrTable>

      <h2>Discussion</h2>
      <p>
        <Link to={clause.discussionUrl} reloadDocument>
          Discuter de cette clause et proposer sa prochaine version
        </Link>
      </p>
      <p>
        <a href={`${clause.url}.json`}>Cette clause en JSON</a>
      </p>
    </div>
  );
}
