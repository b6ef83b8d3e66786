/**
 * The Atom 1.0 feed of a deployment's runs (RFC 4287): a platform team follows its conformance in a feed reader.
 * Everything in it is public (the matrix and run pages are), so one feed serves every reader.
 */

import { escapeXml } from "~/domain/forum/rss";

export interface RunFeedEntry {
  id: number;
  /** Absolute URL of the run page. */
  url: string;
  createdAt: string;
  suite: { name: string; version: string | null };
  counts: { total: number; passed: number; failed: number; skipped: number; error: number };
  verdicts: { passed: number; failed: number; other: number };
}

export interface RunFeed {
  deploymentName: string;
  solution: string;
  /** Absolute URLs of the deployment page and of the feed itself. */
  pageUrl: string;
  feedUrl: string;
  /** Used as the feed's date when there is no run yet (Atom requires one). */
  fallbackUpdated: string;
  runs: RunFeedEntry[];
}

const plural = (count: number, one: string, many: string) => `${count} ${count > 1 ? many : one}`;

export function runEntryTitle(run: RunFeedEntry): string {
  const suite = `${run.suite.name}${run.suite.version ? ` ${run.suite.version}` : ""}`;
  return `Passage n° ${run.id} — ${suite} : ${plural(run.counts.passed, "test réussi", "tests réussis")}, ${plural(run.counts.failed, "échec", "échecs")} sur ${run.counts.total}`;
}

function entrySummary(run: RunFeedEntry): string {
  return [
    `${plural(run.counts.total, "test", "tests")} : ${run.counts.passed} réussis, ${run.counts.failed} échecs, ${run.counts.error} erreurs, ${run.counts.skipped} ignorés.`,
    `Classes : ${run.verdicts.passed} conformes, ${run.verdicts.failed} en échec, ${run.verdicts.other} non concluantes ou non testées.`,
  ].join(" ");
}

/** The feed, newest run first, as the caller lists them. */
export function renderRunsFeed(feed: RunFeed): string {
  const updated = feed.runs[0]?.createdAt ?? feed.fallbackUpdated;
  const entries = feed.runs
    .map(
      (run) => `  <entry>
    <id>${escapeXml(run.url)}</id>
    <title>${escapeXml(runEntryTitle(run))}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(run.url)}"/>
    <updated>${escapeXml(run.createdAt)}</updated>
    <summary>${escapeXml(entrySummary(run))}</summary>
  </entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <id>${escapeXml(feed.feedUrl)}</id>
  <title>${escapeXml(`Passages de tests — ${feed.deploymentName} (${feed.solution})`)}</title>
  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.feedUrl)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(feed.pageUrl)}"/>
  <updated>${escapeXml(updated)}</updated>
  <author><name>CICCLO Interop</name></author>
  <generator>CICCLO Interop</generator>
${entries}
</feed>
`;
}
