// The stand-in's own pages (login and error), in French like ProConnect's. Plain template strings: every
// interpolated value goes through escapeHtml.
import type { DemoIdentity } from "../demo/identities";
import { fullName } from "./accounts";
import { ACR_VALUES, DEFAULT_ACR } from "./proconnect";

const LOGIN_TITLE = "Connexion ProConnect (environnement local)";

export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

function page(title: string, content: string): string {
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#161616;line-height:1.5}
label,legend{font-weight:700}
select,button{font:inherit;margin:.25rem 0 1rem}
fieldset{border:1px solid #ddd;padding:1rem}
ul{list-style:none;padding:0;margin:0}
button{display:block;width:100%;text-align:left;padding:.75rem;border:1px solid #000091;background:#fff;cursor:pointer}
button:hover,button:focus{background:#e3e3fd}
button.refuse{width:auto;border-color:#ce0500;color:#ce0500}
:focus-visible{outline:3px solid #0a76f6;outline-offset:2px}
</style>
</head>
<body>
<main>
${content}
</main>
</body>
</html>`;
}

export interface LoginPageInput {
  action: string;
  clientId: string;
  identities: DemoIdentity[];
}

export function renderLoginPage({ action, clientId, identities }: LoginPageInput): string {
  const acrOptions = ACR_VALUES.map(
    (acr) => `<option value="${escapeHtml(acr)}"${acr === DEFAULT_ACR ? " selected" : ""}>${escapeHtml(acr)}</option>`,
  ).join("\n");
  const identityButtons = identities
    .map(
      (identity) => `<li><button type="submit" name="identity" value="${escapeHtml(identity.username)}">
<strong>${escapeHtml(fullName(identity))}</strong> — ${escapeHtml(identity.description)}<br>
<small>${escapeHtml(identity.organisation)} · ${escapeHtml(identity.email)}</small>
</button></li>`,
    )
    .join("\n");
  return page(
    LOGIN_TITLE,
    `<h1>${escapeHtml(LOGIN_TITLE)}</h1>
<p>Ce fournisseur d'identité de test remplace ProConnect sur ce poste. Le service <strong>${escapeHtml(clientId)}</strong>
demande à vous identifier : choisissez une identité de démonstration.</p>
<form method="post" action="${escapeHtml(action)}">
<label for="acr">Niveau d'authentification (acr)</label><br>
<select id="acr" name="acr">
${acrOptions}
</select>
<fieldset>
<legend>Identités de démonstration</legend>
<ul>
${identityButtons}
</ul>
</fieldset>
<p><button type="submit" name="refuse" value="oui" class="refuse">Refuser</button></p>
</form>`,
  );
}

export function renderLoggedOutPage(): string {
  const title = "Déconnexion ProConnect (environnement local)";
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p>Vous êtes déconnecté.</p>`);
}

export interface ErrorPageInput {
  error: string;
  description?: string;
  /** ProConnect's code for this error, when it has one. */
  code?: string;
}

export function renderErrorPage({ error, description, code }: ErrorPageInput): string {
  const title = "Erreur ProConnect (environnement local)";
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1>
<p>La demande de connexion ou de déconnexion ne peut pas aboutir.</p>
<dl>
${code ? `<dt>Code d'erreur</dt><dd>${escapeHtml(code)}</dd>` : ""}
<dt>Erreur</dt><dd>${escapeHtml(error)}</dd>
${description ? `<dt>Détail</dt><dd>${escapeHtml(description)}</dd>` : ""}
</dl>`,
  );
}
