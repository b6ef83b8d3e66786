// The seeded identities as ProConnect accounts: the claims its userinfo would carry for each of them.
import type { DemoIdentity } from "../demo/identities";
import { STANDIN_IDP_ID, type Acr } from "./proconnect";

export type ProConnectClaims = {
  sub: string;
  given_name: string;
  usual_name: string;
  email: string;
  uid: string;
  siret: string;
  siren: string;
  idp_id: string;
  organization_label: string;
};

export function claimsOf(identity: DemoIdentity): ProConnectClaims {
  return {
    sub: identity.sub,
    given_name: identity.given_name,
    usual_name: identity.usual_name,
    email: identity.email,
    // ProConnect's uid is the identity provider's own user id, stable across services, unlike sub.
    uid: identity.username,
    siret: identity.siret,
    siren: identity.siret.slice(0, 9),
    idp_id: STANDIN_IDP_ID,
    organization_label: identity.organisation,
  };
}

export function fullName(identity: DemoIdentity): string {
  return `${identity.given_name} ${identity.usual_name}`;
}

/** Authentication methods (RFC 8176) consistent with the chosen level, for a service that asks for `amr`. */
export function amrFor(acr: Acr): string[] {
  return acr.endsWith("-mfa") ? ["pwd", "totp", "mfa"] : ["pwd"];
}
