// The interaction pages: where ProConnect would send the user to an identity provider, the stand-in lets the tester
// pick a seeded identity and an acr. Consent is implicit, as ProConnect asks none for the app.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Interaction, Provider } from "oidc-provider";
import type { DemoIdentity } from "../demo/identities";
import { amrFor } from "./accounts";
import { loadOidcProvider } from "./oidc-provider-module";
import { renderErrorPage, renderLoginPage } from "./pages";
import { isAcr } from "./proconnect";

const MAX_FORM_BYTES = 10_000;

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(html);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > MAX_FORM_BYTES) throw new Error("Form too large");
  }
  return new URLSearchParams(body);
}

/** The acr values the service demands with `claims={"id_token":{"acr":{"essential":true,...}}}`, if any. */
function essentialAcrValues(interaction: Interaction): string[] | undefined {
  const { claims } = interaction.params;
  if (typeof claims !== "string") return undefined;
  // oidc-provider has already checked that the claims parameter is JSON with an object (or null) per claim.
  const parsed = JSON.parse(claims) as {
    id_token?: { acr?: { essential?: boolean; value?: string; values?: string[] } | null };
  };
  const acr = parsed.id_token?.acr;
  if (!acr?.essential) return undefined;
  return acr.values ?? (acr.value === undefined ? undefined : [acr.value]);
}

async function grantWhatIsAsked(provider: Provider, interaction: Interaction): Promise<string> {
  const grant = interaction.grantId
    ? await provider.Grant.find(interaction.grantId)
    : new provider.Grant({ accountId: interaction.session!.accountId, clientId: interaction.params.client_id });
  if (!grant) throw new Error(`Grant ${interaction.grantId} not found`);
  const { missingOIDCScope, missingOIDCClaims } = interaction.prompt.details;
  if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(" "));
  if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
  return grant.save();
}

async function submitLogin(
  provider: Provider,
  identities: DemoIdentity[],
  interaction: Interaction,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const form = await readForm(req);
  const finish = (result: Parameters<Provider["interactionFinished"]>[2]) =>
    provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });

  if (form.has("refuse")) {
    return finish({ error: "access_denied", error_description: "L'usager a refusé de se connecter." });
  }
  const identity = identities.find(({ username }) => username === form.get("identity"));
  const acr = form.get("acr");
  if (!identity || !isAcr(acr)) {
    return sendHtml(res, 400, renderErrorPage({ error: "invalid_request", description: "Identité ou acr inconnu." }));
  }
  const demanded = essentialAcrValues(interaction);
  if (demanded && !demanded.includes(acr)) {
    return finish({
      error: "access_denied",
      error_description: `Le niveau ${acr} ne satisfait pas l'acr exigé (${demanded.join(", ")}).`,
    });
  }
  return finish({ login: { accountId: identity.sub, acr, amr: amrFor(acr) } });
}

/** Handles /api/v2/interaction/:uid: GET shows the login page, POST submits it; consent passes through unseen. */
export function createInteractionHandler(provider: Provider, identities: DemoIdentity[]) {
  return async function handleInteraction(req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> {
    const { errors } = await loadOidcProvider();
    try {
      const interaction = await provider.interactionDetails(req, res);
      if (interaction.uid !== uid) throw new errors.InvalidRequest("interaction does not match this page");

      if (interaction.prompt.name === "consent") {
        const grantId = await grantWhatIsAsked(provider, interaction);
        return await provider.interactionFinished(req, res, { consent: { grantId } });
      }
      if (req.method === "POST") return await submitLogin(provider, identities, interaction, req, res);
      const page = renderLoginPage({ action: req.url ?? "", clientId: interaction.params.client_id, identities });
      return sendHtml(res, 200, page);
    } catch (error) {
      // Typically an expired interaction, or a browser that lost its cookies: say so instead of failing.
      if (!(error instanceof errors.OIDCProviderError)) throw error;
      return sendHtml(res, 400, renderErrorPage({ error: error.error, description: error.error_description }));
    }
  };
}
