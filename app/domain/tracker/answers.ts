// Discourse "solved": which posts can be marked as a topic's answer. Framework-free.

export interface AnswerCandidate {
  postNumber: number;
  postType: number;
  deleted?: boolean;
  hidden?: boolean;
}

/** A regular, visible reply: not the question itself, not a timeline event, not deleted or hidden. */
export function canBeAcceptedAnswer(post: AnswerCandidate): boolean {
  return post.postNumber > 1 && post.postType === 1 && !post.deleted && !post.hidden;
}
