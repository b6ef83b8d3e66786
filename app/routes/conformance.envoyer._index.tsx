import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { Link } from "~/components/link";
import { Breadcrumb } from "~/components/breadcrumb";
import { CsrfInput, FormResult } from "~/components/forms";
import { uploaderOf } from "~/domain/conformance/permissions";
import { listUploadableDeployments } from "~/domain/conformance/staged-uploads.server";
import { requireSessionUser } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { stageUploadFromForm } from "~/infra/staged-upload-form.server";

export const meta: MetaFunction = () => [{ title: "Envoyer un rapport de conformité — CICCLO Interop" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireSessionUser(request, context);
  return { deployments: await listUploadableDeployments(await getDb(), uploaderOf(viewer)) };
}

// The deployment comes from the form's select, which precedes the file so permission is known before it is read.
export async function action({ request, context }: ActionFunctionArgs) {
  return stageUploadFromForm(request, context, null);
}

export default function PickDeploymentForUpload() {
  const { deployments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const sending = useNavigation().state === "submitting";
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb segments={[{ label: "Conformité", to: "/conformance" }]} current="Envoyer un rapport" />
      <h1>Envoyer un rapport de conformité</h1>
      {deployments.length === 0 ? (
        <p>
          Vous ne maintenez aucune solution déployée : seuls les mainteneurs d&apos;une solution, les modérateurs et les
          administrateurs envoient des rapports. Consultez la <Link to="/conformance">matrice de conformité</Link>.
        </p>
      ) : (
        <>
          <p>
            Choisissez le déploiement testé et joignez le rapport. Un résumé (format reconnu, suite, verdict par classe)
            s&apos;affiche ensuite : rien n&apos;est enregistré avant votre confirmation.
          </p>
          <FormResult result={result} />
          <Form method="post" encType="multipart/form-data">
            <CsrfInput />
            <div className="fr-select-group">
              <label className="fr-label" htmlFor="deployment">
                Déploiement testé
              </label>
              <select className="fr-select" id="deployment" name="deployment" required defaultValue="">
                <option value="" disabled>
                  Choisissez un déploiement
                </option>
                {deployments.map((deployment) => (
                  <option key={deployment.slug} value={deployment.slug}>
                    {deployment.name} ({deployment.solution} {deployment.version})
                  </option>
                ))}
              </select>
            </div>
            <div className="fr-upload-group fr-mb-2w">
              <label className="fr-label" htmlFor="rapport">
                Rapport de conformité
                <span className="fr-hint-text">
                  TEAM Engine (TestNG ou EARL), JUnit ou Validata ; 50 Mo au plus. Le format est reconnu au contenu.
                </span>
              </label>
              <input className="fr-upload" type="file" id="rapport" name="file" required />
            </div>
            <button type="submit" className="fr-btn" disabled={sending}>
              Analyser le rapport
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
