// Links between a deployment's test cases and topics (docs/decisions/017): made from a run's failures, shown on the
// run page and in the matrix, and followed by recordRun, which posts in the topic when a later run flips a test.
import { readersAmong } from "~/domain/forum/notifications.server";
import { visibleCategoriesWhere, type Reader } from "~/domain/forum/permissions";
import { categoryRulesOf, insertTopic, type NewTopic } from "~/domain/forum/posting.server";
import { mustHoldForReview, submitTopic } from "~/domain/forum/review-queue.server";
import { displayName } from "~/domain/forum/topics.server";
import { NotificationLevel } from "~/domain/forum/watch-levels";
import type { SignedInUser } from "~/domain/identity/viewer";
import { enqueueSearchUpdate, searchDocumentId } from "~/domain/search/outbox.server";
import { DomainError } from "~/domain/shared/errors";
import { noReadCache, type ReadModels } from "~/domain/shared/read-cache";
import { addTimelineEvent } from "~/domain/tracker/events.server";
import { INTEROP_REPORT_FORM } from "~/domain/tracker/report";
import type { Db, DbOrTx } from "~/infra/db.server";
import { testPageUrl } from "./test-page-url";
import {
  prefilledReport,
  caseStatus,
  caseStatuses,
  canUnlinkTest,
  detectFlips,
  flipEventText,
  flipsByTopic,
  isFailingStatus,
  parseTopicReference,
  requireTestLinker,
  requireTestUnlinker,
  type LinkStatus,
} from "./triage";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const refuse = (message: string, field: string, status: 403 | 422 = 422) =>
  new DomainError(status, message, { fieldErrors: { [field]: message } });

export interface TriageSelection {
  run: { id: number; suiteName: string };
  deployment: {
    id: number;
    slug: string;
    name: string;
    endpointUrl: string;
    solutionSlug: string;
    version: string;
  };
  results: {
    id: number;
    testId: string;
    caseKey: string;
    name: string;
    classUri: string | null;
    status: string;
    message: string | null;
  }[];
}

/** The failures of a run chosen in its form, checked against the run: each must be a failed or errored result of it.
 * Nothing is trusted from the form but the ids. */
export async function loadTriageSelection(db: DbOrTx, runId: number, resultIds: number[]): Promise<TriageSelection> {
  const run = await db.conformanceRun.findUnique({
    where: { id: runId },
    select: {
      id: true,
      suiteName: true,
      deployment: {
        select: {
          id: true,
          slug: true,
          name: true,
          endpointUrl: true,
          solutionVersion: { select: { version: true, solution: { select: { slug: true } } } },
        },
      },
    },
  });
  if (!run) throw new DomainError(404, "Ce passage de tests est introuvable.", { runId });
  if (resultIds.length === 0) throw refuse("Cochez au moins un test en échec.", "result");
  const results = await db.conformanceResult.findMany({
    where: { runId, id: { in: resultIds } },
    orderBy: { position: "asc" },
    select: { id: true, testId: true, caseKey: true, name: true, classUri: true, status: true, message: true },
  });
  if (results.length !== resultIds.length || results.some((result) => !isFailingStatus(result.status))) {
    throw refuse("Seuls les tests en échec ou en erreur de ce passage peuvent être suivis.", "result");
  }
  const { deployment } = run;
  return {
    run: { id: run.id, suiteName: run.suiteName },
    deployment: {
      id: deployment.id,
      slug: deployment.slug,
      name: deployment.name,
      endpointUrl: deployment.endpointUrl,
      solutionSlug: deployment.solutionVersion.solution.slug,
      version: deployment.solutionVersion.version,
    },
    results,
  };
}

/** The test's last outcome on the deployment (from the newest run that did not skip it), so that a link made from
 * an old run compares later runs with what is true today. */
