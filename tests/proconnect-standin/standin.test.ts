// The ProConnect stand-in over real HTTP, driven by openid-client (the app's library) and a fetch-based browser.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as client from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startProConnectStandin,
  type RunningStandin,
  type StandinClient,
} from "../../scripts/proconnect-standin/standin";
import { Browser } from "./browser";

const app: StandinClient = {
  client_id: "cicclo-interop-test",
  client_secret: "cicclo-interop-test-secret",
  redirect_uris: ["http://localhost:3000/auth/callback"],
  post_logout_redirect_uris: ["http://localhost:3000/auth/logged-out"],
  userinfo_signed_response_alg: "RS256",
  id_token_signed_response_alg: "ES256",
};
const jsonUserinfoApp: StandinClient = {
  client_id: "json-userinfo",
  client_secret: "json-userinfo-secret",
  redirect_uris: ["http://localhost:3001/auth/callback"],
  post_logout_redirect_uris: [],
};
const registeredClients = [app, jsonUserinfoApp];
const PROCONNECT_SCOPES = "openid given_name usual_name email uid siret idp_id";
const REDIRECT_URI = app.redirect_uris[0]!;

let standin: RunningStandin;
beforeAll(async () => {
  standin = await startProConnectStandin({ port: 0, clients: registeredClients });
});
afterAll(async () => {
  await standin.close();
});

/** Discovery as the app does it, signature checks of the ID token and the userinfo JWT included. */
function configure(registered: StandinClient, auth = client.ClientSecretPost(registered.client_secret)) {
  return client.discovery(
    new URL(standin.issuer),
    registered.client_id,
    {
      client_secret: registered.client_secret,
      id_token_signed_response_alg: registered.id_token_signed_response_alg ?? "RS256",
      userinfo_signed_response_alg: registered.userinfo_signed_response_alg,
    },
    auth,
    { execute: [client.allowInsecureRequests, client.enableNonRepudiationChecks] },
  );
}

function redirectUriOf(config: client.Configuration): string {
  const { client_id } = config.clientMetadata();
  return registeredClients.find((registered) => registered.client_id === client_id)!.redirect_uris[0]!;
}

interface Login {
  browser: Browser;
  config: client.Configuration;
  nonce: string;
  state: string;
  /** Where the stand-in sent the browser back: the client's redirect_uri with code or error. */
  callback: URL;
}

async function openLoginPage(config: client.Configuration, params: Record<string, string> = {}) {
  const browser = new Browser(standin.issuer);
  const nonce = client.randomNonce();
  const state = client.randomState();
  const authorizationUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUriOf(config),
    scope: PROCONNECT_SCOPES,
    nonce,
    state,
    ...params,
  });
  const page = await browser.navigate(authorizationUrl);
  return { browser, nonce, state, page, html: await page.response.text() };
}

async function logIn(
  config: client.Configuration,
  choice: Record<string, string> = { identity: "julien.roux", acr: "eidas1" },
  params: Record<string, string> = {},
): Promise<Login> {
  const { browser, nonce, state, page, html } = await openLoginPage(config, params);
  const { url: callback } = await browser.submit(page, html, choice);
  return { browser, config, nonce, state, callback };
}

function essentialAcr(...values: string[]): string {
  return JSON.stringify({ id_token: { acr: { essential: true, values } } });
}

describe("discovery", () => {
  it("publishes ProConnect's issuer, endpoints and capabilities", async () => {
    const response = await fetch(`${standin.issuer}/.well-known/openid-configuration`);
    const metadata = (await response.json()) as Record<string, unknown>;

    expect(standin.issuer).toMatch(/^http:\/\/localhost:\d+\/api\/v2$/);
    expect(metadata.issuer).toBe(standin.issuer);
    for (const [endpoint, route] of [
      ["authorization_endpoint", "/authorize"],
      ["token_endpoint", "/token"],
      ["userinfo_endpoint", "/userinfo"],
      ["end_session_endpoint", "/session/end"],
      ["jwks_uri", "/jwks"],
      ["introspection_endpoint", "/token/introspection"],
      ["revocation_endpoint", "/token/revocation"],
    ]) {
      expect(metadata[endpoint!], endpoint).toBe(`${standin.issuer}${route}`);
    }
    expect(metadata.token_endpoint_auth_methods_supported).toContain("client_secret_post");
    expect(metadata.token_endpoint_auth_methods_supported).not.toContain("client_secret_basic");
    expect(metadata.acr_values_supported).toEqual([
      "eidas0",
      "eidas0-mfa",
      "eidas1",
      "eidas1-mfa",
      "eidas2",
      "eidas3",
      "https://proconnect.gouv.fr/assurance/certification-dirigeant",
    ]);
    expect(metadata.claims_parameter_supported).toBe(true);
    expect(metadata.userinfo_signing_alg_values_supported).toEqual(expect.arrayContaining(["RS256", "ES256"]));
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(PROCONNECT_SCOPES.split(" ")));
  });
});

