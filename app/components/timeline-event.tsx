import { Link } from "~/components/link";
import { RelativeTime } from "./relative-time";

/** One event of a topic's timeline (postType 3: a status change, an assignment, a duplicate…), as a compact line:
 * who, what (the text stored with the event, whatever its kind), when. No reply, reaction or flag: it records what
 * happened. Keeps the post's anchor, so notifications and links to #post-N land on it. */
export function TimelineEvent({
  event,
  age,
}: {
  event: {
    postNumber: number;
    raw?: string;
    createdAt: string;
    action?: string | null;
    author: { username: string; displayName: string };
  };
  /** formatRelative of its date, when the caller has it. */
  age?: string;
}) {
  return (
    <div className="timeline-event" id={`post-${event.postNumber}`} data-action={event.action ?? undefined}>
      <img src={`/avatar/${encodeURIComponent(event.author.username)}/24.svg`} alt="" width={24} height={24} />
      <p className="fr-text--sm">
        <Link to={`/u/${event.author.username}`}>{event.author.displayName}</Link> {event.raw}
        {" · "}
        <RelativeTime date={event.createdAt} relative={age} />
      </p>
    </div>
  );
}
