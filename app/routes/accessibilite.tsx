import type { MetaFunction } from "@remix-run/node";
import { ContentPage } from "~/components/content-page";

export const meta: MetaFunction = () => [{ title: "Déclaration d'accessibilité — CICCLO Interop" }];

export default function AccessibilityStatement() {
  return (
    <ContentPage title="Déclaration d'accessibilité">
      <p>
        Le collectif CICCLO s&apos;engage à rendre CICCLO Interop accessible conformément à l&apos;article 47 de la loi
        n° 2005-102 du 11 février 2005.
      </p>
      <p>Cette déclaration d&apos;accessibilité s&apos;applique à CICCLO Interop.</p>
      <h2>État de conformité</h2>
      <p>
        CICCLO Interop est <strong>non conforme</strong> avec le référentiel général d&apos;amélioration de
        l&apos;accessibilité (RGAA) version 4.1 : aucun audit n&apos;a encore été réalisé.
      </p>
      <p>
        Chaque page est vérifiée automatiquement avec axe-core à chaque modification du code ; ces contrôles ne
        remplacent pas un audit.
      </p>
      <h2>Établissement de cette déclaration</h2>
      <p>Cette déclaration a été établie le 22 novembre 2026.</p>
      <h3>Technologies utilisées</h3>
      <ul>
        <li>HTML5</li>
        <li>CSS</li>
        <li>JavaScript (le site reste utilisable sans)</li>
      </ul>
      <h2>Retour d&apos;information et contact</h2>
      <p>
        Si vous n&apos;arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter l&apos;équipe de CICCLO
        Interop dans la catégorie « Annonces » du forum pour être orienté vers une alternative accessible ou obtenir le
        contenu sous une autre forme.
      </p>
      <h2>Voies de recours</h2>
      <p>
        Si vous constatez un défaut d&apos;accessibilité vous empêchant d&apos;accéder à un contenu ou une
        fonctionnalité du site, que vous nous le signalez et que vous ne parvenez pas à obtenir une réponse de notre
        part, vous êtes en droit de faire parvenir vos doléances ou une demande de saisine au Défenseur des droits :
      </p>
      <ul>
        <li>
          en écrivant via le{" "}
          <a
            href="https://formulaire.defenseurdesdroits.fr/"
            target="_blank"
            rel="noreferrer"
            title="formulaire de contact du Défenseur des droits — nouvelle fenêtre"
          >
            formulaire de contact
          </a>{" "}
          du Défenseur des droits ;
        </li>
        <li>
          en contactant{" "}
          <a
            href="https://www.defenseurdesdroits.fr/saisir/delegues"
            target="_blank"
            rel="noreferrer"
            title="délégués du Défenseur des droits — nouvelle fenêtre"
          >
            le délégué du Défenseur des droits dans votre région
          </a>{" "}
          ;
        </li>
        <li>
          en envoyant un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse
          71120, 75342 Paris CEDEX 07.
        </li>
      </ul>
    </ContentPage>
  );
}
