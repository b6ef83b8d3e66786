// The tracker's links on a topic page: the duplicate notice at the top, and a panel with backlinks ("Mentionné
// dans"), external references, blocking relations and, for those who triage, the forms that change them.
import { Form } from "~/components/form";
import { Link } from "~/components/link";
import { CsrfInput } from "~/components/forms";

interface TopicRef {
  id: number;
  slug: string;
  title: string;
}

export interface TopicLinksData {
  backlinks: TopicRef[];
  externalReferences: { url: string; label: string }[];
  relations: { blocks: TopicRef[]; blockedBy: TopicRef[] };
  duplicateOf: TopicRef | null;
  isDuplicate: boolean;
  canLink: boolean;
  reportRevision: number | null;
}

const topicUrl = (topic: TopicRef) => `/t/${topic.slug}/${topic.id}`;

/** "Ce sujet est un doublon de #N « titre » — Aller au sujet", at the top of a closed duplicate. */
export function DuplicateNotice({ target }: { target: TopicRef | null }) {
  if (!target) return null;
  return (
    <div className="fr-notice fr-notice--info fr-mb-3w" role="region" aria-label="Sujet en doublon">
      <div className="fr-container">
        <div className="fr-notice__body">
          <p className="fr-notice__title">
            {`Ce sujet est un doublon de #${target.id} « ${target.title} » — `}
            <Link to={topicUrl(target)} className="fr-link">
              Aller au sujet
            </Link>
          </p>
        </div>
      </div>
    </div>
  );
}

function RelationList({
  label,
  topics,
  kind,
  canLink,
}: {
  label: string;
  topics: TopicRef[];
  kind: "blocks" | "blocked_by";
  canLink: boolean;
}) {
  if (topics.length === 0) return null;
  return (
    <>
      <p className="fr-text--sm fr-text--bold fr-mb-1v">{label}</p>
      <ul className="fr-text--sm">
        {topics.map((topic) => (
          <li key={topic.id}>
            <Link to={topicUrl(topic)}>{`#${topic.id} « ${topic.title} »`}</Link>
            {canLink ? (
              <Form
                method="post"
                preventScrollReset
                className="fr-displayed-inline fr-ml-1w"
                style={{ display: "inline" }}
              >
                <CsrfInput />
                <input type="hidden" name="kind" value={kind} />
                <input type="hidden" name="target" value={topic.id} />
                <button
                  className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm"
                  type="submit"
                  name="intent"
                  value="relation-remove"
                  aria-label={`Retirer la relation avec #${topic.id}`}
                >
                  Retirer
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Backlinks, external references and relations; forms for those who may link topics. */
export function TopicLinksPanel({
  links,
  fieldErrors = {},
}: {
  links: TopicLinksData;
  fieldErrors?: Record<string, string>;
}) {
  const { backlinks, externalReferences, relations, canLink } = links;
  const hasRelations = relations.blocks.length > 0 || relations.blockedBy.length > 0;
  if (!canLink && backlinks.length === 0 && externalReferences.length === 0 && !hasRelations) return null;
  return (
    <section className="fr-mb-4w" aria-label="Liens du sujet">
      {backlinks.length ? (
        <div className="fr-mb-2w">
          <p className="fr-text--sm fr-text--bold fr-mb-1v">Mentionné dans</p>
          <ul className="fr-text--sm" aria-label="Sujets qui mentionnent celui-ci">
            {backlinks.map((topic) => (
              <li key={topic.id}>
                <Link to={topicUrl(topic)}>{`Mentionné dans #${topic.id} « ${topic.title} »`}</Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {externalReferences.length ? (
        <div className="fr-callout fr-py-2w fr-mb-2w">
          <h2 className="fr-callout__title fr-h6">Références externes</h2>
          <ul className="fr-text--sm fr-mb-0">
            {externalReferences.map((reference) => (
              <li key={reference.url}>
                <a
                  href={reference.url}
                  rel="nofollow noopener noreferrer"
                  target="_blank"
                  title={`${reference.label} (nouvelle fenêtre)`}
                >
                  {reference.label}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <RelationList label="Ce sujet bloque" topics={relations.blocks} kind="blocks" canLink={canLink} />
      <RelationList label="Ce sujet est bloqué par" topics={relations.blockedBy} kind="blocked_by" canLink={canLink} />
      {canLink ? <LinkForms links={links} fieldErrors={fieldErrors} /> : null}
    </section>
  );
}

function LinkForms({ links, fieldErrors }: { links: TopicLinksData; fieldErrors: Record<string, string> }) {
  const error = fieldErrors.target;
  return (
    <details className="fr-mt-2w" open={Boolean(error)}>
      <summary className="fr-text--sm">Lier ce sujet à un autre</summary>
      <Form method="post" preventScrollReset className="fr-grid-row fr-grid-row--bottom fr-mt-1w">
        <CsrfInput />
        <div className="fr-select-group fr-mb-0 fr-mr-2w">
          <label className="fr-label" htmlFor="relation-kind">
            Relation
          </label>
          <select className="fr-select" id="relation-kind" name="kind" defaultValue="blocks">
            <option value="blocks">bloque</option>
            <option value="blocked_by">est bloqué par</option>
          </select>
        </div>
        <div className={`fr-input-group fr-mb-0 fr-mr-2w${error ? " fr-input-group--error" : ""}`}>
          <label className="fr-label" htmlFor="relation-target">
            Sujet (numéro)
            <span className="fr-hint-text">Par exemple #42.</span>
          </label>
          <input
            className={`fr-input${error ? " fr-input--error" : ""}`}
            id="relation-target"
            name="target"
            inputMode="numeric"
            required
            aria-describedby={error ? "topic-links-error" : undefined}
          />
        </div>
        <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit" name="intent" value="relation-add">
          Ajouter la relation
        </button>
      </Form>
      {!links.isDuplicate ? (
        <Form method="post" preventScrollReset className="fr-grid-row fr-grid-row--bottom fr-mt-2w">
          <CsrfInput />
          {links.reportRevision !== null ? <input type="hidden" name="revision" value={links.reportRevision} /> : null}
          <div className="fr-input-group fr-mb-0 fr-mr-2w">
            <label className="fr-label" htmlFor="duplicate-target">
              Doublon de (numéro du sujet)
              <span className="fr-hint-text">
                Ce sujet sera fermé ; ses abonnés et ses votes passeront à l&apos;autre.
              </span>
            </label>
            <input
              className="fr-input"
              id="duplicate-target"
              name="target"
              inputMode="numeric"
              required
              aria-describedby={error ? "topic-links-error" : undefined}
            />
          </div>
          <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit" name="intent" value="close-duplicate">
            Fermer comme doublon
          </button>
        </Form>
      ) : null}
      <div aria-live="polite">
        {error ? (
          <p className="fr-error-text" id="topic-links-error">
            {error}
          </p>
        ) : null}
      </div>
    </details>
  );
}
