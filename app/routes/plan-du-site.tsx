import type { MetaFunction } from "@remix-run/node";
import { Link } from "~/components/link";
import { ContentPage } from "~/components/content-page";

export const meta: MetaFunction = () => [{ title: "Plan du site — CICCLO Interop" }];

export default function SiteMap() {
  return (
    <ContentPage title="Plan du site">
      <ul>
        <li>
          <Link to="/">Accueil</Link>
        </li>
        <li>
          <Link to="/latest">Discussions</Link>
        </li>
        <li>
          <Link to="/clauses">Clausier CCTP</Link>
        </li>
        <li>
          <Link to="/conformance">Conformité</Link>
        </li>
        <li>
          <Link to="/search">Recherche</Link>
        </li>
        <li>
          <Link to="/accessibilite">Déclaration d&apos;accessibilité</Link>
        </li>
        <li>
          <Link to="/mentions-legales">Mentions légales</Link>
        </li>
        <li>
          <Link to="/donnees-personnelles">Données personnelles</Link>
        </li>
      </ul>
    </ContentPage>
  );
}
