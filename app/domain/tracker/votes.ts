// Roadmap votes: who may vote on a topic and how many open votes a member holds per category. Framework-free.
import { canReply, type CategoryRules, type Reader } from "~/domain/forum/permissions";

export interface VotingCategory {
  votingEnabled: boolean;
  votesPerUser: number;
}

/** A signed-in member who may reply in a voting category votes on its open topics. */
export function canVote(reader: Reader, rules: CategoryRules, category: VotingCategory, topic: { closed: boolean }) {
  return category.votingEnabled && !topic.closed && reader.userId !== null && canReply(reader, rules, topic);
}

/** Votes still available to a member who holds `openVotes` open votes in the category (never negative). */
export const votesLeft = (category: VotingCategory, openVotes: number) =>
  Math.max(category.votesPerUser - openVotes, 0);

/** The refusal when a new vote would exceed the category's limit, or null when the vote fits. */
export function voteLimitMessage(category: VotingCategory, openVotesBefore: number): string | null {
  if (openVotesBefore < category.votesPerUser) return null;
  const votes = category.votesPerUser > 1 ? `vos ${category.votesPerUser} votes` : "votre vote";
  return `Vous avez utilisé ${votes} dans cette catégorie : retirez-en un pour voter ici.`;
}
