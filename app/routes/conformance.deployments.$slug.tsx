import {
  data,
  redirect,
  type ActionFunctionArgs,
  type AppLoadContext,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { Link } from "~/components/link";
import { Breadcrumb } from "~/components/breadcrumb";
import { formatRunDate } from "~/components/conformance-verdict";
import { DsfrTable } from "~/components/dsfr-table";
import { PassRateChart } from "~/components/pass-rate-chart";
import { CsrfInput, FormResult } from "~/components/forms";
import { canRecordRun, uploaderOf } from "~/domain/conformance/permissions";
import { runLiveProbe } from "~/domain/conformance/live-probe.server";
import { listDeploymentRuns } from "~/domain/conformance/runs.server";
import { DomainError } from "~/domain/shared/errors";
import { getViewer, requireCsrf } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { getEnv } from "~/infra/env.server";
import { httpError, orHttpError } from "~/infra/responses.server";
import { stageUploadFromForm } from "~/infra/staged-upload-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.deployment.name} — Conformité — CICCLO Interop` : "Conformité — CICCLO Interop" },
  ...(data
    ? [
        {
          tagName: "link",
          rel: "alternate",
          type: "application/atom+xml",
          href: `/conformance/deployments/${data.deployment.slug}/runs.atom`,
          title: `Passages de tests de ${data.deployment.name} (Atom)`,
        },
      ]
    : []),
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await getViewer(request, context);
  const page = await orHttpError(async () => listDeploymentRuns(await getDb(), params.slug ?? ""));
  const canUpload = viewer.kind === "session" && canRecordRun(uploaderOf(viewer), page.deployment.maintainerGroup);
  return { ...page, canUpload };
}

// The upload form of the page: the same parsing as the API, then a summary to confirm (/conformance/envoyer/:id). The
// file is streamed; the form puts the CSRF field before it so it is checked before the file is read.
// The probe button posts an ordinary form with intent=probe.
export async function action({ request, params, context }: ActionFunctionArgs) {
  const contentType = request.headers.get("content-type") ?? "";
  if (/^application\/x-www-form-urlencoded/i.test(contentType)) return probeAction(request, context, params.slug ?? "");
  return stageUploadFromForm(request, context, params.slug ?? "");
}

async function probeAction(request: Request, context: AppLoadContext, slug: string) {
  const viewer = await getViewer(request, context);
  if (viewer.kind !== "session") throw httpError(401, "Connectez-vous pour lancer une vérification.");
  const form = await request.formData();
  requireCsrf(viewer, form);
  if (form.get("intent") !== "probe") throw httpError(400, "Action inconnue.");
  const { PROBE_ALLOW_PRIVATE_ADDRESSES, PROBE_COOLDOWN_SECONDS } = getEnv();
  try {
    const run = await runLiveProbe(await getDb(), uploaderOf(viewer), slug, {
      allowPrivateAddresses: PROBE_ALLOW_PRIVATE_ADDRESSES,
      cooldownSeconds: PROBE_COOLDOWN_SECONDS,
    });
    return redirect(`/conformance/runs/${run.id}`);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return data(
      { ok: false as const, message: error.userMessage, section: "probe" as const },
      { status: error.status },
    );
  }
}

export default function DeploymentRunsPage() {
  const { deployment, runs, canUpload } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const sending = useNavigation().state === "submitting";
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb segments={[{ label: "Conformité", to: "/conformance" }]} current={deployment.name} />
      <h1>{deployment.name}</h1>
      <ul>
        <li>
          Solution : <Link to={`/conformance/solutions/${deployment.solution.slug}`}>{deployment.solution.name}</Link>{" "}
          {deployment.solution.version}
        </li>
        {deployment.organisationLabel ? <li>Exploité par : {deployment.organisationLabel}</li> : null}
        {deployment.endpointUrl ? <li>Point d&apos;accès : {deployment.endpointUrl}</li> : null}
      </ul>
      {canUpload ? (
        <section className="fr-mb-4w" aria-labelledby="envoyer-rapport">
          <h2 id="envoyer-rapport">Envoyer un rapport</h2>
          <FormResult result={result?.section === "upload" ? result : undefined} />
          <Form method="post" encType="multipart/form-data">
            <CsrfInput />
            <div className="fr-upload-group fr-mb-2w">
              <label className="fr-label" htmlFor="rapport">
                Rapport de conformité
                <span className="fr-hint-text">
                  TEAM Engine (TestNG ou EARL), JUnit ou Validata ; 50 Mo au plus. Le format est reconnu au contenu. Un
                  résumé s&apos;affiche avant l&apos;enregistrement.
                </span>
              </label>
              <input className="fr-upload" type="file" id="rapport" name="file" required />
            </div>
            <button type="submit" className="fr-btn" disabled={sending}>
              Envoyer le rapport
            </button>
          </Form>
        </section>
      ) : null}
      {canUpload ? (
        <section className="fr-mb-4w" aria-labelledby="verification-en-direct">
          <h2 id="verification-en-direct">Vérification en direct</h2>
          <FormResult result={result?.section === "probe" ? result : undefined} />
          {deployment.endpointUrl ? (
            <>
              <p>
                La sonde interroge le point d&apos;accès (page d&apos;accueil, conformité, collections, objets) et
                enregistre le résultat comme un passage de tests. Elle dure jusqu&apos;à deux minutes.
              </p>
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="intent" value="probe" />
                <button type="submit" className="fr-btn fr-btn--secondary" disabled={sending}>
                  Lancer la vérification OGC API Features
                </button>
              </Form>
            </>
          ) : (
            <p>
              Aucune adresse de point d&apos;accès n&apos;est renseignée pour ce déploiement : la vérification en direct
              n&apos;est pas possible.
            </p>
          )}
        </section>
      ) : null}
      {runs.length === 0 ? (
        <p>Aucun passage de tests n&apos;a encore été envoyé pour ce déploiement.</p>
      ) : (
        <DsfrTable caption="Historique des passages de tests, du plus récent au plus ancien">
          <thead>
            <tr>
              <th scope="col">Passage</th>
              <th scope="col">Suite</th>
              <th scope="col">Tests</th>
              <th scope="col">Classes conformes</th>
              <th scope="col">Classes en échec</th>
              <th scope="col">Envoyé par</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id}>
                <th scope="row">
                  <Link to={run.url}>
                    n° {run.id} du {formatRunDate(run.createdAt)}
                  </Link>
                </th>
                <td>
                  {run.suite.name}
                  {run.suite.version ? ` ${run.suite.version}` : ""} ({run.format})
                </td>
                <td>
                  {run.counts.passed} réussis / {run.counts.failed} échecs / {run.counts.total}
                </td>
                <td>{run.verdicts.passed}</td>
                <td>{run.verdicts.failed}</td>
                <td>{run.uploadedBy ? `@${run.uploadedBy}` : "clé de groupe"}</td>
              </tr>
            ))}
          </tbody>
        </DsfrTable>
      )}
      <section className="fr-mt-4w" aria-labelledby="taux-reussite">
        <h2 id="taux-reussite">Taux de réussite au fil des passages</h2>
        <PassRateChart runs={runs} subject={deployment.name} />
        <p>
          <a
            className="fr-link fr-icon-rss-line fr-link--icon-left"
            href={`/conformance/deployments/${deployment.slug}/runs.atom`}
            type="application/atom+xml"
          >
            Suivre les passages de ce déploiement (flux Atom)
          </a>
        </p>
      </section>
    </div>
  );
}
