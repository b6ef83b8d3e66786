// Letter avatars, as Discourse gives people without a picture: the first letter of the username on a colour
// derived from it, so the same person always looks the same. SVG, so one file serves every size.

const COLOURS = ["000091", "6a6af4", "18753c", "b34000", "a558a0", "0063cb", "8d533e", "716043", "3a3a3a", "c9191e"];

export const AVATAR_SIZES = { min: 16, max: 512 } as const;

function colourOf(username: string): string {
  let hash = 0;
  for (const char of username) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return COLOURS[hash % COLOURS.length]!;
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** The avatar of `username` at `size` pixels. The letter is escaped: usernames come from the URL. */
export function letterAvatarSvg(username: string, size: number): string {
  const letter = ([...username.trim()][0] ?? "?")
    .toLocaleUpperCase("fr-FR")
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 100 100" role="img">` +
    `<circle cx="50" cy="50" r="50" fill="#${colourOf(username)}"/>` +
    `<text x="50" y="50" dy=".35em" text-anchor="middle" font-family="Marianne, Arial, sans-serif" font-size="52" fill="#fff">${letter}</text>` +
    `</svg>`
  );
}
