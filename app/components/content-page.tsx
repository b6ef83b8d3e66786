import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** A text page (legal notices, accessibility statement…) with its breadcrumb. */
export function ContentPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="fr-container fr-my-6w">
      <nav role="navigation" className="fr-breadcrumb" aria-label="vous êtes ici :">
        <ol className="fr-breadcrumb__list">
          <li>
            <Link className="fr-breadcrumb__link" to="/">
              Accueil
            </Link>
          </li>
          <li>
            <a className="fr-breadcrumb__link" aria-current="page">
              {title}
            </a>
          </li>
        </ol>
      </nav>
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-lg-8">
          <h1>{title}</h1>
          {children}
        </div>
      </div>
    </div>
  );
}
