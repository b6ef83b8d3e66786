// @mentions: "@julien.roux" or "@mainteneurs-prodige", never inside code, never the middle of an e-mail address.
const MENTION = /(^|[^\w@/.-])@([a-z0-9][a-z0-9._-]{0,38}[a-z0-9])(?![\w-])/gi;
const CODE = /(```[\s\S]*?```|~~~[\s\S]*?~~~|`[^`\n]*`)/g;

/** Applies `transform` to the parts of the Markdown that are not code. */
function outsideCode(raw: string, transform: (text: string) => string): string {
  return raw
    .split(CODE)
    .map((part, index) => (index % 2 === 1 ? part : transform(part)))
    .join("");
}

export function extractMentions(raw: string): string[] {
  const names = new Set<string>();
  outsideCode(raw, (text) => {
    for (const match of text.matchAll(MENTION)) names.add(match[2]!.toLowerCase().replace(/\.$/, ""));
    return text;
  });
  return [...names];
}

/** Turns known mentions into links before rendering: users to their profile, groups to the groups list. */
export function linkMentions(raw: string, known: { users: Set<string>; groups: Set<string> }): string {
  return outsideCode(raw, (text) =>
    text.replace(MENTION, (whole, before: string, name: string) => {
      const handle = name.toLowerCase();
      if (known.users.has(handle)) return `${before}[@${name}](/u/${handle})`;
      if (known.groups.has(handle)) return `${before}[@${name}](/groups#${handle})`;
      return whole;
    }),
  );
}

/** Who a post quotes, from the attribution line the composer writes ("> **@name** a écrit"). */
export function extractQuotedUsers(raw: string): string[] {
  return [
    ...new Set(
      [...raw.matchAll(/^> \*\*@([a-z0-9][a-z0-9._-]*[a-z0-9])\*\* a écrit/gim)].map((m) => m[1]!.toLowerCase()),
    ),
  ];
}
