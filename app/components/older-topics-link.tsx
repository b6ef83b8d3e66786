import { Link } from "@remix-run/react";

/** The keyset "next page" link under a topic list; a list filter (`q`) carries on to the next page. */
export function OlderTopicsLink({ cursor, query = "" }: { cursor: string | null; query?: string }) {
  if (!cursor) return null;
  const params = new URLSearchParams(query ? { q: query, cursor } : { cursor });
  return (
    <p>
      <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to={`?${params}`}>
        Sujets plus anciens
      </Link>
    </p>
  );
}
