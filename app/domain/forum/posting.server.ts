import type { DbOrTx, Db, Prisma } from "~/infra/db.server";
import { getEnv } from "~/infra/env.server";
import type { SignedInUser } from "~/domain/identity/viewer";
import { DomainError, notFound } from "~/domain/shared/errors";
import { enqueuePostWebhook } from "~/domain/tracker/webhooks.server";
import { enqueueSearchUpdate, searchDocumentId } from "~/domain/search/outbox.server";
import { requireTopicReferences, writePostReferences } from "~/domain/tracker/references.server";
import { INTEROP_REPORT_FORM } from "~/domain/tracker/report";
import { checkReport, createReport, type CheckedReport } from "~/domain/tracker/reports.server";
import { cookPost } from "./cook.server";
import { recordNewPost } from "./notifications.server";
import {
  canCreateTopic,
  canModifyPost,
  canReply,
  canRestorePost,
  canSeeCategory,
  readerOfUser,
  type CategoryRules,
} from "./permissions";
import { slugify } from "./slug";
import { replaceTopicTags } from "./tags.server";
import { validatePostInput, validateTopicInput, type PostingLimits } from "./validation";

export function postingLimits(): PostingLimits {
  const env = getEnv();
  return {
    titleMin: env.TOPIC_TITLE_MIN_LENGTH,
    titleMax: env.TOPIC_TITLE_MAX_LENGTH,
    postMin: env.POST_MIN_LENGTH,
    postMax: env.POST_MAX_LENGTH,
  };
}

export async function loadCategoryRules(db: DbOrTx, categoryId: number) {
  const category = await db.category.findUnique({
    where: { id: categoryId },
    include: { permissions: { include: { group: { select: { name: true } } } } },
  });
  if (!category) return null;
  return { category, rules: categoryRulesOf(category) };
}

export function categoryRulesOf(category: {
  readRestricted: boolean;
  permissions: { group: { name: string }; canSee: boolean; canReply: boolean; canCreate: boolean }[];
}): CategoryRules {
  return {
    readRestricted: category.readRestricted,
    permissions: category.permissions.map((permission) => ({
      group: permission.group.name,
      canSee: permission.canSee,
      canReply: permission.canReply,
      canCreate: permission.canCreate,
    })),
  };
}

export interface NewTopic {
  categoryId: number;
  title: string;
  raw: string;
  tags?: string[];
  /** The typed interop report, required in a category whose `reportForm` is "interop" (a ReportDraft from the form,
   * or POST /posts.json's `interop` object in the draft's names); ignored elsewhere. */
  report?: unknown;
  /** Backdating is for imports and demo content; live posts are stamped now. */
  createdAt?: Date;
}

/** A topic and its first post, with the category counters, in one transaction. Publishes at once: routes go
 * through submitTopic (review-queue.server.ts), which may hold a new member's post for a moderator first. */
export async function createTopic(db: Db, author: SignedInUser, input: NewTopic) {
  return db.$transaction((tx) => insertTopic(tx, author, input));
}

/** The category a topic may be created in by this author, or the French refusal. */
export async function requireTopicCreation(tx: DbOrTx, author: SignedInUser, categoryId: number) {
  const loaded = await loadCategoryRules(tx, categoryId);
  const reader = readerOfUser(author);
  if (!loaded || !canSeeCategory(reader, loaded.rules)) {
    throw new DomainError(422, "Choisissez une catégorie existante.", {
      fieldErrors: { category: "Catégorie inconnue." },
    });
  }
  if (!canCreateTopic(reader, loaded.rules)) {
    throw new DomainError(403, `Vous ne pouvez pas créer de sujet dans « ${loaded.category.name} ».`, {
      fieldErrors: { category: "Vous n'avez pas le droit de créer un sujet dans cette catégorie." },
    });
  }
  return loaded;
}

const fieldErrorsOf = (error: unknown): Record<string, string> | null =>
  error instanceof DomainError && error.status === 422 && error.context.fieldErrors
    ? (error.context.fieldErrors as Record<string, string>)
    : null;

/** Everything a new topic needs before anything is written: title and message, the right to post in the category,
 * and the typed report when the category asks for one. Every problem is reported at once, each under its field. */
