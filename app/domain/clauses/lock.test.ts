import { describe, expect, it } from "vitest";
import { clauseFile, isKnownClassUri } from "../../../tests/clauses/clause-file-factory";
import { checkClauseLibrary } from "./checks";
import { assembleClauseLibrary } from "./library";
import { checkClauseLock, emptyClauseLock, parseClauseLock, serializeClauseLock, updateClauseLock } from "./lock";

const original = assembleClauseLibrary([{ file: "clauses/exemple/1.0.0.md", text: clauseFile() }]);
const lock = updateClauseLock(original, emptyClauseLock()).lock;

describe("clause lock", () => {
  it("records each published version's hash, not drafts", () => {
    const withDraft = assembleClauseLibrary([
      { file: "clauses/exemple/1.0.0.md", text: clauseFile() },
      {
        file: "clauses/exemple/draft.md",
        text: clauseFile({ frontMatter: { status: "draft", published: null, version: "1.1.0" } }),
      },
    ]);
    const update = updateClauseLock(withDraft, emptyClauseLock());
    expect(update.added).toEqual(["exemple 1.0.0"]);
    expect(update.lock.clauses).toEqual({ exemple: { "1.0.0": original.clauses[0]!.versions[0]!.source.contentHash } });
    expect(checkClauseLock(withDraft, update.lock)).toEqual([]);
  });

  it("rejects any change to a published version, even one word", () => {
    const changed = assembleClauseLibrary([
      {
        file: "clauses/exemple/1.0.0.md",
        text: clauseFile({ body: "Le titulaire livre la solution sous {{delai}}." }),
      },
    ]);
    const diagnostics = checkClauseLibrary(changed, { isKnownClassUri, lock });
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: "lock-changed", file: "clauses/exemple/1.0.0.md", line: 1, severity: "error" }),
    ]);
    expect(diagnostics[0]!.message).toMatch(/^La version publiée 1\.0\.0 de « exemple » a été modifiée/);
  });

  it("refuses to --update-lock over a changed or removed published version", () => {
    const changed = assembleClauseLibrary([
      { file: "clauses/exemple/1.0.0.md", text: clauseFile({ frontMatter: { title: "Nouveau titre" } }) },
    ]);
    const refused = updateClauseLock(changed, lock);
    expect(refused.violations.map((d) => d.code)).toEqual(["lock-changed"]);
    expect(refused.lock).toBe(lock);
    expect(updateClauseLock(assembleClauseLibrary([]), lock).violations.map((d) => d.code)).toEqual(["lock-removed"]);
  });

  it("adds a new published version next to the locked ones", () => {
    const next = assembleClauseLibrary([
      { file: "clauses/exemple/1.0.0.md", text: clauseFile() },
      {
        file: "clauses/exemple/1.1.0.md",
        text: clauseFile({ frontMatter: { version: "1.1.0", changelog: "Délai précisé." } }),
      },
    ]);
    expect(checkClauseLock(next, lock).map((d) => d.code)).toEqual(["lock-missing"]);
    const update = updateClauseLock(next, lock);
    expect(update).toMatchObject({ added: ["exemple 1.1.0"], violations: [] });
    expect(Object.keys(update.lock.clauses.exemple ?? {})).toEqual(["1.0.0", "1.1.0"]);
  });

  it("round-trips through its file and refuses a malformed one", () => {
    expect(parseClauseLock(serializeClauseLock(lock))).toEqual(lock);
    expect(() => parseClauseLock("{")).toThrow(/n'est pas du JSON valide/);
    expect(() => parseClauseLock('{"lockVersion":1,"clauses":{"x":{"1.0.0":"md5:abc"}}}')).toThrow(
      /n'a pas la forme attendue/,
    );
  });
});
