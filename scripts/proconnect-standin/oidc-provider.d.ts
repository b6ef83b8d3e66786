// oidc-provider ships no types and @types/oidc-provider is not installed: this declares the part of its API the
// ProConnect stand-in uses, checked against oidc-provider 9.13 (lib/provider.js, lib/helpers/defaults.js).
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";
  import type { JsonWebKey } from "node:crypto";

  export interface ClientMetadata {
    client_id: string;
    client_secret?: string;
    redirect_uris?: string[];
    post_logout_redirect_uris?: string[];
    grant_types?: string[];
    response_types?: string[];
    token_endpoint_auth_method?: string;
    id_token_signed_response_alg?: string;
    userinfo_signed_response_alg?: string;
  }

  export interface Client {
    clientId: string;
  }

  /** The Koa context, reduced to what the stand-in touches. */
  export interface KoaContext {
    method: string;
    query: Record<string, unknown>;
    get(header: string): string;
    status: number;
    type: string;
    body: unknown;
    redirect(url: string): void;
    cookies: { set(name: string, value: string | null): void };
  }

  export interface Session {
    authorizations?: Record<string, { grantId?: string }>;
    destroy(): Promise<void>;
  }

  export interface OIDCContext {
    route: string;
    params: Record<string, unknown>;
    /** The parsed body of a POST request. */
    body?: Record<string, unknown>;
    session: Session;
    provider: Provider;
    urlFor(name: string): string;
  }

  export interface KoaContextWithOIDC extends KoaContext {
    oidc: OIDCContext;
  }

  export interface AccessTokenLike {
    clientId?: string;
  }

  export interface ErrorOut {
    error: string;
    error_description?: string;
  }

  export type AccountClaims = { sub: string } & Record<string, unknown>;

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): AccountClaims | Promise<AccountClaims>;
  }

  export interface InteractionPrompt {
    name: "login" | "consent" | (string & {});
    details: { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
  }

  export interface Interaction {
    uid: string;
    prompt: InteractionPrompt;
    params: Record<string, unknown> & { client_id: string };
    session?: { accountId: string };
    grantId?: string;
  }

  export type InteractionResults =
    | { login: { accountId: string; acr?: string; amr?: string[] } }
    | { consent: { grantId: string } }
    | { error: string; error_description?: string };

  export interface Grant {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
    destroy(): Promise<void>;
  }

  interface GrantModel {
    new (properties: { accountId: string; clientId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  }

  interface RevocableByGrant {
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export type ExtraParamValidator = (ctx: KoaContextWithOIDC, value: unknown, client: Client) => void | Promise<void>;

  /** A storage for oidc-provider's models (sessions, codes, tokens...), built per model name. */
  export type AdapterFactory = (model: string) => unknown;

  export interface Configuration {
    acrValues?: string[];
    adapter?: AdapterFactory;
    claims?: Record<string, string[] | null>;
    clientAuthMethods?: string[];
    clientBasedCORS?: (ctx: KoaContextWithOIDC, origin: string, client: Client) => boolean;
    clients?: ClientMetadata[];
    cookies?: { keys?: string[] };
    enabledJWA?: { idTokenSigningAlgValues?: string[]; userinfoSigningAlgValues?: string[] };
    extraParams?: Record<string, ExtraParamValidator | null>;
    features?: {
      claimsParameter?: { enabled: boolean };
      devInteractions?: { enabled: boolean };
      dPoP?: { enabled: boolean };
      introspection?: {
        enabled: boolean;
        allowedPolicy?: (ctx: KoaContextWithOIDC, client: Client, token: AccessTokenLike) => Promise<boolean>;
      };
      jwtUserinfo?: { enabled: boolean };
      pushedAuthorizationRequests?: { enabled: boolean };
      resourceIndicators?: { enabled: boolean };
      revocation?: {
        enabled: boolean;
        allowedPolicy?: (ctx: KoaContextWithOIDC, client: Client, token: AccessTokenLike) => Promise<boolean>;
      };
      rpInitiatedLogout?: {
        enabled: boolean;
        logoutSource?: (ctx: KoaContextWithOIDC, form: string) => Promise<void>;
        postLogoutSuccessSource?: (ctx: KoaContextWithOIDC) => Promise<void>;
      };
    };
    findAccount?: (ctx: KoaContextWithOIDC, sub: string) => Promise<Account | undefined>;
    interactions?: { url?: (ctx: KoaContextWithOIDC, interaction: Interaction) => Promise<string> };
    jwks?: { keys: JsonWebKey[] };
    renderError?: (ctx: KoaContextWithOIDC, out: ErrorOut, error: Error) => Promise<void>;
    responseTypes?: string[];
    routes?: Record<string, string>;
    scopes?: string[];
    ttl?: Record<string, number>;
  }

  /** A middleware given to provider.use(): `oidc` is there only once a route of the provider has handled the request. */
  export type ProviderMiddleware = (
    ctx: KoaContext & { oidc?: OIDCContext },
    next: () => Promise<void>,
  ) => Promise<void>;

  export class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly Grant: GrantModel;
    readonly AccessToken: RevocableByGrant;
    readonly AuthorizationCode: RevocableByGrant;
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    use(middleware: ProviderMiddleware): this;
    cookieName(type: "session" | "interaction" | "resume"): string;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }

  /** oidc-provider's errors carry the OAuth `error` code and its description. */
  export interface OIDCProviderError extends Error {
    error: string;
    error_description?: string;
  }

  export const errors: {
    OIDCProviderError: new (status: number, message: string) => OIDCProviderError;
    InvalidRequest: new (description?: string) => OIDCProviderError;
    InvalidScope: new (description: string, scope: string) => OIDCProviderError;
  };

  export default Provider;
}

declare module "oidc-provider/lib/adapters/memory_adapter.js" {
  import type { AdapterFactory } from "oidc-provider";

  export function createMemoryAdapter(clockTolerance?: number): AdapterFactory;
}