export async function validateNewTopic(tx: DbOrTx, author: SignedInUser, input: NewTopic) {
  const fieldErrors: Record<string, string> = {};
  let text: { title: string; raw: string } | null = null;
  try {
    text = validateTopicInput(input, postingLimits());
  } catch (error) {
    const errors = fieldErrorsOf(error);
    if (!errors) throw error;
    Object.assign(fieldErrors, errors);
  }
  let loaded: Awaited<ReturnType<typeof requireTopicCreation>>;
  try {
    loaded = await requireTopicCreation(tx, author, input.categoryId);
  } catch (error) {
    const errors = fieldErrorsOf(error);
    if (!errors || !(error instanceof DomainError)) throw error;
    throw new DomainError(422, error.userMessage, { fieldErrors: { ...errors, ...fieldErrors } });
  }
  let report: CheckedReport | null = null;
  const needsReport = loaded.category.reportForm === INTEROP_REPORT_FORM;
  if (needsReport) {
    const checked = await checkReport(tx, input.report);
    if (checked.ok) report = checked.report;
    else Object.assign(fieldErrors, checked.fieldErrors);
  }
  if (!text || Object.keys(fieldErrors).length) {
    const reportIncomplete = needsReport && !report;
    throw new DomainError(
      422,
      reportIncomplete
        ? "Le sujet n'a pas été publié : cette catégorie demande un rapport d'interopérabilité complet."
        : "Le sujet n'a pas été publié.",
      { fieldErrors, reportIncomplete },
    );
  }
  return { ...text, loaded, report };
}

/** createTopic inside a transaction the caller holds (approving a queued post publishes and marks it at once). */
export async function insertTopic(tx: Prisma.TransactionClient, author: SignedInUser, input: NewTopic) {
  const { title, raw, loaded, report } = await validateNewTopic(tx, author, input);
  const createdAt = input.createdAt ?? new Date();
  const topicPaths = await requireTopicReferences(tx, readerOfUser(author), raw);
  const topic = await tx.topic.create({
    data: {
      title,
      slug: slugify(title),
      categoryId: input.categoryId,
      userId: author.id,
      postsCount: 1,
      highestPostNumber: 1,
      createdAt,
      bumpedAt: createdAt,
      lastPostedAt: createdAt,
    },
  });
  const post = await tx.post.create({
    data: {
      topicId: topic.id,
      postNumber: 1,
      userId: author.id,
      raw,
      cooked: await cookPost(tx, raw, { topicPaths }),
      createdAt,
    },
  });
  await writePostReferences(tx, { id: post.id, topicId: topic.id, raw });
  if (input.tags?.length) await replaceTopicTags(tx, topic.id, input.tags);
  if (report) await createReport(tx, topic.id, report, { createdAt });
  await enqueueSearchUpdate(tx, [searchDocumentId.topic(topic.id)]);
  await recordNewPost(tx, {
    topic: { id: topic.id, title: topic.title, slug: topic.slug, categoryId: topic.categoryId },
    rules: loaded.rules,
    post: { postNumber: 1, raw, replyToPostNumber: null },
    author,
    isFirstPost: true,
  });
  await tx.category.update({
    where: { id: input.categoryId },
    data: { topicCount: { increment: 1 }, postCount: { increment: 1 } },
  });
  await enqueuePostWebhook(tx, "topic_created", { topicId: topic.id, postId: post.id, rules: loaded.rules });
  return { topicId: topic.id, slug: topic.slug, postId: post.id };
}

export interface NewReply {
  topicId: number;
  raw: string;
  replyToPostNumber?: number | null;
  createdAt?: Date;
}

/** A reply numbered after the topic's highest post number, with the counters, in one transaction. Publishes at
 * once: routes go through submitReply (review-queue.server.ts). */
export async function createReply(db: Db, author: SignedInUser, input: NewReply) {
  return db.$transaction((tx) => insertReply(tx, author, input));
}

/** The topic this author may reply to, with its category rules, or the French refusal. */
export async function requireReplyAllowed(tx: DbOrTx, author: SignedInUser, topicId: number) {
  const topic = await tx.topic.findFirst({ where: { id: topicId, deletedAt: null } });
  const loaded = topic && (await loadCategoryRules(tx, topic.categoryId));
  const reader = readerOfUser(author);
  if (!topic || !loaded || !canSeeCategory(reader, loaded.rules)) throw notFound("Ce sujet", { topicId });
  if (!canReply(reader, loaded.rules, topic)) {
    throw new DomainError(
      403,
      topic.closed ? "Ce sujet est fermé aux réponses." : "Vous ne pouvez pas répondre dans cette catégorie.",
    );
  }
  return { topic, rules: loaded.rules };
}

