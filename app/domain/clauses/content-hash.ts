import { createHash } from "node:crypto";

/**
 * The text a content hash is computed on: invisible differences (BOM, Windows line ends, trailing spaces, trailing
 * blank lines) do not make a new version, everything a reader can see does.
 */
export function normalizeClauseFile(text: string): string {
  return (
    text
      .replace(/^\uFEFF/, "")
      .replace(/\r\n?/g, "\n")
      .split("\n")
      .map((line) => line.trimEnd())
      .join("\n")
      .trimEnd() + "\n"
  );
}

/** `sha256:<hex>`: the prefix names the algorithm, so the format can change without ambiguity. */
export function computeContentHash(normalizedText: string): string {
  return `sha256:${createHash("sha256").update(normalizedText, "utf8").digest("hex")}`;
}
