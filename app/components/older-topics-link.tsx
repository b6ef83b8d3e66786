import { Link } from "@remix-run/react";

/** The keyset "next page" link under a topic list. */
export function OlderTopicsLink({ cursor }: { cursor: string | null }) {
  if (!cursor) return null;
  return (
    <p>
      <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to={`?cursor=${cursor}`}>
        Sujets plus anciens
      </Link>
    </p>
  );
}
