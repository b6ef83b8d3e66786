// References written in a post: "#123" points at topic 123 (the target shows a backlink), and GitHub / GitLab issue
// or pull / merge request URLs become external references shown with their repository. Framework-free: the
// database side is references.server.ts.

/** At most this many distinct topics referenced by one post: beyond, the rest stays plain text. */
export const MAX_TOPIC_REFERENCES = 50;

// Code (fenced, then inline), Markdown links and images, autolinks and bare URLs: never references.
const PROTECTED =
  /(```[\s\S]*?```|~~~[\s\S]*?~~~|`[^`\n]*`|!?\[[^\]\n]*\]\([^)\n]*\)|<[a-z][a-z0-9+.-]*:[^>\s]*>|\b[a-z][a-z0-9+.-]*:\/\/[^\s<>]*)/gi;
// "#123" standing alone: not after a word character, "&" (an HTML entity), "#" (a heading marker like "##12"),
// "/" (a URL fragment) or "\" (escaped: "\#123" is a plain number), and not followed by a word character.
const REFERENCE = /(^|[^\p{L}\p{N}_&#/\\])#(\d{1,9})(?![\p{L}\p{N}_-])/gu;

/** Applies `transform` to the parts of the Markdown that are neither code nor links nor URLs. */
function outsideProtected(raw: string, transform: (text: string) => string): string {
  return raw
    .split(PROTECTED)
    .map((part, index) => (index % 2 === 1 ? part : transform(part)))
    .join("");
}

/** The topic ids a post references, in order of first appearance, without repeats. */
export function extractTopicReferences(raw: string): number[] {
  const ids = new Set<number>();
  outsideProtected(String(raw ?? ""), (text) => {
    for (const match of text.matchAll(REFERENCE)) {
      const id = Number(match[2]);
      if (id > 0 && ids.size < MAX_TOPIC_REFERENCES) ids.add(id);
    }
    return text;
  });
  return [...ids];
}

/** Turns the references to known topics into Markdown links before rendering; the others stay as written. The
 * path of each topic is given by the caller, so the same text always cooks to the same HTML. */
export function linkTopicReferences(raw: string, paths: ReadonlyMap<number, string>): string {
  if (paths.size === 0) return raw;
  return outsideProtected(raw, (text) =>
    text.replace(REFERENCE, (whole, before: string, digits: string) => {
      const path = paths.get(Number(digits));
      return path ? `${before}[#${digits}](${path})` : whole;
    }),
  );
}

/** The French refusal for a reference to a topic that does not exist or that the author cannot see. */
export function missingReferenceMessage(id: number): string {
  return `Le sujet #${id} n'existe pas. Pour écrire un simple numéro, tapez \\#${id}.`;
}

export type ExternalHost = "github" | "gitlab";
export type ExternalKind = "issue" | "pull_request" | "merge_request";

export interface ExternalReferenceLink {
  /** The URL as written, without its anchor, query or trailing path: one row per issue. */
  url: string;
  host: ExternalHost;
  /** The host name, for self-hosted GitLab ("gitlab.adullact.net"). */
  hostname: string;
  /** owner/name on GitHub, the full group path on GitLab. */
  repository: string;
  kind: ExternalKind;
  number: number;
}

const NUMBER = /^\d{1,9}$/;
const NAME = /^[\w.-]+$/;

/** A GitHub or GitLab issue, pull request or merge request URL, or null for any other URL. */
export function parseExternalReferenceUrl(input: string): ExternalReferenceLink | null {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  const hostname = url.hostname.toLowerCase();
  const segments = url.pathname.split("/").filter(Boolean).map(decodeSegment);
  if (segments.some((segment) => segment === null)) return null;
  const parts = segments as string[];

  if (hostname === "github.com" || hostname === "www.github.com") {
    const [owner, repo, section, number] = parts;
    if (!owner || !repo || !NAME.test(owner) || !NAME.test(repo) || !number || !NUMBER.test(number)) return null;
    if (section !== "issues" && section !== "pull") return null;
    const kind: ExternalKind = section === "issues" ? "issue" : "pull_request";
    const repository = `${owner}/${repo}`;
    return {
      url: `https://github.com/${repository}/${section}/${Number(number)}`,
      host: "github",
      hostname: "github.com",
      repository,
      kind,
      number: Number(number),
    };
  }

  // GitLab, on gitlab.com or self-hosted: /<group>/<subgroup…>/<project>/-/issues/<n> or /-/merge_requests/<n>.
  const dash = parts.indexOf("-");
  if (dash < 2) return null;
  const [section, number] = parts.slice(dash + 1);
  if ((section !== "issues" && section !== "merge_requests") || !number || !NUMBER.test(number)) return null;
  const groups = parts.slice(0, dash);
  if (!groups.every((segment) => NAME.test(segment))) return null;
  const repository = groups.join("/");
  const origin = `${url.protocol}//${url.host.toLowerCase()}`;
  return {
    url: `${origin}/${repository}/-/${section}/${Number(number)}`,
    host: "gitlab",
    hostname,
    repository,
    kind: section === "issues" ? "issue" : "merge_request",
    number: Number(number),
  };
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>()[\]"'`]+/gi;

/** Every distinct external reference in a post (code included: a URL pasted in a code block still points there). */
export function extractExternalReferences(raw: string): ExternalReferenceLink[] {
  const found = new Map<string, ExternalReferenceLink>();
  for (const match of String(raw ?? "").matchAll(URL_IN_TEXT)) {
    const parsed = parseExternalReferenceUrl(match[0].replace(/[.,;:!?]+$/, ""));
    if (parsed && !found.has(parsed.url) && found.size < MAX_TOPIC_REFERENCES) found.set(parsed.url, parsed);
  }
  return [...found.values()];
}

/** "Ticket GitHub georchestra/georchestra#4321", "Merge request GitLab prodige/prodige!87". */
export function describeExternalReference(reference: {
  host: string;
  repository: string;
  kind: string;
  number: number;
}): string {
  const host = reference.host === "github" ? "GitHub" : "GitLab";
  const label =
    reference.kind === "issue" ? "Ticket" : reference.kind === "pull_request" ? "Pull request" : "Merge request";
  const sign = reference.kind === "merge_request" ? "!" : "#";
  return `${label} ${host} ${reference.repository}${sign}${reference.number}`;
}
