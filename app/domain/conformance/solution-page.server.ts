/**
 * A solution's conformance page: its versions, its deployments with their latest run, and per class a summary of
 * the latest verdicts across those deployments. Six queries, whatever the number of deployments or runs.
 */

import { notFound } from "~/domain/shared/errors";
import type { Db } from "~/infra/db.server";
import { deploymentSummary, latestVerdicts, loadCatalogue, solutionUrl, verdictKey } from "./class-verdicts.server";
import type { ClassVerdict } from "./run-model";

export async function getSolutionPage(db: Db, slug: string) {
  const solution = await db.solution.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      repositoryUrl: true,
      trackerUrl: true,
      versions: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          version: true,
          deployments: {
            orderBy: { name: "asc" },
            select: { id: true, slug: true, name: true, organisationLabel: true, endpointUrl: true },
          },
        },
      },
    },
  });
  if (!solution) throw notFound(`La solution « ${slug.slice(0, 100)} »`, { solution: slug.slice(0, 100) });
  const deploymentRows = solution.versions.flatMap((version) =>
    version.deployments.map((deployment) => ({
      ...deployment,
      solutionVersion: { version: version.version, solution: { slug: solution.slug, name: solution.name } },
    })),
  );
  const deploymentIds = deploymentRows.map((deployment) => deployment.id);
  const [catalogue, latestRunIds] = await Promise.all([
    loadCatalogue(db),
    db.conformanceRun.groupBy({
      by: ["deploymentId"],
      where: { deploymentId: { in: deploymentIds } },
      _max: { id: true },
    }),
  ]);
  const [latestRuns, verdicts] = await Promise.all([
    db.conformanceRun.findMany({
      where: { id: { in: latestRunIds.map((row) => row._max.id).filter((id): id is number => id !== null) } },
      select: {
        id: true,
        deploymentId: true,
        createdAt: true,
        suiteName: true,
        suiteVersion: true,
        total: true,
        passed: true,
        failed: true,
      },
    }),
    latestVerdicts(db, catalogue.canonical, { deploymentId: { in: deploymentIds } }),
  ]);
  const latestRunOf = new Map(latestRuns.map((run) => [run.deploymentId, run]));

  const deployments = deploymentRows.map((row) => {
    const run = latestRunOf.get(row.id);
    return {
      ...deploymentSummary(row),
      endpointUrl: row.endpointUrl,
      latestRun: run
        ? {
            id: run.id,
            url: `/conformance/runs/${run.id}`,
            date: run.createdAt.toISOString(),
            suite: { name: run.suiteName, version: run.suiteVersion },
            total: run.total,
            passed: run.passed,
            failed: run.failed,
          }
        : null,
    };
  });

  const testedUris = [...new Set([...verdicts.values()].map((verdict) => verdict.classUri))];
  const order = new Map(catalogue.classes.map((cls, index) => [cls.uri, index]));
  const classes = testedUris
    .sort(
      (a, b) =>
        (order.get(a) ?? Number.MAX_SAFE_INTEGER) - (order.get(b) ?? Number.MAX_SAFE_INTEGER) || a.localeCompare(b),
    )
    .map((uri) => {
      const known = catalogue.byUri.get(uri);
      const perDeployment = deployments.flatMap((deployment) => {
        const verdict = verdicts.get(verdictKey(deployment.id, uri));
        return verdict
          ? [
              {
                deployment: { slug: deployment.slug, name: deployment.name, url: deployment.url },
                verdict: verdict.verdict as ClassVerdict,
                failed: verdict.failed,
                runUrl: verdict.runUrl,
              },
            ]
          : [];
      });
      return {
        uri,
        title: known?.title ?? uri,
        url: known?.url ?? null,
        passing: perDeployment.filter((entry) => entry.verdict === "passed").length,
        failing: perDeployment.filter((entry) => entry.verdict === "failed").length,
        other: perDeployment.filter((entry) => entry.verdict !== "passed" && entry.verdict !== "failed").length,
        deployments: perDeployment,
      };
    });

  return {
    solution: {
      slug: solution.slug,
      name: solution.name,
      url: solutionUrl(solution.slug),
      repositoryUrl: solution.repositoryUrl,
      trackerUrl: solution.trackerUrl,
    },
    versions: solution.versions.map((version) => ({
      version: version.version,
      deployments: version.deployments.length,
    })),
    deployments,
    classes,
  };
}
