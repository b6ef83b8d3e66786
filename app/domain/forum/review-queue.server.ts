// Trust for new members (Discourse's "approve post count"): a member's first FIRST_POSTS_HELD_FOR_REVIEW posts wait
// for a moderator. A held post is not a post yet: it becomes one when approved, through the same insert as any
// post, so counters, notifications, mentions and read state happen once, at publication.
import type { Db, DbOrTx } from "~/infra/db.server";
import { getEnv } from "~/infra/env.server";
import { recordAudit } from "~/domain/identity/audit.server";
import { loadSignedInUser } from "~/domain/identity/users.server";
import type { SignedInUser } from "~/domain/identity/viewer";
import { DomainError, notFound } from "~/domain/shared/errors";
import {
  createReply,
  createTopic,
  insertReply,
  insertTopic,
  postingLimits,
  requireReplyAllowed,
  validateNewTopic,
  type NewReply,
  type NewTopic,
} from "./posting.server";
import { requireTopicReferences } from "~/domain/tracker/references.server";
import { cookPost } from "./cook.server";
import { severityLabel, type ReportInput } from "~/domain/tracker/report";
import { readerOfUser } from "./permissions";
import { validatePostInput } from "./validation";

const isStaff = (user: SignedInUser) => user.role === "moderator" || user.role === "admin";

export type Submitted<T> = ({ queued: false } & T) | { queued: true; queuedPostId: number };

export const HELD_MESSAGE =
  "Merci ! Votre message a été transmis aux modérateurs : il sera publié dès qu'ils l'auront validé.";

/** Whether this author's next post waits for a moderator. */
export async function mustHoldForReview(db: DbOrTx, author: SignedInUser): Promise<boolean> {
  const threshold = getEnv().FIRST_POSTS_HELD_FOR_REVIEW;
  if (threshold === 0 || isStaff(author)) return false;
  return (await db.post.count({ where: { userId: author.id } })) < threshold;
}

/** A new topic from a person: published at once, or held for review when the author is new. */
export async function submitTopic(db: Db, author: SignedInUser, input: NewTopic): Promise<Submitted<Published>> {
  if (!(await mustHoldForReview(db, author))) return { queued: false, ...(await createTopic(db, author, input)) };
  const { title, raw, report } = await validateNewTopic(db, author, input);
  await requireTopicReferences(db, readerOfUser(author), raw);
  const queued = await db.queuedPost.create({
    data: {
      userId: author.id,
      categoryId: input.categoryId,
      title,
      raw,
      tags: (input.tags ?? []).join(","),
      // The report as checked; checked again when a moderator publishes it (a version may have gone meanwhile).
      report: report ? JSON.stringify(report.input) : null,
    },
  });
  return { queued: true, queuedPostId: queued.id };
}

/** A reply from a person: published at once, or held for review when the author is new. */
export async function submitReply(db: Db, author: SignedInUser, input: NewReply): Promise<Submitted<PublishedReply>> {
  if (!(await mustHoldForReview(db, author))) return { queued: false, ...(await createReply(db, author, input)) };
  const { raw } = validatePostInput(input, postingLimits());
  await requireReplyAllowed(db, author, input.topicId);
  await requireTopicReferences(db, readerOfUser(author), raw);
  const queued = await db.queuedPost.create({
    data: { userId: author.id, topicId: input.topicId, raw, replyToPostNumber: input.replyToPostNumber ?? null },
  });
  return { queued: true, queuedPostId: queued.id };
}

type Published = Awaited<ReturnType<typeof createTopic>>;
type PublishedReply = Awaited<ReturnType<typeof createReply>>;

export interface QueuedPostView {
  id: number;
  author: string;
  createdAt: string;
  /** A new topic's title and category, or the topic a reply is for. */
  kind: "topic" | "reply";
  title: string;
  where: { label: string; url: string | null };
  cooked: string;
  /** A new topic's typed interop report, as it will be published: moderators judge its texts too. */
  report: QueuedReport | null;
}

export interface QueuedReport {
  reporting: string;
  affected: string;
  classUri: string;
  endpointUrl: string;
  steps: string;
  expected: string;
  actual: string;
  severity: string;
}

