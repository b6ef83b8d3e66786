// Operator commands, run on the server: `npm run cli -- <command>`.
//   api-key create --user <username> --scope <scope> [--scope <scope>…] [--label <text>] [--expires YYYY-MM-DD]
//   api-key create --group <name> --scope <scope> …
//   user promote <username> <member|moderator|admin>
//   search reindex    rebuild the search index from the database, in batches
//   search status     engine, documents indexed, outbox backlog and lag, permanent failures
//   conformance reparse <run id> | --all   re-read stored reports with the current importers and class rules
// Changes are audited with no actor ("Opérateur (ligne de commande)").
import { parseArgs } from "node:util";
import { reparsableRunIds, reparseRun, type RunTally } from "../app/domain/conformance/reparse.server";
import { createApiKey, parseExpiry, parseScopes } from "../app/domain/identity/api-keys.server";
import { changeUserRole, parseRole } from "../app/domain/identity/users.server";
import {
  closeSearchIndex,
  countIndexedDocuments,
  describeSearchEngine,
  rebuildSearchIndex,
} from "../app/domain/search/engine.server";
import { searchOutboxStatus } from "../app/domain/search/outbox.server";
import { DomainError } from "../app/domain/shared/errors";
import type { Db } from "../app/infra/db.server";
import { disconnectDb, getDb } from "../app/infra/db.server";

const USAGE = `Usage:
  npm run cli -- api-key create --user <username> --scope <scope> [--scope …] [--label <text>] [--expires AAAA-MM-JJ]
  npm run cli -- api-key create --group <name> --scope <scope> [--scope …] [--label <text>] [--expires AAAA-MM-JJ]
  npm run cli -- user promote <username> <member|moderator|admin>
  npm run cli -- search reindex
  npm run cli -- search status
  npm run cli -- conformance reparse <n° de passage> | --all`;

export async function runCli(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      user: { type: "string" },
      group: { type: "string" },
      scope: { type: "string", multiple: true },
      label: { type: "string" },
      expires: { type: "string" },
      all: { type: "boolean" },
    },
  });
  const [area, command, ...rest] = positionals;
  const db = await getDb();
  try {
    if (area === "api-key" && command === "create" && (values.user || values.group) && !(values.user && values.group)) {
      const { secret } = await createApiKey(db, null, {
        label: values.label ?? `Clé créée en ligne de commande le ${new Date().toISOString().slice(0, 10)}`,
        scopes: parseScopes(values.scope ?? []),
        expiresAt: parseExpiry(values.expires),
        owner: values.user ? { username: values.user } : { groupName: values.group! },
      });
      out(secret);
      return 0;
    }
    if (area === "user" && command === "promote" && rest.length === 2) {
      const [username, role] = rest as [string, string];
      const { changed } = await changeUserRole(db, null, username, parseRole(role));
      out(changed ? `@${username} is now ${role}.` : `@${username} already had the role ${role}.`);
      return 0;
    }
    if (area === "search" && (command === "reindex" || command === "status") && rest.length === 0) {
      try {
        return command === "reindex" ? await reindex(db, out) : await status(db, out);
      } finally {
        await closeSearchIndex();
      }
    }
    if (area === "conformance" && command === "reparse") {
      if (values.all && rest.length === 0) return await reparseAll(db, out);
      if (!values.all && rest.length === 1) {
        const id = Number(rest[0]);
        if (!/^\d{1,15}$/.test(rest[0]!) || !Number.isSafeInteger(id)) {
          out(`Erreur : « ${rest[0]} » n'est pas un numéro de passage.`);
          return 1;
        }
        printReparsed(out, await reparseRun(db, id));
        return 0;
      }
    }
    out(USAGE);
    return 2;
  } catch (error) {
    if (error instanceof DomainError) {
      out(`Erreur : ${error.userMessage}`);
      return 1;
    }
    throw error;
  }
}

const tallyText = (tally: RunTally) => {
  const { total, passed, failed, skipped, error } = tally.counts;
  const verdicts = Object.entries(tally.verdicts).map(([key, verdict]) => `${key}=${verdict}`);
  return `${total} tests (${passed} passed, ${failed} failed, ${error} errors, ${skipped} skipped); classes: ${verdicts.join(", ") || "none"}`;
};

function printReparsed(out: (line: string) => void, run: { id: number; before: RunTally; after: RunTally }) {
  out(`Run ${run.id} re-parsed.`);
  out(`  before: ${tallyText(run.before)}`);
  out(`  after:  ${tallyText(run.after)}`);
}

/** Every run with a report, one transaction each: a report the importers now refuse is reported and skipped. */
async function reparseAll(db: Db, out: (line: string) => void): Promise<number> {
  const ids = await reparsableRunIds(db);
  let failures = 0;
  for (const id of ids) {
    try {
      printReparsed(out, await reparseRun(db, id));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      failures++;
      out(`Erreur (passage n° ${id}) : ${error.userMessage}`);
    }
  }
  out(`${ids.length - failures} of ${ids.length} runs re-parsed.`);
  return failures === 0 ? 0 : 1;
}

const rate = (count: number, ms: number) => Math.round(count / Math.max(ms / 1000, 0.001));

async function reindex(db: Db, out: (line: string) => void): Promise<number> {
  out(`Engine: ${describeSearchEngine()}`);
  const report = await rebuildSearchIndex(db, {
    onBatch: (type, indexed, progress) =>
      out(`  ${type}: +${indexed} (${progress.total} documents, ${rate(progress.total, progress.durationMs)}/s)`),
  });
  for (const [type, count] of Object.entries(report.counts)) out(`${type}: ${count}`);
  out(
    `Reindexed ${report.total} documents in ${(report.durationMs / 1000).toFixed(1)} s (${rate(report.total, report.durationMs)} documents/s).`,
  );
  return 0;
}

async function status(db: Db, out: (line: string) => void): Promise<number> {
  out(`Engine: ${describeSearchEngine()}`);
  let healthy = true;
  try {
    const indexed = await countIndexedDocuments();
    out(`Indexed documents: ${indexed.exact ? "" : "at least "}${indexed.total}`);
  } catch (error) {
    healthy = false;
    out(`Engine unreachable: ${error instanceof Error ? error.message : String(error)}`);
  }
  const outbox = await searchOutboxStatus(db);
  const lagSeconds = outbox.oldestPendingAt ? Math.round((Date.now() - outbox.oldestPendingAt.getTime()) / 1000) : 0;
  out(
    `Pending in the outbox: ${outbox.pending}` +
      (outbox.pending
        ? ` (${outbox.retrying} retrying; oldest ${lagSeconds} s ago: lag ${lagSeconds} s)`
        : " (lag 0 s)"),
  );
  out(`Failed for good: ${outbox.failedCount}`);
  for (const row of outbox.failed) {
    out(
      `  #${row.id} ${row.documentId}, ${row.attempts} attempt(s), ${row.failedAt.toISOString()}: ${row.lastError ?? ""}`,
    );
  }
  return healthy && outbox.failedCount === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const code = await runCli(process.argv.slice(2));
  await disconnectDb();
  process.exit(code);
}
