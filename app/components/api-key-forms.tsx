import { Form } from "~/components/form";
import { DsfrTable } from "./dsfr-table";
import { RelativeTime } from "~/components/relative-time";
import { API_KEY_SCOPES } from "~/domain/identity/viewer";
import { CsrfInput } from "./forms";

const SCOPE_LABELS: Record<(typeof API_KEY_SCOPES)[number], string> = {
  read: "read — lire les contenus (y compris privés auxquels vous avez accès)",
  "topics:write": "topics:write — créer des sujets et répondre",
  "conformance:write": "conformance:write — envoyer des résultats de conformité",
};

/** Creation form shared by a user's own keys and a group's keys. */
export function ApiKeyCreateForm({ fieldErrors }: { fieldErrors?: Record<string, string> }) {
  return (
    <Form method="post" className="fr-mb-6w">
      <CsrfInput />
      <input type="hidden" name="intent" value="create" />
      <div className={`fr-input-group${fieldErrors?.label ? " fr-input-group--error" : ""}`}>
        <label className="fr-label" htmlFor="api-key-label">
          Nom de la clé
          <span className="fr-hint-text">Par exemple « CI de geOrchestra » : pour la reconnaître plus tard.</span>
        </label>
        <input
          className="fr-input"
          id="api-key-label"
          name="label"
          required
          minLength={2}
          maxLength={100}
          aria-describedby={fieldErrors?.label ? "api-key-label-error" : undefined}
        />
        {fieldErrors?.label ? (
          <p className="fr-error-text" id="api-key-label-error">
            {fieldErrors.label}
          </p>
        ) : null}
      </div>
      <fieldset
        className={`fr-fieldset${fieldErrors?.scopes ? " fr-fieldset--error" : ""}`}
        aria-labelledby="scopes-legend"
      >
        <legend className="fr-fieldset__legend" id="scopes-legend">
          Portées
        </legend>
        {API_KEY_SCOPES.map((scope) => (
          <div className="fr-fieldset__element" key={scope}>
            <div className="fr-checkbox-group">
              <input type="checkbox" id={`scope-${scope}`} name="scopes" value={scope} />
              <label className="fr-label" htmlFor={`scope-${scope}`}>
                {SCOPE_LABELS[scope]}
              </label>
            </div>
          </div>
        ))}
        {fieldErrors?.scopes ? <p className="fr-error-text">{fieldErrors.scopes}</p> : null}
      </fieldset>
      <div className={`fr-input-group${fieldErrors?.expiresAt ? " fr-input-group--error" : ""}`}>
        <label className="fr-label" htmlFor="api-key-expiry">
          Date d&apos;expiration (facultative)
        </label>
        <input className="fr-input" type="date" id="api-key-expiry" name="expiresAt" />
        {fieldErrors?.expiresAt ? <p className="fr-error-text">{fieldErrors.expiresAt}</p> : null}
      </div>
      <button className="fr-btn" type="submit">
        Créer la clé
      </button>
    </Form>
  );
}

export function NewApiKeySecret({ secret }: { secret: string }) {
  return (
    <div className="fr-alert fr-alert--success fr-mb-4w" role="alert">
      <h2 className="fr-alert__title">Clé créée</h2>
      <p>Copiez-la maintenant : elle ne sera plus jamais affichée.</p>
      <p>
        <code data-testid="api-key-secret">{secret}</code>
      </p>
    </div>
  );
}

export interface ApiKeyRow {
  id: number;
  label: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

export function ApiKeyTable({ keys }: { keys: ApiKeyRow[] }) {
  if (keys.length === 0) return <p>Aucune clé active.</p>;
  return (
    <DsfrTable caption="Clés actives">
      <thead>
        <tr>
          <th scope="col">Nom</th>
          <th scope="col">Début de la clé</th>
          <th scope="col">Portées</th>
          <th scope="col">Dernière utilisation</th>
          <th scope="col">Expiration</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => (
          <tr key={key.id}>
            <td>{key.label}</td>
            <td>
              <code>{key.prefix}…</code>
            </td>
            <td>{key.scopes.join(", ")}</td>
            <td>{key.lastUsedAt ? <RelativeTime date={key.lastUsedAt} /> : "Jamais"}</td>
            <td>{key.expiresAt ? key.expiresAt.slice(0, 10) : "Aucune"}</td>
            <td>
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="keyId" value={key.id} />
                <button
                  className="fr-btn fr-btn--tertiary fr-btn--sm"
                  type="submit"
                  name="intent"
                  value="revoke"
                  aria-label={`Révoquer la clé ${key.label}`}
                >
                  Révoquer
                </button>
              </Form>
            </td>
          </tr>
        ))}
      </tbody>
    </DsfrTable>
  );
}
