import { NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import { Breadcrumb } from "./breadcrumb";

export const ADMIN_SECTIONS = [
  { to: "/admin/users", label: "Utilisateurs", description: "Rôles des personnes inscrites." },
  { to: "/admin/groups", label: "Groupes", description: "Membres des groupes et clés d'API de groupe." },
  { to: "/admin/organisations", label: "Organisations", description: "Type de chaque organisation." },
  { to: "/admin/solutions", label: "Solutions", description: "Solutions, versions et groupes de mainteneurs." },
  {
    to: "/admin/conformance",
    label: "Classes de conformité",
    description: "Rattachement des groupes de tests des suites aux classes de conformité.",
  },
  {
    to: "/admin/webhooks",
    label: "Webhooks",
    description: "Envois signés vers d'autres plateformes, et leur journal.",
  },
  { to: "/admin/audit", label: "Journal d'audit", description: "Qui a changé quoi dans l'administration." },
];

/** Admin pages: DSFR side menu on the left, the page on the right. */
export function AdminLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb
        segments={title === "Administration" ? [] : [{ label: "Administration", to: "/admin" }]}
        current={title}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-3">
          <nav className="fr-sidemenu" aria-labelledby="admin-menu-title">
            <div className="fr-sidemenu__inner">
              <div className="fr-sidemenu__title" id="admin-menu-title">
                Administration
              </div>
              <ul className="fr-sidemenu__list">
                {ADMIN_SECTIONS.map((section) => (
                  <li className="fr-sidemenu__item" key={section.to}>
                    <NavLink className="fr-sidemenu__link" to={section.to}>
                      {section.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </div>
          </nav>
        </div>
        <div className="fr-col-12 fr-col-md-9">
          <h1>{title}</h1>
          {children}
        </div>
      </div>
    </div>
  );
}
