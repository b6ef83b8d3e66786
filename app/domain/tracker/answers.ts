// Discourse "solved": which posts can be marked as a topic's answer. Framework-free.

export interface AnswerCandidate {
  postNumber: number;
  postType: number;
  deletedAt: Date | string | null;
  hiddenAt: Date | string | null;
}

/** A regular, visible reply: not the question itself, not a timeline event, not deleted or hidden. */
export function canBeAcceptedAnswer(post: AnswerCandidate): boolean {
  return post.postNumber > 1 && post.postType === 1 && post.deletedAt === null && post.hiddenAt === null;
}
