import { insertTopic } from "~/domain/forum/posting.server";
import { loadSignedInUser } from "~/domain/identity/users.server";
import type { SignedInUser } from "~/domain/identity/viewer";
import { DomainError, notFound } from "~/domain/shared/errors";
import { enqueueSearchUpdate, searchDocumentId } from "~/domain/search/outbox.server";
import type { Db, DbOrTx } from "~/infra/db.server";
import { logger as appLogger } from "~/infra/logger.server";
import {
  type ClauseSummary,
  type ClauseVersionSummary,
  parseStoredList,
  summaryFromFrontMatter,
  type StoredFrontMatter,
} from "./catalogue";
import { formatDiagnostic } from "./diagnostics";
import type { ClauseLibrary } from "./library";
import type { ClauseVersion } from "./model";
import { parseClauseFile } from "./parse-clause-file";
import { compareSemver, isSemver } from "./semver";
import { type ClauseDiffView, clauseDiffView, type ClauseVersionView, clauseVersionView } from "./views";

// The clause library in the database: loaded from the files at start (syncClauseLibrary), read by the pages and the
// export API. A version row is written once and never updated, as a published file never changes.

/** The forum category holding one discussion topic per clause (proposals for its next version). */
export const CLAUSE_CATEGORY = {
  slug: "clausier-cctp",
  name: "Clausier CCTP",
  description: "Discussions sur les clauses techniques types et leurs prochaines versions.",
  color: "000091",
} as const;

type SyncLogger = Pick<typeof appLogger, "info" | "warn" | "error">;

export interface ClauseSyncResult {
  clausesCreated: number;
  versionsAdded: string[];
  /** `<id>@<version>` whose file no longer matches the stored published version: nothing of that clause was written. */
  refused: string[];
  /** Files left out because they have errors (their clause's other versions still load). */
  skippedFiles: string[];
}

export interface ClauseSyncOptions {
  log?: SyncLogger;
}

/**
 * Loads the published versions of the library into the database. Idempotent: only new versions are inserted, and
 * each clause (its new versions and its summary) is one transaction. A stored version whose file now has another
 * content hash is refused loudly, and that clause is left as it was. Discussion topics are opened on first use
 * (openClauseDiscussion), not here: loading a library of dozens of clauses must not bury /latest under bot topics.
 */
export async function syncClauseLibrary(
  db: Db,
  library: ClauseLibrary,
  options: ClauseSyncOptions = {},
): Promise<ClauseSyncResult> {
  const log = options.log ?? appLogger;
  const result: ClauseSyncResult = { clausesCreated: 0, versionsAdded: [], refused: [], skippedFiles: [] };
  const errors = library.diagnostics.filter((diagnostic) => diagnostic.severity === "error");
  const filesWithErrors = new Set(errors.map((diagnostic) => diagnostic.file));
  for (const diagnostic of errors)
    log.warn({ diagnostic: formatDiagnostic(diagnostic) }, "Clause file with errors: left out of the library");

  for (const clause of library.clauses) {
    const versions = clause.versions.filter((version) => {
      if (!filesWithErrors.has(version.source.file)) return true;
      result.skippedFiles.push(version.source.file);
      return false;
    });
    const stored = await db.clauseVersion.findMany({
      where: { clauseId: clause.id },
      select: { version: true, contentHash: true },
    });
    const storedHashes = new Map(stored.map((row) => [row.version, row.contentHash]));
    const changed = versions.filter((version) => {
      const hash = storedHashes.get(version.version);
      return hash !== undefined && hash !== version.source.contentHash;
    });
    if (changed.length > 0) {
      for (const version of changed) {
        result.refused.push(`${clause.id}@${version.version}`);
        log.error(
          {
            clauseId: clause.id,
            version: version.version,
            file: version.source.file,
            storedHash: storedHashes.get(version.version),
            fileHash: version.source.contentHash,
          },
          `REFUSED: the published clause version ${clause.id} ${version.version} changed in ${version.source.file}; a published version never changes (publish a new version instead). Nothing of this clause was loaded.`,
        );
      }
      continue;
    }
    const added = versions.filter((version) => !storedHashes.has(version.version));
    if (added.length === 0) continue;
    const existing = await db.clause.findUnique({ where: { id: clause.id }, select: { currentVersion: true } });
    const latest = versions.at(-1)!;
    // A version file removed from the repository stays in the database, and may still be the newest.
    const isNewest = !existing || compareSemver(latest.version, existing.currentVersion) >= 0;
    await db.$transaction(async (tx) => {
      if (isNewest) {
        const summary = {
          title: latest.title,
          theme: latest.theme,
          tags: JSON.stringify(latest.tags),
          status: latest.status,
          obligation: latest.obligation,
          currentVersion: latest.version,
        };
        await tx.clause.upsert({ where: { id: clause.id }, create: { id: clause.id, ...summary }, update: summary });
      }
      for (const version of added) await tx.clauseVersion.create({ data: versionRow(version) });
      // Every version, the stored ones too: a new current version makes the previous one superseded.
      const versionsToIndex = [...storedHashes.keys(), ...added.map((version) => version.version)];
      await enqueueSearchUpdate(
        tx,
        versionsToIndex.map((version) => searchDocumentId.clauseVersion(clause.id, version)),
      );
    });
    if (!existing) result.clausesCreated++;
    result.versionsAdded.push(...added.map((version) => `${clause.id}@${version.version}`));
  }
  if (result.versionsAdded.length > 0) log.info({ versionsAdded: result.versionsAdded }, "Clause library loaded");
  return result;
}

