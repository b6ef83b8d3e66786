/**
 * The web upload in two steps: the file is parsed whole and kept server-side with its summary (no JavaScript is
 * needed to show the summary), then its uploader confirms (the run is recorded from the kept bytes, and the staged
 * row deleted in the same transaction) or cancels. Only the uploader sees a staged upload; others get a 404, as if
 * it did not exist. Unconfirmed uploads are purged after 24 h.
 */

import type { Db } from "~/infra/db.server";
import { DomainError } from "~/domain/shared/errors";
import { canRecordRun, type RunUploader } from "./permissions";
import type { ReportInput } from "./report-input";
import { classTitles, parseUpload, recordRun, type RecordedRun } from "./runs.server";
import {
  displayFileName,
  isStagedUploadExpired,
  STAGED_UPLOAD_LIFETIME_MS,
  summarizeStagedRun,
  type StagedUploadSummary,
} from "./staged-upload";

/** A person signed in through the browser: staging is for the web form, whose uploads belong to someone. */
export type StagingUploader = RunUploader & { readonly userId: number };

export function requireStagingUploader(uploader: RunUploader): StagingUploader {
  if (uploader.userId === null) throw new DomainError(401, "Connectez-vous pour envoyer un rapport.");
  return uploader as StagingUploader;
}

/** Uploads waiting for their uploader's confirmation, per person. */
export const MAX_STAGED_UPLOADS_PER_PERSON = 5;

export interface StageUploadInput {
  deployment: string | null | undefined;
  report: ReportInput;
  mediaType?: string | null;
  fileName?: string | null;
  maxBytes?: number;
}

/** Same checks and limits as recordRun (permission before the file is read, 413, 422); writes one staging row. */
export async function stageUpload(db: Db, uploader: StagingUploader, input: StageUploadInput, now = new Date()) {
  const parsed = await parseUpload(db, uploader, input);
  // Opportunistic purge: with the job runner off (tests, a CLI-only process) expired uploads still go away.
  await purgeExpiredUploads(db, now);
  const titles = await classTitles(
    db,
    parsed.run.classes.map((summary) => summary.classUri),
  );
  const summary = summarizeStagedRun(
    parsed.run,
    { name: displayFileName(input.fileName), size: parsed.raw.length },
    titles,
  );
  const staged = await db.$transaction(async (tx) => {
    // Each staged file may weigh 50 MB: a person keeps their few latest, the oldest make room.
    const kept = await tx.conformanceUpload.findMany({
      where: { uploaderId: uploader.userId },
      orderBy: { id: "desc" },
      skip: MAX_STAGED_UPLOADS_PER_PERSON - 1,
      select: { id: true },
    });
    if (kept.length > 0) await tx.conformanceUpload.deleteMany({ where: { id: { in: kept.map((row) => row.id) } } });
    return tx.conformanceUpload.create({
      data: {
        deploymentId: parsed.deployment.id,
        uploaderId: uploader.userId,
        fileName: summary.fileName,
        rawFile: parsed.raw,
        rawMediaType: parsed.mediaType,
        rawSize: parsed.raw.length,
        summary: JSON.stringify(summary),
        createdAt: now,
      },
      select: { id: true },
    });
  });
  return { id: staged.id, url: stagedUploadUrl(staged.id) };
}

export const stagedUploadUrl = (id: number) => `/conformance/envoyer/${id}`;

const notFound = (id: number) =>
  new DomainError(
    404,
    "Cet envoi est introuvable : il a déjà été enregistré ou annulé, il a expiré (24 h), ou il a été fait par une autre personne.",
    { stagedUploadId: id },
  );

async function findOwnStagedUpload(db: Db, uploader: StagingUploader, id: number, now: Date) {
  const row = await db.conformanceUpload.findUnique({
    where: { id },
    omit: { rawFile: true },
    include: { deployment: { select: { slug: true, name: true } } },
  });
  if (!row || row.uploaderId !== uploader.userId || isStagedUploadExpired(row.createdAt, now)) throw notFound(id);
  return row;
}

/** The summary page's data: public-safe (no bytes), for the uploader only. */
export async function getStagedUpload(db: Db, uploader: StagingUploader, id: number, now = new Date()) {
  const row = await findOwnStagedUpload(db, uploader, id, now);
  return {
    id: row.id,
    url: stagedUploadUrl(row.id),
    deployment: {
      slug: row.deployment.slug,
      name: row.deployment.name,
      url: `/conformance/deployments/${row.deployment.slug}`,
    },
    createdAt: row.createdAt.toISOString(),
    expiresAt: new Date(row.createdAt.getTime() + STAGED_UPLOAD_LIFETIME_MS).toISOString(),
    summary: JSON.parse(row.summary) as StagedUploadSummary,
  };
}

/**
 * Records the run from the kept bytes, with the importers and rules of now (recordRun parses again, and checks the
 * permission again: a maintainer removed from the group since the upload is refused). The staged row is deleted in
 * the run's transaction; a second confirmation finds no row and records nothing.
 */
export async function confirmStagedUpload(
  db: Db,
  uploader: StagingUploader,
  id: number,
  now = new Date(),
): Promise<RecordedRun> {
  await findOwnStagedUpload(db, uploader, id, now);
  const row = await db.conformanceUpload.findUnique({
    where: { id },
    select: { rawFile: true, rawMediaType: true, deploymentId: true },
  });
  if (!row) throw notFound(id);
  return recordRun(db, uploader, {
    deployment: String(row.deploymentId),
    report: new Uint8Array(row.rawFile),
    mediaType: row.rawMediaType,
    inTransaction: async (tx) => {
      const deleted = await tx.conformanceUpload.deleteMany({ where: { id, uploaderId: uploader.userId } });
      // Thrown inside the transaction: the run just written is rolled back with it.
      if (deleted.count !== 1) throw notFound(id);
    },
  });
}

/** Deletes the staged upload; answers where to go next (the deployment's page). */
export async function cancelStagedUpload(db: Db, uploader: StagingUploader, id: number, now = new Date()) {
  const row = await findOwnStagedUpload(db, uploader, id, now);
  await db.conformanceUpload.deleteMany({ where: { id, uploaderId: uploader.userId } });
  return { deployment: { slug: row.deployment.slug, name: row.deployment.name } };
}

/** Staged uploads older than 24 h; called every minute by the job runner and at every new upload. */
export async function purgeExpiredUploads(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.conformanceUpload.deleteMany({
    where: { createdAt: { lte: new Date(now.getTime() - STAGED_UPLOAD_LIFETIME_MS) } },
  });
  return count;
}

/** The deployments the viewer may upload to, for the "pick a deployment" page. */
export async function listUploadableDeployments(db: Db, uploader: RunUploader) {
  const rows = await db.deployment.findMany({
    orderBy: [{ name: "asc" }, { id: "asc" }],
    include: {
      solutionVersion: { include: { solution: { include: { maintainerGroup: { select: { name: true } } } } } },
    },
  });
  return rows
    .filter((row) => canRecordRun(uploader, row.solutionVersion.solution.maintainerGroup?.name ?? null))
    .map((row) => ({
      slug: row.slug,
      name: row.name,
      solution: row.solutionVersion.solution.name,
      version: row.solutionVersion.version,
    }));
}
