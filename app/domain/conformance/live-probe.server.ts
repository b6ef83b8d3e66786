/**
 * "Lancer la vérification OGC API Features" on a deployment page: the live probe against the deployment's endpoint,
 * stored as a run (format "probe") like an imported report. Who may record runs may probe; the guard keeps one probe
 * per deployment at a time with a cooldown between two.
 */

import type { Db } from "~/infra/db.server";
import { DomainError } from "~/domain/shared/errors";
import { requireRunUploader, type RunUploader } from "./permissions";
import { probeOgcApiFeatures, type ProbeOptions } from "./probe/ogc-api-features-probe.server";
import { ProbeGuard } from "./probe/probe-guard";
import { findDeployment, recordProbeRun, type RecordedRun } from "./runs.server";

export interface LiveProbeSettings {
  /** PROBE_ALLOW_PRIVATE_ADDRESSES: development and tests only. */
  readonly allowPrivateAddresses: boolean;
  /** PROBE_COOLDOWN_SECONDS */
  readonly cooldownSeconds: number;
  readonly probeOptions?: Omit<ProbeOptions, "allowPrivateAddresses">;
}

const guard = new ProbeGuard();

export async function runLiveProbe(
  db: Db,
  uploader: RunUploader,
  deploymentSlug: string,
  settings: LiveProbeSettings,
): Promise<RecordedRun> {
  const deployment = await findDeployment(db, deploymentSlug);
  requireRunUploader(uploader, deployment);
  if (!deployment.endpointUrl.trim()) {
    throw new DomainError(
      422,
      `« ${deployment.name} » n'a pas d'adresse de point d'accès : un administrateur doit la renseigner avant toute vérification.`,
    );
  }
  guard.start(deployment.id, Date.now(), settings.cooldownSeconds * 1000);
  let run;
  try {
    run = await probeOgcApiFeatures(deployment.endpointUrl, {
      ...settings.probeOptions,
      allowPrivateAddresses: settings.allowPrivateAddresses,
    });
  } catch (error) {
    // Refused before any request (malformed URL, private address): nothing was sent, so no cooldown.
    guard.release(deployment.id);
    throw error;
  }
  guard.finish(deployment.id, Date.now());
  return recordProbeRun(db, uploader, deployment, run);
}
