// RSS 2.0 feeds of topics and posts. Feed readers are anonymous: callers pass only what anonymous visitors see.
export interface FeedItem {
  title: string;
  link: string;
  guid: string;
  author: string;
  publishedAt: string;
  /** Sanitized HTML (a post's cooked text). */
  html: string;
  category?: string;
}

export interface Feed {
  title: string;
  link: string;
  selfLink: string;
  description: string;
  items: FeedItem[];
}

/** Text and attribute values for XML documents (RSS here, the conformance Atom feeds). */
export const escapeXml = (value: string) =>
  value.replace(
    /[<>&'"]/g,
    (char) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[char]!,
  );

// CDATA cannot contain "]]>": split it so the HTML survives intact.
const cdata = (value: string) => `<![CDATA[${value.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;

export function renderRss(feed: Feed): string {
  const items = feed.items
    .map(
      (item) => `    <item>
      <title>${escapeXml(item.title)}</title>
      <link>${escapeXml(item.link)}</link>
      <guid isPermaLink="false">${escapeXml(item.guid)}</guid>
      <dc:creator>${escapeXml(item.author)}</dc:creator>
      <pubDate>${new Date(item.publishedAt).toUTCString()}</pubDate>
${item.category ? `      <category>${escapeXml(item.category)}</category>\n` : ""}      <description>${cdata(item.html)}</description>
    </item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${escapeXml(feed.title)}</title>
    <link>${escapeXml(feed.link)}</link>
    <atom:link href="${escapeXml(feed.selfLink)}" rel="self" type="application/rss+xml" />
    <description>${escapeXml(feed.description)}</description>
    <language>fr</language>
${items}
  </channel>
</rss>
`;
}

export function rssResponse(feed: Feed): Response {
  return new Response(renderRss(feed), {
    headers: { "Content-Type": "application/rss+xml; charset=utf-8", "Cache-Control": "public, max-age=60" },
  });
}
