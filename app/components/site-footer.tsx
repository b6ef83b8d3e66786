import { Link } from "~/components/link";

/** The DSFR footer with the links every French public-service site must carry, and the display settings. */
export function SiteFooter() {
  return (
    <footer className="fr-footer" role="contentinfo" id="footer">
      <div className="fr-container">
        <div className="fr-footer__body">
          <div className="fr-footer__brand fr-enlarge-link">
            <Link to="/" title="Accueil — CICCLO Interop">
              <p className="fr-logo">
                République
                <br />
                Française
              </p>
            </Link>
          </div>
          <div className="fr-footer__content">
            <p className="fr-footer__content-desc">
              CICCLO Interop est l&apos;outil commun du collectif CICCLO : discussions et suivi des problèmes
              d&apos;interopérabilité, clausier technique pour les CCTP et résultats de conformité des plateformes
              publiques de données géographiques.
            </p>
            <ul className="fr-footer__content-list">
              <li className="fr-footer__content-item">
                <a
                  className="fr-footer__content-link"
                  href="https://www.info.gouv.fr"
                  target="_blank"
                  rel="noreferrer"
                  title="info.gouv.fr — nouvelle fenêtre"
                >
                  info.gouv.fr
                </a>
              </li>
              <li className="fr-footer__content-item">
                <a
                  className="fr-footer__content-link"
                  href="https://www.service-public.fr"
                  target="_blank"
                  rel="noreferrer"
                  title="service-public.fr — nouvelle fenêtre"
                >
                  service-public.fr
                </a>
              </li>
              <li className="fr-footer__content-item">
                <a
                  className="fr-footer__content-link"
                  href="https://www.legifrance.gouv.fr"
                  target="_blank"
                  rel="noreferrer"
                  title="legifrance.gouv.fr — nouvelle fenêtre"
                >
                  legifrance.gouv.fr
                </a>
              </li>
              <li className="fr-footer__content-item">
                <a
                  className="fr-footer__content-link"
                  href="https://www.data.gouv.fr"
                  target="_blank"
                  rel="noreferrer"
                  title="data.gouv.fr — nouvelle fenêtre"
                >
                  data.gouv.fr
                </a>
              </li>
            </ul>
          </div>
        </div>
        <div className="fr-footer__bottom">
          <ul className="fr-footer__bottom-list">
            <li className="fr-footer__bottom-item">
              <Link className="fr-footer__bottom-link" to="/plan-du-site">
                Plan du site
              </Link>
            </li>
            <li className="fr-footer__bottom-item">
              <Link className="fr-footer__bottom-link" to="/accessibilite">
                Accessibilité : non conforme
              </Link>
            </li>
            <li className="fr-footer__bottom-item">
              <Link className="fr-footer__bottom-link" to="/mentions-legales">
                Mentions légales
              </Link>
            </li>
            <li className="fr-footer__bottom-item">
              <Link className="fr-footer__bottom-link" to="/donnees-personnelles">
                Données personnelles
              </Link>
            </li>
            <li className="fr-footer__bottom-item">
              <button
                className="fr-footer__bottom-link fr-icon-theme-fill fr-btn--icon-left"
                aria-controls="fr-theme-modal"
                data-fr-opened="false"
                type="button"
              >
                Paramètres d&apos;affichage
              </button>
            </li>
          </ul>
          <div className="fr-footer__bottom-copy">
            <p>
              Sauf mention explicite de propriété intellectuelle détenue par des tiers, les contenus de ce site sont
              proposés sous{" "}
              <a
                href="https://github.com/etalab/licence-ouverte/blob/master/LO.md"
                target="_blank"
                rel="noreferrer"
                title="Licence etalab-2.0 — nouvelle fenêtre"
              >
                licence etalab-2.0
              </a>
            </p>
          </div>
        </div>
      </div>
    </footer>
  );
}

/** DSFR's display-settings dialog: its script stores the choice and switches the theme. */
export function DisplaySettingsModal() {
  return (
    <dialog id="fr-theme-modal" className="fr-modal" aria-labelledby="fr-theme-modal-title">
      <div className="fr-container fr-container--fluid fr-container-md">
        <div className="fr-grid-row fr-grid-row--center">
          <div className="fr-col-12 fr-col-md-6 fr-col-lg-4">
            <div className="fr-modal__body">
              <div className="fr-modal__header">
                <button className="fr-btn--close fr-btn" aria-controls="fr-theme-modal" title="Fermer" type="button">
                  Fermer
                </button>
              </div>
              <div className="fr-modal__content">
                <h1 id="fr-theme-modal-title" className="fr-modal__title">
                  Paramètres d&apos;affichage
                </h1>
                <div id="fr-display" className="fr-form-group fr-display">
                  <fieldset className="fr-fieldset">
                    <legend className="fr-fieldset__legend--regular fr-fieldset__legend">
                      Choisissez un thème pour personnaliser l&apos;apparence du site.
                    </legend>
                    {[
                      { value: "light", label: "Thème clair" },
                      { value: "dark", label: "Thème sombre" },
                      { value: "system", label: "Système", hint: "Utilise les paramètres système" },
                    ].map((option) => (
                      <div className="fr-fieldset__element" key={option.value}>
                        <div className="fr-radio-group">
                          <input
                            value={option.value}
                            type="radio"
                            id={`fr-radios-theme-${option.value}`}
                            name="fr-radios-theme"
                          />
                          <label className="fr-label" htmlFor={`fr-radios-theme-${option.value}`}>
                            {option.label}
                            {option.hint ? <span className="fr-hint-text">{option.hint}</span> : null}
                          </label>
                        </div>
                      </div>
                    ))}
                  </fieldset>
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
    </dialog>
  );
}
