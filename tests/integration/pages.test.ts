import { describe, expect, it } from "vitest";
import { useAppServer } from "../support/app-server";

const baseUrl = useAppServer();
const get = (path: string, init?: RequestInit) => fetch(`${baseUrl()}${path}`, { redirect: "manual", ...init });

describe("public pages of the built app", () => {
  it("serves the home page in French with the DSFR shell and the latest topics", async () => {
    const response = await get("/");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain("CICCLO Interop");
    expect(html).toMatch(/href="#contenu"/);
    for (const label of ["Discussions", "Clausier", "Conformité", "Mentions légales", "Données personnelles"]) {
      expect(html).toContain(label);
    }
    expect(html).toContain("Accessibilité : non conforme");
    expect(html).toContain("OGC API Features : le lien « next » de geOrchestra perd le paramètre bbox");
  });

  it("lists the demo topics on /latest, most recent activity first, with replies and category", async () => {
    const html = await (await get("/latest")).text();
    const titles = [...html.matchAll(/<a[^>]+href="\/t\/[^"]+"[^>]*>([^<]+)<\/a>/g)].map((match) => match[1]);
    expect(titles[0]).toBe("Validata rejette les fichiers IRVE exportés par Prodige (format de date)");
    expect(titles).toContain("Bienvenue sur CICCLO Interop");
    expect(html).toContain("Problèmes d&#x27;interopérabilité");
  });

  it("shows a topic with its posts rendered from Markdown", async () => {
    const list = await (await get("/latest")).text();
    const href = /href="(\/t\/ogc-api-features[^"]+)"/.exec(list)?.[1];
    expect(href).toBeDefined();
    const response = await get(href!);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<table>");
    expect(html).toContain("<strong>Étapes pour reproduire</strong>");
    expect(html).toContain('id="post-3"');
  });

  it("redirects a stale slug to the canonical topic URL", async () => {
    const list = await (await get("/latest")).text();
    const [, slug, id] = /href="\/t\/([^/"]+)\/(\d+)"/.exec(list)!;
    const response = await get(`/t/ancien-titre/${id}`);
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe(`/t/${slug}/${id}`);
  });

  it("answers 404 with the French DSFR page for unknown pages, topics and malformed ids", async () => {
    for (const path of ["/nimporte-quoi", "/t/sujet/999999", "/t/sujet/abc", "/t/sujet/0"]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      const html = await response.text();
      expect(html).toContain("Page non trouvée");
      expect(html).not.toMatch(/at \w+ \(|node_modules|Error:/);
    }
  });

  it("hides topics of a restricted category from anonymous visitors everywhere", async () => {
    const latest = await (await get("/latest")).text();
    expect(latest).not.toContain("CORS");
    const { getDb } = await import("../../app/infra/db.server");
    const secret = await (await getDb()).topic.findFirstOrThrow({ where: { category: { slug: "securite" } } });
    const response = await get(`/t/${secret.slug}/${secret.id}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(secret.title);
  });

  it("reports database health on /healthz as JSON", async () => {
    const response = await get("/healthz");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const body = await response.json();
    expect(body).toMatchObject({ status: "ok", database: { ok: true } });
    expect(["sqlite", "postgresql"]).toContain(body.database.provider);
  });

  it("sends a nonce-based Content-Security-Policy that matches the page's scripts, and a request id", async () => {
    const response = await get("/latest", { headers: { "X-Request-Id": "trace-1234567890" } });
    const csp = response.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    const html = await response.text();
    // Data blocks (<script type="application/json">, app/infra/json-text.ts) are not run: CSP does not apply to them.
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)]
      .map((match) => match[0])
      .filter((tag) => !tag.includes('type="application/json"'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(response.headers.get("x-request-id")).toBe("trace-1234567890");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const second = await get("/latest");
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
  });

  it("serves fingerprinted assets with a long cache lifetime", async () => {
    const html = await (await get("/")).text();
    const asset = /href="(\/assets\/[^"]+\.css)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const response = await get(asset!);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("immutable");
  });

  it("serves the mandatory legal pages", async () => {
    for (const [path, heading] of [
      ["/accessibilite", "Déclaration d&#x27;accessibilité"],
      ["/mentions-legales", "Mentions légales"],
      ["/donnees-personnelles", "Données personnelles"],
      ["/plan-du-site", "Plan du site"],
    ] as const) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(await response.text()).toContain(`<h1>${heading}</h1>`);
    }
  });
});
