import { data } from "@remix-run/node";
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
