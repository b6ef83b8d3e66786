// Everything the tracker adds to a topic's page and JSON for one reader: assignees (and whether they may change
// them), the accepted answer, the roadmap votes. One call, one loader key, so the topic route stays thin.
import type { CategoryRules, Reader } from "~/domain/forum/permissions";
import type { DbOrTx } from "~/infra/db.server";
import { loadAcceptedAnswer, type AcceptedAnswer } from "./answers.server";
import { listSolutionTeams, type AssigneeView } from "./assignments.server";
import { canAssign, canTeamBeAssigned } from "./assignments";
import { canAcceptAnswer, type TrackerRole } from "./permissions";
import { topicVoting, type TopicVoting } from "./votes.server";
import type { VotingCategory } from "./votes";

/** What the tracker block reads of the topic itself. */
export interface TrackerTopic {
  id: number;
  closed: boolean;
  voteCount: number;
  acceptedAnswerPostId: number | null;
  category: VotingCategory & { id: number };
}

export interface TopicTracker {
  assignees: AssigneeView[];
  canAssign: boolean;
  /** The solution teams offered by the assignment form (empty for those who may not assign). */
  teams: { name: string; label: string }[];
  acceptedAnswer: AcceptedAnswer | null;
  canAcceptAnswer: boolean;
  voting: TopicVoting;
}

/** For a topic already read with its category rules and the reader's tracker role. */
export async function topicTrackerOf(
  db: DbOrTx,
  reader: Reader,
  { topic, rules, role }: { topic: TrackerTopic; rules: CategoryRules; role: TrackerRole },
  assignees: AssigneeView[],
): Promise<TopicTracker> {
  const mayAssign = canAssign(role);
  const [teams, acceptedAnswer, voting] = await Promise.all([
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