/** createReply inside a transaction the caller holds. */
export async function insertReply(tx: Prisma.TransactionClient, author: SignedInUser, input: NewReply) {
  const { raw } = validatePostInput(input, postingLimits());
  const createdAt = input.createdAt ?? new Date();
  const { topic, rules } = await requireReplyAllowed(tx, author, input.topicId);
  const topicPaths = await requireTopicReferences(tx, readerOfUser(author), raw);
  let replyTo: number | null = null;
  if (input.replyToPostNumber) {
    const target = await tx.post.findUnique({
      where: { topicId_postNumber: { topicId: topic.id, postNumber: input.replyToPostNumber } },
    });
    replyTo = target ? target.postNumber : null;
  }
  const updated = await tx.topic.update({
    where: { id: topic.id },
    data: {
      postsCount: { increment: 1 },
      highestPostNumber: { increment: 1 },
      bumpedAt: createdAt,
      lastPostedAt: createdAt,
    },
    select: { highestPostNumber: true },
  });
  const post = await tx.post.create({
    data: {
      topicId: topic.id,
      postNumber: updated.highestPostNumber,
      userId: author.id,
      raw,
      cooked: await cookPost(tx, raw, { topicPaths }),
      replyToPostNumber: replyTo,
      createdAt,
    },
  });
  // The topic too: its last activity ranks it among recent results.
  await enqueueSearchUpdate(tx, [searchDocumentId.post(post.id), searchDocumentId.topic(topic.id)]);
  await writePostReferences(tx, { id: post.id, topicId: topic.id, raw });
  await recordNewPost(tx, {
    topic,
    rules,
    post: { postNumber: post.postNumber, raw, replyToPostNumber: replyTo },
    author,
    isFirstPost: false,
  });
  await tx.category.update({ where: { id: topic.categoryId }, data: { postCount: { increment: 1 } } });
  await enqueuePostWebhook(tx, "post_created", { topicId: topic.id, postId: post.id, rules });
  return { postId: post.id, postNumber: post.postNumber, topicId: topic.id, slug: topic.slug };
}

async function loadPostForChange(tx: DbOrTx, actor: SignedInUser, postId: number) {
  const post = await tx.post.findUnique({ where: { id: postId }, include: { topic: true } });
  const loaded = post && (await loadCategoryRules(tx, post.topic.categoryId));
  const reader = readerOfUser(actor);
  if (!post || !loaded || !canSeeCategory(reader, loaded.rules)) throw notFound("Ce message", { postId });
  return { post, reader, rules: loaded.rules };
}

export interface PostEdit {
  postId: number;
  raw: string;
  /** Only for the first post: the topic's title. */
  title?: string;
  /** The version the editor started from: a concurrent edit is refused rather than silently overwritten. */
  version: number;
}

/** Edits a post (and the title, on a first post), keeping the previous text as a revision. */
export async function editPost(db: Db, editor: SignedInUser, input: PostEdit) {
  return db.$transaction(async (tx) => {
    const { post, reader } = await loadPostForChange(tx, editor, input.postId);
    if (post.deletedAt || post.postType === 3 || !canModifyPost(reader, post)) {
      throw new DomainError(403, "Vous ne pouvez pas modifier ce message.");
    }
    const isFirst = post.postNumber === 1;
    const { raw, title } = isFirst
      ? validateTopicInput({ title: input.title ?? post.topic.title, raw: input.raw }, postingLimits())
      : { ...validatePostInput(input, postingLimits()), title: post.topic.title };
    if (raw === post.raw && title === post.topic.title) return { changed: false, version: post.version };
    const topicPaths = await requireTopicReferences(tx, reader, raw);
    const { count } = await tx.post.updateMany({
      where: { id: post.id, version: input.version },
      data: { raw, cooked: await cookPost(tx, raw, { topicPaths }), version: { increment: 1 } },
    });
    if (count === 0) {
      throw new DomainError(
        409,
        "Ce message a été modifié par quelqu'un d'autre entre-temps. Rechargez la page pour voir sa dernière version.",
        {
          fieldErrors: { raw: "Modification concurrente : rechargez la page." },
        },
      );
    }
    await writePostReferences(tx, { id: post.id, topicId: post.topicId, raw });
    const titleChanged = isFirst && title !== post.topic.title;
    if (titleChanged) await tx.topic.update({ where: { id: post.topicId }, data: { title, slug: slugify(title) } });
    await enqueueSearchUpdate(tx, [searchDocumentId.ofPost(post, titleChanged)]);
    await tx.postRevision.create({
      data: {
        postId: post.id,
        number: post.version + 1,
        userId: editor.id,
        rawBefore: post.raw,
        rawAfter: raw,
        titleBefore: titleChanged ? post.topic.title : null,
        titleAfter: titleChanged ? title : null,
      },
    });
    return { changed: true, version: post.version + 1 };
  });
}

