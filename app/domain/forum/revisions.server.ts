import type { Db } from "~/infra/db.server";
import { notFound } from "~/domain/shared/errors";
import { visibleCategoriesWhere, type Reader } from "./permissions";
import { wordDiff, type DiffSegment } from "./word-diff";

export interface RevisionView {
  number: number;
  editor: string;
  createdAt: string;
  titleDiff: DiffSegment[] | null;
  rawDiff: DiffSegment[];
}

/** A post's edit history, newest first, each edit as an inline word diff. Same visibility as the post itself. */
export async function listRevisions(db: Db, reader: Reader, postId: number) {
  const post = await db.post.findFirst({
    where: { id: postId, deletedAt: null, topic: { deletedAt: null, category: visibleCategoriesWhere(reader) } },
    include: {
      topic: { select: { id: true, slug: true, title: true } },
      revisions: { orderBy: { number: "desc" }, include: { user: { select: { username: true } } } },
    },
  });
  if (!post) throw notFound("Ce message", { postId });
  return {
    post: { id: post.id, postNumber: post.postNumber, version: post.version },
    topic: post.topic,
    revisions: post.revisions.map((revision): RevisionView => ({
      number: revision.number,
      editor: revision.user.username,
      createdAt: revision.createdAt.toISOString(),
      titleDiff:
        revision.titleBefore !== null && revision.titleAfter !== null
          ? wordDiff(revision.titleBefore, revision.titleAfter)
          : null,
      rawDiff: wordDiff(revision.rawBefore, revision.rawAfter),
    })),
  };
}
