// Who may link two topics ("bloque #N", "bloqué par #N", "doublon de #N") and which links are refused. Pure
// functions of what the services load, so every role and every refusal is unit-tested without a database.
import { DomainError } from "~/domain/shared/errors";
import { canTriage, type TrackerRole } from "./permissions";

/** Those who triage the topic, and its reporter, link it to others and close it as a duplicate. */
export const canLinkTopics = (role: TrackerRole) => canTriage(role) || role === "reporter";

/** What the actor may know of the other topic: null when it does not exist or when they cannot see it (one answer
 * for both, so nobody learns that a private topic exists). */
export interface OtherTopic {
  id: number;
  readRestricted: boolean;
  /** The topic it was closed as a duplicate of, if it was. */
  duplicateOfTopicId: number | null;
}

export interface LinkRequest {
  role: TrackerRole;
  topic: { id: number; readRestricted: boolean };
  otherId: number;
  other: OtherTopic | null;
}

export type RelationKind = "blocks" | "blocked_by";

export const refuse = (message: string, field = "target") =>
  new DomainError(422, message, { fieldErrors: { [field]: message } });

function commonRefusal(request: LinkRequest, forbidden: string): DomainError | null {
  if (!canLinkTopics(request.role)) return new DomainError(403, forbidden);
  if (request.otherId === request.topic.id) return refuse("Un sujet ne peut pas être lié à lui-même.");
  if (!request.other) return refuse(`Le sujet #${request.otherId} n'existe pas.`);
  if (request.other.readRestricted && !request.topic.readRestricted) {
    return refuse(`Le sujet #${request.otherId} est privé : un sujet public ne peut pas y renvoyer.`);
  }
  return null;
}

/** Why a "bloque" / "bloqué par" relation cannot be added, or null when it can. */
export function relationRefusal(
  request: LinkRequest & { kind: RelationKind; exists: boolean; reverseExists: boolean },
): DomainError | null {
  const common = commonRefusal(
    request,
    "Seuls le rapporteur, les mainteneurs concernés et les modérateurs lient des sujets.",
  );
  if (common) return common;
  const other = `#${request.otherId}`;
  if (request.exists) {
    return refuse(
      request.kind === "blocks" ? `Ce sujet bloque déjà ${other}.` : `Ce sujet est déjà bloqué par ${other}.`,
    );
  }
  if (request.reverseExists) {
    return refuse(
      request.kind === "blocks"
        ? `Ce sujet est bloqué par ${other} : il ne peut pas aussi le bloquer.`
        : `Ce sujet bloque ${other} : il ne peut pas aussi être bloqué par lui.`,
    );
  }
  return null;
}

/** Why topic `topic` cannot be closed as a duplicate of `other`, or null when it can. */
export function duplicateRefusal(request: LinkRequest & { alreadyDuplicateOf: number | null }): DomainError | null {
  if (!canLinkTopics(request.role)) {
    return new DomainError(
      403,
      "Seuls le rapporteur, les mainteneurs concernés et les modérateurs ferment un doublon.",
    );
  }
  if (request.alreadyDuplicateOf !== null) {
    return refuse(`Ce sujet est déjà fermé comme doublon de #${request.alreadyDuplicateOf}.`);
  }
  if (request.otherId === request.topic.id) return refuse("Un sujet ne peut pas être le doublon de lui-même.");
  const common = commonRefusal(request, "");
  if (common) return common;
  const target = request.other!.duplicateOfTopicId;
  if (target !== null) {
    return refuse(
      `Le sujet #${request.otherId} est lui-même un doublon de #${target} : fermez plutôt ce sujet comme doublon de #${target}.`,
    );
  }
  return null;
}