function versionRow(version: ClauseVersion) {
  // The front matter as the file states it: what JSON clients and the list filters read without re-parsing.
  const frontMatter: StoredFrontMatter = {
    id: version.id,
    title: version.title,
    theme: version.theme,
    tags: version.tags,
    version: version.version,
    status: version.status,
    supersededBy: version.supersededBy,
    published: version.published,
    inForceFrom: version.inForceFrom,
    obligation: version.obligation,
    parameters: version.parameters,
    references: version.references,
    conformanceClasses: version.conformanceClasses,
    changelog: version.changelog,
  };
  return {
    clauseId: version.id,
    version: version.version,
    status: version.status,
    title: version.title,
    frontMatter: JSON.stringify(frontMatter),
    bindingText: version.bindingText,
    guidanceText: version.guidanceText,
    sourceText: version.source.normalizedText,
    contentHash: version.source.contentHash,
    publishedAt: new Date(`${version.published}T00:00:00Z`),
    inForceFrom: version.inForceFrom ? new Date(`${version.inForceFrom}T00:00:00Z`) : null,
  };
}

// ---- Discussion topics ----

function discussionTopicText(id: string, title: string): string {
  return [
    `Ce sujet accueille les discussions sur la clause **${title}** du clausier CCTP : questions d'interprétation, retours d'acheteurs et de titulaires, propositions pour sa prochaine version.`,
    "",
    `Texte en vigueur, paramètres et historique des versions : [/clauses/${id}](/clauses/${id}).`,
  ].join("\n");
}

/** The author of discussion topics: the first admin (the seed's `admin`), as Discourse's "system" user would be. */
async function findTopicAuthor(db: DbOrTx): Promise<SignedInUser | undefined> {
  const admin = await db.user.findFirst({ where: { role: "admin" }, orderBy: { id: "asc" }, select: { id: true } });
  return admin ? ((await loadSignedInUser(db, { id: admin.id })) ?? undefined) : undefined;
}

async function ensureClauseCategory(tx: DbOrTx) {
  const existing = await tx.category.findUnique({ where: { slug: CLAUSE_CATEGORY.slug } });
  if (existing) return existing;
  const position = ((await tx.category.aggregate({ _max: { position: true } }))._max.position ?? 0) + 1;
  return tx.category.create({ data: { ...CLAUSE_CATEGORY, position } });
}

class TopicOpenedMeanwhile extends Error {}

/**
 * The clause's discussion topic, opened on first use in the « Clausier CCTP » category (created if missing), by the
 * first admin, in one transaction with the clause's link to it (as Discourse opens an embedded page's topic on its
 * first visit). Concurrent first uses open one topic: the loser's transaction rolls back and reads the winner's.
 */
