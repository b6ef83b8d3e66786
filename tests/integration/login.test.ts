import { describe, expect, it } from "vitest";
import { getDb } from "../../app/infra/db.server";
import { HttpBrowser, type Page } from "../support/http-browser";
import { useAppWithProConnect } from "../support/proconnect-stack";

const stack = useAppWithProConnect();

const counts = async () => {
  const db = await getDb();
  return {
    users: await db.user.count(),
    sessions: await db.session.count(),
    organisations: await db.organisation.count(),
  };
};

/** From the app's login button to the stand-in's identity page. */
async function openProviderLoginPage(browser: HttpBrowser, returnTo = "/latest"): Promise<Page> {
  const page = await browser.goto(`${stack().appUrl}/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  expect(page.url.href.startsWith(stack().issuer)).toBe(true);
  expect(page.html).toContain("Connexion ProConnect (environnement local)");
  return page;
}

const choose = (identity: string, acr = "eidas1") => ({ identity, acr });
const isCallback = (url: URL) => url.pathname === "/auth/callback";

describe("signing in with ProConnect", () => {
  it("signs a seeded identity in, with a server-side session, and brings them back where they were", async () => {
    const browser = new HttpBrowser();
    const before = await counts();
    const providerPage = await openProviderLoginPage(browser, "/latest");
    const landing = await browser.submit(providerPage, choose("julien.roux"));
    expect(landing.url.pathname).toBe("/latest");
    expect(landing.status).toBe(200);
    expect(landing.html).toContain("Julien Roux");
    expect(landing.html).toContain("Se déconnecter");

    const cookie = browser.jar(stack().appUrl).get("cicclo_session");
    expect(cookie).toBeTruthy();
    const db = await getDb();
    const user = await db.user.findUniqueOrThrow({
      where: { username: "julien.roux" },
      include: { organisation: true },
    });
    expect(user.issuer).toBe(stack().issuer);
    expect(user.organisation?.siret).toBe("81234567800014");
    expect(await counts()).toEqual({ ...before, sessions: before.sessions + 1 });
    const session = await db.session.findFirstOrThrow({ where: { userId: user.id }, orderBy: { createdAt: "desc" } });
    expect(session.idToken).toMatch(/^ey/);
    // The cookie holds a random token; the database only its hash.
    expect(session.id).not.toContain(decodeURIComponent(cookie!));
  });

  it("creates a new user, with a unique username and an organisation from the SIRET, on a first sign-in", async () => {
    const db = await getDb();
    await db.user.update({ where: { username: "claire.martin" }, data: { subject: "someone-else" } });
    const browser = new HttpBrowser();
    const landing = await browser.submit(await openProviderLoginPage(browser, "/"), choose("claire.martin"));
    expect(landing.html).toContain("Claire Martin");
    const created = await db.user.findFirstOrThrow({ where: { subject: "demo-acheteuse-commune" } });
    expect(created.username).toBe("claire.martin2");
  });

  it("rotates the session at login: the session the browser had before is revoked", async () => {
    const browser = new HttpBrowser();
    await browser.submit(await openProviderLoginPage(browser), choose("sophie.bernard"));
    const first = browser.jar(stack().appUrl).get("cicclo_session");
    // ProConnect still has its own session: the second sign-in comes straight back, without the identity page.
    const again = await browser.goto(`${stack().appUrl}/auth/login?returnTo=/latest`);
    expect(again.url.pathname).toBe("/latest");
    const second = browser.jar(stack().appUrl).get("cicclo_session");
    expect(second).not.toBe(first);
    const stale = await fetch(`${stack().appUrl}/`, { headers: { cookie: `cicclo_session=${first}` } });
    expect(await stale.text()).not.toContain("Se déconnecter");
  });

  it("signs out of the app and of ProConnect, and comes back with the state checked", async () => {
    const browser = new HttpBrowser();
    const landing = await browser.submit(await openProviderLoginPage(browser, "/"), choose("karim.haddad"));
    const cookie = browser.jar(stack().appUrl).get("cicclo_session");
    const csrf = /name="csrf" value="([^"]+)"/.exec(landing.html)?.[1];
    expect(csrf).toBeTruthy();
    const loggedOut = await browser.submit(landing, { csrf: csrf! }, { actionContains: "/logout" });
    expect(loggedOut.url.pathname).toBe("/auth/logged-out");
    expect(loggedOut.url.searchParams.get("state")).toBeTruthy();
    expect(loggedOut.html).toContain("Votre session CICCLO Interop et votre session ProConnect sont terminées.");
    expect(loggedOut.html).toContain("Se connecter");
    const reused = await fetch(`${stack().appUrl}/u/karim.haddad/preferences/security`, {
      headers: { cookie: `cicclo_session=${cookie}` },
      redirect: "manual",
    });
    expect(reused.status).toBe(302);
    expect(reused.headers.get("location")).toContain("/login");
    // ProConnect's own session is over too: the next login asks for an identity again.
    await openProviderLoginPage(browser);
  });

  it("refuses a logout form without its token", async () => {
    const browser = new HttpBrowser();
    await browser.submit(await openProviderLoginPage(browser, "/"), choose("julien.roux"));
    const response = await browser.request(new URL(`${stack().appUrl}/logout`), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "csrf=forged",
    });
    expect(response.status).toBe(403);
    const home = await browser.goto(`${stack().appUrl}/`);
    expect(home.html).toContain("Se déconnecter");
  });
});

describe("failed sign-ins end on a French page and create nothing", () => {
  async function expectNothingCreated(run: () => Promise<Page>, status: number, text: string) {
    const before = await counts();
    const page = await run();
    expect(page.status).toBe(status);
    expect(page.html).toContain(text);
    expect(page.html).toContain("S’identifier avec");
    expect(await counts()).toEqual(before);
    return page;
  }

  it("access_denied when the person refuses", async () => {
    const browser = new HttpBrowser();
    const providerPage = await openProviderLoginPage(browser);
    await expectNothingCreated(
      () => browser.submit(providerPage, { refuse: "oui", acr: "eidas1" }),
      403,
      "Connexion refusée",
    );
  });

  it("access_denied when the chosen authentication is weaker than the required eidas1", async () => {
    const browser = new HttpBrowser();
    const providerPage = await openProviderLoginPage(browser);
    await expectNothingCreated(
      () => browser.submit(providerPage, choose("julien.roux", "eidas0")),
      403,
      "niveau de sécurité",
    );
  });

  it("state mismatch: a callback whose state is not the one this browser sent", async () => {
    const browser = new HttpBrowser();
    const callback = await browser.submit(await openProviderLoginPage(browser), choose("julien.roux"), {
      stopAt: isCallback,
    });
    const forged = new URL(callback.url);
    forged.searchParams.set("state", "state-of-an-attacker-0123456789abcdefghij");
    await expectNothingCreated(() => browser.goto(forged), 400, "Demande de connexion invalide");
  });

  it("nonce mismatch: an ID token issued for another request is refused", async () => {
    const browser = new HttpBrowser();
    const providerPage = await openProviderLoginPage(browser);
    const db = await getDb();
    const request = await db.loginRequest.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    await db.loginRequest.update({ where: { id: request.id }, data: { nonce: "nonce-of-another-request-0123456789" } });
    await expectNothingCreated(
      () => browser.submit(providerPage, choose("julien.roux")),
      400,
      "Jeton d&#x27;identité invalide",
    );
  });

  it("a replayed callback is refused, and a replayed code is refused by the provider", async () => {
    const browser = new HttpBrowser();
    const callback = await browser.submit(await openProviderLoginPage(browser), choose("julien.roux"), {
      stopAt: isCallback,
    });
    await browser.goto(callback.url);
    await expectNothingCreated(() => browser.goto(callback.url), 400, "Demande de connexion expirée");

    // The same code with a fresh, valid sign-in request: our checks pass, ProConnect refuses the used code.
    const attacker = new HttpBrowser();
    const fresh = await attacker.submit(await openProviderLoginPage(attacker), choose("julien.roux"), {
      stopAt: isCallback,
    });
    const replay = new URL(callback.url);
    replay.searchParams.set("state", fresh.url.searchParams.get("state")!);
    await expectNothingCreated(() => attacker.goto(replay), 400, "Code de connexion refusé");
  });

  it("a callback without the browser's sign-in cookie is refused", async () => {
    const browser = new HttpBrowser();
    const callback = await browser.submit(await openProviderLoginPage(browser), choose("julien.roux"), {
      stopAt: isCallback,
    });
    await expectNothingCreated(() => new HttpBrowser().goto(callback.url), 400, "Demande de connexion expirée");
  });
});
