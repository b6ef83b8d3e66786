// Loads the demo identities and content. Idempotent: run at every `npm start`, it adds what is missing and
// changes nothing that exists, so a restart keeps every edit made through the app. `npm run db:seed` also loads the
// clause library (scripts/db/load-clauses.ts), as `npm start` does.
import { createReadStream } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "../../app/infra/db.server";
import { createReply, createTopic } from "../../app/domain/forum/posting.server";
import { loadSignedInUser } from "../../app/domain/identity/users.server";
import type { SignedInUser } from "../../app/domain/identity/viewer";
import { CONFORMANCE_CLASSES } from "../../app/domain/conformance/class-catalogue";
import { enqueueSearchUpdate, searchDocumentId } from "../../app/domain/search/outbox.server";
import { checkReport, createReport } from "../../app/domain/tracker/reports.server";
import { isCloseReason, isStatus } from "../../app/domain/tracker/report";
import { changeReportStatus } from "../../app/domain/tracker/workflow.server";
import { DEFAULT_GROUP_CLASS_MAPPING } from "../../app/domain/conformance/group-mapping";
import { recordRun } from "../../app/domain/conformance/runs.server";
import { createTriagedTopic, interopCategoryFor, triagePrefill } from "../../app/domain/conformance/triage.server";
import { readerOfUser } from "../../app/domain/forum/permissions";
import { getEnv } from "../../app/infra/env.server";
import { demoDeployments, demoRuns, demoSolutions } from "../demo/conformance";
import { demoCategories, demoGroups, demoTags, demoTopics, type DemoTopic } from "../demo/content";
import { demoIdentities } from "../demo/identities";

const HOUR = 3_600_000;

export async function seedDemoData(db: Db, issuer: string, now = new Date()): Promise<{ topicsCreated: number }> {
  for (const group of demoGroups) {
    await db.group.upsert({ where: { name: group.name }, create: group, update: {} });
  }
  for (const tag of demoTags) {
    await db.tag.upsert({ where: { name: tag.name }, create: tag, update: {} });
  }
  for (const category of demoCategories) {
    // Voting and the report form came after the categories: a database seeded before gets these demo settings too
    // (no page edits them yet).
    const settings = {
      ...("votingEnabled" in category
        ? { votingEnabled: category.votingEnabled, votesPerUser: category.votesPerUser }
        : {}),
      ...("reportForm" in category ? { reportForm: category.reportForm } : {}),
    };
    await db.category.upsert({ where: { slug: category.slug }, create: category, update: settings });
  }
  const userIds = new Map<string, number>();
  for (const identity of demoIdentities) {
    const organisation = await db.organisation.upsert({
      where: { siret: identity.siret },
      create: {
        siret: identity.siret,
        siren: identity.siret.slice(0, 9),
        label: identity.organisation,
        kind: identity.organisationKind,
      },
      update: {},
    });
    // Demo users are found by username: the stand-in's issuer changes with its port, and a demo identity must
    // keep signing in as the same user (and its content's author) after PROCONNECT_STANDIN_PORT changes.
    const existing = await db.user.findUnique({ where: { username: identity.username } });
    const user = existing
      ? existing.subject === identity.sub && existing.issuer !== issuer
        ? await db.user.update({ where: { id: existing.id }, data: { issuer } })
        : existing
      : await db.user.create({
          data: {
            issuer,
            subject: identity.sub,
            username: identity.username,
            email: identity.email,
            givenName: identity.given_name,
            usualName: identity.usual_name,
            role: identity.role,
            organisationId: organisation.id,
          },
        });
    userIds.set(identity.username, user.id);
    for (const groupName of identity.groups) {
      const group = await db.group.findUniqueOrThrow({ where: { name: groupName } });
      await db.groupMembership.upsert({
        where: { groupId_userId: { groupId: group.id, userId: user.id } },
        create: { groupId: group.id, userId: user.id },
        update: {},
      });
    }
  }

  await seedConformance(db);

  let topicsCreated = 0;
  for (const topic of demoTopics) {
    const category = await db.category.findUniqueOrThrow({ where: { slug: topic.category } });
    const exists = await db.topic.findFirst({ where: { categoryId: category.id, title: topic.title } });
    if (exists) {
      await backfillDemoReport(db, exists.id, topic);
      continue;
    }
    const start = now.getTime() - topic.daysAgo * 24 * HOUR;
    const [first, ...replies] = topic.posts;
    if (!first) continue;
    const author = async (username: string): Promise<SignedInUser> =>
      (await loadSignedInUser(db, { id: userIds.get(username)! }))!;
    const { topicId } = await createTopic(db, await author(first.author), {
      categoryId: category.id,
      title: topic.title,
      raw: first.raw,
      tags: topic.tags,
      report: topic.report,
      createdAt: new Date(start),
    });
    // Replies and status changes in the order they happened (the sort is stable: a reply before a change at the
    // same hour).
    const timeline = [
      ...replies.map((reply) => ({ hoursLater: reply.hoursLater, reply, change: null })),
      ...(topic.statusChanges ?? []).map((change) => ({ hoursLater: change.hoursLater, reply: null, change })),
    ].sort((a, b) => a.hoursLater - b.hoursLater);
    for (const step of timeline) {
      const at = new Date(start + step.hoursLater * HOUR);
      if (step.reply) {
        await createReply(db, await author(step.reply.author), {
          topicId,
          raw: step.reply.raw,
          replyToPostNumber: step.reply.replyTo,
          createdAt: at,
        });
      } else if (step.change) {
        const { revision } = await db.interopReport.findUniqueOrThrow({ where: { topicId } });
        await changeReportStatus(db, await author(step.change.author), topicId, { ...step.change, revision, at });
      }
    }
    topicsCreated++;
  }
  return { topicsCreated };
}

