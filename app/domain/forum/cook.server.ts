import type { DbOrTx } from "~/infra/db.server";
import { resolveTopicReferences } from "~/domain/tracker/references.server";
import { extractTopicReferences, linkTopicReferences } from "~/domain/tracker/references";
import { renderPostMarkdown } from "./markdown";
import { extractMentions, linkMentions } from "./mentions";
import { anonymousReader, type Reader } from "./permissions";

export interface CookOptions {
  /** The link path of each "#123" reference, when the caller already checked them (requireTopicReferences). */
  topicPaths?: ReadonlyMap<number, string>;
  /** Otherwise, "#123" links to the topics this reader may see (previews); anonymous by default. */
  reader?: Reader;
}

/** Markdown → the post's stored HTML, with mentions of existing users and groups and "#123" references to topics
 * turned into links. The HTML is the same for every reader: it is stored and cached. */
export async function cookPost(db: DbOrTx, raw: string, options: CookOptions = {}): Promise<string> {
  const paths =
    options.topicPaths ??
    (await resolveTopicReferences(db, options.reader ?? anonymousReader, extractTopicReferences(raw)));
  const linked = linkTopicReferences(raw, paths);
  const names = extractMentions(raw);
  if (names.length === 0) return renderPostMarkdown(linked);
  const [users, groups] = await Promise.all([
    db.user.findMany({ where: { username: { in: names } }, select: { username: true } }),
    db.group.findMany({ where: { name: { in: names } }, select: { name: true } }),
  ]);
  return renderPostMarkdown(
    linkMentions(linked, {
      users: new Set(users.map((user) => user.username)),
      groups: new Set(groups.map((group) => group.name)),
    }),
  );
}
