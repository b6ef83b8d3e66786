import type { DbOrTx } from "~/infra/db.server";
import { renderPostMarkdown } from "./markdown";
import { extractMentions, linkMentions } from "./mentions";

/** Markdown → the post's stored HTML, with mentions of existing users and groups turned into links. */
export async function cookPost(db: DbOrTx, raw: string): Promise<string> {
  const names = extractMentions(raw);
  if (names.length === 0) return renderPostMarkdown(raw);
  const [users, groups] = await Promise.all([
    db.user.findMany({ where: { username: { in: names } }, select: { username: true } }),
    db.group.findMany({ where: { name: { in: names } }, select: { name: true } }),
  ]);
  return renderPostMarkdown(
    linkMentions(raw, {
      users: new Set(users.map((user) => user.username)),
      groups: new Set(groups.map((group) => group.name)),
    }),
  );
}
