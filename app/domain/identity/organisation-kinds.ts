export const ORGANISATION_KINDS = {
  public_buyer: "Acheteur public",
  software_publisher: "Éditeur ou intégrateur",
  crige: "CRIGE",
  platform_operator: "Opérateur de plateforme",
} as const;
export type OrganisationKind = keyof typeof ORGANISATION_KINDS;

export function organisationKindLabel(kind: string | null): string | null {
  return kind && kind in ORGANISATION_KINDS ? ORGANISATION_KINDS[kind as OrganisationKind] : null;
}
