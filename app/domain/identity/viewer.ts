import { DomainError } from "~/domain/shared/errors";

export type Role = "member" | "moderator" | "admin";
export const ROLES: readonly Role[] = ["member", "moderator", "admin"];

export const API_KEY_SCOPES = ["read", "topics:write", "conformance:write"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export interface SignedInUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  groups: string[];
}

/** Who is asking, and how: a browser session carries all the user's rights, an API key only its scopes. A group's
 * key acts for the group (user null) unless the caller names one of its members with Api-Username. */
export type Viewer =
  | { kind: "anonymous" }
  | { kind: "session"; user: SignedInUser; sessionId: string }
  | { kind: "api_key"; user: SignedInUser | null; group: string | null; apiKeyId: number; scopes: ApiKeyScope[] };

export const anonymous: Viewer = { kind: "anonymous" };

export function viewerRole(viewer: Viewer): Role | "anonymous" {
  return viewer.kind === "anonymous" || !viewer.user ? "anonymous" : viewer.user.role;
}

/** The groups whose rights the viewer exercises: a user's groups, or the one group of a group key. */
export function actingGroups(viewer: Viewer): string[] {
  if (viewer.kind === "anonymous") return [];
  if (viewer.user) return viewer.user.groups;
  return viewer.kind === "api_key" && viewer.group ? [viewer.group] : [];
}

export function isStaff(viewer: Viewer): boolean {
  const role = viewerRole(viewer);
  return role === "moderator" || role === "admin";
}

/** Admin pages and actions. Anonymous visitors get the same 403 as members: nothing there is for them. */
export function requireAdmin(viewer: Viewer): SignedInUser {
  if (viewer.kind === "session" && viewer.user.role === "admin") return viewer.user;
  throw new DomainError(403, "Cette page est réservée aux administrateurs.", { role: viewerRole(viewer) });
}

export function requireSignedIn(viewer: Viewer): SignedInUser {
  if (viewer.kind === "anonymous") throw new DomainError(401, "Connectez-vous pour continuer.");
  if (!viewer.user) {
    throw new DomainError(403, "Cette clé de groupe doit préciser l'utilisateur (en-tête Api-Username).");
  }
  return viewer.user;
}

/** For API calls: a session may do anything its user may; an API key only what its scopes allow. */
export function requireScope(viewer: Viewer, scope: ApiKeyScope): void {
  if (viewer.kind === "anonymous") throw new DomainError(401, "Connectez-vous pour continuer.");
  if (viewer.kind === "api_key" && !viewer.scopes.includes(scope)) {
    throw new DomainError(403, `Cette clé d'API n'a pas la portée « ${scope} ».`, { scope });
  }
}

/** Account settings (sessions, API keys) are for their owner only, through a browser session. */
export function requireSelf(viewer: Viewer, username: string): SignedInUser {
  if (viewer.kind === "session" && viewer.user.username === username) return viewer.user;
  throw new DomainError(403, "Vous ne pouvez gérer que votre propre compte.", { username });
}
