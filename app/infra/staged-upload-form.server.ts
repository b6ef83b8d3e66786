// The web upload form's POST, shared by the deployment page and /conformance/envoyer: multipart, the CSRF field
// checked before the file is read, the report parsed and staged, then the browser sent to the summary page.
import { data, redirect, type AppLoadContext } from "@remix-run/node";
import { uploaderOf } from "~/domain/conformance/permissions";
import { requireStagingUploader, stageUpload } from "~/domain/conformance/staged-uploads.server";
import { safeEqual } from "~/domain/identity/tokens.server";
import { DomainError } from "~/domain/shared/errors";
import { csrfToken, getViewer } from "./auth.server";
import { getDb } from "./db.server";
import { drainOnExit, withMultipartFile } from "./multipart-upload.server";
import { httpError } from "./responses.server";

/** `deployment`: the page's own deployment, or null to take the form's `deployment` field (sent before the file). */
export async function stageUploadFromForm(request: Request, context: AppLoadContext, deployment: string | null) {
  const viewer = await getViewer(request, context);
  if (viewer.kind !== "session") throw httpError(401, "Connectez-vous pour envoyer un rapport.");
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(contentType)) {
    throw httpError(400, "Envoyez le formulaire en multipart/form-data.");
  }
  const db = await getDb();
  try {
    const staged = await withMultipartFile(request, contentType, (file, fields) => {
      if (!safeEqual(fields.get("csrf") ?? "", csrfToken(viewer)!)) {
        throw new DomainError(403, "Le formulaire a expiré ou ne vient pas de CICCLO Interop. Rechargez la page.");
      }
      const chosen = deployment ?? fields.get("deployment");
      if (!chosen) throw new DomainError(422, "Choisissez le déploiement testé.");
      return stageUpload(db, requireStagingUploader(uploaderOf(viewer)), {
        deployment: chosen,
        report: drainOnExit(file.stream),
        mediaType: file.mimeType,
        fileName: file.fileName,
      });
    });
    return redirect(staged.url);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return data(
      { ok: false as const, message: error.userMessage, section: "upload" as const },
      { status: error.status },
    );
  }
}