export async function openClauseDiscussion(db: Db, id: string): Promise<{ topicId: number; url: string }> {
  for (let attempt = 0; ; attempt++) {
    const clause = await db.clause.findUnique({
      where: { id },
      select: { title: true, discussionTopic: { select: { id: true, slug: true, deletedAt: true } } },
    });
    if (!clause) throw notFound("Cette clause", { clauseId: id });
    const topic = clause.discussionTopic;
    if (topic && !topic.deletedAt) return { topicId: topic.id, url: `/t/${topic.slug}/${topic.id}` };
    try {
      return await db.$transaction(async (tx) => {
        const author = await findTopicAuthor(tx);
        if (!author)
          throw new DomainError(
            409,
            "La discussion de cette clause n'est pas encore ouverte : aucun administrateur n'est déclaré.",
          );
        const category = await ensureClauseCategory(tx);
        const created = await insertTopic(tx, author, {
          categoryId: category.id,
          title: `Clause « ${clause.title} »`,
          raw: discussionTopicText(id, clause.title),
        });
        const linked = await tx.clause.updateMany({
          where: { id, discussionTopicId: topic ? topic.id : null },
          data: { discussionTopicId: created.topicId },
        });
        if (linked.count !== 1) throw new TopicOpenedMeanwhile();
        return { topicId: created.topicId, url: `/t/${created.slug}/${created.topicId}` };
      });
    } catch (error) {
      if (!(error instanceof TopicOpenedMeanwhile) || attempt >= 2) throw error;
    }
  }
}

// ---- Reading ----

const versionSummarySelect = {
  version: true,
  status: true,
  title: true,
  contentHash: true,
  publishedAt: true,
  inForceFrom: true,
  frontMatter: true,
} as const;

/** Every clause with the summary of each stored version (oldest first), sorted by theme then title. */
export async function listClauses(db: Db): Promise<ClauseSummary[]> {
  const clauses = await db.clause.findMany({
    include: {
      versions: { select: versionSummarySelect },
      discussionTopic: { select: { id: true, slug: true, deletedAt: true } },
    },
  });
  return clauses
    .map((clause) => toSummary(clause))
    .sort((a, b) => a.theme.localeCompare(b.theme, "fr") || a.title.localeCompare(b.title, "fr"));
}

type StoredClause = {
  id: string;
  title: string;
  theme: string;
  tags: string;
  status: string;
  obligation: string;
  currentVersion: string;
  versions: {
    version: string;
    status: string;
    title: string;
    contentHash: string;
    publishedAt: Date;
    inForceFrom: Date | null;
    frontMatter: string;
  }[];
  discussionTopic: { id: number; slug: string; deletedAt: Date | null } | null;
};

function toSummary(clause: StoredClause): ClauseSummary {
  const versions: (ClauseVersionSummary & { frontMatter: StoredFrontMatter })[] = clause.versions
    .map((row) => {
      const frontMatter = JSON.parse(row.frontMatter) as StoredFrontMatter;
      return {
        version: row.version,
        status: row.status as ClauseVersionSummary["status"],
        title: row.title,
        contentHash: row.contentHash,
        published: frontMatter.published ?? row.publishedAt.toISOString().slice(0, 10),
        inForceFrom: frontMatter.inForceFrom,
        changelog: frontMatter.changelog,
        frontMatter,
      };
    })
    .sort((a, b) => compareSemver(a.version, b.version));
  const current = versions.find((version) => version.version === clause.currentVersion) ?? versions.at(-1);
  return {
    ...summaryFromFrontMatter(current?.frontMatter),
    id: clause.id,
    title: clause.title,
    theme: clause.theme,
    tags: parseStoredList(clause.tags),
    status: clause.status as ClauseSummary["status"],
    obligation: clause.obligation as ClauseSummary["obligation"],
    currentVersion: clause.currentVersion,
    versions: versions.map(({ frontMatter: _frontMatter, ...version }) => version),
    discussionTopic:
      clause.discussionTopic && !clause.discussionTopic.deletedAt
        ? { id: clause.discussionTopic.id, url: `/t/${clause.discussionTopic.slug}/${clause.discussionTopic.id}` }
        : null,
  };
}

// Rows are immutable, so a version parsed once is good for the life of the process (keyed by its content hash).
const parsedVersions = new Map<string, ClauseVersion>();
const MAX_CACHED_VERSIONS = 2_000;

function rehydrate(row: { clauseId: string; version: string; sourceText: string; contentHash: string }): ClauseVersion {
  const cached = parsedVersions.get(row.contentHash);
  if (cached) return cached;
  const parsed = parseClauseFile(`clauses/${row.clauseId}/${row.version}.md`, row.sourceText);
  if (!parsed.version || parsed.version.source.contentHash !== row.contentHash)
    throw new Error(`Stored clause version ${row.clauseId}@${row.version} does not parse back to its content hash`);
  if (parsedVersions.size >= MAX_CACHED_VERSIONS) parsedVersions.clear();
  parsedVersions.set(row.contentHash, parsed.version);
  return parsed.version;
}

