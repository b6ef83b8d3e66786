import { Link } from "~/components/link";

const PAGES: Record<number, { title: string; lead: string; text: string }> = {
  404: {
    title: "Page non trouvée",
    lead: "La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.",
    text: "Si vous avez tapé l'adresse web dans le navigateur, vérifiez qu'elle est correcte. La page n'est peut-être plus disponible. Dans ce cas, pour continuer votre visite, vous pouvez consulter notre page d'accueil ou effectuer une recherche.",
  },
  403: {
    title: "Accès refusé",
    lead: "Vous n'avez pas les droits nécessaires pour voir cette page.",
    text: "Connectez-vous avec un compte autorisé, ou demandez l'accès à un administrateur.",
  },
  500: {
    title: "Erreur inattendue",
    lead: "Désolé, le service rencontre un problème, nous travaillons pour le résoudre le plus rapidement possible.",
    text: "Essayez de rafraîchir la page ou bien réessayez plus tard. L'incident a été enregistré.",
  },
};

/** The DSFR error page: what happened, in plain French, and where to go next. Never a stack trace. */
export function ErrorPage({ status, message }: { status: number; message?: string }) {
  const page = PAGES[status] ?? {
    title: "Requête impossible",
    lead: message ?? "La demande n'a pas pu être traitée.",
    text: "Vérifiez les informations saisies puis réessayez.",
  };
  return (
    <div className="fr-container">
      <div className="fr-my-7w fr-mt-md-12w fr-mb-md-10w fr-grid-row fr-grid-row--gutters fr-grid-row--middle fr-grid-row--center">
        <div className="fr-py-0 fr-col-12 fr-col-md-6">
          <h1>{page.title}</h1>
          <p className="fr-text--sm fr-mb-3w">Erreur {status}</p>
          <p className="fr-text--lead fr-mb-3w">{message && PAGES[status] ? message : page.lead}</p>
          <p className="fr-text--sm fr-mb-5w">{page.text}</p>
          <ul className="fr-btns-group fr-btns-group--inline-md">
            <li>
              <Link className="fr-btn" to="/">
                Page d&apos;accueil
              </Link>
            </li>
            <li>
              <Link className="fr-btn fr-btn--secondary" to="/latest">
                Discussions récentes
              </Link>
            </li>
          </ul>
        </div>
      </div>
    </div>
  );
}
