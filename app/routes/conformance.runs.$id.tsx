import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/form";
import { Link } from "~/components/link";
import { Breadcrumb } from "~/components/breadcrumb";
import { formatRunDate, TestStatusBadge, VerdictBadge } from "~/components/conformance-verdict";
import { DsfrTable } from "~/components/dsfr-table";
import { CsrfInput, FormResult } from "~/components/forms";
import { getRun } from "~/domain/conformance/runs.server";
import { testPageUrl } from "~/domain/conformance/test-page-url";
import { canLinkTests, isFailingStatus, parseResultIds } from "~/domain/conformance/triage";
import {
  interopCategoryFor,
  linksOfDeployment,
  linkTestsToTopic,
  loadTriageSelection,
  unlinkTest,
  type LinkedTopicView,
} from "~/domain/conformance/triage.server";
import { readerOf } from "~/domain/forum/permissions";
import { DomainError } from "~/domain/shared/errors";
import { getViewer, requireCsrf } from "~/infra/auth.server";
import { getDb } from "~/infra/db.server";
import { httpError, orHttpError, requireIdParam } from "~/infra/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Passage n° ${data.id} — ${data.deployment.name} — CICCLO Interop` : "Conformité — CICCLO Interop" },
];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const id = requireIdParam(params.id);
  const db = await getDb();
  const viewer = await getViewer(request, context);
  const reader = readerOf(viewer);
  const run = await orHttpError(async () => getRun(db, id));
  const caseKeys = new Set(run.classes.flatMap((summary) => summary.tests.map((test) => test.caseKey)));
  return {
    ...run,
    // Topics the reader may read, by test case (docs/decisions/017).
    links: await linksOfDeployment(db, reader, run.deployment.slug, caseKeys),
    canTriage: viewer.kind === "session" && canLinkTests(reader),
  };
}

// Triage of the run's failures: link them to an existing topic, open a pre-filled report, or remove a link.
export async function action({ params, request, context }: ActionFunctionArgs) {
  const id = requireIdParam(params.id);
  const viewer = await getViewer(request, context);
  if (viewer.kind !== "session") throw httpError(401, "Connectez-vous pour suivre un test en échec.");
  const form = await request.formData();
  requireCsrf(viewer, form);
  const reader = readerOf(viewer);
  const db = await getDb();
  const intent = form.get("intent");
  const resultIds = parseResultIds(form.getAll("result"));
  const topic = String(form.get("topic") ?? "");
  try {
    if (intent === "report") {
      await loadTriageSelection(db, id, resultIds);
      const query = new URLSearchParams({ category: String(await interopCategoryFor(db, reader)), run: String(id) });
      for (const resultId of resultIds) query.append("result", String(resultId));
      return redirect(`/new-topic?${query}`);
    }
    if (intent === "link") {
      const linked = await linkTestsToTopic(db, reader, { runId: id, resultIds, topic });
      const message =
        linked.added === 0
          ? `${linked.cases > 1 ? "Ces tests étaient déjà liés" : "Ce test était déjà lié"} au sujet n° ${linked.topicId}.`
          : `${linked.added > 1 ? `${linked.added} tests liés` : "Test lié"} au sujet n° ${linked.topicId}.`;
      return { ok: true as const, message, fieldErrors: {} as Record<string, string>, selected: [], topic: "" };
    }
    if (intent === "unlink") {
      await unlinkTest(db, reader, Number(form.get("link")));
      return { ok: true as const, message: "Le lien a été retiré.", fieldErrors: {}, selected: [], topic: "" };
    }
    throw new DomainError(400, "Choisissez « Lier à un sujet existant » ou « Signaler un problème ».");
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const fieldErrors = (error.context.fieldErrors ?? {}) as Record<string, string>;
    return data(
      { ok: false as const, message: error.userMessage, fieldErrors, selected: resultIds, topic },
      { status: error.status },
    );
  }
}

interface CapturedHttp {
  request?: { method: string | null; uri: string | null; body: string | null } | null;
  response?: { status: number | null; body: string | null } | null;
}

