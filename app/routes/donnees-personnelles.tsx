import type { MetaFunction } from "@remix-run/node";
import { ContentPage } from "~/components/content-page";

export const meta: MetaFunction = () => [{ title: "Données personnelles — CICCLO Interop" }];

export default function PersonalData() {
  return (
    <ContentPage title="Données personnelles">
      <h2>Données traitées</h2>
      <p>
        La connexion passe par ProConnect, la fédération d&apos;identité de l&apos;État pour les professionnels. CICCLO
        Interop reçoit et conserve : vos nom et prénom, votre adresse électronique professionnelle, le SIRET et le nom
        de votre organisation, et l&apos;identifiant technique que ProConnect vous attribue pour ce service.
      </p>
      <p>Vos messages, réactions et votes sont publiés sous votre nom, avec celui de votre organisation.</p>
      <h2>Finalité et base légale</h2>
      <p>
        Ces données servent à signer les contributions et à gérer les droits d&apos;accès. Le traitement relève de
        l&apos;exécution d&apos;une mission d&apos;intérêt public (article 6-1-e du RGPD).
      </p>
      <h2>Cookies</h2>
      <p>
        Le site dépose uniquement des cookies strictement nécessaires : le cookie de session quand vous êtes connecté,
        un cookie temporaire pendant la connexion ProConnect, et, quelques secondes après chaque modification que vous
        faites, un cookie qui vous montre aussitôt son résultat. Aucun cookie de mesure d&apos;audience ni de publicité
        : aucun consentement n&apos;est donc demandé.
      </p>
      <h2>Vos droits</h2>
      <p>
        Vous pouvez accéder à vos données, les faire rectifier ou demander leur effacement auprès de l&apos;opérateur de
        l&apos;instance. Vous pouvez aussi adresser une réclamation à la CNIL.
      </p>
    </ContentPage>
  );
}
