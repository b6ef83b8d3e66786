import { Breadcrumb } from "./breadcrumb";
import type { ReactNode } from "react";

/** A text page (legal notices, accessibility statement…) with its breadcrumb. */
export function ContentPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb current={title} />
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-lg-8">
          <h1>{title}</h1>
          {children}
        </div>
      </div>
    </div>
  );
}
