import { describe, expect, it } from "vitest";
import { getDb } from "../../app/infra/db.server";
import { runCli } from "../../scripts/cli";
import { useAppServer } from "../support/app-server";
import { csrfFrom, form, sessionCookieFor } from "../support/sessions";

const baseUrl = useAppServer();
const whoAmI = (headers: Record<string, string>) => fetch(`${baseUrl()}/session/current.json`, { headers });

async function cliKey(...args: string[]): Promise<string> {
  const lines: string[] = [];
  expect(await runCli(["api-key", "create", ...args], (line) => lines.push(line))).toBe(0);
  return lines[0]!;
}

describe("API keys", () => {
  it("a user creates a key for themself, sees it once, uses it as a bearer token, then revokes it", async () => {
    const { cookie } = await sessionCookieFor("julien.roux");
    const path = "/u/julien.roux/preferences/api-keys";
    const post = async (fields: Record<string, string | string[]>) => {
      const csrf = await csrfFrom(baseUrl(), path, cookie);
      const response = await fetch(`${baseUrl()}${path}`, {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: form({ ...fields, csrf }),
      });
      return { status: response.status, html: await response.text() };
    };
    const created = await post({ intent: "create", label: "CI geOrchestra", scopes: ["read", "conformance:write"] });
    const secret = /data-testid="api-key-secret">([^<]+)</.exec(created.html)?.[1];
    expect(secret).toMatch(/^cicclo_[\w-]{43}$/);
    const listed = await (await fetch(`${baseUrl()}${path}`, { headers: { cookie } })).text();
    expect(listed).toContain("CI geOrchestra");
    expect(listed).not.toContain(secret!);

    const me = await whoAmI({ authorization: `Bearer ${secret}` });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      current_user: { username: "julien.roux" },
      api_key: { scopes: ["read", "conformance:write"] },
    });
    const db = await getDb();
    const stored = await db.apiKey.findFirstOrThrow({ where: { label: "CI geOrchestra" } });
    expect(stored.keyHash).not.toContain(secret!.slice(7));
    expect(stored.lastUsedAt).not.toBeNull();

    await post({ intent: "revoke", keyId: String(stored.id) });
    expect((await whoAmI({ authorization: `Bearer ${secret}` })).status).toBe(401);
  });

  it("rejects bad creation input with French messages and creates nothing", async () => {
    const { cookie } = await sessionCookieFor("julien.roux");
    const path = "/u/julien.roux/preferences/api-keys";
    const before = await (await getDb()).apiKey.count();
    for (const [fields, message] of [
      [{ label: "x", scopes: "read" }, "Le nom de la clé doit contenir de 2 à 100 caractères."],
      [{ label: "Sans portée" }, "Choisissez au moins une portée."],
      [{ label: "Portée inconnue", scopes: "admin" }, "Portée inconnue : admin."],
      [
        { label: "Passée", scopes: "read", expiresAt: "2020-01-01" },
        "La date d&#x27;expiration doit être une date future",
      ],
    ] as const) {
      const csrf = await csrfFrom(baseUrl(), path, cookie);
      const response = await fetch(`${baseUrl()}${path}`, {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: form({ intent: "create", ...fields, csrf }),
      });
      expect(response.status).toBe(422);
      expect(await response.text()).toContain(message);
    }
    expect(await (await getDb()).apiKey.count()).toBe(before);
  });

  it("accepts Discourse's Api-Key and Api-Username headers, and refuses a username that is not the key's", async () => {
    const secret = await cliKey("--user", "sophie.bernard", "--scope", "read");
    const ok = await whoAmI({ "api-key": secret, "api-username": "sophie.bernard" });
    expect(ok.status).toBe(200);
    const wrong = await whoAmI({ "api-key": secret, "api-username": "admin" });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain("Clé d'API invalide");
  });

  it("limits a key to its scopes and refuses expired keys", async () => {
    const writeOnly = await cliKey("--user", "karim.haddad", "--scope", "conformance:write");
    const refused = await whoAmI({ authorization: `Bearer ${writeOnly}` });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("n'a pas la portée « read »");

    const expiring = await cliKey("--user", "karim.haddad", "--scope", "read", "--expires", "2099-01-01");
    const db = await getDb();
    await db.apiKey.updateMany({
      where: { expiresAt: { not: null } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await whoAmI({ authorization: `Bearer ${expiring}` })).status).toBe(401);
  });

  it("a group key acts for the group, or for one of its members named with Api-Username", async () => {
    const secret = await cliKey("--group", "mainteneurs-georchestra", "--scope", "read");
    const asGroup = await (await whoAmI({ authorization: `Bearer ${secret}` })).json();
    expect(asGroup).toMatchObject({ current_user: null, api_key: { group: "mainteneurs-georchestra" } });
    const asMember = await whoAmI({ "api-key": secret, "api-username": "julien.roux" });
    expect(await asMember.json()).toMatchObject({ current_user: { username: "julien.roux" } });
    expect((await whoAmI({ "api-key": secret, "api-username": "claire.martin" })).status).toBe(401);
  });

  it("rate-limits repeated failures from one address with a French 429", async () => {
    // Earlier tests of this file already failed a few times from this address: count until the limit bites.
    let limited: Response | undefined;
    const statuses: number[] = [];
    for (let i = 0; i < 15 && !limited; i++) {
      const response = await whoAmI({ authorization: "Bearer cicclo_wrong" });
      if (response.status === 429) limited = response;
      else statuses.push(response.status);
    }
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set([401]));
    expect(limited?.status).toBe(429);
    expect(limited!.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await limited!.text()).toContain("Trop de tentatives");
  });
});

describe("operator CLI", () => {
  it("promotes a user and records it in the audit log without an actor", async () => {
    const lines: string[] = [];
    expect(await runCli(["user", "promote", "claire.martin", "admin"], (line) => lines.push(line))).toBe(0);
    expect(lines).toEqual(["@claire.martin is now admin."]);
    const db = await getDb();
    expect((await db.user.findUniqueOrThrow({ where: { username: "claire.martin" } })).role).toBe("admin");
    expect(await db.auditEvent.findFirst({ where: { action: "user.role_changed", actorId: null } })).not.toBeNull();
  });

  it("explains its usage and refuses unknown users with exit codes", async () => {
    const lines: string[] = [];
    expect(await runCli(["user", "promote", "personne", "admin"], (line) => lines.push(line))).toBe(1);
    expect(lines.at(-1)).toContain("introuvable");
    expect(await runCli(["nimporte"], (line) => lines.push(line))).toBe(2);
    expect(lines.at(-1)).toContain("Usage:");
  });
});
