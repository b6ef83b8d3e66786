import { Link } from "~/components/link";
import { useId } from "react";

export interface BreadcrumbSegment {
  label: string;
  to: string;
}

/** DSFR breadcrumb: "Accueil" first, then the given segments, then the current page (not a link). On small screens
 * DSFR's script folds it behind a "Voir le fil d'Ariane" button. */
export function Breadcrumb({ segments = [], current }: { segments?: BreadcrumbSegment[]; current: string }) {
  const id = useId();
  return (
    <nav role="navigation" className="fr-breadcrumb" aria-label="vous êtes ici :">
      <button className="fr-breadcrumb__button" aria-expanded="false" aria-controls={id} type="button">
        Voir le fil d&apos;Ariane
      </button>
      <div className="fr-collapse" id={id}>
        <ol className="fr-breadcrumb__list">
          {[{ label: "Accueil", to: "/" }, ...segments].map((segment) => (
            <li key={segment.to}>
              <Link className="fr-breadcrumb__link" to={segment.to}>
                {segment.label}
              </Link>
            </li>
          ))}
          <li>
            <span className="fr-breadcrumb__link" aria-current="page">
              {current}
            </span>
          </li>
        </ol>
      </div>
    </nav>
  );
}
