import { actingGroups, viewerRole, type Role, type SignedInUser, type Viewer } from "~/domain/identity/viewer";

/** What the forum's rules need to know about a person: role and groups. */
export interface Reader {
  role: Role | "anonymous";
  groups: string[];
  userId: number | null;
}

export function readerOf(viewer: Viewer): Reader {
  return {
    role: viewerRole(viewer),
    groups: actingGroups(viewer),
    userId: viewer.kind === "anonymous" ? null : (viewer.user?.id ?? null),
  };
}

export function readerOfUser(user: SignedInUser): Reader {
  return { role: user.role, groups: user.groups, userId: user.id };
}

export interface CategoryRules {
  readRestricted: boolean;
  permissions: { group: string; canSee: boolean; canReply: boolean; canCreate: boolean }[];
}

export const isStaff = (reader: Reader) => reader.role === "moderator" || reader.role === "admin";

function grants(reader: Reader, rules: CategoryRules, right: "canSee" | "canReply" | "canCreate"): boolean {
  return rules.permissions.some((permission) => permission[right] && reader.groups.includes(permission.group));
}

export function canSeeCategory(reader: Reader, rules: CategoryRules): boolean {
  return isStaff(reader) || !rules.readRestricted || grants(reader, rules, "canSee");
}

export function canCreateTopic(reader: Reader, rules: CategoryRules): boolean {
  if (reader.role === "anonymous" || !canSeeCategory(reader, rules)) return false;
  return isStaff(reader) || rules.permissions.length === 0 || grants(reader, rules, "canCreate");
}

export function canReply(reader: Reader, rules: CategoryRules, topic: { closed: boolean }): boolean {
  if (reader.role === "anonymous" || !canSeeCategory(reader, rules)) return false;
  if (isStaff(reader)) return true;
  if (topic.closed) return false;
  return rules.permissions.length === 0 || grants(reader, rules, "canReply");
}

/** Authors edit and delete their own posts; moderators and admins any post. */
export function canModifyPost(reader: Reader, post: { userId: number }): boolean {
  return isStaff(reader) || (reader.userId !== null && reader.userId === post.userId);
}

/** A deleted post comes back by its author (if they deleted it) or by staff. */
export function canRestorePost(reader: Reader, post: { userId: number; deletedById: number | null }): boolean {
  return (
    isStaff(reader) || (reader.userId !== null && post.deletedById === reader.userId && post.userId === reader.userId)
  );
}

/** Readers with the same key see the same categories, hence the same lists: shared read models are keyed by it. */
export function audienceKey(reader: Reader): string {
  return isStaff(reader) ? "staff" : `groups:${[...reader.groups].sort().join(",")}`;
}

/** The Prisma filter selecting the categories a reader may see, for lists and counts. */
export function visibleCategoriesWhere(reader: Reader) {
  if (isStaff(reader)) return {};
  return {
    OR: [
      { readRestricted: false },
      ...(reader.groups.length
        ? [{ permissions: { some: { canSee: true, group: { name: { in: reader.groups } } } } }]
        : []),
    ],
  };
}

export const anonymousReader: Reader = { role: "anonymous", groups: [], userId: null };
