import { REACTIONS, reactionChoice } from "~/domain/forum/reactions";
import type { PostReactions as Reactions } from "~/domain/forum/reactions.server";
import { Form } from "./form";
import { CsrfInput } from "./forms";

/** The id of a page's one reaction form (ReactionForm), which every reaction button submits. */
const REACTION_FORM = "reaction-form";

/**
 * The form every reaction button of a page submits (a form post, so it works without JavaScript): its anti-forgery
 * token and intent once per page, not once per post. Each button carries its post and its reaction as the value of
 * `reaction` (`<postId>:<kind>`).
 */
export function ReactionForm({ action }: { action: string }) {
  return (
    <Form id={REACTION_FORM} method="post" action={action} preventScrollReset hidden>
      <CsrfInput />
      <input type="hidden" name="intent" value="react" />
    </Form>
  );
}

/** The reaction buttons of a post: counts for everyone, a toggle for those who may react (the page renders
 * ReactionForm for them). */
export function PostReactions({
  postId,
  reactions,
  canReact,
}: {
  postId: number;
  reactions: Reactions;
  canReact: boolean;
}) {
  const shown = REACTIONS.filter((reaction) => canReact || reactions.counts[reaction.kind]);
  if (shown.length === 0) return null;
  return (
    <ul className="fr-tags-group fr-mt-1w" aria-label="Réactions">
      {shown.map((reaction) => {
        const count = reactions.counts[reaction.kind] ?? 0;
        const label = `${reaction.label} : ${count} réaction${count > 1 ? "s" : ""}`;
        return (
          <li key={reaction.kind}>
            {canReact ? (
              <button
                type="submit"
                form={REACTION_FORM}
                name="reaction"
                value={reactionChoice(postId, reaction.kind)}
                className="fr-tag fr-tag--sm"
                aria-pressed={reactions.mine === reaction.kind}
                aria-label={label}
                title={reaction.label}
              >
                <span aria-hidden="true">{reaction.emoji}</span>
                {count > 0 ? <span className="fr-ml-1v">{count}</span> : null}
              </button>
            ) : (
              <p className="fr-tag fr-tag--sm" title={reaction.label}>
                <span aria-hidden="true">{reaction.emoji}</span>
                <span className="fr-ml-1v" aria-hidden="true">
                  {count}
                </span>
                <span className="fr-sr-only">{label}</span>
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
