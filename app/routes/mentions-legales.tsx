import type { MetaFunction } from "@remix-run/node";
import { ContentPage } from "~/components/content-page";

export const meta: MetaFunction = () => [{ title: "Mentions légales — CICCLO Interop" }];

export default function LegalNotice() {
  return (
    <ContentPage title="Mentions légales">
      <h2>Éditeur</h2>
      <p>
        CICCLO Interop est édité par le collectif CICCLO, qui réunit les plateformes publiques de données géographiques
        et leurs utilisateurs. L&apos;opérateur de chaque instance complète cette page avec sa raison sociale, son
        adresse et le nom du directeur de la publication.
      </p>
      <h2>Hébergement</h2>
      <p>L&apos;hébergeur de l&apos;instance est indiqué par son opérateur.</p>
      <h2>Licence des contenus</h2>
      <p>
        Sauf mention contraire, les contenus publiés sont proposés sous licence ouverte etalab-2.0. Le code source de
        l&apos;application est libre.
      </p>
      <h2>Accessibilité</h2>
      <p>
        L&apos;état de conformité au RGAA est décrit dans la{" "}
        <a href="/accessibilite">déclaration d&apos;accessibilité</a>.
      </p>
    </ContentPage>
  );
}
