// Two replicas of the app on one PostgreSQL database, each with its own anonymous render cache and session cache: a
// write on one empties the other's through LISTEN/NOTIFY. On SQLite the app runs as one process and has nobody to
// tell.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../app/server/main.server";
import { csrfFrom, form, sessionCookieFor } from "../support/sessions";

// Set before the server's modules load: the configuration is read once, when the logger is created.
process.env.RENDER_CACHE_SECONDS = "60";
process.env.SESSION_CACHE_SECONDS = "60";
const { startServer } = await import("../../app/server/main.server");
const { getDb } = await import("../../app/infra/db.server");
const onPostgres = /^postgres/.test(process.env.DATABASE_URL ?? "");
const asBrowser = { accept: "text/html,application/xhtml+xml" };

describe.skipIf(!onPostgres)("caches across replicas (PostgreSQL only: SQLite runs one process)", () => {
  let writer: RunningServer;
  let reader: RunningServer;
  beforeAll(async () => {
    writer = await startServer({ port: 0, host: "127.0.0.1", jobs: false });
    reader = await startServer({ port: 0, host: "127.0.0.1", jobs: false });
  });
  afterAll(async () => {
    await Promise.all([writer?.close(), reader?.close()]);
  });

  it("a topic created on one replica shows at once on the other's cached /latest", async () => {
    await (await fetch(`${reader.url}/latest`, { headers: asBrowser })).text();
    const cached = await fetch(`${reader.url}/latest`, { headers: asBrowser });
    expect(cached.headers.get("x-render-cache")).toBe("hit");
    await cached.text();

    const { cookie } = await sessionCookieFor("julien.roux");
    const category = await (await getDb()).category.findUniqueOrThrow({ where: { slug: "annonces" } });
    const csrf = await csrfFrom(writer.url, "/new-topic", cookie);
    const created = await fetch(`${writer.url}/new-topic`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: form({
        category: String(category.id),
        title: "Annonce vue par l'autre réplique",
        raw: "Texte",
        intent: "publish",
        csrf,
      }),
      redirect: "manual",
    });
    expect(created.status).toBe(302);

    // NOTIFY is asynchronous: give it the time a replica would, bounded.
    let html = "";
    for (let attempt = 0; attempt < 20 && !html.includes("Annonce vue par l"); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      html = await (await fetch(`${reader.url}/latest`, { headers: asBrowser })).text();
    }
    expect(html).toContain("Annonce vue par l&#x27;autre réplique");
  });

  it("signing out on one replica ends the session on the other at once", async () => {
    const { cookie } = await sessionCookieFor("claire.martin");
    const whoAmI = async () =>
      (
        (await (await fetch(`${reader.url}/session/current.json`, { headers: { cookie } })).json()) as {
          current_user?: { username: string };
        }
      ).current_user?.username;
    expect(await whoAmI()).toBe("claire.martin");
    const csrf = await csrfFrom(writer.url, "/latest", cookie);
    const out = await fetch(`${writer.url}/logout`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: form({ csrf }),
      redirect: "manual",
    });
    expect(out.status).toBe(302);
    let username = await whoAmI();
    for (let attempt = 0; attempt < 20 && username; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      username = await whoAmI();
    }
    expect(username).toBeUndefined();
  });
});
