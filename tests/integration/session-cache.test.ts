// The session cache spares signed-in pages four SQL statements; these tests hold it to its promise: whatever the
// app itself changes (signing out, revoking a session, group membership) takes effect on the very next request.
import { describe, expect, it } from "vitest";
import { csrfFrom, form, sessionCookieFor, submitForm } from "../support/sessions";

// Set before the server's modules load: the configuration is read once.
process.env.SESSION_CACHE_SECONDS = "60";
const { useAppServer } = await import("../support/app-server");
const { getDb } = await import("../../app/infra/db.server");
const baseUrl = useAppServer();

const whoAmI = async (cookie: string) => {
  const response = await fetch(`${baseUrl()}/session/current.json`, { headers: { cookie } });
  return ((await response.json()) as { current_user?: { username: string; groups: string[] } }).current_user;
};

describe("session cache", () => {
  it("keeps serving a session read a moment ago: a change made behind the app's back waits for the TTL", async () => {
    const { cookie, sessionToken } = await sessionCookieFor("claire.martin");
    expect((await whoAmI(cookie))?.username).toBe("claire.martin");
    const db = await getDb();
    const { sha256 } = await import("../../app/domain/identity/tokens.server");
    // A script revoking the session directly in the database, not through the app.
    await db.session.update({ where: { id: sha256(sessionToken) }, data: { revokedAt: new Date() } });
    expect((await whoAmI(cookie))?.username).toBe("claire.martin");
  });

  it("signing out ends the session on the next request", async () => {
    const { cookie } = await sessionCookieFor("claire.martin");
    expect((await whoAmI(cookie))?.username).toBe("claire.martin");
    const csrf = await csrfFrom(baseUrl(), "/latest", cookie);
    const out = await fetch(`${baseUrl()}/logout`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: form({ csrf }),
      redirect: "manual",
    });
    expect(out.status).toBe(302);
    expect(await whoAmI(cookie)).toBeUndefined();
  });

  it("a session closed from another device is refused at once", async () => {
    const phone = await sessionCookieFor("sophie.bernard");
    const laptop = await sessionCookieFor("sophie.bernard");
    expect((await whoAmI(phone.cookie))?.username).toBe("sophie.bernard");
    const revoked = await submitForm(baseUrl(), "/u/sophie.bernard/preferences/security", laptop.cookie, {
      intent: "revoke-all",
    });
    expect(revoked.status).toBeLessThan(400);
    expect(await whoAmI(phone.cookie)).toBeUndefined();
  });

  it("a member added to a group by an admin gets its rights on the next request", async () => {
    const member = await sessionCookieFor("claire.martin");
    const admin = await sessionCookieFor("admin");
    const groupsOf = async () => (await whoAmI(member.cookie))?.groups ?? [];
    expect(await groupsOf()).not.toContain("mainteneurs-prodige");
    const added = await submitForm(baseUrl(), "/admin/groups/mainteneurs-prodige", admin.cookie, {
      intent: "add-member",
      username: "claire.martin",
    });
    expect(added.status).toBeLessThan(400);
    expect(await groupsOf()).toContain("mainteneurs-prodige");
  });
});