function LinkedTopics({ topics, withUnlink }: { topics: LinkedTopicView[] | undefined; withUnlink: boolean }) {
  if (!topics?.length) return null;
  // A div, not a p: the unlink buttons are forms, which a paragraph cannot hold.
  return (
    <div className="fr-text--sm fr-mb-1w">
      Suivi dans :{" "}
      {topics.map((topic, index) => (
        <span key={topic.linkId}>
          {index > 0 ? ", " : null}
          <Link to={topic.url}>
            #{topic.topicId} {topic.title}
          </Link>
          {withUnlink && topic.canUnlink ? (
            <Form method="post" className="fr-ml-1w" style={{ display: "inline" }}>
              <CsrfInput />
              <input type="hidden" name="link" value={topic.linkId} />
              <button
                type="submit"
                name="intent"
                value="unlink"
                className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm"
                aria-label={`Retirer le lien avec le sujet n° ${topic.topicId}`}
              >
                Retirer le lien
              </button>
            </Form>
          ) : null}
        </span>
      ))}
    </div>
  );
}

export default function ConformanceRunPage() {
  const run = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fieldErrors: Record<string, string> = result?.fieldErrors ?? {};
  const selected = new Set<number>(result?.selected ?? []);
  const title = `Passage n° ${run.id} — ${run.deployment.name}`;
  const failures = run.classes.flatMap((summary) =>
    summary.tests
      .filter((test) => isFailingStatus(test.status))
      .map((test) => ({ ...test, classTitle: summary.title })),
  );
  return (
    <div className="fr-container fr-my-6w">
      <Breadcrumb
        segments={[
          { label: "Conformité", to: "/conformance" },
          { label: run.deployment.name, to: `/conformance/deployments/${run.deployment.slug}` },
        ]}
        current={`Passage n° ${run.id}`}
      />
      <h1>{title}</h1>
      <ul>
        <li>
          Suite : {run.suite.name}
          {run.suite.version ? ` ${run.suite.version}` : ""} (format {run.format})
        </li>
        <li>
          Solution : {run.deployment.solution} {run.deployment.version}
        </li>
        {run.subject ? <li>Cible testée : {run.subject}</li> : null}
        <li>
          Envoyé le {formatRunDate(run.createdAt)}
          {run.uploadedBy ? ` par @${run.uploadedBy}` : ""}
        </li>
        <li>
          {run.counts.total} tests : {run.counts.passed} réussis, {run.counts.failed} échecs, {run.counts.error}{" "}
          erreurs, {run.counts.skipped} ignorés
        </li>
      </ul>
      {run.warnings.length > 0 ? (
        <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w">
          <p>{run.warnings.join(" ")}</p>
        </div>
      ) : null}
      <DsfrTable caption="Verdict par classe de conformité (échecs en premier)">
        <thead>
          <tr>
            <th scope="col">Classe</th>
            <th scope="col">Verdict</th>
            <th scope="col">Réussis</th>
            <th scope="col">Échecs</th>
            <th scope="col">Erreurs</th>
            <th scope="col">Ignorés</th>
          </tr>
        </thead>
        <tbody>
          {run.classes.map((summary, index) => (
            <tr key={summary.classUri ?? `group-${summary.group ?? index}`}>
              <th scope="row">
                <a href={`#classe-${index}`}>{summary.title}</a>
              </th>
              <td>
                <VerdictBadge verdict={summary.verdict} failed={summary.counts.failed} />
              </td>
              <td>{summary.counts.passed}</td>
              <td>{summary.counts.failed}</td>
              <td>{summary.counts.error}</td>
              <td>{summary.counts.skipped}</td>
            </tr>
          ))}
        </tbody>
      </DsfrTable>
      {failures.length > 0 ? (
        <section className="fr-mt-4w" aria-labelledby="tests-en-echec">
          <h2 id="tests-en-echec">Suivi des échecs</h2>
          <FormResult result={result} />
          {run.canTriage ? (
            <Form method="post" key={result?.ok ? result.message : "triage"}>
              <CsrfInput />
              <fieldset
                className={`fr-fieldset${fieldErrors.result ? " fr-fieldset--error" : ""}`}
                aria-labelledby="tests-en-echec-legend"
                aria-describedby={fieldErrors.result ? "result-error" : undefined}
              >
                <legend className="fr-fieldset__legend" id="tests-en-echec-legend">
                  Tests en échec ou en erreur
                  <span className="fr-hint-text">
                    Cochez les tests à suivre, puis liez-les à un sujet existant ou signalez un nouveau problème :
                    chaque passage suivant qui les fait réussir ou échouer de nouveau sera signalé dans le sujet.
                  </span>
                </legend>
                {failures.map((test) => (
                  <div className="fr-fieldset__element" key={test.resultId}>
                    <div className="fr-checkbox-group">
                      <input
                        type="checkbox"
                        id={`result-${test.resultId}`}
                        name="result"
                        value={test.resultId}
                        defaultChecked={selected.has(test.resultId)}
                      />
                      <label className="fr-label" htmlFor={`result-${test.resultId}`}>
                        {test.name}
                        {test.parameters.length > 0 ? ` (${test.parameters.join(", ")})` : ""}
                        <span className="fr-hint-text">
                          {test.status === "error" ? "Erreur" : "Échec"} — {test.classTitle}
                          {test.message ? ` — ${test.message.slice(0, 300)}` : ""}
                        </span>
                      </label>
                    </div>
                    <LinkedTopics topics={run.links[test.caseKey]} withUnlink={false} />
                  </div>
                ))}
                {fieldErrors.result ? (
                  <div className="fr-messages-group" id="result-error" aria-live="polite">
                    <p className="fr-message fr-message--error">{fieldErrors.result}</p>
                  </div>
                ) : null}
              </fieldset>
              <div className={`fr-input-group${fieldErrors.topic ? " fr-input-group--error" : ""}`}>
                <label className="fr-label" htmlFor="triage-topic">
                  Sujet existant
                  <span className="fr-hint-text">
                    Son numéro (#123) ou son adresse ; inutile pour signaler un nouveau problème.
                  </span>
                </label>
                <input
                  className={`fr-input${fieldErrors.topic ? " fr-input--error" : ""}`}
                  id="triage-topic"
                  name="topic"
                  defaultValue={result?.topic ?? ""}
                  aria-describedby={fieldErrors.topic ? "triage-topic-error" : undefined}
                />
                {fieldErrors.topic ? (
                  <p className="fr-error-text" id="triage-topic-error">
                    {fieldErrors.topic}
                  </p>
                ) : null}
              </div>
              <ul className="fr-btns-group fr-btns-group--inline-md">
                <li>
                  <button type="submit" name="intent" value="link" className="fr-btn">
                    Lier à un sujet existant
                  </button>
                </li>
                <li>
                  <button type="submit" name="intent" value="report" className="fr-btn fr-btn--secondary">
                    Signaler un problème
                  </button>
                </li>
              </ul>
            </Form>
          ) : (
            <>
              <ul>
                {failures.map((test) => (
                  <li key={test.resultId}>
                    {test.name} ({test.classTitle})
                    <LinkedTopics topics={run.links[test.caseKey]} withUnlink={false} />
                  </li>
                ))}
              </ul>
              <p className="fr-text--sm">
                <Link to={`/login?returnTo=${encodeURIComponent(run.url)}`}>Connectez-vous</Link> pour lier ces échecs à
                un sujet ou signaler un problème.
              </p>
            </>
          )}
        </section>
      ) : null}
      {run.classes.map((summary, index) => (
        <section key={summary.classUri ?? `group-${summary.group ?? index}`} className="fr-mt-4w">
          <h2 id={`classe-${index}`}>{summary.title}</h2>
          {summary.classUri ? <p className="fr-text--sm">{summary.classUri}</p> : null}
          <ul className="fr-raw-list">
            {summary.tests.map((test) => {
              const http = test.http as unknown as CapturedHttp | null;
              return (
                <li key={test.resultId} className="fr-mb-2w">
                  <TestStatusBadge status={test.status} />{" "}
                  <Link to={testPageUrl(test.caseKey)}>
                    <strong>{test.name}</strong>
                  </Link>
                  {test.parameters.length > 0 ? <span> ({test.parameters.join(", ")})</span> : null}
                  {test.message ? <p className="fr-mb-1w">{test.message}</p> : null}
                  <LinkedTopics topics={run.links[test.caseKey]} withUnlink={run.canTriage} />
                  {http?.request || http?.response ? (
                    <details>
                      <summary>Requête et réponse</summary>
                      {http.request ? (
                        <pre>
                          {`${http.request.method ?? ""} ${http.request.uri ?? ""}`.trim()}
                          {http.request.body ? `\n\n${http.request.body}` : ""}
                        </pre>
                      ) : null}
                      {http.response ? (
                        <pre>
                          {http.response.status !== null ? `HTTP ${http.response.status}` : "Réponse"}
                          {http.response.body ? `\n\n${http.response.body}` : ""}
                        </pre>
                      ) : null}
                    </details>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      <p>
        <Link to={`/conformance/deployments/${run.deployment.slug}`}>Historique des passages de ce déploiement</Link>
      </p>
    </div>
  );
}