/** A demo topic created before its category asked for a report (an older database) gets its report, in its last
 * status, without timeline events: they would come after posts written later. */
async function backfillDemoReport(db: Db, topicId: number, topic: DemoTopic): Promise<void> {
  if (!topic.report || (await db.interopReport.findUnique({ where: { topicId } }))) return;
  const checked = await checkReport(db, topic.report);
  if (!checked.ok) throw new Error(`Demo report of « ${topic.title} »: ${JSON.stringify(checked.fieldErrors)}`);
  const last = topic.statusChanges?.at(-1);
  const { createdAt } = await db.topic.findUniqueOrThrow({ where: { id: topicId } });
  await db.$transaction(async (tx) => {
    await createReport(tx, topicId, checked.report, { createdAt, status: isStatus(last?.to) ? last.to : "new" });
    if (!last) return;
    const [slug, version] = (last.fixedIn ?? "").split("@");
    const fixedIn = last.fixedIn
      ? await tx.solutionVersion.findFirst({ where: { version, solution: { slug } }, select: { id: true } })
      : null;
    await tx.interopReport.update({
      where: { topicId },
      data: { closeReason: isCloseReason(last.reason) ? last.reason : null, fixedInVersionId: fixedIn?.id ?? null },
    });
  });
}

/** Solutions, deployments, the class catalogue and the default group → class rules (only when no rule exists, so
 * an admin who emptied or edited the mapping keeps their edit). What is created is queued for search in the same
 * transaction. */
async function seedConformance(db: Db): Promise<void> {
  for (const solution of demoSolutions) {
    const group = await db.group.findUnique({ where: { name: solution.maintainerGroup } });
    const existed = await db.solution.findUnique({ where: { slug: solution.slug }, select: { id: true } });
    await db.$transaction(async (tx) => {
      const row = await tx.solution.upsert({
        where: { slug: solution.slug },
        create: {
          slug: solution.slug,
          name: solution.name,
          repositoryUrl: solution.repositoryUrl,
          trackerUrl: solution.trackerUrl,
          maintainerGroupId: group?.id ?? null,
        },
        update: {},
      });
      for (const version of [solution.version, ...solution.laterVersions]) {
        await tx.solutionVersion.upsert({
          where: { solutionId_version: { solutionId: row.id, version } },
          create: { solutionId: row.id, version },
          update: {},
        });
      }
      if (!existed) await enqueueSearchUpdate(tx, [searchDocumentId.solution(solution.slug)]);
    });
  }
  for (const deployment of demoDeployments) {
    if (await db.deployment.findUnique({ where: { slug: deployment.slug } })) continue;
    const version = await db.solutionVersion.findFirstOrThrow({
      where: { solution: { slug: deployment.solution } },
      orderBy: { id: "asc" },
    });
    // A solution's search document lists its deployments.
    await db.$transaction([
      db.deployment.create({
        data: {
          slug: deployment.slug,
          name: deployment.name,
          organisationLabel: deployment.organisationLabel,
          endpointUrl: deployment.endpointUrl,
          solutionVersionId: version.id,
        },
      }),
      db.searchOutbox.create({ data: { documentId: searchDocumentId.solution(deployment.solution) } }),
    ]);
  }
  for (const cls of CONFORMANCE_CLASSES) {
    if (await db.conformanceClass.findUnique({ where: { uri: cls.uri }, select: { id: true } })) continue;
    await db.$transaction(async (tx) => {
      await tx.conformanceClass.upsert({
        where: { uri: cls.uri },
        create: {
          uri: cls.uri,
          title: cls.title,
          standard: cls.standard,
          part: cls.part,
          aliases: JSON.stringify(cls.aliases),
          verified: cls.verified,
        },
        update: {},
      });
      await enqueueSearchUpdate(tx, [searchDocumentId.conformanceClass(cls.uri)]);
    });
  }
  if ((await db.groupClassRule.count()) === 0) {
    await db.groupClassRule.createMany({
      data: DEFAULT_GROUP_CLASS_MAPPING.map((rule, position) => ({
        position,
        suite: rule.suite ?? null,
        group: rule.group,
        classUri: rule.classUri,
      })),
    });
  }
}

