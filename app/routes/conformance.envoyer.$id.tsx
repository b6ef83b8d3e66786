import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { Link } from "~/components/link";
import { Breadcrumb } from "~/components/breadcrumb";
import { VerdictBadge } from "~/components/conformance-verdict";
import { DsfrTable } from "~/components/dsfr-table";
import { CsrfInput, FormResult } from "~/components/forms";
import { uploaderOf } from "~/domain/conformance/permissions";
import {
  cancelStagedUpload,
  confirmStagedUpload,
  getStagedUpload,
  requireStagingUploader,
} from "~/domain/conformance/staged-uploads.server";
import { DomainError } from "~/domain/shared/errors";
import { requireCsrf, requireSessionUser } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { httpError, orHttpError, requireIdParam } from "~/infra/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Résumé du rapport pour ${data.deployment.name} — Conformité — CICCLO Interop`
      : "Résumé du rapport — Conformité — CICCLO Interop",
  },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireSessionUser(request, context);
  const id = requireIdParam(params.id);
  return orHttpError(async () => getStagedUpload(await getDb(), requireStagingUploader(uploaderOf(viewer)), id));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireSessionUser(request, context);
  // A staged upload belongs to the web form: an API key (whatever its scopes) neither confirms nor cancels it.
  if (viewer.kind !== "session") throw httpError(403, "Confirmez ou annulez cet envoi depuis le navigateur.");
  const id = requireIdParam(params.id);
  const form = await request.formData();
  requireCsrf(viewer, form);
  const uploader = requireStagingUploader(uploaderOf(viewer));
  const db = await getDb();
  const intent = form.get("intent");
  try {
    if (intent === "confirm") {
      const run = await confirmStagedUpload(db, uploader, id);
      return redirect(`/conformance/runs/${run.id}`);
    }
    if (intent === "cancel") {
      const { deployment } = await cancelStagedUpload(db, uploader, id);
      return redirect(`/conformance/deployments/${deployment.slug}`);
    }
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return data({ ok: false as const, message: error.userMessage }, { status: error.status });
  }
  throw httpError(400, "Action inconnue : « Enregistrer ce passage » ou « Annuler ».");
}

const formatSize = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024)).toLocaleString("fr-FR")} Ko`
    : `${(bytes / (1024 * 1024)).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} Mo`;

export default function StagedUploadSummaryPage() {
  const { deployment, summary } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const sending = useNavigation().state === "submitting";
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb
        segments={[
          { label: "Conformité", to: "/conformance" },
          { label: deployment.name, to: deployment.url },
        ]}
        current="Résumé du rapport"
      />
      <h1>Résumé du rapport avant enregistrement</h1>
      <FormResult result={result} />
      <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
        <p>
          Ce rapport n&apos;est pas encore enregistré. Vérifiez le résumé, puis enregistrez-le ou annulez l&apos;envoi ;
          sans réponse de votre part, il est supprimé au bout de 24 heures.
        </p>
      </div>
      <dl data-testid="staged-summary">
        <dt className="fr-text--bold">Déploiement</dt>
        <dd>
          <Link to={deployment.url}>{deployment.name}</Link>
        </dd>
        <dt className="fr-text--bold">Fichier</dt>
        <dd>
          {summary.fileName} ({formatSize(summary.size)})
        </dd>
        <dt className="fr-text--bold">Format reconnu</dt>
        <dd>{summary.formatLabel}</dd>
        <dt className="fr-text--bold">Suite de tests</dt>
        <dd>
          {summary.suite.name}
          {summary.suite.version ? ` ${summary.suite.version}` : ""}
        </dd>
        {summary.subject ? (
          <>
            <dt className="fr-text--bold">Service testé</dt>
            <dd>{summary.subject}</dd>
          </>
        ) : null}
        <dt className="fr-text--bold">Tests</dt>
        <dd>
          {summary.counts.total} au total : {summary.counts.passed} réussis, {summary.counts.failed} en échec,{" "}
          {summary.counts.error} en erreur, {summary.counts.skipped} ignorés
        </dd>
      </dl>
      {summary.classes.length > 0 ? (
        <DsfrTable caption="Verdict par classe de conformité" className="fr-table--multiline">
          <thead>
            <tr>
              <th scope="col">Classe</th>
              <th scope="col">Verdict</th>
              <th scope="col">Tests</th>
            </tr>
          </thead>
          <tbody>
            {summary.classes.map((summaryClass) => (
              <tr key={`${summaryClass.classUri ?? ""}|${summaryClass.group ?? ""}`}>
                <th scope="row" className="fr-cell--multiline">
                  {summaryClass.title}
                  {summaryClass.classUri ? (
                    <>
                      <br />
                      <span className="fr-text--xs" style={{ wordBreak: "break-all" }}>
                        {summaryClass.classUri}
                      </span>
                    </>
                  ) : (
                    <>
                      <br />
                      <span className="fr-text--xs">Aucune règle ne rattache ce groupe à une classe.</span>
                    </>
                  )}
                </th>
                <td>
                  <VerdictBadge verdict={summaryClass.verdict} failed={summaryClass.counts.failed} />
                </td>
                <td>
                  {summaryClass.counts.passed} réussis / {summaryClass.counts.failed} échecs /{" "}
                  {summaryClass.counts.total}
                </td>
              </tr>
            ))}
          </tbody>
        </DsfrTable>
      ) : null}
      {summary.warnings.length > 0 ? (
        <section aria-labelledby="avertissements" className="fr-mb-3w">
          <h2 id="avertissements">Avertissements</h2>
          <ul>
            {summary.warnings.map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="confirm" />
            <button type="submit" className="fr-btn" disabled={sending}>
              Enregistrer ce passage
            </button>
          </Form>
        </li>
        <li>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="cancel" />
            <button type="submit" className="fr-btn fr-btn--secondary" disabled={sending}>
              Annuler
            </button>
          </Form>
        </li>
      </ul>
    </div>
  );
}
