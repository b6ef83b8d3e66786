/**
 * The one error type of the domain: a French message a user can read, the HTTP status a route should answer with,
 * and context for the log. Routes turn it into a response in one place (app/domain/shared/responses.server.ts).
 */
export class DomainError extends Error {
  override name = "DomainError";
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503,
    readonly userMessage: string,
    readonly context: Record<string, unknown> = {},
  ) {
    super(userMessage);
  }
}

export const notFound = (what: string, context: Record<string, unknown> = {}) =>
  new DomainError(404, `${what} est introuvable.`, context);