export interface StoredClauseVersion {
  clause: ClauseSummary;
  version: ClauseVersion;
}

/** One clause with one of its versions (the current one when `version` is omitted), or a 404. */
export async function getClauseVersion(db: Db, id: string, version?: string): Promise<StoredClauseVersion> {
  const clause = await db.clause.findUnique({
    where: { id },
    include: {
      versions: { select: versionSummarySelect },
      discussionTopic: { select: { id: true, slug: true, deletedAt: true } },
    },
  });
  if (!clause) throw notFound("Cette clause", { clauseId: id });
  const wanted = version ?? clause.currentVersion;
  const row = await db.clauseVersion.findUnique({ where: { clauseId_version: { clauseId: id, version: wanted } } });
  if (!row) throw notFound(`La version ${wanted} de la clause « ${clause.title} »`, { clauseId: id, version: wanted });
  return { clause: toSummary(clause), version: rehydrate(row) };
}

export interface ClauseReferenceInput {
  id: string;
  version?: string;
  /** Where the reference sits in the request, for the French message (`sections[0].clauses[1]`). */
  path: string;
}

/**
 * Resolves the clauses an export names, all at once: an unknown clause is a 404 and an unknown version a 422, each
 * message naming the field, before anything is rendered.
 */
export async function resolveClauseVersions(
  db: Db,
  references: readonly ClauseReferenceInput[],
): Promise<ClauseVersion[]> {
  const ids = [...new Set(references.map((reference) => reference.id))];
  const clauses = await db.clause.findMany({
    where: { id: { in: ids } },
    select: { id: true, currentVersion: true, title: true },
  });
  const byId = new Map(clauses.map((clause) => [clause.id, clause]));
  const missing = references.filter((reference) => !byId.has(reference.id));
  if (missing.length > 0)
    throw new DomainError(404, `Clause inconnue : ${missing.map((reference) => `« ${reference.id} »`).join(", ")}.`, {
      fieldErrors: Object.fromEntries(
        missing.map((reference) => [`${reference.path}.id`, `La clause « ${reference.id} » n'existe pas.`]),
      ),
    });
  const wanted = references.map((reference) => ({
    ...reference,
    version: reference.version ?? byId.get(reference.id)!.currentVersion,
  }));
  const rows = await db.clauseVersion.findMany({
    where: { OR: wanted.map((reference) => ({ clauseId: reference.id, version: reference.version })) },
    select: { clauseId: true, version: true, sourceText: true, contentHash: true },
  });
  const rowByKey = new Map(rows.map((row) => [`${row.clauseId}@${row.version}`, row]));
  const unknown = wanted.filter((reference) => !rowByKey.has(`${reference.id}@${reference.version}`));
  if (unknown.length > 0)
    throw new DomainError(
      422,
      `Version de clause inconnue : ${unknown.map((reference) => `« ${reference.id} » ${reference.version}`).join(", ")}.`,
      {
        fieldErrors: Object.fromEntries(
          unknown.map((reference) => [
            `${reference.path}.version`,
            `La clause « ${byId.get(reference.id)!.title} » n'a pas de version publiée ${reference.version}.`,
          ]),
        ),
      },
    );
  return wanted.map((reference) => rehydrate(rowByKey.get(`${reference.id}@${reference.version}`)!));
}

/** The clause page's data: a version (the current one by default) rendered with its default values. */
export async function loadClauseVersionView(db: Db, id: string, version?: string): Promise<ClauseVersionView> {
  if (version !== undefined && !isSemver(version)) throw notFound(`La version « ${version} »`, { clauseId: id });
  const { clause, version: loaded } = await getClauseVersion(db, id, version);
  return clauseVersionView(clause, loaded);
}

/** What changed from one published version to another (either order: "from" is the older text to read against). */
export async function loadClauseDiffView(db: Db, id: string, from: string, to: string): Promise<ClauseDiffView> {
  for (const version of [from, to])
    if (!isSemver(version)) throw notFound(`La version « ${version} »`, { clauseId: id });
  const before = await getClauseVersion(db, id, from);
  const after = await getClauseVersion(db, id, to);
  return clauseDiffView(after.clause, before.version, after.version);
}