describe("login page", () => {
  it("is a French page listing the seeded identities and the acr choice", async () => {
    const { page, html } = await openLoginPage(await configure(app));

    expect(page.response.status).toBe(200);
    expect(page.url.pathname).toMatch(/^\/api\/v2\/interaction\//);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("<main>");
    expect(html).toContain("<h1>Connexion ProConnect (environnement local)</h1>");
    expect(html).toContain('<label for="acr">Niveau d\'authentification (acr)</label>');
    expect(html).toContain('<option value="eidas1" selected>eidas1</option>');
    expect(html).toMatch(
      /<button type="submit" name="identity" value="claire.martin">\s*<strong>Claire Martin<\/strong> — Acheteuse publique dans une commune : prépare un CCTP/,
    );
    expect(html).toContain(">Refuser</button>");
  });
});

describe("login", () => {
  it("signs Julien Roux in at eidas1: ID token with acr and nonce, userinfo as a signed JWT", async () => {
    const config = await configure(app);
    const { callback, nonce, state } = await logIn(
      config,
      { identity: "julien.roux", acr: "eidas1" },
      {
        claims: essentialAcr("eidas1", "eidas2"),
      },
    );
    expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
    expect(callback.searchParams.get("iss")).toBe(standin.issuer);

    const tokens = await client.authorizationCodeGrant(config, callback, {
      expectedNonce: nonce,
      expectedState: state,
    });
    const idToken = tokens.claims()!;
    expect(idToken).toMatchObject({ sub: "demo-dev-georchestra", acr: "eidas1", nonce, iss: standin.issuer });
    expect(idToken.auth_time).toEqual(expect.any(Number));
    expect(idToken.sid).toEqual(expect.any(String));
    expect(idToken.amr).toBeUndefined();
    expect(tokens.expires_in).toBe(3600);

    const userinfoResponse = await fetch(config.serverMetadata().userinfo_endpoint!, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(userinfoResponse.headers.get("content-type")).toMatch(/^application\/jwt/);

    const userinfo = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
    expect(userinfo).toMatchObject({
      sub: "demo-dev-georchestra",
      given_name: "Julien",
      usual_name: "Roux",
      email: "julien.roux@geo-integrateur.test.proconnect.gouv.fr",
      siret: "81234567800014",
      uid: "julien.roux",
      idp_id: expect.any(String),
    });
  });

  it("adds amr to the ID token only when the claims parameter asks for it", async () => {
    const config = await configure(app);
    const { callback, nonce, state } = await logIn(
      config,
      { identity: "julien.roux", acr: "eidas1-mfa" },
      {
        claims: JSON.stringify({ id_token: { amr: null } }),
      },
    );
    const tokens = await client.authorizationCodeGrant(config, callback, {
      expectedNonce: nonce,
      expectedState: state,
    });
    expect(tokens.claims()).toMatchObject({ acr: "eidas1-mfa", amr: ["pwd", "totp", "mfa"] });
  });

  it("accepts PKCE S256 and ProConnect's hints", async () => {
    const config = await configure(app);
    const verifier = client.randomPKCECodeVerifier();
    const { callback, nonce, state } = await logIn(config, undefined, {
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      idp_hint: "fia1v2",
      siret_hint: "81234567800014",
      login_hint: "julien.roux@geo-integrateur.test.proconnect.gouv.fr",
    });
    const tokens = await client.authorizationCodeGrant(config, callback, {
      expectedNonce: nonce,
      expectedState: state,
      pkceCodeVerifier: verifier,
    });
    expect(tokens.claims()?.sub).toBe("demo-dev-georchestra");
  });

  it("answers access_denied when the chosen acr does not meet an essential acr", async () => {
    const { callback, state } = await logIn(
      await configure(app),
      { identity: "julien.roux", acr: "eidas1" },
      { claims: essentialAcr("eidas2") },
    );
    expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("state")).toBe(state);
    expect(callback.searchParams.get("iss")).toBe(standin.issuer);
  });

  it("answers access_denied when the tester clicks Refuser", async () => {
    const { callback, state } = await logIn(await configure(app), { refuse: "oui", acr: "eidas1" });
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("state")).toBe(state);
  });

  it("refuses a replayed authorization code", async () => {
    const { config, callback, nonce, state } = await logIn(await configure(app));
    await client.authorizationCodeGrant(config, callback, { expectedNonce: nonce, expectedState: state });
    await expect(
      client.authorizationCodeGrant(config, callback, { expectedNonce: nonce, expectedState: state }),
    ).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("refuses an authorization request without nonce", async () => {
    const config = await configure(app);
    const browser = new Browser(standin.issuer);
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      scope: PROCONNECT_SCOPES,
      state: client.randomState(),
    });
    const { url: callback } = await browser.navigate(url);
    expect(callback.searchParams.get("error")).toBe("invalid_request");
    expect(callback.searchParams.get("error_description")).toBe("nonce is required");
  });

  it("refuses an authorization request without state", async () => {
    const config = await configure(app);
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      scope: PROCONNECT_SCOPES,
      nonce: client.randomNonce(),
    });
    const { url: callback } = await new Browser(standin.issuer).navigate(url);
    expect(callback.searchParams.get("error")).toBe("invalid_request");
    expect(callback.searchParams.get("error_description")).toBe("state is required");
  });

  it("refuses an unknown scope", async () => {
    const { page } = await openLoginPage(await configure(app), { scope: `${PROCONNECT_SCOPES} profile` });
    expect(page.url.searchParams.get("error")).toBe("invalid_scope");
  });

  it("answers login_required to prompt=none without a session", async () => {
    const { page } = await openLoginPage(await configure(app), { prompt: "none" });
    expect(page.url.searchParams.get("error")).toBe("login_required");
  });

  it("refuses client_secret_basic at the token endpoint", async () => {
    const config = await configure(app, client.ClientSecretBasic(app.client_secret));
    const { callback, nonce, state } = await logIn(config);
    await expect(
      client.authorizationCodeGrant(config, callback, { expectedNonce: nonce, expectedState: state }),
    ).rejects.toMatchObject({ error: "invalid_client" });
  });

  it("answers userinfo in plain JSON to a client registered without a userinfo algorithm", async () => {
    const config = await configure(jsonUserinfoApp);
    const { callback, nonce, state } = await logIn(config);
    const tokens = await client.authorizationCodeGrant(config, callback, {
      expectedNonce: nonce,
      expectedState: state,
    });

    const response = await fetch(config.serverMetadata().userinfo_endpoint!, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ sub: "demo-dev-georchestra", given_name: "Julien" });
  });
});

