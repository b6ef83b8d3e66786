import { Link } from "~/components/link";

/** The keyset "next page" link under a topic list; `params` keeps the list's other settings (its filter `q`, its
 * order, its tab). */
export function OlderTopicsLink({
  cursor,
  params = {},
  label = "Sujets plus anciens",
}: {
  cursor: string | null;
  params?: Record<string, string>;
  label?: string;
}) {
  if (!cursor) return null;
  const kept = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== ""));
  return (
    <p>
      <Link
        className="fr-link fr-icon-arrow-right-line fr-link--icon-right"
        to={`?${new URLSearchParams({ ...kept, cursor })}`}
      >
        {label}
      </Link>
    </p>
  );
}
