import { expect, it } from "vitest";
import { getDb } from "../../app/infra/db.server";
import { HttpBrowser } from "../support/http-browser";
import { useAppWithProConnect } from "../support/proconnect-stack";

// This stand-in signs its userinfo for nobody: it answers plain JSON, which ProConnect never does.
const stack = useAppWithProConnect({ client: { userinfo_signed_response_alg: undefined } });

const counts = async () => {
  const db = await getDb();
  return { users: await db.user.count(), sessions: await db.session.count() };
};

it("refuses a userinfo answered as JSON where a signed JWT is required, creating nothing", async () => {
  const before = await counts();
  const browser = new HttpBrowser();
  const providerPage = await browser.goto(`${stack().appUrl}/auth/login`);
  const page = await browser.submit(providerPage, { identity: "julien.roux", acr: "eidas1" });
  expect(page.url.pathname).toBe("/auth/callback");
  expect(page.status).toBe(502);
  expect(page.html).toContain("Réponse de ProConnect invalide");
  expect(await counts()).toEqual(before);
});

it("says ProConnect is unavailable when it stops answering, at the callback and at the next login", async () => {
  const before = await counts();
  const browser = new HttpBrowser();
  const providerPage = await browser.goto(`${stack().appUrl}/auth/login`);
  const callback = await browser.submit(
    providerPage,
    { identity: "julien.roux", acr: "eidas1" },
    {
      stopAt: (url) => url.pathname === "/auth/callback",
    },
  );
  await stack().stopProvider();

  const atCallback = await browser.goto(callback.url);
  expect(atCallback.status).toBe(503);
  expect(atCallback.html).toContain("ProConnect est indisponible");

  expect(await counts()).toEqual(before);
});
