import { expect, it } from "vitest";
import { getDb } from "../../app/infra/db.server";
import { getMatrix } from "../../app/domain/conformance/matrix.server";
import { seedDemoConformanceRuns, seedDemoData } from "../../scripts/db/seed";
import { demoIssuer } from "../../scripts/demo/issuer";

it("loads the demo data idempotently, keeping what users changed", async () => {
  const db = await getDb();
  const counts = async () => ({
    users: await db.user.count(),
    topics: await db.topic.count(),
    posts: await db.post.count(),
    categories: await db.category.count(),
  });
  const before = await counts();
  expect(before.topics).toBeGreaterThanOrEqual(6);
  await db.category.update({ where: { slug: "annonces" }, data: { name: "Annonces du collectif" } });

  const result = await seedDemoData(db, demoIssuer());

  expect(result.topicsCreated).toBe(0);
  expect(await counts()).toEqual(before);
  expect((await db.category.findUniqueOrThrow({ where: { slug: "annonces" } })).name).toBe("Annonces du collectif");
  expect(await db.user.findUnique({ where: { username: "admin" } })).toMatchObject({ role: "admin" });
});

it("keeps demo users (and their content) when the local stand-in moves to another port", async () => {
  const db = await getDb();
  const users = await db.user.count();
  await seedDemoData(db, "http://localhost:3999/api/v2");
  expect(await db.user.count()).toBe(users);
  expect(await db.user.findUniqueOrThrow({ where: { username: "admin" } })).toMatchObject({
    issuer: "http://localhost:3999/api/v2",
    subject: "demo-admin",
  });
});

it("turns the interop demo topics into typed reports in several statuses, also in a database seeded before", async () => {
  const db = await getDb();
  const category = await db.category.findUniqueOrThrow({ where: { slug: "problemes-interoperabilite" } });
  expect(category.reportForm).toBe("interop");
  const statuses = async () =>
    (
      await db.interopReport.findMany({
        where: { topic: { categoryId: category.id } },
        include: { topic: { select: { title: true } }, fixedInVersion: true },
        orderBy: { topicId: "asc" },
      })
    ).map((report) => [report.status, report.closeReason, report.fixedInVersion?.version ?? null]);
  const seeded = await statuses();
  expect(seeded).toEqual([
    ["in_progress", null, null],
    ["confirmed", null, null],
    ["closed", "not_interop", null],
    ["fixed", null, "24.0.3"],
    ["new", null, null],
  ]);

  // A database from before the tracker: its category had no form and its topics no report.
  await db.category.update({ where: { id: category.id }, data: { reportForm: null } });
  await db.interopReport.deleteMany({});
  await seedDemoData(db, demoIssuer());
  expect((await db.category.findUniqueOrThrow({ where: { id: category.id } })).reportForm).toBe("interop");
  expect(await statuses()).toEqual(seeded);
});

it("records the demo conformance runs once: a red cell, a failure reported as an issue, the passing run's post in it", async () => {
  const db = await getDb();
  expect((await seedDemoConformanceRuns(db)).runsRecorded).toBe(4);

  const matrix = await getMatrix(db);
  const georchestra = matrix.rows.find((row) => row.slug === "georchestra-demo")!;
  expect(georchestra.cells.some((cell) => cell.verdict === "failed")).toBe(true);
  // The Géoplateforme failure was reported through "Signaler un problème", then fixed by the next run.
  const link = await db.conformanceTestLink.findFirstOrThrow({ include: { topic: true } });
  expect(link.topic.title).toContain("validateFeaturesOperation_QueryParamInvalid");
  expect(link.lastStatus).toBe("passed");
  expect(await db.interopReport.findUniqueOrThrow({ where: { topicId: link.topicId } })).toMatchObject({
    severity: "major",
    endpointUrl: "https://data.geopf.fr/ogcapi",
  });
  const flips = await db.post.findMany({ where: { topicId: link.topicId, action: "test_flipped" } });
  expect(flips.map((post) => post.raw)).toEqual([expect.stringContaining("réussit désormais")]);

  expect((await seedDemoConformanceRuns(db)).runsRecorded).toBe(0);
  expect(await db.conformanceRun.count()).toBe(4);
});