async function currentStatus(tx: DbOrTx, deploymentId: number, caseKey: string) {
  const latest = await tx.conformanceResult.findFirst({
    where: { caseKey, status: { not: "skipped" }, run: { deploymentId } },
    orderBy: { runId: "desc" },
    select: { runId: true },
  });
  if (!latest) return null;
  const rows = await tx.conformanceResult.findMany({
    where: { runId: latest.runId, caseKey },
    select: { status: true },
  });
  const status = caseStatus(rows.map((row) => row.status));
  return status && { status, runId: latest.runId };
}

/** Writes the links of the selected tests to a topic, in the caller's transaction; a test already linked to that
 * topic stays as it is. Returns how many links were added. */
async function writeLinks(tx: DbOrTx, selection: TriageSelection, topicId: number, linkedById: number) {
  const cases = new Map<string, TriageSelection["results"][number]>();
  for (const result of selection.results) if (!cases.has(result.caseKey)) cases.set(result.caseKey, result);
  const existing = await tx.conformanceTestLink.findMany({
    where: { deploymentId: selection.deployment.id, topicId, caseKey: { in: [...cases.keys()] } },
    select: { caseKey: true },
  });
  for (const { caseKey } of existing) cases.delete(caseKey);
  const rows = [];
  for (const [caseKey, result] of cases) {
    const current = await currentStatus(tx, selection.deployment.id, caseKey);
    rows.push({
      deploymentId: selection.deployment.id,
      caseKey,
      testName: result.name,
      classUri: result.classUri,
      topicId,
      linkedById,
      lastStatus: current?.status ?? (result.status as LinkStatus),
      lastRunId: current?.runId ?? selection.run.id,
    });
  }
  if (rows.length) await tx.conformanceTestLink.createMany({ data: rows });
  return rows.length;
}

/** "Lier à un sujet existant": the topic must exist and be readable by the person linking. */
export async function linkTestsToTopic(
  db: Db,
  reader: Reader,
  input: { runId: number; resultIds: number[]; topic: string },
): Promise<{ topicId: number; added: number; cases: number }> {
  requireTestLinker(reader);
  const topicId = parseTopicReference(input.topic);
  if (topicId === null) throw refuse("Indiquez le numéro du sujet (#123) ou son adresse.", "topic");
  const selection = await loadTriageSelection(db, input.runId, input.resultIds);
  return db
    .$transaction(async (tx) => {
      // A topic one may not read is refused like a missing one: the answer must not tell that it exists.
      const topic = await tx.topic.findFirst({
        where: { id: topicId, deletedAt: null, category: visibleCategoriesWhere(reader) },
        select: { id: true },
      });
      if (!topic) {
        throw refuse(
          `Le sujet n° ${topicId} est introuvable ou se trouve dans une catégorie que vous ne pouvez pas lire.`,
          "topic",
        );
      }
      const cases = new Set(selection.results.map((result) => result.caseKey)).size;
      return { topicId, added: await writeLinks(tx, selection, topicId, reader.userId!), cases };
    })
    .catch((error: unknown) => {
      // Two people linking the same test to the same topic at once: the unique index lets one through.
      if ((error as { code?: unknown }).code === "P2002") {
        throw new DomainError(409, "Ce test vient d'être lié à ce sujet par quelqu'un d'autre. Rechargez la page.");
      }
      throw error;
    });
}

/** Removes one link (its linker, the solution's maintainers, moderators and admins). */
export async function unlinkTest(db: Db, reader: Reader, linkId: number): Promise<void> {
  requireTestLinker(reader);
  const link = await db.conformanceTestLink.findFirst({
    where: { id: linkId, topic: { deletedAt: null, category: visibleCategoriesWhere(reader) } },
    select: {
      id: true,
      linkedById: true,
      deployment: {
        select: {
          solutionVersion: { select: { solution: { select: { maintainerGroup: { select: { name: true } } } } } },
        },
      },
    },
  });
  if (!link) throw new DomainError(404, "Ce lien entre un test et un sujet est introuvable.", { linkId });
  requireTestUnlinker(reader, link, link.deployment.solutionVersion.solution.maintainerGroup?.name ?? null);
  await db.conformanceTestLink.delete({ where: { id: link.id } });
}

