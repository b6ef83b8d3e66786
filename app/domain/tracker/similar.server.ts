// "Sujets similaires" while a title is typed: titles only, scored on shared French stems (search/text.ts), among
// the newest topics of the categories the reader may see. The scan is bounded (keyset batches on the primary key,
// at most SCAN_LIMIT titles), so its cost does not grow with the forum.
import type { Db } from "~/infra/db.server";
import { visibleCategoriesWhere, type Reader } from "~/domain/forum/permissions";
import { stemFrench, tokenize } from "~/domain/search/text";
import type { TopicRef } from "./references.server";

const SCAN_LIMIT = 5_000;
const BATCH = 1_000;
const STOP_WORDS = new Set(
  (
    "les des une pour par sur dans avec sans est sont pas que qui quoi cette ces elle nous vous ils elles son ses " +
    "leur leurs mais donc car plus tres lors entre vers chez the and for with not"
  ).split(" "),
);

/** The stems of a title that matter for similarity. */
export function titleStems(title: string): Set<string> {
  return new Set(
    tokenize(title)
      .filter((token) => token.length >= 3 && !STOP_WORDS.has(token))
      .map(stemFrench),
  );
}

/** Share of the typed title's stems found in a candidate's title (0 to 1). */
export function similarity(wanted: Set<string>, candidate: Set<string>): number {
  if (wanted.size === 0) return 0;
  let shared = 0;
  for (const stem of wanted) if (candidate.has(stem)) shared++;
  return shared / wanted.size;
}

export interface SimilarTopic extends TopicRef {
  category: string;
}

export async function findSimilarTopics(
  db: Db,
  reader: Reader,
  title: string,
  options: { categoryId?: number | null; limit?: number } = {},
): Promise<SimilarTopic[]> {
  const wanted = titleStems(String(title ?? "").slice(0, 300));
  if (wanted.size === 0) return [];
  const limit = Math.min(options.limit ?? 5, 10);
  // At least half of the typed words (one of a two-word title).
  const threshold = 0.5;
  const scored: { topic: SimilarTopic; score: number }[] = [];
  let beforeId: number | null = null;
  for (let scanned = 0; scanned < SCAN_LIMIT; scanned += BATCH) {
    const rows: { id: number; slug: string; title: string; categoryId: number; category: { name: string } }[] =
      await db.topic.findMany({
        where: {
          deletedAt: null,
          category: visibleCategoriesWhere(reader),
          ...(beforeId !== null && { id: { lt: beforeId } }),
        },
        orderBy: { id: "desc" },
        take: BATCH,
        select: { id: true, slug: true, title: true, categoryId: true, category: { select: { name: true } } },
      });
    for (const row of rows) {
      const score = similarity(wanted, titleStems(row.title));
      if (score >= threshold) {
        scored.push({
          topic: { id: row.id, slug: row.slug, title: row.title, category: row.category.name },
          // The same category first, at equal score.
          score: score + (row.categoryId === options.categoryId ? 0.01 : 0),
        });
      }
    }
    if (rows.length < BATCH) break;
    beforeId = rows.at(-1)!.id;
  }
  return scored
    .sort((a, b) => b.score - a.score || b.topic.id - a.topic.id)
    .slice(0, limit)
    .map((entry) => entry.topic);
}
