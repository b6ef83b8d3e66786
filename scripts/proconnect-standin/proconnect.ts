// What ProConnect publishes and answers, as far as the stand-in reproduces it (docs/proconnect.md).

/** ProConnect's issuer always ends with this path, without a trailing slash. */
export const ISSUER_PATH = "/api/v2";

export const ACR_VALUES = [
  "eidas0",
  "eidas0-mfa",
  "eidas1",
  "eidas1-mfa",
  "eidas2",
  "eidas3",
  "https://proconnect.gouv.fr/assurance/certification-dirigeant",
] as const;

export type Acr = (typeof ACR_VALUES)[number];

export const DEFAULT_ACR: Acr = "eidas1";

export function isAcr(value: unknown): value is Acr {
  return (ACR_VALUES as readonly unknown[]).includes(value);
}

/** ProConnect names each claim after its scope; the optional ones may come back empty. */
export const CLAIMS_BY_SCOPE: Record<string, string[]> = {
  openid: ["sub"],
  given_name: ["given_name"],
  usual_name: ["usual_name"],
  email: ["email"],
  uid: ["uid"],
  siret: ["siret"],
  idp_id: ["idp_id"],
  roles: ["roles"],
  organization_label: ["organization_label"],
  phone: ["phone"],
  custom: ["custom"],
  siren: ["siren"],
  organizational_unit: ["organizational_unit"],
  belonging_population: ["belonging_population"],
  chorusdt: ["chorusdt"],
};

export const SCOPES = Object.keys(CLAIMS_BY_SCOPE);

/** The identity provider ProConnect reports having used; a UUID in ProConnect, a fixed fake one here. */
export const STANDIN_IDP_ID = "7f3c9a52-1d4e-4b8a-9c6f-0e2d5b7a1c3e";

/**
 * Error codes ProConnect shows on its error page, recognised by oidc-provider's description of the same refusal,
 * so that a tester meets the code the real service would show.
 */
export const ERROR_CODES: { code: string; description: RegExp }[] = [
  { code: "Y030031", description: /^redirect_uri did not match/ },
  { code: "Y030111", description: /^post_logout_redirect_uri not registered/ },
];
