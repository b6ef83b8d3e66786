import { useLocation } from "@remix-run/react";
import { Form } from "~/components/form";
import { Link } from "~/components/link";
import { SearchTypeahead } from "./search-typeahead";

// Each section owns several URL prefixes: a topic page belongs to "Discussions" as much as /latest does.
const NAVIGATION = [
  { to: "/latest", label: "Discussions", prefixes: ["/latest", "/t/", "/c/", "/tag/", "/u/"] },
  { to: "/clauses", label: "Clausier", prefixes: ["/clauses", "/selection"] },
  { to: "/conformance", label: "Conformité", prefixes: ["/conformance"] },
];

/** The DSFR header: Marianne block, service name, search (a plain GET form, so it works without JavaScript; with
 * it, a typeahead),
 * the sign-in slot and the main navigation. On small screens DSFR's script turns the tools into a modal menu. */
export interface HeaderUser {
  username: string;
  displayName: string;
  role: "member" | "moderator" | "admin";
  unreadNotifications: number;
}

export function SiteHeader({
  searchQuery,
  user,
  csrfToken,
}: {
  searchQuery?: string;
  user: HeaderUser | null;
  csrfToken: string | null;
}) {
  const { pathname, search } = useLocation();
  const returnTo = pathname.startsWith("/auth/") || pathname === "/login" ? "/" : pathname + search;
  return (
    <header role="banner" className="fr-header">
      <div className="fr-header__body">
        <div className="fr-container">
          <div className="fr-header__body-row">
            <div className="fr-header__brand fr-enlarge-link">
              <div className="fr-header__brand-top">
                <div className="fr-header__logo">
                  <p className="fr-logo">
                    République
                    <br />
                    Française
                  </p>
                </div>
                <div className="fr-header__navbar">
                  <button
                    className="fr-btn--search fr-btn"
                    data-fr-opened="false"
                    aria-controls="header-search-modal"
                    title="Rechercher"
                    type="button"
                  >
                    Rechercher
                  </button>
                  <button
                    className="fr-btn--menu fr-btn"
                    data-fr-opened="false"
                    aria-controls="header-menu-modal"
                    aria-haspopup="menu"
                    id="header-menu-button"
                    title="Menu"
                    type="button"
                  >
                    Menu
                  </button>
                </div>
              </div>
              <div className="fr-header__service">
                <Link to="/" title="Accueil — CICCLO Interop">
                  <p className="fr-header__service-title">CICCLO Interop</p>
                </Link>
                <p className="fr-header__service-tagline">
                  Interopérabilité des plateformes publiques de données géographiques
                </p>
              </div>
            </div>
            <div className="fr-header__tools">
              <div className="fr-header__tools-links">
                <AccountLinks user={user} csrfToken={csrfToken} returnTo={returnTo} />
              </div>
              <div className="fr-header__search fr-modal" id="header-search-modal">
                <div className="fr-container fr-container-lg--fluid">
                  <button
                    className="fr-btn--close fr-btn"
                    aria-controls="header-search-modal"
                    title="Fermer"
                    type="button"
                  >
                    Fermer
                  </button>
                  <form action="/search" method="get" role="search" className="fr-search-bar" id="header-search">
                    <label className="fr-label" htmlFor="header-search-input">
                      Rechercher dans CICCLO Interop
                    </label>
                    <SearchTypeahead inputId="header-search-input" defaultValue={searchQuery} />
                    <button className="fr-btn" title="Rechercher" type="submit">
                      Rechercher
                    </button>
                  </form>
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
      <div className="fr-header__menu fr-modal" id="header-menu-modal" aria-labelledby="header-menu-button">
        <div className="fr-container">
          <button className="fr-btn--close fr-btn" aria-controls="header-menu-modal" title="Fermer" type="button">
            Fermer
          </button>
          {/* On small screens the tools move into this menu; DSFR does not copy them when React renders the page. */}
          <div className="fr-header__menu-links">
            <AccountLinks user={user} csrfToken={csrfToken} returnTo={returnTo} />
          </div>
          <nav className="fr-nav" id="navigation" role="navigation" aria-label="Menu principal">
            <ul className="fr-nav__list">
              {NAVIGATION.map((item) => (
                <li className="fr-nav__item" key={item.to}>
                  <Link
                    className="fr-nav__link"
                    to={item.to}
                    prefetch="intent"
                    aria-current={item.prefixes.some((prefix) => pathname.startsWith(prefix)) ? "page" : undefined}
                  >
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </div>
    </header>
  );
}

function AccountLinks({
  user,
  csrfToken,
  returnTo,
}: {
  user: HeaderUser | null;
  csrfToken: string | null;
  returnTo: string;
}) {
  return (
    <ul className="fr-btns-group">
      {user ? (
        <>
          {user.role === "admin" ? (
            <li>
              <Link className="fr-btn fr-icon-settings-5-line" to="/admin">
                Administration
              </Link>
            </li>
          ) : null}
          <li>
            <Link className="fr-btn fr-icon-todo-line" to="/assigned">
              Assignés
            </Link>
          </li>
          <li>
            <Link className="fr-btn fr-icon-notification-3-line" to="/notifications">
              {user.unreadNotifications > 0
                ? `Notifications (${user.unreadNotifications} non lue${user.unreadNotifications > 1 ? "s" : ""})`
                : "Notifications"}
            </Link>
          </li>
          <li>
            <Link className="fr-btn fr-icon-account-circle-line" to={`/u/${user.username}`}>
              {user.displayName}
            </Link>
          </li>
          <li>
            <Form method="post" action="/logout" reloadDocument>
              <input type="hidden" name="csrf" value={csrfToken ?? ""} />
              <button className="fr-btn fr-icon-logout-box-r-line" type="submit">
                Se déconnecter
              </button>
            </Form>
          </li>
        </>
      ) : (
        <li>
          <Link className="fr-btn fr-icon-account-circle-line" to={`/login?returnTo=${encodeURIComponent(returnTo)}`}>
            Se connecter
          </Link>
        </li>
      )}
    </ul>
  );
}
