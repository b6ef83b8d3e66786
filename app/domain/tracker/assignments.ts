// Who may put a person or a solution team in charge of a topic, and who may be put in charge. Framework-free: the
// service (assignments.server.ts) gathers the facts, these rules decide.
import { canSeeCategory, type CategoryRules, type Reader } from "~/domain/forum/permissions";
import { DomainError } from "~/domain/shared/errors";
import { canTriage, type TrackerRole } from "./permissions";

export type AssignmentTarget = { kind: "user"; username: string } | { kind: "group"; name: string };

/** Those who triage the topic assign it: maintainers of an involved solution (themselves included) and moderators. */
export const canAssign = (role: TrackerRole) => canTriage(role);

/** Those who triage remove any assignee; an assignee may also step down from their own assignment. */
export function canUnassign(role: TrackerRole, assignment: { userId: number | null }, actorId: number | null) {
  return canTriage(role) || (actorId !== null && assignment.userId === actorId);
}

/** A person can be in charge only of a topic they can read: a private category's topic stays private. */
export function canBeAssigned(assignee: Reader, rules: CategoryRules): boolean {
  return assignee.userId !== null && canSeeCategory(assignee, rules);
}

/** A team can be in charge when its members, as members of the group, can read the topic. */
export function canTeamBeAssigned(groupName: string, rules: CategoryRules): boolean {
  return canSeeCategory({ role: "member", groups: [groupName], userId: 0 }, rules);
}

/** The assignment form's field, checked: "@julien.roux" or "julien.roux" for a person, a group name for a team. */
export function parseAssignmentTarget(username: unknown, group: unknown): AssignmentTarget {
  const person = typeof username === "string" ? username.trim().replace(/^@/, "") : "";
  const team = typeof group === "string" ? group.trim() : "";
  if (person && !team) return { kind: "user", username: person };
  if (team && !person) return { kind: "group", name: team };
  throw new DomainError(422, "Indiquez une personne ou une équipe à qui assigner le sujet.", {
    fieldErrors: { username: "Saisissez un nom d'utilisateur ou choisissez une équipe." },
  });
}
