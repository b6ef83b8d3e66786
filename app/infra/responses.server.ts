import { data } from "@remix-run/node";
import { DomainError } from "~/domain/shared/errors";

/** Runs a domain call and turns a DomainError into the HTTP answer it asks for; anything else stays a 500. */
export async function orHttpError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) throw data(error.userMessage, { status: error.status });
    throw error;
  }
}

/** A positive integer from a URL segment, or a 404: "/t/x/abc" is a missing page, not a server error. */
export function requireIdParam(value: string | undefined): number {
  const id = Number(value);
  if (!value || !/^\d{1,15}$/.test(value) || !Number.isSafeInteger(id) || id < 1) {
    throw data("Page introuvable", { status: 404 });
  }
  return id;
}
