import { describe, expect, it } from "vitest";
import { getDb } from "../../app/infra/db.server";
import { useAppServer } from "../support/app-server";
import { csrfFrom, form, sessionCookieFor } from "../support/sessions";

const baseUrl = useAppServer();

const ADMIN_PAGES = [
  "/admin",
  "/admin/users",
  "/admin/groups",
  "/admin/groups/membres-crige",
  "/admin/organisations",
  "/admin/audit",
];

const ADMIN_ACTIONS: { path: string; fields: Record<string, string | string[]> }[] = [
  { path: "/admin/users", fields: { username: "claire.martin", role: "admin" } },
  { path: "/admin/groups", fields: { name: "intrus", label: "Groupe intrus" } },
  { path: "/admin/groups/membres-crige", fields: { intent: "add-member", username: "claire.martin" } },
  { path: "/admin/groups/membres-crige", fields: { intent: "remove-member", username: "sophie.bernard" } },
  { path: "/admin/groups/membres-crige", fields: { intent: "create", label: "Clé volée", scopes: "read" } },
  { path: "/admin/organisations", fields: { siret: "21350001600019", kind: "crige" } },
];

async function snapshot() {
  const db = await getDb();
  return {
    audit: await db.auditEvent.count(),
    roles: await db.user.findMany({ select: { username: true, role: true }, orderBy: { id: "asc" } }),
    groups: await db.group.count(),
    memberships: await db.groupMembership.count(),
    keys: await db.apiKey.count(),
    kinds: await db.organisation.findMany({ select: { siret: true, kind: true }, orderBy: { id: "asc" } }),
  };
}

describe.each([
  ["an anonymous visitor", null],
  ["a member", "julien.roux"],
  ["a moderator", "karim.haddad"],
])("administration refused to %s", (_label, username) => {
  it("answers 403 on every admin page", async () => {
    const cookie = username ? (await sessionCookieFor(username)).cookie : undefined;
    for (const path of ADMIN_PAGES) {
      const response = await fetch(`${baseUrl()}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
      expect(response.status, path).toBe(403);
      expect(await response.text()).toContain("Accès refusé");
    }
  });

  it("answers 403 on every admin action and changes nothing, even with a valid form token", async () => {
    const cookie = username ? (await sessionCookieFor(username)).cookie : undefined;
    const csrf = await csrfFrom(baseUrl(), "/", cookie);
    const before = await snapshot();
    for (const action of ADMIN_ACTIONS) {
      const response = await fetch(`${baseUrl()}${action.path}`, {
        method: "POST",
        headers: { ...(cookie ? { cookie } : {}), "content-type": "application/x-www-form-urlencoded" },
        body: form({ ...action.fields, csrf }),
        redirect: "manual",
      });
      expect(response.status, action.path).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("administration by an admin", () => {
  it("changes a role and writes who did it in the audit log", async () => {
    const { cookie } = await sessionCookieFor("admin");
    const csrf = await csrfFrom(baseUrl(), "/admin/users", cookie);
    const response = await fetch(`${baseUrl()}/admin/users`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: form({ username: "julien.roux", role: "moderator", csrf }),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Le rôle de @julien.roux a été modifié.");
    const db = await getDb();
    expect((await db.user.findUniqueOrThrow({ where: { username: "julien.roux" } })).role).toBe("moderator");
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" }, include: { actor: true } });
    expect(event).toMatchObject({ action: "user.role_changed", targetId: "julien.roux", actor: { username: "admin" } });
    expect(JSON.parse(event.details)).toEqual({ from: "member", to: "moderator" });

    const audit = await (await fetch(`${baseUrl()}/admin/audit`, { headers: { cookie } })).text();
    expect(audit).toContain("user.role_changed");
  });

  it("manages group members and group API keys, each change audited", async () => {
    const { cookie } = await sessionCookieFor("admin");
    const post = async (fields: Record<string, string | string[]>) => {
      const csrf = await csrfFrom(baseUrl(), "/admin/groups/mainteneurs-prodige", cookie);
      const response = await fetch(`${baseUrl()}/admin/groups/mainteneurs-prodige`, {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: form({ ...fields, csrf }),
      });
      return { status: response.status, html: await response.text() };
    };
    expect((await post({ intent: "add-member", username: "claire.martin" })).html).toContain("a rejoint le groupe");
    const missing = await post({ intent: "add-member", username: "personne.inconnue" });
    expect(missing.status).toBe(422);
    expect(missing.html).toContain("Utilisateur inconnu");
    const created = await post({ intent: "create", label: "CI Prodige", scopes: ["conformance:write"] });
    const secret = /data-testid="api-key-secret">([^<]+)</.exec(created.html)?.[1];
    expect(secret).toMatch(/^cicclo_/);

    const me = await fetch(`${baseUrl()}/session/current.json`, { headers: { authorization: `Bearer ${secret}` } });
    expect(me.status).toBe(403);
    const asMember = await fetch(`${baseUrl()}/session/current.json`, {
      headers: { "api-key": secret!, "api-username": "claire.martin" },
    });
    expect(asMember.status).toBe(403);

    const db = await getDb();
    const actions = (await db.auditEvent.findMany({ where: { targetId: "mainteneurs-prodige" } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["group.member_added", "api_key.created"]));
  });

  it("refuses an admin action whose form token is missing or forged", async () => {
    const { cookie } = await sessionCookieFor("admin");
    for (const csrf of ["", "forged-token"]) {
      const response = await fetch(`${baseUrl()}/admin/users`, {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: form({ username: "claire.martin", role: "admin", csrf }),
      });
      expect(response.status).toBe(403);
    }
    const db = await getDb();
    expect((await db.user.findUniqueOrThrow({ where: { username: "claire.martin" } })).role).toBe("member");
  });
});