/**
 * Demo conformance runs (scripts/demo/conformance.ts `demoRuns`), recorded through the app's own services so the
 * matrix, the charts, the triage and the automatic posts show something on a fresh start. A deployment that has
 * runs already is left alone, so this runs once. Not part of seedDemoData: tests start from deployments without
 * runs.
 */
export async function seedDemoConformanceRuns(db: Db, now = new Date()): Promise<{ runsRecorded: number }> {
  const reportsDir = fileURLToPath(new URL("../demo/reports/", import.meta.url));
  const untouched = new Set<string>();
  for (const slug of new Set(demoRuns.map((run) => run.deployment))) {
    if ((await db.conformanceRun.count({ where: { deployment: { slug } } })) === 0) untouched.add(slug);
  }
  let runsRecorded = 0;
  for (const demo of demoRuns) {
    if (!untouched.has(demo.deployment)) continue;
    const uploader = (await loadSignedInUser(db, { username: demo.uploader }))!;
    const recorded = await recordRun(
      db,
      { ...readerOfUser(uploader), apiKeyId: null },
      {
        deployment: demo.deployment,
        report: createReadStream(path.join(reportsDir, demo.file)),
      },
    );
    // Spread over the last days, as a platform's CI would have sent them (the chart reads createdAt).
    await db.conformanceRun.update({
      where: { id: recorded.id },
      data: { createdAt: new Date(now.getTime() - demo.daysAgo * 24 * HOUR) },
    });
    runsRecorded++;
    if ("reportFailuresAs" in demo) {
      const reporter = (await loadSignedInUser(db, { username: demo.reportFailuresAs }))!;
      const failures = await db.conformanceResult.findMany({
        where: { runId: recorded.id, status: { in: ["failed", "error"] } },
        orderBy: { position: "asc" },
        take: 1,
        select: { id: true },
      });
      if (failures.length === 0) continue;
      const pick = { runId: recorded.id, resultIds: failures.map((failure) => failure.id) };
      const prefill = await triagePrefill(db, pick, getEnv().publicUrl);
      await createTriagedTopic(
        db,
        reporter,
        {
          categoryId: await interopCategoryFor(db, readerOfUser(reporter)),
          title: prefill.title,
          raw: prefill.raw,
          report: { ...prefill.report, severity: "major" },
        },
        pick,
      );
    }
  }
  return { runsRecorded };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { getDb, disconnectDb } = await import("../../app/infra/db.server");
  const { demoIssuer } = await import("../demo/issuer");
  const { loadClausesIntoDatabase } = await import("./load-clauses");
  const result = await seedDemoData(await getDb(), demoIssuer());
  console.log(`Demo data loaded (${result.topicsCreated} new topic(s)).`);
  const runs = await seedDemoConformanceRuns(await getDb());
  if (runs.runsRecorded) console.log(`Demo conformance runs recorded (${runs.runsRecorded}).`);
  const clauses = await loadClausesIntoDatabase(await getDb());
  console.log(
    `Clause library loaded (${clauses.versionsAdded.length} new version(s), ${clauses.refused.length} refused).`,
  );
  await disconnectDb();
}
