// Characters XML 1.0 forbids even when escaped (C0 controls but tab, newline, carriage return; lone surrogates;
// U+FFFE/U+FFFF). A buyer's pasted text may hold them, and one of them makes the whole file unreadable.
const FORBIDDEN_IN_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for element content and for attribute values (both quotes), and drops forbidden characters. */
export function escapeXml(text: string): string {
  return text
    .replace(FORBIDDEN_IN_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Links in exports only go to the web or to mail: never `javascript:` or local files. */
export const isSafeHref = (href: string) => /^(https?:|mailto:)/i.test(href);
