/**
 * One live probe per deployment at a time, and none sooner than `cooldownMs` after the previous one ended: a probe
 * sends ~15 requests per collection to someone else's server, and a double click or an impatient maintainer should not
 * multiply them. In-process state, on purpose: a probe lasts at most two minutes and the worst case with N replicas is
 * N probes at once, which the remote server survives; a shared lock would add a table for little gain
 * (docs/decisions/019).
 */

import { DomainError } from "~/domain/shared/errors";

export class ProbeGuard {
  private readonly running = new Set<number>();
  private readonly lastEnded = new Map<number, number>();

  /** Claims the deployment, or throws 409 (a probe is running) / 429 (the last one ended too recently). */
  start(deploymentId: number, nowMs: number, cooldownMs: number): void {
    if (this.running.has(deploymentId)) {
      throw new DomainError(409, "Une vérification de ce déploiement est déjà en cours : attendez son résultat.", {
        deploymentId,
      });
    }
    const ended = this.lastEnded.get(deploymentId);
    const waitMs = ended === undefined ? 0 : ended + cooldownMs - nowMs;
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new DomainError(
        429,
        `Ce déploiement vient d'être vérifié : réessayez dans ${seconds} seconde${seconds > 1 ? "s" : ""}.`,
        { deploymentId, retryAfterSeconds: seconds },
      );
    }
    this.running.add(deploymentId);
  }

  /** The probe ran (whatever it found): the cooldown starts now. */
  finish(deploymentId: number, nowMs: number): void {
    this.running.delete(deploymentId);
    this.lastEnded.set(deploymentId, nowMs);
  }

  /** The probe was refused before sending anything (private address): no cooldown, the maintainer may fix and retry. */
  release(deploymentId: number): void {
    this.running.delete(deploymentId);
  }
}
