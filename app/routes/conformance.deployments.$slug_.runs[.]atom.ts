import type { LoaderFunctionArgs } from "@remix-run/node";
import { listDeploymentRuns } from "~/domain/conformance/runs.server";
import { renderRunsFeed } from "~/domain/conformance/runs-feed";
import { getDb } from "~/infra/db.server";
import { getEnv } from "~/infra/env.server";
import { orHttpError } from "~/infra/responses.server";

// The Atom feed of a deployment's runs, newest first. Runs are public, so the feed is the same for everyone.
export async function loader({ params }: LoaderFunctionArgs) {
  const base = getEnv().publicUrl;
  const { deployment, runs } = await orHttpError(async () => listDeploymentRuns(await getDb(), params.slug ?? ""));
  const pageUrl = `${base}/conformance/deployments/${deployment.slug}`;
  const body = renderRunsFeed({
    deploymentName: deployment.name,
    solution: `${deployment.solution.name} ${deployment.solution.version}`,
    pageUrl,
    feedUrl: `${pageUrl}/runs.atom`,
    fallbackUpdated: new Date(0).toISOString(),
    runs: runs.slice(0, 50).map((run) => ({ ...run, url: `${base}${run.url}` })),
  });
  return new Response(body, {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=60" },
  });
}
