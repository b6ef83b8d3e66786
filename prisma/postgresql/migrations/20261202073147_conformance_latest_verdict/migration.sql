-- CreateTable
CREATE TABLE "ConformanceLatestVerdict" (
    "deploymentId" INTEGER NOT NULL,
    "classUri" TEXT NOT NULL,
    "runId" INTEGER NOT NULL,
    "runCreatedAt" TIMESTAMP(3) NOT NULL,
    "verdict" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "passed" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "skipped" INTEGER NOT NULL,
    "errored" INTEGER NOT NULL,

    CONSTRAINT "ConformanceLatestVerdict_pkey" PRIMARY KEY ("deploymentId","classUri")
);

-- CreateIndex
CREATE INDEX "ConformanceLatestVerdict_classUri_idx" ON "ConformanceLatestVerdict"("classUri");

-- CreateIndex
CREATE INDEX "ConformanceLatestVerdict_runId_idx" ON "ConformanceLatestVerdict"("runId");

-- AddForeignKey
ALTER TABLE "ConformanceLatestVerdict" ADD CONSTRAINT "ConformanceLatestVerdict_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConformanceLatestVerdict" ADD CONSTRAINT "ConformanceLatestVerdict_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ConformanceRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill (written by hand, the same on both databases): each deployment's latest verdict per class from the
-- history, the row refreshLatestVerdicts writes: the verdict of the newest run having one on the class.
INSERT INTO "ConformanceLatestVerdict" ("deploymentId", "classUri", "runId", "runCreatedAt", "verdict", "total", "passed", "failed", "skipped", "errored")
SELECT c."deploymentId", c."classUri", c."runId", r."createdAt", c."verdict", c."total", c."passed", c."failed", c."skipped", c."errored"
FROM "ConformanceRunClass" c
JOIN "ConformanceRun" r ON r."id" = c."runId"
WHERE c."id" IN (
    SELECT (
        SELECT newest."id" FROM "ConformanceRunClass" newest
        WHERE newest."deploymentId" = pair."deploymentId" AND newest."classUri" = pair."classUri"
        ORDER BY newest."runId" DESC, newest."id" ASC
        LIMIT 1
    )
    FROM (SELECT DISTINCT "deploymentId", "classUri" FROM "ConformanceRunClass" WHERE "classUri" IS NOT NULL) pair
);