/** Soft-deletes a post; deleting the first post deletes the topic. Counters follow, in the same transaction. */
export async function deletePost(db: Db, actor: SignedInUser, postId: number) {
  return db.$transaction(async (tx) => {
    const { post, reader } = await loadPostForChange(tx, actor, postId);
    // An event of the timeline is not counted as a post: it is not deleted as one either.
    if (post.postType === 3 || !canModifyPost(reader, post)) {
      throw new DomainError(403, "Vous ne pouvez pas supprimer ce message.");
    }
    if (post.deletedAt) return { topicDeleted: post.postNumber === 1 };
    const now = new Date();
    await tx.post.update({ where: { id: post.id }, data: { deletedAt: now, deletedById: actor.id } });
    await enqueueSearchUpdate(tx, [searchDocumentId.ofPost(post)]);
    if (post.postNumber === 1) {
      await tx.topic.update({ where: { id: post.topicId }, data: { deletedAt: now } });
      await tx.category.update({
        where: { id: post.topic.categoryId },
        data: { topicCount: { decrement: 1 }, postCount: { decrement: post.topic.postsCount } },
      });
      return { topicDeleted: true };
    }
    await tx.topic.update({ where: { id: post.topicId }, data: { postsCount: { decrement: 1 } } });
    await tx.category.update({ where: { id: post.topic.categoryId }, data: { postCount: { decrement: 1 } } });
    return { topicDeleted: false };
  });
}

export async function restorePost(db: Db, actor: SignedInUser, postId: number) {
  return db.$transaction(async (tx) => {
    const { post, reader } = await loadPostForChange(tx, actor, postId);
    if (!post.deletedAt) return { restored: false };
    if (post.postType === 3 || !canRestorePost(reader, post)) {
      throw new DomainError(403, "Vous ne pouvez pas restaurer ce message.");
    }
    await tx.post.update({ where: { id: post.id }, data: { deletedAt: null, deletedById: null } });
    await enqueueSearchUpdate(tx, [searchDocumentId.ofPost(post)]);
    if (post.postNumber === 1) {
      await tx.topic.update({ where: { id: post.topicId }, data: { deletedAt: null } });
      await tx.category.update({
        where: { id: post.topic.categoryId },
        data: { topicCount: { increment: 1 }, postCount: { increment: post.topic.postsCount } },
      });
    } else {
      await tx.topic.update({ where: { id: post.topicId }, data: { postsCount: { increment: 1 } } });
      await tx.category.update({ where: { id: post.topic.categoryId }, data: { postCount: { increment: 1 } } });
    }
    return { restored: true };
  });
}

/** Sets a topic's tags: its author or staff. */
export async function setTopicTags(db: Db, actor: SignedInUser, topicId: number, names: string[]) {
  return db.$transaction(async (tx) => {
    const topic = await tx.topic.findFirst({ where: { id: topicId, deletedAt: null } });
    const loaded = topic && (await loadCategoryRules(tx, topic.categoryId));
    const reader = readerOfUser(actor);
    if (!topic || !loaded || !canSeeCategory(reader, loaded.rules)) throw notFound("Ce sujet", { topicId });
    if (!canModifyPost(reader, topic))
      throw new DomainError(403, "Vous ne pouvez pas modifier les étiquettes de ce sujet.");
    await replaceTopicTags(tx, topicId, names);
  });
}
