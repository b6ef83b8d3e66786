// The tracker's parts of a topic page: who is in charge, the roadmap vote, the accepted answer. Plain forms (POST
// with the CSRF token) to the topic's own action, so they work without JavaScript.
import { useRouteLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { Link } from "~/components/link";
import { CsrfInput } from "~/components/forms";
import type { TopicTracker } from "~/domain/tracker/topic-tracker.server";
import { canBeAcceptedAnswer, type AnswerCandidate } from "~/domain/tracker/answers";
import type { RootData } from "~/root";

const plural = (count: number, singular: string, pluralForm = `${singular}s`) =>
  `${count} ${count > 1 ? pluralForm : singular}`;

/** "Assignés": the people and teams in charge, for every reader; the form to change them for those who triage. */
export function AssigneesBlock({
  tracker,
  fieldErrors = {},
}: {
  tracker: TopicTracker;
  fieldErrors?: Record<string, string>;
}) {
  const root = useRouteLoaderData<RootData>("root");
  const { assignees, canAssign, teams } = tracker;
  if (!canAssign && assignees.length === 0) return null;
  const self = root?.user?.username;
  const selfAssigned = assignees.some((assignee) => assignee.kind === "user" && assignee.name === self);
  return (
    <section className="fr-mb-3w fr-p-2w fr-background-alt--grey" aria-labelledby="assignees-heading">
      <h2 className="fr-h6 fr-mb-1w" id="assignees-heading">
        Assignés
      </h2>
      {assignees.length === 0 ? (
        <p className="fr-text--sm fr-mb-1w">Personne n&apos;est encore assigné à ce sujet.</p>
      ) : (
        <ul className="fr-tags-group" aria-label="Personnes et équipes assignées">
          {assignees.map((assignee) => (
            <li key={assignee.id}>
              {assignee.kind === "user" ? (
                <Link className="fr-tag fr-tag--sm" to={`/u/${assignee.name}`}>
                  {`${assignee.label} (@${assignee.name})`}
                </Link>
              ) : (
                <Link className="fr-tag fr-tag--sm fr-icon-team-line fr-tag--icon-left" to={`/groups#${assignee.name}`}>
                  {`Équipe ${assignee.label}`}
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
      {canAssign ? (
        <>
          {assignees.length > 0 ? (
            <Form method="post" preventScrollReset className="fr-mb-2w">
              <CsrfInput />
              <input type="hidden" name="intent" value="unassign" />
              <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm">
                {assignees.map((assignee) => (
                  <li key={assignee.id}>
                    <button
                      className="fr-btn fr-btn--tertiary fr-icon-close-line fr-btn--icon-left"
                      type="submit"
                      name="assignmentId"
                      value={assignee.id}
                    >
                      {assignee.kind === "user" ? `Retirer @${assignee.name}` : `Retirer l'équipe ${assignee.label}`}
                    </button>
                  </li>
                ))}
              </ul>
            </Form>
          ) : null}
          <Form method="post" preventScrollReset className="fr-grid-row fr-grid-row--bottom fr-mb-2w">
            <CsrfInput />
            <input type="hidden" name="intent" value="assign" />
            <div className={`fr-input-group fr-mb-0 fr-mr-2w${fieldErrors.username ? " fr-input-group--error" : ""}`}>
              <label className="fr-label" htmlFor="assign-username">
                Assigner une personne
                <span className="fr-hint-text">Son nom d&apos;utilisateur, par exemple julien.roux.</span>
              </label>
              <input
                className={`fr-input${fieldErrors.username ? " fr-input--error" : ""}`}
                id="assign-username"
                name="username"
                autoComplete="off"
                required
                aria-describedby={fieldErrors.username ? "assign-username-error" : undefined}
              />
              {fieldErrors.username ? (
                <p className="fr-error-text" id="assign-username-error">
                  {fieldErrors.username}
                </p>
              ) : null}
            </div>
            <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
              Assigner
            </button>
          </Form>
          {teams.length > 0 ? (
            <Form method="post" preventScrollReset className="fr-grid-row fr-grid-row--bottom fr-mb-2w">
              <CsrfInput />
              <input type="hidden" name="intent" value="assign" />
              <div className={`fr-select-group fr-mb-0 fr-mr-2w${fieldErrors.group ? " fr-select-group--error" : ""}`}>
                <label className="fr-label" htmlFor="assign-group">
                  Assigner une équipe
                </label>
                <select
                  className={`fr-select${fieldErrors.group ? " fr-select--error" : ""}`}
                  id="assign-group"
                  name="group"
                  required
                  aria-describedby={fieldErrors.group ? "assign-group-error" : undefined}
                >
                  {teams.map((team) => (
                    <option key={team.name} value={team.name}>
                      {team.label}
                    </option>
                  ))}
                </select>
                {fieldErrors.group ? (
                  <p className="fr-error-text" id="assign-group-error">
                    {fieldErrors.group}
                  </p>
                ) : null}
              </div>
              <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
                Assigner l&apos;équipe
              </button>
            </Form>
          ) : null}
          {self && !selfAssigned ? (
            <Form method="post" preventScrollReset>
              <CsrfInput />
              <input type="hidden" name="intent" value="assign" />
              <input type="hidden" name="username" value={self} />
              <button
                className="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-user-add-line fr-btn--icon-left"
                type="submit"
              >
                M&apos;assigner ce sujet
              </button>
            </Form>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** The roadmap vote: the count for everyone, the button and the votes left for members who may vote. */
export function VoteBlock({
  tracker,
  signedIn,
  loginPath,
}: {
  tracker: TopicTracker;
  signedIn: boolean;
  loginPath: string;
}) {
  const { voting } = tracker;
  if (!voting.votingEnabled) return null;
  return (
    <section className="fr-mb-3w fr-p-2w fr-background-alt--blue-france" aria-labelledby="votes-heading">
      <h2 className="fr-h6 fr-mb-1w" id="votes-heading">
        Votes
      </h2>
      <p className="fr-mb-1w" aria-live="polite">
        <strong>{plural(voting.voteCount, "vote")}</strong>
        {voting.userVoted ? " · vous avez voté pour ce sujet" : null}
      </p>
      {voting.canVote || voting.userVoted ? (
        <Form method="post" preventScrollReset>
          <CsrfInput />
          <button
            className={`fr-btn fr-btn--sm${voting.userVoted ? " fr-btn--secondary" : ""}`}
            type="submit"
            name="intent"
            value={voting.userVoted ? "unvote" : "vote"}
          >
            {voting.userVoted ? "Retirer mon vote" : "Voter pour ce sujet"}
          </button>
          {voting.votesLeft !== null ? (
            <p className="fr-hint-text fr-mt-1w">
              {voting.votesLeft > 0
                ? `Il vous reste ${plural(voting.votesLeft, "vote")} dans cette catégorie (sur ${voting.votesPerUser}).`
                : `Vous avez utilisé vos ${voting.votesPerUser} votes dans cette catégorie.`}
            </p>
          ) : null}
        </Form>
      ) : !signedIn ? (
        <p className="fr-text--sm">
          <Link to={`/login?returnTo=${encodeURIComponent(loginPath)}`}>Connectez-vous</Link> pour voter.
        </p>
      ) : null}
    </section>
  );
}

/** Under the first post: the accepted answer, quoted, with a link to it. */
export function SolutionBox({ solution: answer, base }: { solution: TopicTracker["acceptedAnswer"]; base: string }) {
  if (!answer) return null;
  return (
    <aside className="fr-callout fr-icon-checkbox-circle-line fr-my-2w" aria-labelledby="solution-heading">
      <h2 className="fr-callout__title fr-h6" id="solution-heading">
        Solution
      </h2>
      <blockquote className="fr-callout__text fr-text--sm">{answer.excerpt}</blockquote>
      <p className="fr-text--sm fr-mb-0">
        {`Réponse de ${answer.name} · `}
        <Link
          to={`${base}/${answer.postNumber}#post-${answer.postNumber}`}
        >{`Lire la réponse #${answer.postNumber}`}</Link>
      </p>
    </aside>
  );
}

/** On each reply: the ✓ badge of the accepted answer, and the buttons to mark or unmark it. */
export function AnswerControls({
  post,
  answer,
  action,
}: {
  post: { id: number } & AnswerCandidate;
  /** The topic's accepted answer, and whether the viewer may choose it (TopicTracker). */
  answer: { acceptedPostId: number | null; canAccept: boolean };
  /** The topic page's path (usePageAction), where the form posts. */
  action: string;
}) {
  const accepted = answer.acceptedPostId === post.id;
  const eligible = canBeAcceptedAnswer(post);
  if (!accepted && !(answer.canAccept && eligible)) return null;
  return (
    <div className="fr-mt-1w">
      {accepted ? <p className="fr-badge fr-badge--success fr-badge--sm fr-mb-1w">✓ Solution</p> : null}
      {answer.canAccept ? (
        <Form method="post" action={action} preventScrollReset>
          <CsrfInput />
          <input type="hidden" name="postId" value={post.id} />
          <button
            className={`fr-btn fr-btn--sm fr-btn--tertiary-no-outline fr-btn--icon-left ${accepted ? "fr-icon-close-circle-line" : "fr-icon-checkbox-circle-line"}`}
            type="submit"
            name="intent"
            value={accepted ? "unaccept-answer" : "accept-answer"}
          >
            {accepted
              ? `Retirer la solution (message #${post.postNumber})`
              : `Marquer le message #${post.postNumber} comme solution`}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
