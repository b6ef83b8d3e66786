import { describe, expect, it } from "vitest";
import { getDb } from "../../app/infra/db.server";
import { csrfFrom, form, sessionCookieFor } from "../support/sessions";

// Set before the server's modules load: the configuration is read once, when the logger is created.
process.env.RENDER_CACHE_SECONDS = "60";
const { useAppServer } = await import("../support/app-server");
const baseUrl = useAppServer();
const asBrowser = { accept: "text/html,application/xhtml+xml" };
const nonceOf = (response: Response) =>
  /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];

describe("anonymous render cache", () => {
  it("serves anonymous visitors from memory, each response with its own nonce matching its scripts", async () => {
    const first = await fetch(`${baseUrl()}/latest`, { headers: asBrowser });
    expect(first.headers.get("x-render-cache")).toBeNull();
    await first.text();
    const second = await fetch(`${baseUrl()}/latest`, { headers: asBrowser });
    expect(second.headers.get("x-render-cache")).toBe("hit");
    const html = await second.text();
    const nonce = nonceOf(second)!;
    expect(nonce).not.toBe(nonceOf(first));
    expect(Buffer.from(nonce, "base64")).toHaveLength(16); // 128 random bits, as CSP asks.
    // Data blocks (<script type="application/json">, app/infra/json-text.ts) are not run: CSP does not apply to them.
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)]
      .map((match) => match[0])
      .filter((tag) => !tag.includes('type="application/json"'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("never serves or stores pages for signed-in visitors", async () => {
    const { cookie } = await sessionCookieFor("karim.haddad");
    await fetch(`${baseUrl()}/latest`, { headers: asBrowser });
    const signedIn = await fetch(`${baseUrl()}/latest`, { headers: { ...asBrowser, cookie } });
    expect(signedIn.headers.get("x-render-cache")).toBeNull();
    const html = await signedIn.text();
    expect(html).toContain("Karim Haddad");
    expect(html).toContain("CORS");
    const anonymous = await (await fetch(`${baseUrl()}/latest`, { headers: asBrowser })).text();
    expect(anonymous).not.toContain("CORS");
    expect(anonymous).not.toContain("Se déconnecter");
  });

  it("is emptied by any successful write, so the next anonymous visit sees it", async () => {
    await (await fetch(`${baseUrl()}/latest`, { headers: asBrowser })).text();
    const { cookie } = await sessionCookieFor("julien.roux");
    const category = await (await getDb()).category.findUniqueOrThrow({ where: { slug: "annonces" } });
    const csrf = await csrfFrom(baseUrl(), "/new-topic", cookie);
    const created = await fetch(`${baseUrl()}/new-topic`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: form({
        category: String(category.id),
        title: "Annonce fraîche pour le cache",
        raw: "Texte",
        intent: "publish",
        csrf,
      }),
      redirect: "manual",
    });
    expect(created.status).toBe(302);
    const after = await fetch(`${baseUrl()}/latest`, { headers: asBrowser });
    expect(after.headers.get("x-render-cache")).toBeNull();
    expect(await after.text()).toContain("Annonce fraîche pour le cache");
  });
});
