import { expect, it } from "vitest";
import { getDb } from "../../app/infra/db.server";
import { useAppServer } from "../support/app-server";
import { freePort } from "../support/proconnect-stack";

// Nothing listens at this issuer: the provider is unreachable from the first request on.
process.env.PROCONNECT_ISSUER = `http://127.0.0.1:${await freePort()}/api/v2`;
process.env.PROCONNECT_CLIENT_ID = "cicclo-interop-test";
process.env.PROCONNECT_CLIENT_SECRET = "unused-secret";
const baseUrl = useAppServer();

it("shows a French 'ProConnect est indisponible' page when discovery fails, and stores no sign-in request", async () => {
  const response = await fetch(`${baseUrl()}/auth/login`, { redirect: "manual" });
  expect(response.status).toBe(503);
  const html = await response.text();
  expect(html).toContain("ProConnect est indisponible");
  expect(html).toContain("Réessayez dans quelques minutes.");
  expect(await (await getDb()).loginRequest.count()).toBe(0);
});

it("keeps the login page usable: it explains ProConnect and offers the button", async () => {
  const html = await (await fetch(`${baseUrl()}/login`)).text();
  expect(html).toContain("S’identifier avec");
  expect(html).toContain('href="/auth/login?returnTo=%2F"');
});

it("rate-limits sign-in starts from one address with a French 429", async () => {
  let limited: Response | undefined;
  for (let i = 0; i < 25 && !limited; i++) {
    const response = await fetch(`${baseUrl()}/auth/login`, { redirect: "manual" });
    if (response.status === 429) limited = response;
  }
  expect(limited?.status).toBe(429);
  expect(await limited!.text()).toContain("Trop de tentatives depuis votre adresse");
});
