import { REACTIONS } from "~/domain/forum/reactions";
import type { PostReactions as Reactions } from "~/domain/forum/reactions.server";
import { Form } from "./form";
import { CsrfInput } from "./forms";

/** The reaction buttons of a post: counts for everyone, a toggle for those who may react (a form post, so it
 * works without JavaScript). */
export function PostReactions({
  postId,
  reactions,
  canReact,
  action,
}: {
  postId: number;
  reactions: Reactions;
  canReact: boolean;
  /** The topic page's path (usePageAction), where the form posts. */
  action: string;
}) {
  const shown = REACTIONS.filter((reaction) => canReact || reactions.counts[reaction.kind]);
  if (shown.length === 0) return null;
  return (
    <Form method="post" action={action} preventScrollReset className="fr-mt-1w" aria-label="Réactions">
      <CsrfInput />
      <input type="hidden" name="postId" value={postId} />
      <input type="hidden" name="intent" value="react" />
      <ul className="fr-tags-group">
        {shown.map((reaction) => {
          const count = reactions.counts[reaction.kind] ?? 0;
          const label = `${reaction.label} : ${count} réaction${count > 1 ? "s" : ""}`;
          return (
            <li key={reaction.kind}>
              {canReact ? (
                <button
                  type="submit"
                  name="kind"
                  value={reaction.kind}
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
    </Form>
  );
}