/** The held posts, oldest first, for the review queue. Moderators only: they may see every category. */
export async function listQueuedPosts(db: Db, moderator: SignedInUser): Promise<QueuedPostView[]> {
  if (!isStaff(moderator)) throw new DomainError(403, "La file de modération est réservée aux modérateurs.");
  const queued = await db.queuedPost.findMany({
    where: { status: "pending" },
    orderBy: { createdAt: "asc" },
    take: 100,
    include: { user: { select: { username: true } } },
  });
  const topicIds = queued.flatMap((row) => (row.topicId ? [row.topicId] : []));
  const categoryIds = queued.flatMap((row) => (row.categoryId ? [row.categoryId] : []));
  const [topics, categories, solutions] = await Promise.all([
    db.topic.findMany({ where: { id: { in: topicIds } }, select: { id: true, slug: true, title: true } }),
    db.category.findMany({ where: { id: { in: categoryIds } }, select: { id: true, slug: true, name: true } }),
    queued.some((row) => row.report) ? db.solution.findMany({ select: { slug: true, name: true } }) : [],
  ]);
  const solutionName = (slug: string) => solutions.find((solution) => solution.slug === slug)?.name ?? slug;
  const reportOf = (json: string | null): QueuedReport | null => {
    if (!json) return null;
    const report = JSON.parse(json) as ReportInput;
    return {
      reporting: `${solutionName(report.reportingSolution)} ${report.reportingVersion}`,
      affected: report.affected.map((row) => `${solutionName(row.solution)} ${row.version}`).join(", "),
      classUri: report.classUri,
      endpointUrl: report.endpointUrl,
      steps: report.steps,
      expected: report.expected,
      actual: report.actual,
      severity: severityLabel(report.severity),
    };
  };
  return Promise.all(
    queued.map(async (row) => {
      const topic = topics.find((candidate) => candidate.id === row.topicId);
      const category = categories.find((candidate) => candidate.id === row.categoryId);
      return {
        id: row.id,
        author: row.user.username,
        createdAt: row.createdAt.toISOString(),
        kind: row.topicId ? ("reply" as const) : ("topic" as const),
        title: row.title ?? (topic ? `Réponse à « ${topic.title} »` : "Réponse"),
        where: topic
          ? { label: topic.title, url: `/t/${topic.slug}/${topic.id}` }
          : {
              label: category?.name ?? "Catégorie supprimée",
              url: category ? `/c/${category.slug}/${category.id}` : null,
            },
        cooked: await cookPost(db, row.raw),
        report: reportOf(row.report),
      };
    }),
  );
}

/** How many posts of this author wait for review (shown to them, so a held post never seems lost). */
export async function countOwnQueuedPosts(db: Db, userId: number): Promise<number> {
  return db.queuedPost.count({ where: { userId, status: "pending" } });
}

/** Approve: publishes the post as its author, now, and marks the queued row, in one transaction. Reject: marks it.
 * Both are audited; a row already handled by another moderator answers 409. */
export async function reviewQueuedPost(
  db: Db,
  moderator: SignedInUser,
  queuedPostId: number,
  decision: "approve" | "reject",
) {
  if (!isStaff(moderator)) throw new DomainError(403, "La file de modération est réservée aux modérateurs.");
  return db.$transaction(async (tx) => {
    const queued = await tx.queuedPost.findUnique({ where: { id: queuedPostId } });
    if (!queued) throw notFound("Ce message en attente", { queuedPostId });
    if (queued.status !== "pending") throw new DomainError(409, "Ce message a déjà été traité par un modérateur.");
    let publishedPostId: number | null = null;
    let url: string | null = null;
    if (decision === "approve") {
      const author = await loadSignedInUser(tx, { id: queued.userId });
      if (!author) throw notFound("L'auteur de ce message", { queuedPostId });
      const published = queued.topicId
        ? await insertReply(tx, author, {
            topicId: queued.topicId,
            raw: queued.raw,
            replyToPostNumber: queued.replyToPostNumber,
          })
        : await insertTopic(tx, author, {
            categoryId: queued.categoryId ?? 0,
            title: queued.title ?? "",
            raw: queued.raw,
            tags: queued.tags ? queued.tags.split(",") : [],
            report: queued.report ? (JSON.parse(queued.report) as unknown) : undefined,
          });
      publishedPostId = published.postId;
      url = `/t/${published.slug}/${published.topicId}`;
    }
    const { count } = await tx.queuedPost.updateMany({
      where: { id: queuedPostId, status: "pending" },
      data: {
        status: decision === "approve" ? "approved" : "rejected",
        handledById: moderator.id,
        handledAt: new Date(),
        publishedPostId,
      },
    });
    if (count === 0) throw new DomainError(409, "Ce message a déjà été traité par un modérateur.");
    await recordAudit(tx, {
      actorId: moderator.id,
      action: decision === "approve" ? "queued_post.approve" : "queued_post.reject",
      targetType: "queued_post",
      targetId: queuedPostId,
      details: { authorId: queued.userId, publishedPostId },
    });
    return { url };
  });
}
