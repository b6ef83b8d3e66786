import { useMemo } from "react";

/**
 * A large part of a page's loader data, sent to the browser as one JSON text instead of as objects. Remix encodes
 * loader data with turbo-stream, which walks every object and key in JavaScript, about ten times slower than the
 * native JSON.stringify on plain objects; a topic page's data answer costs a third less this way
 * (docs/decisions/024). On the server the value stays beside its text, not enumerable so never encoded twice: the
 * page renders from it, and the page's JSON (app/server/page-json.server.ts) shows it as if it had been sent as is
 * (toJSON).
 */
export interface JsonText<T> {
  readonly json: string;
  /** For types only: what the text holds. */
  readonly holds?: T;
}

export function asJsonText<T>(value: T): JsonText<T> {
  const text = { json: JSON.stringify(value) };
  Object.defineProperties(text, { value: { value }, toJSON: { value: () => value } });
  return text;
}

/** The value of a JSON text of the loader data: the server's own, or the browser's parse of it (once per load). */
export function useJsonText<T>(text: JsonText<T>): T {
  return useMemo(() => ("value" in text ? (text.value as T) : (JSON.parse(text.json) as T)), [text]);
}
