// Everything the tracker adds to a topic's page and JSON for one reader: assignees (and whether they may change
// them), the accepted answer, the roadmap votes. One call, one loader key, so the topic route stays thin.
import type { Reader } from "~/domain/forum/permissions";
import type { DbOrTx } from "~/infra/db.server";
import { loadAcceptedAnswer, type AcceptedAnswer } from "./answers.server";
import { listAssignees, listSolutionTeams, type AssigneeView } from "./assignments.server";
import { canAssign, canTeamBeAssigned } from "./assignments";
import { canAcceptAnswer } from "./permissions";
import { loadTopicForTracker } from "./topic-access.server";
import { topicVoting, type TopicVoting } from "./votes.server";

export interface TopicTracker {
  assignees: AssigneeView[];
  canAssign: boolean;
  /** The solution teams offered by the assignment form (empty for those who may not assign). */
  teams: { name: string; label: string }[];
  acceptedAnswer: AcceptedAnswer | null;
  canAcceptAnswer: boolean;
  voting: TopicVoting;
}

/** The tracker's view of a topic the reader may see (404 otherwise). */
export async function loadTopicTracker(db: DbOrTx, reader: Reader, topicId: number): Promise<TopicTracker> {
  const { topic, rules, role } = await loadTopicForTracker(db, reader, topicId);
  const mayAssign = canAssign(role);
  const [assignees, teams, acceptedAnswer, voting] = await Promise.all([
    listAssignees(db, topicId),
    mayAssign ? listSolutionTeams(db) : Promise.resolve([]),
    loadAcceptedAnswer(db, topic.acceptedAnswerPostId),
    topicVoting(db, reader, topic, rules),
  ]);
  return {
    assignees,
    canAssign: mayAssign,
    // A team that could not read the topic is not offered (the service would refuse it anyway).
    teams: teams.filter((team) => canTeamBeAssigned(team.name, rules)),
    acceptedAnswer,
    canAcceptAnswer: canAcceptAnswer(role),
    voting,
  };
}
