// Changing a report: its fields (with their history) and its status (with notifications and a webhook). Each change
// is one transaction that checks the revision the person started from: a change made from a stale page is refused
// with a 409 instead of silently undoing someone else's.
import type { Db, DbOrTx, Prisma } from "~/infra/db.server";
import { getEnv } from "~/infra/env.server";
import { loadCategoryRules } from "~/domain/forum/posting.server";
import { canSeeCategory, readerOfUser, type Reader } from "~/domain/forum/permissions";
import { readersAmong } from "~/domain/forum/notifications.server";
import { NotificationLevel } from "~/domain/forum/watch-levels";
import type { SignedInUser } from "~/domain/identity/viewer";
import { DomainError, notFound } from "~/domain/shared/errors";
import { enqueueSearchUpdate, searchDocumentId } from "~/domain/search/outbox.server";
import { addTimelineEvent } from "./events.server";
import { releaseTopicVotes, restoreTopicVotes } from "./votes.server";
import { canEditReportFields, trackerRoleOf } from "./permissions";
import {
  diffReports,
  fieldsEditedText,
  isStatus,
  type ReportChanges,
  type ReportSnapshot,
  type ReportStatus,
} from "./report";
import { checkReport, countReporterReopens } from "./reports.server";
import { enqueueWebhookEvent } from "./webhooks.server";
import { decideTransition, statusChangeText } from "./workflow";

type Tx = Prisma.TransactionClient;

/** The event actions that change a report (and its revision): the last one names who changed it. */
const REPORT_ACTIONS = ["status_changed", "fields_edited", "closed_duplicate"];

/** The French conflict message: who changed the report since the page was loaded. */
async function conflict(tx: DbOrTx, topicId: number): Promise<DomainError> {
  const last = await tx.post.findFirst({
    where: { topicId, postType: 3, action: { in: REPORT_ACTIONS } },
    orderBy: { postNumber: "desc" },
    select: { user: { select: { givenName: true, usualName: true } } },
  });
  const who = last ? `${last.user.givenName} ${last.user.usualName}`.trim() : "Quelqu'un";
  return new DomainError(
    409,
    `${who} a modifié ce rapport entre-temps ; rechargez la page pour voir sa dernière version.`,
    {
      fieldErrors: { revision: "Modification concurrente : rechargez la page." },
    },
  );
}

/** A report with what the rules need, for a topic the actor may see; 404 otherwise (as for a missing topic). */
async function loadReport(tx: Tx, actor: SignedInUser, topicId: number) {
  const topic = await tx.topic.findFirst({
    where: { id: topicId, deletedAt: null },
    select: { id: true, title: true, slug: true, userId: true, categoryId: true },
  });
  const loaded = topic && (await loadCategoryRules(tx, topic.categoryId));
  const reader = readerOfUser(actor);
  if (!topic || !loaded || !canSeeCategory(reader, loaded.rules)) throw notFound("Ce sujet", { topicId });
  const report = await tx.interopReport.findUnique({
    where: { topicId },
    include: {
      reportingSolution: { select: { slug: true, name: true, maintainerGroup: { select: { name: true } } } },
      reportingVersion: { select: { version: true } },
      affected: {
        include: {
          solution: {
            select: { id: true, slug: true, name: true, maintainerGroup: { select: { name: true } } },
          },
          version: { select: { version: true } },
        },
      },
    },
  });
  if (!report) throw notFound("Le rapport d'interopérabilité de ce sujet", { topicId });
  const maintainerGroups = [report.reportingSolution, ...report.affected.map((row) => row.solution)]
    .map((solution) => solution.maintainerGroup?.name)
    .filter((name): name is string => Boolean(name));
  const role = trackerRoleOf(reader, { reporterId: topic.userId, maintainerGroups });
  return { topic, category: loaded.category, rules: loaded.rules, report, reader, role };
}

function requireRevision(expected: number) {
  if (!Number.isSafeInteger(expected) || expected < 1) {
    throw new DomainError(422, "La révision du rapport manque : rechargez la page.");
  }
}

export interface ReportEdit {
  /** The new fields, as the report form or a JSON client sends them (a ReportDraft). */
  report: unknown;
  /** InteropReport.revision when the editor opened the form. */
  revision: number;
}

/** Edits a report's fields: the reporter, maintainers of an involved solution and moderators. Writes a
 * ReportRevision of what changed ({field: [before, after]}) and a timeline event naming the fields. */
