import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createEmbeddedSearchIndex } from "./embedded-index.server";
import { backoffDelay, createOutboxWorker, type OutboxChange, type OutboxEntry } from "./outbox-worker";
import { contractDocuments } from "./search-contract";
import { anonymousSearchViewer, SearchEngineError, type SearchIndex } from "./search-index";

const folder = mkdtempSync(path.join(os.tmpdir(), "cicclo-outbox-"));
let fileCount = 0;
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The search_outbox table as an array: what the lead's Prisma functions will do against the database. */
function memoryOutbox() {
  let nextId = 1;
  const pending: OutboxEntry[] = [];
  const done: number[] = [];
  const failures: { ids: number[]; permanent: boolean; attempt: number; message: string }[] = [];
  return {
    pending,
    done,
    failures,
    write(change: OutboxChange) {
      pending.push({ id: nextId++, change });
    },
    fetchBatch: async (limit: number) => pending.slice(0, limit),
    markDone: async (ids: number[]) => {
      for (const id of ids) {
        const at = pending.findIndex((entry) => entry.id === id);
        if (at >= 0) pending.splice(at, 1);
        done.push(id);
      }
    },
    markFailed: async (ids: number[], error: Error, details: { permanent: boolean; attempt: number }) => {
      failures.push({ ids, ...details, message: error.message });
      if (details.permanent) {
        for (const id of ids)
          pending.splice(
            pending.findIndex((entry) => entry.id === id),
            1,
          );
      }
    },
  };
}

/**
 * A real embedded index behind a switch: while "stopped", every call fails as an unreachable engine would. Stands in
 * for stopping the search engine, since the embedded engine cannot be made unreachable otherwise.
 */
function switchableIndex(inner: SearchIndex) {
  const state = { stopped: false, failuresLeft: 0, calls: 0 };
  const gate = () => {
    state.calls++;
    if (state.stopped || state.failuresLeft > 0) {
      state.failuresLeft = Math.max(0, state.failuresLeft - 1);
      throw new SearchEngineError("engine unreachable (stopped by the test)", true);
    }
  };
  const index: SearchIndex = {
    engine: inner.engine,
    open: () => inner.open(),
    upsert: async (documents) => (gate(), inner.upsert(documents)),
    delete: async (ids) => (gate(), inner.delete(ids)),
    search: (request) => inner.search(request),
    clear: () => inner.clear(),
    close: () => inner.close(),
  };
  return { index, state };
}

async function openIndex() {
  const index = createEmbeddedSearchIndex({ file: path.join(folder, `outbox-${++fileCount}.db`) });
  await index.open();
  return index;
}

const find = async (index: SearchIndex, text: string) =>
  (await index.search({ text, viewer: anonymousSearchViewer, limit: 50 })).hits.map((hit) => hit.id).sort();