export type TriagedTopic =
  | { queued: false; topicId: number; slug: string; postId: number; linked: number }
  | { queued: true; queuedPostId: number };

/**
 * "Signaler un problème": the topic and the links of the chosen failures in ONE transaction, through the forum's own
 * insertTopic (every check of a new topic and its report applies). A member whose posts are held for review gets a
 * held topic without links: a topic that does not exist yet cannot be linked (docs/decisions/017).
 */
export async function createTriagedTopic(
  db: Db,
  author: SignedInUser,
  input: NewTopic,
  pick: { runId: number; resultIds: number[] },
): Promise<TriagedTopic> {
  const selection = await loadTriageSelection(db, pick.runId, pick.resultIds);
  if (await mustHoldForReview(db, author)) {
    const held = await submitTopic(db, author, input);
    return held.queued
      ? { queued: true, queuedPostId: held.queuedPostId }
      : { queued: false, topicId: held.topicId, slug: held.slug, postId: held.postId, linked: 0 };
  }
  return db.$transaction(async (tx) => {
    const created = await insertTopic(tx, author, input);
    const linked = await writeLinks(tx, selection, created.topicId, author.id);
    return { queued: false as const, ...created, linked };
  });
}

/** What "Signaler un problème" opens the new-topic page with: the chosen failures, checked against their run, and the
 * title, message and report they suggest. `publicUrl` makes the run's address usable outside the app. */
export async function triagePrefill(db: DbOrTx, pick: { runId: number; resultIds: number[] }, publicUrl: string) {
  const selection = await loadTriageSelection(db, pick.runId, pick.resultIds);
  const classUri = selection.results.find((result) => result.classUri)?.classUri ?? null;
  const cls = classUri
    ? await db.conformanceClass.findUnique({ where: { uri: classUri }, select: { title: true } })
    : null;
  const prefill = prefilledReport({
    run: {
      id: selection.run.id,
      suite: selection.run.suiteName,
      url: `${publicUrl}/conformance/runs/${selection.run.id}`,
    },
    deployment: selection.deployment,
    tests: selection.results,
    classTitle: cls?.title ?? null,
  });
  return {
    runId: selection.run.id,
    resultIds: selection.results.map((result) => result.id),
    deployment: { name: selection.deployment.name, slug: selection.deployment.slug },
    tests: selection.results.map((result) => result.name),
    ...prefill,
  };
}