export async function editReport(db: Db, actor: SignedInUser, topicId: number, edit: ReportEdit) {
  requireRevision(edit.revision);
  return db.$transaction(async (tx) => {
    const { report, role } = await loadReport(tx, actor, topicId);
    if (!canEditReportFields(role)) throw new DomainError(403, "Vous ne pouvez pas modifier ce rapport.");
    if (report.revision !== edit.revision) throw await conflict(tx, topicId);
    const checked = await checkReport(tx, edit.report);
    if (!checked.ok) {
      throw new DomainError(422, "Le rapport n'a pas été modifié : corrigez les champs signalés.", {
        fieldErrors: checked.fieldErrors,
      });
    }
    const next = checked.report;
    const before: ReportSnapshot = {
      reportingSolution: report.reportingSolution.name,
      reportingVersion: report.reportingVersion?.version ?? "",
      affected: Object.fromEntries(report.affected.map((row) => [row.solution.name, row.version?.version ?? ""])),
      classUri: report.classUri ?? "",
      endpointUrl: report.endpointUrl,
      steps: report.steps,
      expected: report.expected,
      actual: report.actual,
      severity: report.severity,
    };
    const after: ReportSnapshot = {
      reportingSolution: next.reporting.name,
      reportingVersion: next.reporting.version,
      affected: Object.fromEntries(next.affected.map((row) => [row.name, row.version])),
      classUri: next.classUri,
      endpointUrl: next.input.endpointUrl,
      steps: next.input.steps,
      expected: next.input.expected,
      actual: next.input.actual,
      severity: next.input.severity,
    };
    const changes: ReportChanges = diffReports(before, after);
    if (Object.keys(changes).length === 0) return { changed: false, revision: report.revision };
    const revision = report.revision + 1;
    const { count } = await tx.interopReport.updateMany({
      where: { topicId, revision: edit.revision },
      data: {
        reportingSolutionId: next.reporting.solutionId,
        reportingVersionId: next.reporting.versionId,
        classUri: next.classUri,
        endpointUrl: next.input.endpointUrl,
        steps: next.input.steps,
        expected: next.input.expected,
        actual: next.input.actual,
        severity: next.input.severity,
        revision,
      },
    });
    if (count === 0) throw await conflict(tx, topicId);
    await tx.reportAffectedSolution.deleteMany({ where: { topicId } });
    await tx.reportAffectedSolution.createMany({
      data: next.affected.map((row) => ({ topicId, solutionId: row.solutionId, versionId: row.versionId })),
    });
    await tx.reportRevision.create({
      data: { topicId, number: revision, userId: actor.id, changes: JSON.stringify(changes) },
    });
    await addTimelineEvent(tx, {
      topicId,
      actorId: actor.id,
      action: "fields_edited",
      text: fieldsEditedText(changes),
      data: { revision, fields: Object.keys(changes) },
    });
    await enqueueSearchUpdate(tx, [searchDocumentId.topic(topicId)]);
    return { changed: true, revision };
  });
}

export interface StatusChange {
  to: string;
  reason?: string | null;
  /** For "fixed": the version that ships the fix, "<solution slug>@<version>", of an affected solution. */
  fixedIn?: string | null;
  /** InteropReport.revision when the person opened the page. */
  revision: number;
  /** Backdating, for demo content. */
  at?: Date;
}

/** Moves a report to another status (workflow.ts decides who may), in one transaction: the report (revision + 1),
 * a timeline event, a notification to each watcher of the topic who may read it, and the status_changed webhook
 * unless the category is read-restricted. Topic.closed is left alone: a closed report still takes replies. */
