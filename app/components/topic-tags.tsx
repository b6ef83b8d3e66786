import { Link } from "~/components/link";

export function TopicTags({ tags }: { tags: string[] }) {
  if (tags.length === 0) return null;
  return (
    <ul className="fr-tags-group fr-mt-1v" aria-label="Étiquettes">
      {tags.map((tag) => (
        <li key={tag}>
          <Link className="fr-tag fr-tag--sm" to={`/tag/${tag}`}>
            {tag}
          </Link>
        </li>
      ))}
    </ul>
  );
}
