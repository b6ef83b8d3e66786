import { describe, expect, it } from "vitest";
import { sha256 } from "../../app/domain/identity/tokens.server";
import { getDb } from "../../app/infra/db.server";
import { useAppServer } from "../support/app-server";
import { csrfFrom, form, sessionCookieFor } from "../support/sessions";

const baseUrl = useAppServer();
const securityPage = "/u/julien.roux/preferences/security";

const signedIn = async (cookie: string) =>
  (await (await fetch(`${baseUrl()}/`, { headers: { cookie } })).text()).includes("Se déconnecter");

describe("server-side sessions", () => {
  it("lists the user's sessions and revokes one; its cookie stops working at once", async () => {
    const laptop = await sessionCookieFor("julien.roux");
    const phone = await sessionCookieFor("julien.roux");
    expect(await signedIn(phone.cookie)).toBe(true);

    const page = await (await fetch(`${baseUrl()}${securityPage}`, { headers: { cookie: laptop.cookie } })).text();
    expect(page).toContain("Cette session");
    expect(page.match(/Fermer cette session/g)?.length).toBeGreaterThanOrEqual(2);

    const csrf = await csrfFrom(baseUrl(), securityPage, laptop.cookie);
    const response = await fetch(`${baseUrl()}${securityPage}`, {
      method: "POST",
      headers: { cookie: laptop.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: form({ intent: "revoke", sessionId: sha256(phone.sessionToken), csrf }),
    });
    expect(await response.text()).toContain("La session a été fermée.");
    // A copied (stolen) cookie of the revoked session is worth nothing now.
    expect(await signedIn(phone.cookie)).toBe(false);
    expect(await signedIn(laptop.cookie)).toBe(true);
  });

  it("revokes every session at once, the current one included", async () => {
    const first = await sessionCookieFor("sophie.bernard");
    const second = await sessionCookieFor("sophie.bernard");
    const path = "/u/sophie.bernard/preferences/security";
    const csrf = await csrfFrom(baseUrl(), path, first.cookie);
    const response = await fetch(`${baseUrl()}${path}`, {
      method: "POST",
      headers: { cookie: first.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: form({ intent: "revoke-all", csrf }),
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    expect(await signedIn(first.cookie)).toBe(false);
    expect(await signedIn(second.cookie)).toBe(false);
  });

  it("refuses sessions past their absolute lifetime or idle for too long", async () => {
    const db = await getDb();
    const expired = await sessionCookieFor("karim.haddad");
    await db.session.update({
      where: { id: sha256(expired.sessionToken) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await signedIn(expired.cookie)).toBe(false);

    const idle = await sessionCookieFor("karim.haddad");
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3_600_000);
    await db.session.update({ where: { id: sha256(idle.sessionToken) }, data: { lastUsedAt: eightDaysAgo } });
    expect(await signedIn(idle.cookie)).toBe(false);
  });

  it("sets the session cookie HttpOnly and SameSite=Lax, holding no user data", async () => {
    const { serialize } = (await import("../../app/infra/auth.server")).authCookies().session;
    const header = await serialize("token");
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
  });

  it("shows account settings to their owner only", async () => {
    const { cookie } = await sessionCookieFor("claire.martin");
    const response = await fetch(`${baseUrl()}${securityPage}`, { headers: { cookie }, redirect: "manual" });
    expect(response.status).toBe(403);
    const anonymous = await fetch(`${baseUrl()}${securityPage}`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe(`/login?returnTo=${encodeURIComponent(securityPage)}`);
  });
});