export async function changeReportStatus(db: Db, actor: SignedInUser, topicId: number, change: StatusChange) {
  requireRevision(change.revision);
  return db.$transaction(async (tx) => {
    const { topic, category, rules, report, role } = await loadReport(tx, actor, topicId);
    const from: ReportStatus = isStatus(report.status) ? report.status : "new";
    // A stale page is a conflict before anything else: the other change may well be the one this person wanted.
    if (report.revision !== change.revision && role !== "member" && role !== "anonymous") {
      throw await conflict(tx, topicId);
    }
    const reporterReopens = role === "reporter" ? await countReporterReopens(tx, topicId) : 0;
    const decision = decideTransition(
      { role, from, reporterReopens },
      { to: change.to, reason: change.reason ?? null },
    );
    if (!decision.ok) {
      throw new DomainError(decision.status, decision.message, {
        ...(decision.field && { fieldErrors: { [decision.field]: decision.message } }),
      });
    }

    let fixedIn: { versionId: number; slug: string; name: string; version: string } | null = null;
    if (decision.to === "fixed") {
      const [slug, ...rest] = (change.fixedIn ?? "").split("@");
      const version = rest.join("@");
      const solution = report.affected.find((row) => row.solution.slug === slug)?.solution;
      const row =
        solution &&
        version &&
        (await tx.solutionVersion.findUnique({
          where: { solutionId_version: { solutionId: solution.id, version } },
          select: { id: true },
        }));
      if (!solution || !row) {
        const message = change.fixedIn
          ? `« ${change.fixedIn.replace("@", " ")} » n'est pas une version connue d'une solution concernée par ce rapport.`
          : "Choisissez la version qui apporte la correction, parmi celles des solutions concernées.";
        throw new DomainError(422, message, { fieldErrors: { fixedIn: message } });
      }
      fixedIn = { versionId: row.id, slug: solution.slug, name: solution.name, version };
    }

    const at = change.at ?? new Date();
    const revision = report.revision + 1;
    const { count } = await tx.interopReport.updateMany({
      where: { topicId, revision: change.revision },
      data: {
        status: decision.to,
        closeReason: decision.reason,
        duplicateOfTopicId: null,
        fixedInVersionId: fixedIn?.versionId ?? null,
        statusChangedAt: at,
        revision,
      },
    });
    if (count === 0) throw await conflict(tx, topicId);

    const summary = statusChangeText(from, decision.to, { reason: decision.reason, fixedIn });
    const event = await addTimelineEvent(tx, {
      topicId,
      actorId: actor.id,
      action: "status_changed",
      text: `a changé le statut : ${summary}`,
      data: {
        from,
        to: decision.to,
        reason: decision.reason,
        fixed_in: fixedIn && { solution: fixedIn.slug, version: fixedIn.version },
        reopen: decision.reopen,
        role,
        revision,
      },
      createdAt: at,
    });

    await notifyWatchers(tx, {
      topic,
      rules,
      actor,
      postNumber: event.postNumber,
      detail: summary,
      at,
    });

    if (!category.readRestricted) {
      await enqueueWebhookEvent(tx, "status_changed", {
        topic: { id: topic.id, title: topic.title, url: `${getEnv().publicUrl}/t/${topic.slug}/${topic.id}` },
        from,
        to: decision.to,
        close_reason: decision.reason,
        fixed_in: fixedIn && { solution: fixedIn.slug, version: fixedIn.version },
        actor: { username: actor.username },
        revision,
      });
    }
    // A settled report gives its roadmap votes back to their members; reopening it counts them again.
    const settled = (status: string) => status === "fixed" || status === "closed";
    if (settled(decision.to) && !settled(from)) await releaseTopicVotes(tx, topicId, at);
    if (!settled(decision.to) && settled(from)) await restoreTopicVotes(tx, topicId);
    await enqueueSearchUpdate(tx, [searchDocumentId.topic(topicId)]);
    return { status: decision.to, revision, postNumber: event.postNumber };
  });
}

/** A "status_changed" notification for each person watching the topic, but the actor and those who cannot read it. */
async function notifyWatchers(
  tx: Tx,
  input: {
    topic: { id: number; title: string; slug: string };
    rules: Parameters<typeof readersAmong>[2];
    actor: SignedInUser;
    postNumber: number;
    detail: string;
    at: Date;
  },
) {
  const watchers = await tx.topicUser.findMany({
    where: { topicId: input.topic.id, notificationLevel: NotificationLevel.watching, userId: { not: input.actor.id } },
    select: { userId: true },
  });
  const recipients = await readersAmong(
    tx,
    watchers.map((watcher) => watcher.userId),
    input.rules,
  );
  if (recipients.length === 0) return;
  await tx.notification.createMany({
    data: recipients.map((userId) => ({
      userId,
      kind: "status_changed",
      topicId: input.topic.id,
      postNumber: input.postNumber,
      actorId: input.actor.id,
      createdAt: input.at,
      data: JSON.stringify({
        topicTitle: input.topic.title,
        topicSlug: input.topic.slug,
        actor: input.actor.displayName,
        actorUsername: input.actor.username,
        detail: input.detail,
      }),
    })),
  });
}

export interface ReportHistoryEntry {
  at: string;
  actor: { username: string; name: string };
  kind: "fields" | "status" | "other";
  /** For field edits: {field label key: [before, after]}. */
  changes: ReportChanges;
  /** For status changes and other events: the timeline's text. */
  text: string;
}

/** Who changed what in a report, and when, newest first: every field edit with its before and after, and every
 * status change. The caller has checked that the reader may see the topic. */
export async function listReportHistory(db: DbOrTx, _reader: Reader, topicId: number): Promise<ReportHistoryEntry[]> {
  const [revisions, events] = await Promise.all([
    db.reportRevision.findMany({
      where: { topicId },
      include: { user: { select: { username: true, givenName: true, usualName: true } } },
    }),
    db.post.findMany({
      where: { topicId, postType: 3, action: { in: ["status_changed", "closed_duplicate"] }, deletedAt: null },
      include: { user: { select: { username: true, givenName: true, usualName: true } } },
    }),
  ]);
  const actor = (user: { username: string; givenName: string; usualName: string }) => ({
    username: user.username,
    name: `${user.givenName} ${user.usualName}`.trim(),
  });
  return [
    ...revisions.map((row) => ({
      at: row.createdAt.toISOString(),
      actor: actor(row.user),
      kind: "fields" as const,
      changes: JSON.parse(row.changes) as ReportChanges,
      text: "",
    })),
    ...events.map((post) => ({
      at: post.createdAt.toISOString(),
      actor: actor(post.user),
      kind: post.action === "status_changed" ? ("status" as const) : ("other" as const),
      changes: {},
      text: post.raw,
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));
}
