// Who may do what on a tracked topic. The tracker's roles are relative to one topic: the same person is a
// maintainer on a report that involves their solution and a plain member elsewhere.
import type { Reader } from "~/domain/forum/permissions";

export type TrackerRole = "anonymous" | "member" | "reporter" | "maintainer" | "moderator";

export interface TrackedTopic {
  /** The topic's author. */
  reporterId: number;
  /** Maintainer groups of the reporting solution and of every affected solution. */
  maintainerGroups: string[];
}

/** The strongest role the reader holds on this topic. */
export function trackerRoleOf(reader: Reader, topic: TrackedTopic): TrackerRole {
  if (reader.role === "anonymous" || reader.userId === null) return "anonymous";
  if (reader.role === "moderator" || reader.role === "admin") return "moderator";
  if (reader.groups.some((group) => topic.maintainerGroups.includes(group))) return "maintainer";
  if (reader.userId === topic.reporterId) return "reporter";
  return "member";
}

const atLeast = (role: TrackerRole, ...allowed: TrackerRole[]) => allowed.includes(role);

/** Maintainers and moderators triage: confirm, start, mark fixed, assign, close for any reason. */
export const canTriage = (role: TrackerRole) => atLeast(role, "maintainer", "moderator");

/** The reporter may correct the report's fields; so may those who triage it. */
export const canEditReportFields = (role: TrackerRole) => atLeast(role, "reporter", "maintainer", "moderator");

/** The reporter or a maintainer marks the post that solved it (Discourse "solved"). */
export const canAcceptAnswer = (role: TrackerRole) => atLeast(role, "reporter", "maintainer", "moderator");
