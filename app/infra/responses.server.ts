import { data } from "@remix-run/node";
import { discourseErrorJson, domainErrorJson } from "~/domain/forum/discourse-json";
import { DomainError } from "~/domain/shared/errors";

/** A thrown HTTP answer: UI routes render it with the French error page, resource routes send it as is. */
export function httpError(status: number, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** Runs a domain call and turns a DomainError into the HTTP answer it asks for; anything else stays a 500. */
export async function orHttpError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) throw httpError(error.status, error.userMessage);
    throw error;
  }
}

/** A positive integer from a URL segment, or a 404: "/t/x/abc" is a missing page, not a server error. */
export function requireIdParam(value: string | undefined): number {
  const id = Number(value);
  if (!value || !/^\d{1,15}$/.test(value) || !Number.isSafeInteger(id) || id < 1) {
    throw httpError(404, "Page introuvable");
  }
  return id;
}

export interface FormFailure {
  ok: false;
  message: string;
  fieldErrors: Record<string, string>;
}

/** For form actions: a DomainError becomes the French message shown above the form (and next to its fields) with
 * its 4xx status, so the person keeps what they typed. */
export async function formAction<T>(work: () => Promise<T>) {
  try {
    return { ok: true as const, ...(await work()) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const fieldErrors = (error.context.fieldErrors ?? {}) as Record<string, string>;
    return data({ ok: false, message: error.userMessage, fieldErrors } satisfies FormFailure, { status: error.status });
  }
}

/** Authorization inside loaders and actions: a DomainError thrown by a permission check becomes its status page. */
export function authorize<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof DomainError) throw httpError(error.status, error.userMessage);
    throw error;
  }
}

/** For Discourse-compatible JSON endpoints: the work's result as JSON, and any refusal (a DomainError, or an HTTP
 * error thrown on the way, such as a wrong API key) in Discourse's error shape, so API clients always get JSON. */
export async function discourseJson(work: () => Promise<unknown>): Promise<Response> {
  try {
    return Response.json(await work());
  } catch (error) {
    if (error instanceof DomainError) return Response.json(domainErrorJson(error), { status: error.status });
    if (error instanceof Response && error.status >= 400) {
      const retryAfter = error.headers.get("Retry-After");
      const message = (await error.text()) || "Requête refusée.";
      const body = discourseErrorJson(error.status, [message], retryAfter ? Number(retryAfter) : undefined);
      return Response.json(body, { status: error.status, headers: retryAfter ? { "Retry-After": retryAfter } : {} });
    }
    throw error;
  }
}

/** For plain JSON endpoints (the clause library's): the result as JSON, a DomainError as `{ error, fieldErrors }`
 * with its status, so API clients always get JSON with a French message. */
export async function jsonOrError(work: () => Promise<unknown>, init: ResponseInit = {}): Promise<Response> {
  try {
    return Response.json(await work(), init);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const fieldErrors = (error.context.fieldErrors ?? {}) as Record<string, string>;
    return Response.json({ error: error.userMessage, fieldErrors }, { status: error.status });
  }
}
