import type { Db } from "~/infra/db.server";
import { DomainError, notFound } from "~/domain/shared/errors";
import { recordAudit } from "./audit.server";
import type { SignedInUser } from "./viewer";

import { ORGANISATION_KINDS, type OrganisationKind } from "./organisation-kinds";

export async function listOrganisations(db: Db) {
  const organisations = await db.organisation.findMany({
    orderBy: { label: "asc" },
    select: { id: true, siret: true, siren: true, label: true, kind: true, _count: { select: { users: true } } },
  });
  return organisations.map(({ _count, ...organisation }) => ({ ...organisation, userCount: _count.users }));
}

export function parseOrganisationKind(value: unknown): OrganisationKind | null {
  if (value === "" || value === null || value === undefined) return null;
  if (typeof value === "string" && value in ORGANISATION_KINDS) return value as OrganisationKind;
  throw new DomainError(422, "Type d'organisation inconnu.", { value });
}

export async function setOrganisationKind(db: Db, actor: SignedInUser, siret: string, kind: OrganisationKind | null) {
  return db.$transaction(async (tx) => {
    const organisation = await tx.organisation.findUnique({ where: { siret } });
    if (!organisation) throw notFound("Cette organisation", { siret });
    if (organisation.kind === kind) return { changed: false };
    await tx.organisation.update({ where: { siret }, data: { kind } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "organisation.kind_changed",
      targetType: "organisation",
      targetId: siret,
      details: { from: organisation.kind, to: kind },
    });
    return { changed: true };
  });
}
