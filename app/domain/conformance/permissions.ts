/**
 * Who may record a conformance run for a deployment: the maintainers of the deployment's solution (members of its
 * maintainer group, or that group's API key), moderators and admins. Framework-free: routes and tests share it.
 */

import { DomainError } from "~/domain/shared/errors";
import { actingGroups, viewerRole, type Role, type Viewer } from "~/domain/identity/viewer";

export interface RunUploader {
  readonly userId: number | null;
  readonly apiKeyId: number | null;
  readonly role: Role | "anonymous";
  readonly groups: readonly string[];
}

export function uploaderOf(viewer: Viewer): RunUploader {
  return {
    userId: viewer.kind === "anonymous" ? null : (viewer.user?.id ?? null),
    apiKeyId: viewer.kind === "api_key" ? viewer.apiKeyId : null,
    role: viewerRole(viewer),
    groups: actingGroups(viewer),
  };
}

export function canRecordRun(uploader: RunUploader, maintainerGroup: string | null): boolean {
  if (uploader.role === "moderator" || uploader.role === "admin") return true;
  return maintainerGroup !== null && uploader.groups.includes(maintainerGroup);
}

export function requireRunUploader(
  uploader: RunUploader,
  deployment: { name: string; maintainerGroup: string | null },
) {
  if (uploader.role === "anonymous" && uploader.groups.length === 0) {
    throw new DomainError(401, "Connectez-vous (ou utilisez une clé d'API) pour envoyer un rapport de conformité.");
  }
  if (!canRecordRun(uploader, deployment.maintainerGroup)) {
    throw new DomainError(
      403,
      `Seuls les mainteneurs de la solution, les modérateurs et les administrateurs peuvent envoyer un rapport pour « ${deployment.name} ».`,
      { maintainerGroup: deployment.maintainerGroup },
    );
  }
}
