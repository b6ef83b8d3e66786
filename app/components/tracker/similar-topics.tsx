// "Sujets similaires" under the new topic's title: computed by the server on the preview step (without JavaScript),
// and, with JavaScript, fetched from /topics/similar.json while the title is typed (debounced).
import { Link } from "~/components/link";
import { useEffect, useState } from "react";

export interface SimilarTopicItem {
  id: number;
  slug: string;
  title: string;
  category: string;
}

const DEBOUNCE_MS = 400;

export function SimilarTopics({
  initial,
  titleInputId,
  categoryInputId,
}: {
  initial: SimilarTopicItem[] | null;
  titleInputId: string;
  categoryInputId: string;
}) {
  const [topics, setTopics] = useState<SimilarTopicItem[]>(initial ?? []);

  useEffect(() => {
    const title = document.getElementById(titleInputId) as HTMLInputElement | null;
    const category = document.getElementById(categoryInputId) as HTMLSelectElement | null;
    if (!title) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | undefined;
    const lookUp = () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        controller?.abort();
        controller = new AbortController();
        const params = new URLSearchParams({ title: title.value, category: category?.value ?? "" });
        try {
          const response = await fetch(`/topics/similar.json?${params}`, { signal: controller.signal });
          if (response.ok) setTopics(((await response.json()) as { topics: SimilarTopicItem[] }).topics);
        } catch {
          // A lookup cancelled by the next keystroke, or the network: the suggestions are only a help.
        }
      }, DEBOUNCE_MS);
    };
    title.addEventListener("input", lookUp);
    category?.addEventListener("change", lookUp);
    return () => {
      clearTimeout(timer);
      controller?.abort();
      title.removeEventListener("input", lookUp);
      category?.removeEventListener("change", lookUp);
    };
  }, [titleInputId, categoryInputId]);

  return (
    <div aria-live="polite" className="fr-mb-2w">
      {topics.length ? (
        <div className="fr-callout fr-py-2w">
          <p className="fr-callout__text fr-text--sm fr-mb-1v">
            Sujets similaires : vérifiez que votre problème n&apos;est pas déjà signalé.
          </p>
          <ul className="fr-text--sm fr-mb-0">
            {topics.map((topic) => (
              <li key={topic.id}>
                <Link to={`/t/${topic.slug}/${topic.id}`} target="_blank">
                  {`#${topic.id} « ${topic.title} »`}
                </Link>{" "}
                <span className="fr-text-mention--grey">({topic.category})</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
