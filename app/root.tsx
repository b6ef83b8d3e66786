import { InAppNavigation } from "~/components/in-app-navigation";
import { CsrfTokenProvider } from "~/components/forms";
import "@codegouvfr/react-dsfr/main.css";
import "./styles/app.css";
import earlyColorScheme from "@codegouvfr/react-dsfr/early-color-scheme.js?minified-script";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
  useSearchParams,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useNonce } from "~/components/nonce";
import { DisplaySettingsModal, SiteFooter } from "~/components/site-footer";
import { SiteHeader } from "~/components/site-header";
import { ErrorPage } from "~/components/error-page";
import { csrfToken, getViewer } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { countUnreadNotifications } from "~/domain/forum/notifications.server";
import faviconSvg from "@codegouvfr/react-dsfr/favicon/favicon.svg?url";
import faviconIco from "@codegouvfr/react-dsfr/favicon/favicon.ico?url";
// Under Vite's inlining limit, the icon would go as 3.6 kB of base64 into the head of every page.
import appleTouchIcon from "@codegouvfr/react-dsfr/favicon/apple-touch-icon.png?url&no-inline";

export const links: LinksFunction = () => [
  { rel: "icon", href: faviconSvg, type: "image/svg+xml" },
  { rel: "shortcut icon", href: faviconIco, type: "image/x-icon" },
  { rel: "apple-touch-icon", href: appleTouchIcon },
];

// Error pages keep a title that says what happened (RGAA 8.6), routes give their own.
export const meta: MetaFunction = ({ error }) => {
  if (!error) return [{ title: "CICCLO Interop" }];
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const label =
    status === 404
      ? "Page non trouvée"
      : status === 403
        ? "Accès refusé"
        : status >= 500
          ? "Erreur inattendue"
          : "Requête impossible";
  return [{ title: `${label} — CICCLO Interop` }];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await getViewer(request, context);
  return {
    user:
      viewer.kind === "session"
        ? {
            username: viewer.user.username,
            displayName: viewer.user.displayName,
            role: viewer.user.role,
            unreadNotifications: await countUnreadNotifications(await getDb(), viewer.user.id),
          }
        : null,
    csrfToken: csrfToken(viewer),
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const [searchParams] = useSearchParams();
  // Absent on error pages whose loader failed: the header then shows the signed-out state.
  const root = useRouteLoaderData<typeof loader>("root");
  return (
    // DSFR's early script sets data-fr-theme before the first paint, so a dark-theme user sees no white flash.
    <html lang="fr" data-fr-scheme="system" suppressHydrationWarning>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="format-detection" content="telephone=no" />
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: earlyColorScheme }} />
        <Meta />
        <Links />
      </head>
      <body>
        <InAppNavigation>
          <CsrfTokenProvider value={root?.csrfToken ?? ""}>
            <div className="fr-skiplinks">
              <nav className="fr-container" role="navigation" aria-label="Accès rapide">
                <ul className="fr-skiplinks__list">
                  <li>
                    <a className="fr-link" href="#contenu">
                      Contenu
                    </a>
                  </li>
                  <li>
                    <a className="fr-link" href="#navigation">
                      Menu
                    </a>
                  </li>
                  <li>
                    <a className="fr-link" href="#header-search-input">
                      Recherche
                    </a>
                  </li>
                  <li>
                    <a className="fr-link" href="#footer">
                      Pied de page
                    </a>
                  </li>
                </ul>
              </nav>
            </div>
            <SiteHeader
              searchQuery={searchParams.get("q") ?? undefined}
              user={root?.user ?? null}
              csrfToken={root?.csrfToken ?? null}
            />
            <main id="contenu" role="main" tabIndex={-1}>
              {children}
            </main>
            <SiteFooter />
            <DisplaySettingsModal />
          </CsrfTokenProvider>
        </InAppNavigation>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return <ErrorPage status={404} />;
  }
  if (isRouteErrorResponse(error) && error.status < 500) {
    const message = typeof error.data === "string" ? error.data : undefined;
    return <ErrorPage status={error.status} message={message} />;
  }
  return <ErrorPage status={500} />;
}
