import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { createMeilisearchIndex, meilisearchSettings } from "./meilisearch-index.server";
import { runSearchContract } from "./search-contract";
import { SearchEngineError } from "./search-index";

const meiliUrl = process.env.MEILI_URL;

// No Meilisearch server can be installed on these machines (no Debian package, no npm package bundles it; see
// docs/stack.md), so the contract runs only where MEILI_URL points at a real one. It is never faked.
describe.skipIf(!meiliUrl)(
  "Meilisearch adapter against MEILI_URL (skipped without MEILI_URL: no Meilisearch server can be installed on these machines)",
  () => {
    let count = 0;
    runSearchContract(async () => {
      const index = createMeilisearchIndex({
        url: meiliUrl!,
        apiKey: process.env.MEILI_MASTER_KEY,
        indexUid: `cicclo_contract_${process.pid}_${Date.now()}_${++count}`,
      });
      await index.open();
      return index;
    });
  },
);

describe("Meilisearch adapter without a server", () => {
  it("declares the settings both engines share", () => {
    const settings = meilisearchSettings();
    expect(settings.searchableAttributes).toEqual(["title", "body"]);
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(["audience", "tags", "classUris", "status"]));
    expect(settings.sortableAttributes).toEqual(["updatedAt", "votes"]);
    expect(settings.rankingRules?.at(-1)).toBe("updatedAt:desc");
    expect(settings.stopWords).toContain("les");
    expect(settings.synonyms?.bogue).toEqual(["bug", "anomalie"]);
    expect(settings.typoTolerance?.minWordSizeForTypos?.oneTypo).toBe(5);
  });

  it("surfaces an unreachable server as a retryable engine error", async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port: freePort } = server.address() as { port: number };
        server.close(() => resolve(freePort));
      });
    });
    const index = createMeilisearchIndex({ url: `http://127.0.0.1:${port}` });
    const failure = await index.open().then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(SearchEngineError);
    expect((failure as SearchEngineError).retryable).toBe(true);
  });
});
