import { Breadcrumb, type BreadcrumbSegment } from "./breadcrumb";
import type { ReactNode } from "react";

/** A text page (legal notices, accessibility statement…) with its breadcrumb. */
export function ContentPage({
  title,
  segments,
  children,
}: {
  title: string;
  /** The pages between Accueil and this one, if any. */
  segments?: BreadcrumbSegment[];
  children: ReactNode;
}) {
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb segments={segments} current={title} />
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-lg-8">
          <h1>{title}</h1>
          {children}
        </div>
      </div>
    </div>
  );
}