/** The category where "Signaler un problème" files its report: the first interop category the reader may post in. */
export async function interopCategoryFor(db: DbOrTx, reader: Reader): Promise<number> {
  const category = await db.category.findFirst({
    where: { reportForm: INTEROP_REPORT_FORM, ...visibleCategoriesWhere(reader) },
    orderBy: [{ readRestricted: "asc" }, { position: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  if (!category) throw new DomainError(404, "Aucune catégorie ne reçoit les rapports d'interopérabilité.");
  return category.id;
}

// ---- Reading -------------------------------------------------------------------------------------------------------

export interface LinkedTopicView {
  linkId: number;
  topicId: number;
  title: string;
  url: string;
  canUnlink: boolean;
}

/** For a run's page: the topics linked to the deployment's test cases (of `caseKeys`), only those the reader may
 * read. One query: a deployment has few links, so they are read whole and matched to the run's cases here. */
export async function linksOfDeployment(
  db: DbOrTx,
  reader: Reader,
  deploymentSlug: string,
  caseKeys: ReadonlySet<string>,
): Promise<Record<string, LinkedTopicView[]>> {
  const links = await db.conformanceTestLink.findMany({
    where: {
      deployment: { slug: deploymentSlug },
      topic: { deletedAt: null, category: visibleCategoriesWhere(reader) },
    },
    orderBy: { id: "asc" },
    select: {
      id: true,
      caseKey: true,
      linkedById: true,
      topic: { select: { id: true, slug: true, title: true } },
      deployment: {
        select: {
          solutionVersion: { select: { solution: { select: { maintainerGroup: { select: { name: true } } } } } },
        },
      },
    },
  });
  const byCase: Record<string, LinkedTopicView[]> = {};
  for (const link of links) {
    if (!caseKeys.has(link.caseKey)) continue;
    const maintainerGroup = link.deployment.solutionVersion.solution.maintainerGroup?.name ?? null;
    (byCase[link.caseKey] ??= []).push({
      linkId: link.id,
      topicId: link.topic.id,
      title: link.topic.title,
      url: `/t/${link.topic.slug}/${link.topic.id}`,
      canUnlink: canUnlinkTest(reader, link, maintainerGroup),
    });
  }
  return byCase;
}

/** For the matrix: per "deploymentId classUri", how many failing test cases are linked to a topic the reader may
 * read. One grouped query whatever the size of the matrix. */
export async function triagedFailureCounts(db: DbOrTx, reader: Reader): Promise<Map<string, number>> {
  const groups = await db.conformanceTestLink.groupBy({
    by: ["deploymentId", "classUri", "caseKey"],
    where: {
      lastStatus: { in: ["failed", "error"] },
      classUri: { not: null },
      topic: { deletedAt: null, category: visibleCategoriesWhere(reader) },
    },
  });
  const counts = new Map<string, number>();
  for (const group of groups) {
    const key = `${group.deploymentId} ${group.classUri}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

// ---- Flips, inside recordRun's transaction --------------------------------------------------------------------------

/** The author of automatic posts when an API key without a user uploads: the first admin, as Discourse's "system"
 * user would be (the clause discussions do the same, app/domain/clauses/library.server.ts). */
async function systemActorId(tx: DbOrTx): Promise<number | null> {
  const admin = await tx.user.findFirst({ where: { role: "admin" }, orderBy: { id: "asc" }, select: { id: true } });
  return admin?.id ?? null;
}

/**
 * After a run's results are written, in the same transaction: each linked test whose outcome moved between failing
 * and passing gets its topic an event post ("test_flipped") and the topic's watchers a notification; every link
 * remembers the test's new status. A second identical run finds nothing to say.
 */
export async function recordTestFlips(
  tx: Tx,
  input: {
    deployment: { id: number; name: string; slug: string };
    runId: number;
    results: readonly { caseKey: string; status: string }[];
    uploaderId: number | null;
    at?: Date;
  },
): Promise<{ flipped: number; topics: number[] }> {
  const links = await tx.conformanceTestLink.findMany({
    where: { deploymentId: input.deployment.id },
    select: { id: true, topicId: true, caseKey: true, testName: true, lastStatus: true },
  });
  if (links.length === 0) return { flipped: 0, topics: [] };
  const { flips, updates } = detectFlips(links, caseStatuses(input.results));
  for (const update of updates) {
    await tx.conformanceTestLink.update({
      where: { id: update.id },
      data: { lastStatus: update.status, lastRunId: input.runId },
    });
  }
  if (flips.length === 0) return { flipped: 0, topics: [] };
  const actorId = input.uploaderId ?? (await systemActorId(tx));
  // Without any admin (an empty database) there is nobody to sign the post; the links still follow the test.
  if (actorId === null) return { flipped: flips.length, topics: [] };
  const actor = await tx.user.findUniqueOrThrow({
    where: { id: actorId },
    select: { id: true, username: true, givenName: true, usualName: true },
  });
  const at = input.at ?? new Date();
  const posted: number[] = [];
  for (const [topicId, topicFlips] of flipsByTopic(flips)) {
    const topic = await tx.topic.findFirst({
      where: { id: topicId, deletedAt: null },
      select: {
        id: true,
        slug: true,
        title: true,
        category: {
          select: {
            readRestricted: true,
            permissions: {
              select: { canSee: true, canReply: true, canCreate: true, group: { select: { name: true } } },
            },
          },
        },
      },
    });
    if (!topic) continue;
    const text = flipEventText(topicFlips, input.deployment.name, input.runId);
    const { postNumber } = await addTimelineEvent(tx, {
      topicId,
      actorId: actor.id,
      action: "test_flipped",
      text,
      createdAt: at,
      data: {
        deployment: input.deployment.slug,
        runId: input.runId,
        runUrl: `/conformance/runs/${input.runId}`,
        tests: topicFlips.map((flip) => ({
          caseKey: flip.link.caseKey,
          name: flip.link.testName,
          from: flip.from,
          to: flip.to,
        })),
      },
    });
    const watchers = await tx.topicUser.findMany({
      where: { topicId, notificationLevel: NotificationLevel.watching, userId: { not: actor.id } },
      select: { userId: true },
    });
    // Nobody hears of a topic they cannot read (a watcher who lost access to a private category).
    const recipients = await readersAmong(
      tx,
      watchers.map((watcher) => watcher.userId),
      categoryRulesOf(topic.category),
    );
    if (recipients.length) {
      await tx.notification.createMany({
        data: recipients.map((userId) => ({
          userId,
          kind: "test_flipped",
          topicId,
          postNumber,
          actorId: actor.id,
          createdAt: at,
          data: JSON.stringify({
            topicTitle: topic.title,
            topicSlug: topic.slug,
            actor: displayName(actor),
            actorUsername: actor.username,
            detail: text,
          }),
        })),
      });
    }
    posted.push(topicId);
  }
  // The event bumps the topic: the search index ranks topics by their last activity.
  if (posted.length)
    await enqueueSearchUpdate(
      tx,
      posted.map((topicId) => searchDocumentId.topic(topicId)),
    );
  return { flipped: flips.length, topics: posted };
}

export interface LinkedTestView {
  deployment: { slug: string; name: string; url: string };
  testName: string;
  testUrl: string;
  classUri: string | null;
  /** As the latest run that ran it left it: failed | error | passed. */
  lastStatus: string;
  lastRunUrl: string;
}

/** For a topic's page: the conformance tests linked to it, with the status their latest run left, failing first.
 * Deployments and runs are public, and the caller has shown the topic to the reader. One query when there are none. */
export async function linkedTestsOfTopic(
  db: DbOrTx,
  topicId: number,
  /** The same for every reader: kept a few seconds between them. */
  shared: ReadModels = noReadCache,
): Promise<LinkedTestView[]> {
  return shared.remember(`linked-tests:${topicId}`, () => readLinkedTestsOfTopic(db, topicId));
}

async function readLinkedTestsOfTopic(db: DbOrTx, topicId: number): Promise<LinkedTestView[]> {
  const links = await db.conformanceTestLink.findMany({
    where: { topicId },
    orderBy: { id: "asc" },
    select: { deploymentId: true, caseKey: true, testName: true, classUri: true, lastStatus: true, lastRunId: true },
  });
  if (links.length === 0) return [];
  const deployments = await db.deployment.findMany({
    where: { id: { in: [...new Set(links.map((link) => link.deploymentId))] } },
    select: { id: true, slug: true, name: true },
  });
  const deploymentById = new Map(deployments.map((row) => [row.id, row]));
  const failingFirst = (status: string) => (status === "passed" ? 1 : 0);
  return links
    .map((link) => {
      const deployment = deploymentById.get(link.deploymentId)!;
      return {
        deployment: {
          slug: deployment.slug,
          name: deployment.name,
          url: `/conformance/deployments/${deployment.slug}`,
        },
        testName: link.testName,
        testUrl: testPageUrl(link.caseKey),
        classUri: link.classUri,
        lastStatus: link.lastStatus,
        lastRunUrl: `/conformance/runs/${link.lastRunId}`,
      };
    })
    .sort(
      (a, b) =>
        failingFirst(a.lastStatus) - failingFirst(b.lastStatus) ||
        a.deployment.name.localeCompare(b.deployment.name, "fr") ||
        a.testName.localeCompare(b.testName, "fr"),
    );
}