describe("logout", () => {
  it("ends the session and returns to the post_logout_redirect_uri with state, without confirmation", async () => {
    const { browser, config, callback, nonce, state } = await logIn(await configure(app));
    const tokens = await client.authorizationCodeGrant(config, callback, {
      expectedNonce: nonce,
      expectedState: state,
    });
    const logoutState = client.randomState();

    const response = await browser.request(
      client.buildEndSessionUrl(config, {
        id_token_hint: tokens.id_token!,
        post_logout_redirect_uri: app.post_logout_redirect_uris[0]!,
        state: logoutState,
      }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${app.post_logout_redirect_uris[0]}?state=${logoutState}`);

    const silent = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      scope: PROCONNECT_SCOPES,
      nonce: client.randomNonce(),
      state: client.randomState(),
      prompt: "none",
    });
    expect((await browser.navigate(silent)).url.searchParams.get("error")).toBe("login_required");
    await expect(client.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub)).rejects.toThrow();
  });

  it("returns to the service even when the browser has no session left", async () => {
    const { config, callback, nonce, state } = await logIn(await configure(app));
    const tokens = await client.authorizationCodeGrant(config, callback, {
      expectedNonce: nonce,
      expectedState: state,
    });

    const response = await new Browser(standin.issuer).request(
      client.buildEndSessionUrl(config, {
        id_token_hint: tokens.id_token!,
        post_logout_redirect_uri: app.post_logout_redirect_uris[0]!,
        state: "after-expiry",
      }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${app.post_logout_redirect_uris[0]}?state=after-expiry`);
  });

  it("refuses an unregistered post_logout_redirect_uri with ProConnect's error Y030111", async () => {
    const { browser, config, callback, nonce, state } = await logIn(await configure(app));
    const tokens = await client.authorizationCodeGrant(config, callback, {
      expectedNonce: nonce,
      expectedState: state,
    });

    const response = await browser.request(
      client.buildEndSessionUrl(config, {
        id_token_hint: tokens.id_token!,
        post_logout_redirect_uri: "http://localhost:3000/elsewhere",
        state: client.randomState(),
      }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain("Y030111");
  });
});

describe("signing keys", () => {
  it("keeps the same keys across restarts when given a keys file", async () => {
    const directory = mkdtempSync(path.join(tmpdir(), "proconnect-standin-"));
    const keysFile = path.join(directory, "keys.json");
    const publishedKeys = async () => {
      const running = await startProConnectStandin({ clients: [app], keysFile });
      const jwks = await (await fetch(`${running.issuer}/jwks`)).json();
      await running.close();
      return jwks as { keys: { kid: string; alg: string; d?: string }[] };
    };
    try {
      const first = await publishedKeys();
      expect(first.keys.map(({ alg }) => alg).sort()).toEqual(["ES256", "RS256"]);
      expect(first.keys.every(({ d }) => d === undefined)).toBe(true);
      expect(await publishedKeys()).toEqual(first);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
