// Builds clause files for the clause library's unit tests: each test states only the fields it is about.
import { stringify } from "yaml";

export interface ClauseFileOptions {
  frontMatter?: Record<string, unknown>;
  /** Keys to drop from the default front matter (to test a missing field). */
  omit?: string[];
  body?: string;
  guidance?: string;
}

export const defaultFrontMatter = (): Record<string, unknown> => ({
  id: "exemple",
  title: "Clause d'exemple",
  theme: "Interopérabilité",
  tags: ["exemple"],
  version: "1.0.0",
  status: "published",
  published: "2026-11-02",
  inForceFrom: null,
  obligation: "recommandée",
  parameters: [
    { name: "delai", type: "integer", label: "Délai de livraison", unit: "jours", min: 5, max: 60, default: 30 },
  ],
  references: [{ standard: "RGAA", version: "4.1" }],
  conformanceClasses: ["http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"],
  changelog: "Première version publiée.",
});

export function clauseFile(options: ClauseFileOptions = {}): string {
  const frontMatter: Record<string, unknown> = { ...defaultFrontMatter(), ...options.frontMatter };
  for (const key of options.omit ?? []) delete frontMatter[key];
  const body = options.body ?? "Le titulaire livre la solution dans un délai de {{delai}}.";
  const guidance = options.guidance === undefined ? "" : `\n## Guide de l'acheteur\n\n${options.guidance}\n`;
  return `---\n${stringify(frontMatter)}---\n\n${body}\n${guidance}`;
}

/** 1-based number of the first line containing `needle`, so tests do not hard-code line numbers. */
export function lineContaining(text: string, needle: string): number {
  const index = text.split("\n").findIndex((line) => line.includes(needle));
  if (index === -1) throw new Error(`"${needle}" is not in the text`);
  return index + 1;
}

export const KNOWN_CLASSES = new Set([
  "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
  "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
  "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
]);
/** The checker takes the catalogue as a function; tests use a fixed set instead of the conformance module. */
export const isKnownClassUri = (uri: string) => KNOWN_CLASSES.has(uri);