describe("search outbox worker", () => {
  it("computes exponential backoff, capped", () => {
    const backoff = { initialDelayMs: 100, factor: 2, maxDelayMs: 1_000 };
    expect([1, 2, 3, 4, 5, 10].map((attempt) => backoffDelay(attempt, backoff))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });

  it("stop the engine, write, restart: everything written is found", async () => {
    const outbox = memoryOutbox();
    const { index, state } = switchableIndex(await openIndex());
    const sleeps: number[] = [];
    const worker = createOutboxWorker({
      ...outbox,
      index,
      batchSize: 4,
      backoff: { initialDelayMs: 100, factor: 2, maxDelayMs: 1_000 },
      // The engine comes back after the fourth wait.
      sleep: async (ms) => {
        sleeps.push(ms);
        if (sleeps.length === 4) state.stopped = false;
      },
    });

    state.stopped = true;
    for (const document of contractDocuments) outbox.write({ op: "upsert", document });
    outbox.write({ op: "delete", documentId: "topic:5" });

    const applied = await worker.drain();
    expect(applied).toBe(contractDocuments.length + 1);
    expect(sleeps).toEqual([100, 200, 400, 800]);
    expect(outbox.pending).toEqual([]);
    expect(outbox.failures.every((failure) => !failure.permanent)).toBe(true);
    expect(worker.consecutiveFailures).toBe(0);
    expect(await find(index, "moissonnage ")).toEqual(["solution:georchestra", "topic:3", "topic:4"]);
    expect(await find(index, "quotas ")).toEqual(["topic:6"]);
  });

  it("applies only the latest change of a document within a batch", async () => {
    const outbox = memoryOutbox();
    const index = await openIndex();
    const worker = createOutboxWorker({ ...outbox, index });
    const topic = contractDocuments.find((document) => document.id === "topic:3")!;
    outbox.write({ op: "upsert", document: topic });
    outbox.write({ op: "delete", documentId: "topic:3" });
    outbox.write({ op: "upsert", document: { ...topic, title: "Moissonnage CSW : corrigé" } });
    outbox.write({ op: "upsert", document: contractDocuments.find((document) => document.id === "topic:4")! });
    outbox.write({ op: "delete", documentId: "topic:4" });
    await worker.drain();
    expect(await find(index, "corrige ")).toEqual(["topic:3"]);
    expect(await find(index, "export ")).toEqual([]);
    expect(outbox.done.sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it("sets apart a document the schema refuses and applies the rest", async () => {
    const outbox = memoryOutbox();
    const index = await openIndex();
    const worker = createOutboxWorker({ ...outbox, index });
    outbox.write({ op: "upsert", document: { id: "topic:77", title: "sans type ni date" } });
    outbox.write({ op: "upsert", document: contractDocuments.find((document) => document.id === "topic:4")! });
    await worker.drain();
    expect(outbox.failures).toEqual([expect.objectContaining({ ids: [1], permanent: true })]);
    expect(await find(index, "export ")).toEqual(["topic:4"]);
  });

  it("isolates a document the engine refuses for good, so the queue keeps moving", async () => {
    const outbox = memoryOutbox();
    const inner = await openIndex();
    const refusing: SearchIndex = {
      ...inner,
      engine: inner.engine,
      search: (request) => inner.search(request),
      delete: (ids) => inner.delete(ids),
      // Stands in for Meilisearch refusing one document (a failed task of type invalid_request).
      upsert: async (documents) => {
        if (documents.some((document) => document.id === "topic:6")) {
          throw new SearchEngineError("document refused", false);
        }
        await inner.upsert(documents);
      },
    };
    const worker = createOutboxWorker({ ...outbox, index: refusing });
    for (const id of ["topic:5", "topic:6", "topic:4"]) {
      outbox.write({ op: "upsert", document: contractDocuments.find((document) => document.id === id)! });
    }
    await worker.drain();
    expect(outbox.pending).toEqual([]);
    expect(outbox.failures).toEqual([expect.objectContaining({ ids: [2], permanent: true })]);
    expect(await find(inner, "quotas ")).toEqual(["topic:5"]);
    expect(await find(inner, "export ")).toEqual(["topic:4"]);
  });

  it("runs in the background and catches up after the engine fails N times", async () => {
    const outbox = memoryOutbox();
    const { index, state } = switchableIndex(await openIndex());
    state.failuresLeft = 3;
    const errors: number[] = [];
    const worker = createOutboxWorker({
      ...outbox,
      index,
      idleDelayMs: 1,
      backoff: { initialDelayMs: 1, maxDelayMs: 5, factor: 2 },
      onError: (_error, { attempt }) => errors.push(attempt),
    });
    worker.start();
    outbox.write({ op: "upsert", document: contractDocuments.find((document) => document.id === "topic:4")! });
    await expect.poll(() => outbox.pending.length, { timeout: 2_000 }).toBe(0);
    await worker.stop();
    expect(errors).toEqual([1, 2, 3]);
    expect(await find(index, "export ")).toEqual(["topic:4"]);
  });
});
