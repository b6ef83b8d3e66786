/** A page's text as a reader sees it: character references decoded, React's text separators gone. Fragments the
 * server keeps write characters beyond Latin-1 as references (docs/decisions/028), so "→" may arrive as "&#x2192;". */
export function readerText(html: string): string {
  return html
    .replace(/<!-- -->/g, "")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
