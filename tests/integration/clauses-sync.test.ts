import { describe, expect, it, vi } from "vitest";
import { assembleClauseLibrary } from "../../app/domain/clauses/library";
import { openClauseDiscussion, syncClauseLibrary } from "../../app/domain/clauses/library.server";
import { getDb } from "../../app/infra/db.server";
import { loadClausesIntoDatabase } from "../../scripts/db/load-clauses";
import { clauseFile } from "../clauses/clause-file-factory";

// Loading clauses/ into the database (syncClauseLibrary), on this file's own copy of the seeded template, which the
// test setup already loaded the real library into.

/** A logger that records instead of printing: the refusal must be logged as an error, and the test says so. */
function recordingLog() {
  return { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

const file = (id: string, version: string, frontMatter: Record<string, unknown> = {}, body?: string) => ({
  file: `clauses/${id}/${version}.md`,
  text: clauseFile({
    frontMatter: { id, version, title: "Clause d'essai de synchronisation", ...frontMatter },
    body,
  }),
});

describe("syncClauseLibrary", () => {
  it("is idempotent: loading the files again writes nothing", async () => {
    const db = await getDb();
    const counts = async () => ({
      clauses: await db.clause.count(),
      versions: await db.clauseVersion.count(),
      topics: await db.topic.count(),
    });
    const before = await counts();
    expect(before.clauses).toBeGreaterThanOrEqual(11);
    const result = await loadClausesIntoDatabase(db);
    expect(result).toMatchObject({ clausesCreated: 0, versionsAdded: [], refused: [], skippedFiles: [] });
    expect(await counts()).toEqual(before);
  });

  it("adds a new clause, then a new version that becomes the current one", async () => {
    const db = await getDb();
    const log = recordingLog();
    const first = await syncClauseLibrary(db, assembleClauseLibrary([file("essai-synchro", "1.0.0")]), { log });
    expect(first).toMatchObject({ clausesCreated: 1, versionsAdded: ["essai-synchro@1.0.0"] });
    const clause = await db.clause.findUniqueOrThrow({ where: { id: "essai-synchro" } });
    expect(clause).toMatchObject({ currentVersion: "1.0.0", status: "published", obligation: "recommandée" });

    const second = await syncClauseLibrary(
      db,
      assembleClauseLibrary([
        file("essai-synchro", "1.0.0"),
        file("essai-synchro", "1.1.0", {
          title: "Clause d'essai, version revue",
          published: "2026-11-20",
          tags: ["revue"],
        }),
      ]),
      { log },
    );
    expect(second).toMatchObject({ clausesCreated: 0, versionsAdded: ["essai-synchro@1.1.0"] });
    expect(await db.clause.findUniqueOrThrow({ where: { id: "essai-synchro" } })).toMatchObject({
      currentVersion: "1.1.0",
      title: "Clause d'essai, version revue",
      tags: '["revue"]',
      discussionTopicId: clause.discussionTopicId,
    });
    expect(await db.clauseVersion.count({ where: { clauseId: "essai-synchro" } })).toBe(2);
    expect(log.error).not.toHaveBeenCalled();
  });

  it("refuses, loudly, a published version whose file changed, and loads nothing of that clause", async () => {
    const db = await getDb();
    await syncClauseLibrary(db, assembleClauseLibrary([file("essai-fige", "1.0.0")]), { log: recordingLog() });
    const stored = await db.clauseVersion.findUniqueOrThrow({
      where: { clauseId_version: { clauseId: "essai-fige", version: "1.0.0" } },
    });

    const log = recordingLog();
    const result = await syncClauseLibrary(
      db,
      assembleClauseLibrary([
        file(
          "essai-fige",
          "1.0.0",
          {},
          "Le titulaire livre la solution, modifiée en douce, dans un délai de {{delai}}.",
        ),
        file("essai-fige", "1.1.0", { published: "2026-11-20" }),
      ]),
      { log },
    );

    expect(result.refused).toEqual(["essai-fige@1.0.0"]);
    expect(result.versionsAdded).toEqual([]);
    expect(log.error).toHaveBeenCalledTimes(1);
    expect(log.error.mock.calls[0]![0]).toMatchObject({
      clauseId: "essai-fige",
      version: "1.0.0",
      storedHash: stored.contentHash,
    });
    expect(String(log.error.mock.calls[0]![1])).toContain("REFUSED");
    expect(
      await db.clauseVersion.findUniqueOrThrow({
        where: { clauseId_version: { clauseId: "essai-fige", version: "1.0.0" } },
      }),
    ).toEqual(stored);
    expect(await db.clauseVersion.count({ where: { clauseId: "essai-fige" } })).toBe(1);
    expect((await db.clause.findUniqueOrThrow({ where: { id: "essai-fige" } })).currentVersion).toBe("1.0.0");
  });

  it("leaves out a file with errors and keeps the others", async () => {
    const db = await getDb();
    const log = recordingLog();
    const result = await syncClauseLibrary(
      db,
      assembleClauseLibrary([file("essai-erreur", "1.0.0", {}, "Texte avec {{#if}} mal fermé.")]),
      { log },
    );
    expect(result.skippedFiles).toEqual(["clauses/essai-erreur/1.0.0.md"]);
    expect(await db.clause.findUnique({ where: { id: "essai-erreur" } })).toBeNull();
    expect(log.warn).toHaveBeenCalled();
  });
});

describe("openClauseDiscussion", () => {
  it("opens one topic per clause, by the admin, in « Clausier CCTP », even when asked twice at once", async () => {
    const db = await getDb();
    await syncClauseLibrary(db, assembleClauseLibrary([file("essai-discussion", "1.0.0")]), { log: recordingLog() });
    const topicsBefore = await db.topic.count();
    const [first, second] = await Promise.all([
      openClauseDiscussion(db, "essai-discussion"),
      openClauseDiscussion(db, "essai-discussion"),
    ]);
    expect(second).toEqual(first);
    expect(await db.topic.count()).toBe(topicsBefore + 1);
    const topic = await db.topic.findUniqueOrThrow({
      where: { id: first.topicId },
      include: { category: true, user: true },
    });
    expect(topic).toMatchObject({ title: "Clause « Clause d'essai de synchronisation »", postsCount: 1 });
    expect(topic.category.slug).toBe("clausier-cctp");
    expect(topic.user.username).toBe("admin");
    expect((await db.clause.findUniqueOrThrow({ where: { id: "essai-discussion" } })).discussionTopicId).toBe(topic.id);
  });

  it("creates the « Clausier CCTP » category when it is missing", async () => {
    const db = await getDb();
    await db.category.update({ where: { slug: "clausier-cctp" }, data: { slug: "ancien-clausier" } });
    await syncClauseLibrary(db, assembleClauseLibrary([file("essai-categorie", "1.0.0")]), { log: recordingLog() });
    const opened = await openClauseDiscussion(db, "essai-categorie");
    const category = await db.category.findUniqueOrThrow({ where: { slug: "clausier-cctp" } });
    expect(category.name).toBe("Clausier CCTP");
    expect((await db.topic.findUniqueOrThrow({ where: { id: opened.topicId } })).categoryId).toBe(category.id);
  });
});
