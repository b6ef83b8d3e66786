import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { createEmbeddedSearchIndex } from "./embedded-index.server";
import { contractDocuments, runSearchContract } from "./search-contract";
import { anonymousSearchViewer, type SearchIndex } from "./search-index";

// Each index gets its own SQLite file in a temporary folder, removed at the end.
const folder = mkdtempSync(path.join(os.tmpdir(), "cicclo-search-"));
let fileCount = 0;
const newFile = () => path.join(folder, `search-${++fileCount}.db`);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

runSearchContract(async () => {
  const index = createEmbeddedSearchIndex({ file: newFile() });
  await index.open();
  return index;
});

describe("embedded search index", () => {
  const find = async (index: SearchIndex, text: string) =>
    (await index.search({ text, viewer: anonymousSearchViewer })).hits.map((hit) => hit.id);

  it("keeps its documents across a restart, without a rebuild", async () => {
    const file = newFile();
    const first = createEmbeddedSearchIndex({ file });
    expect(await first.open()).toEqual({ rebuildNeeded: true });
    await first.upsert(contractDocuments);
    await first.close();

    const reopened = createEmbeddedSearchIndex({ file });
    expect(await reopened.open()).toEqual({ rebuildNeeded: false });
    expect(await find(reopened, "interoperabilite ")).toEqual(["topic:1"]);
    // The typo vocabulary survived too.
    expect(await find(reopened, "interoperabilte ")).toEqual(["topic:1"]);
    await reopened.close();
  });

  it("empties an index of an older format and asks for a rebuild", async () => {
    const file = newFile();
    const index = createEmbeddedSearchIndex({ file });
    await index.open();
    await index.upsert(contractDocuments);
    await index.close();
    const database = new Database(file);
    database.prepare("UPDATE search_meta SET value = '0' WHERE key = 'format_version'").run();
    database.close();

    const upgraded = createEmbeddedSearchIndex({ file });
    expect(await upgraded.open()).toEqual({ rebuildNeeded: true });
    expect(await find(upgraded, "")).toEqual([]);
    await upgraded.close();
  });

  it("uses WAL mode and its own file", async () => {
    const file = newFile();
    const index = createEmbeddedSearchIndex({ file });
    await index.open();
    await index.close();
    const database = new Database(file, { readonly: true });
    expect(database.pragma("journal_mode", { simple: true })).toBe("wal");
    database.close();
  });

  it("refuses to work before open(), with an engine error", async () => {
    const index = createEmbeddedSearchIndex({ file: newFile() });
    await expect(index.search({ text: "x", viewer: anonymousSearchViewer })).rejects.toThrow(/open\(\)/);
  });

  it("counts totals exactly beyond the result window, and as a lower bound beyond the count limit", async () => {
    const file = newFile();
    const index = createEmbeddedSearchIndex({ file });
    await index.open();
    const [template] = contractDocuments;
    const many = Array.from({ length: 1_050 }, (_, number) => ({
      ...template!,
      id: `post:${number + 100}`,
      type: "post" as const,
      title: `Message ${number}`,
      body: `Relance du moissonnage numéro ${number}.`,
      updatedAt: new Date(Date.UTC(2025, 0, 1) + number * 60_000),
    }));
    await index.upsert(many);
    await index.upsert([
      { ...template!, id: "topic:900", title: "Relance annuelle", updatedAt: new Date(Date.UTC(2020, 0, 1)) },
    ]);
    const results = await index.search({ text: "relance ", viewer: anonymousSearchViewer, limit: 5 });
    expect(results.totalIsExact).toBe(true);
    expect(results.total).toBe(1_051);
    // An old title match still makes it into the ranked window, and wins.
    expect(results.hits[0]?.id).toBe("topic:900");
    // Beyond the window, facets count the window only: the 1,000 most recent matches (topic:900 was written last).
    expect(results.facets.type).toEqual([
      { value: "post", count: 999 },
      { value: "topic", count: 1 },
    ]);
    await index.close();

    const bounded = createEmbeddedSearchIndex({ file, countLimit: 1_020 });
    await bounded.open();
    const lowerBound = await bounded.search({ text: "relance ", viewer: anonymousSearchViewer, limit: 5 });
    expect(lowerBound.totalIsExact).toBe(false);
    expect(lowerBound.total).toBe(1_020);
    expect(lowerBound.hits[0]?.id).toBe("topic:900");
    await bounded.close();
  });
});
