// POST /api/conformance/runs over HTTP against the built app: every report format by multipart and raw body, the
// matrix JSON afterwards, hostile files refused with nothing stored, and the permission of each role.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDb } from "../../app/infra/db.server";
import { runCli } from "../../scripts/cli";
import { useAppServer } from "../support/app-server";
import { csrfFrom, sessionCookieFor } from "../support/sessions";

const baseUrl = useAppServer();
const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/conformance");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
const CRS = "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs";

async function cliKey(...args: string[]): Promise<string> {
  const lines: string[] = [];
  expect(await runCli(["api-key", "create", ...args], (line) => lines.push(line))).toBe(0);
  return lines[0]!;
}

interface Upload {
  deployment?: string;
  file?: { name: string; bytes: Uint8Array<ArrayBuffer>; type?: string };
  headers?: Record<string, string>;
}

async function uploadMultipart({ deployment, file, headers = {} }: Upload) {
  const body = new FormData();
  if (deployment !== undefined) body.append("deployment", deployment);
  if (file) body.append("file", new Blob([file.bytes], { type: file.type ?? "application/xml" }), file.name);
  const response = await fetch(`${baseUrl()}/api/conformance/runs`, { method: "POST", headers, body });
  return { status: response.status, type: response.headers.get("content-type"), body: await response.json() };
}

async function uploadRaw(deployment: string | null, bytes: Uint8Array<ArrayBuffer>, headers: Record<string, string>) {
  const query = deployment === null ? "" : `?deployment=${encodeURIComponent(deployment)}`;
  const response = await fetch(`${baseUrl()}/api/conformance/runs${query}`, {
    method: "POST",
    headers: { "content-type": "application/octet-stream", ...headers },
    body: bytes,
  });
  return { status: response.status, body: await response.json() };
}

async function storedRows() {
  const db = await getDb();
  return {
    runs: await db.conformanceRun.count(),
    results: await db.conformanceResult.count(),
    classes: await db.conformanceRunClass.count(),
  };
}

const errorText = (body: unknown) => ((body as { errors?: string[] }).errors ?? []).join(" ");

describe("POST /api/conformance/runs", () => {
  let maintainerKey = "";
  const auth = () => ({ authorization: `Bearer ${maintainerKey}` });

  it("records every supported format by multipart, answers 201 with the run, and the matrix shows it", async () => {
    maintainerKey = await cliKey("--user", "julien.roux", "--scope", "conformance:write");
    const expectations: [string, string, string][] = [
      ["testng-features10.xml", "testng", "application/xml"],
      ["earl-features10.rdf", "earl", "application/rdf+xml"],
      ["junit-single-testsuite.xml", "junit", "application/xml"],
      ["junit-nested-testsuites.xml", "junit", "application/xml"],
      ["validata-valid.json", "validata", "application/json"],
      ["validata-invalid.json", "validata", "application/json"],
      ["frictionless-v4.json", "frictionless", "application/json"],
    ];
    for (const [name, format, type] of expectations) {
      const answer = await uploadMultipart({
        deployment: "georchestra-demo",
        file: { name, bytes: fixture(name), type },
        headers: auth(),
      });
      expect(answer.status, name).toBe(201);
      expect(answer.type).toContain("application/json");
      expect(answer.body).toMatchObject({ format, deployment: "georchestra-demo" });
      expect(answer.body.url).toMatch(new RegExp(`/conformance/runs/${answer.body.id}$`));
      expect(answer.body.counts.total).toBeGreaterThan(0);
    }
    const db = await getDb();
    const earl = await db.conformanceRun.findFirstOrThrow({ where: { format: "earl" }, orderBy: { id: "desc" } });
    expect(Buffer.from(earl.rawFile).equals(fixture("earl-features10.rdf"))).toBe(true);
    expect(earl.rawMediaType).toBe("application/rdf+xml");

    const matrix = await (await fetch(`${baseUrl()}/conformance.json`)).json();
    const columns = (matrix.columns as { uri: string }[]).map((column) => column.uri);
    const row = (
      matrix.rows as { slug: string; cells: { verdict: string; failed: number; runId: number | null }[] }[]
    ).find((r) => r.slug === "georchestra-demo")!;
    const cell = (uri: string) => row.cells[columns.indexOf(uri)]!;
    expect(cell(CORE)).toMatchObject({ verdict: "failed", failed: 1, runId: earl.id });
    expect(cell(CRS)).toMatchObject({ verdict: "not-tested" });
    expect(
      cell("https://schema.data.gouv.fr/schemas/etalab/schema-irve-statique/latest/schema-statique.json"),
    ).toMatchObject({ verdict: "passed" });
    const prodige = (matrix.rows as { slug: string; cells: { verdict: string }[] }[]).find(
      (r) => r.slug === "prodige-region",
    )!;
    expect(prodige.cells[columns.indexOf(CORE)]).toMatchObject({ verdict: "untested", runId: null });

    const filtered = await (await fetch(`${baseUrl()}/conformance.json?norme=schema.data.gouv.fr`)).json();
    expect((filtered.columns as { standard: string }[]).every((c) => c.standard === "schema.data.gouv.fr")).toBe(true);
    expect(filtered.columns.length).toBeGreaterThan(0);
  });

  it("accepts the report as a raw body with ?deployment= (by id or slug) and Api-Key/Api-Username headers", async () => {
    const db = await getDb();
    const deployment = await db.deployment.findUniqueOrThrow({ where: { slug: "georchestra-demo" } });
    const byId = await uploadRaw(String(deployment.id), fixture("testng-features10.xml"), auth());
    expect(byId.status).toBe(201);
    expect(byId.body).toMatchObject({ format: "testng", suite: { name: "ogcapi-features-1.0" } });
    expect(byId.body.classes).toEqual(
      expect.arrayContaining([expect.objectContaining({ classUri: CORE, verdict: "failed" })]),
    );
    const discourseStyle = await uploadRaw("georchestra-demo", fixture("earl-features10.rdf"), {
      "api-key": maintainerKey,
      "api-username": "julien.roux",
    });
    expect(discourseStyle.status).toBe(201);
  });

  it("serves the run page and the deployment history as JSON and HTML", async () => {
    const db = await getDb();
    const run = await db.conformanceRun.findFirstOrThrow({ where: { format: "testng" }, orderBy: { id: "desc" } });
    const page = await (await fetch(`${baseUrl()}/conformance/runs/${run.id}.json`)).json();
    expect(page.classes[0]).toMatchObject({ classUri: CORE, verdict: "failed" });
    expect(page.classes[0].tests[0].status).toBe("failed");
    expect(page.classes[0].tests[0].message).toBeTruthy();
    const html = await (await fetch(`${baseUrl()}/conformance/runs/${run.id}`)).text();
    expect(html).toContain("1 échec");
    const history = await (await fetch(`${baseUrl()}/conformance/deployments/georchestra-demo.json`)).json();
    expect(history.runs[0].id).toBeGreaterThanOrEqual(run.id);
    expect((await fetch(`${baseUrl()}/conformance/runs/999999`)).status).toBe(404);
    expect((await fetch(`${baseUrl()}/conformance/deployments/inconnu`)).status).toBe(404);
    const matrixHtml = await (await fetch(`${baseUrl()}/conformance`)).text();
    expect(matrixHtml).toContain("<caption>Matrice de conformité");
    expect(matrixHtml).toContain('scope="row"');
  });

  it("refuses hostile and malformed files with 422 naming the place, and stores nothing", async () => {
    const before = await storedRows();
    for (const name of readdirSync(path.join(FIXTURES, "hostile"))) {
      const bytes = fixture(`hostile/${name}`);
      const multipart = await uploadMultipart({
        deployment: "georchestra-demo",
        file: { name, bytes },
        headers: auth(),
      });
      expect(multipart.status, name).toBe(422);
      expect(errorText(multipart.body)).toMatch(/^(Le rapport est invalide|Ce fichier n'est pas un rapport)/);
      const raw = await uploadRaw("georchestra-demo", bytes, auth());
      expect(raw.status, name).toBe(422);
    }
    const truncated = await uploadRaw("georchestra-demo", fixture("hostile/truncated.xml"), auth());
    expect(errorText(truncated.body)).toContain("ligne 8, colonne 1 (élément <test-method>)");
    expect(await storedRows()).toEqual(before);
  });

  it("answers 4xx JSON in French for a missing or unknown deployment, a missing file and an oversized file", async () => {
    const before = await storedRows();
    const bytes = fixture("earl-features10.rdf");
    const noDeployment = await uploadMultipart({ file: { name: "r.rdf", bytes }, headers: auth() });
    expect(noDeployment.status).toBe(422);
    expect(errorText(noDeployment.body)).toContain("Indiquez le déploiement");
    const unknown = await uploadMultipart({
      deployment: "nulle-part",
      file: { name: "r.rdf", bytes },
      headers: auth(),
    });
    expect(unknown.status).toBe(404);
    expect(errorText(unknown.body)).toContain("Le déploiement « nulle-part » est introuvable.");
    const noFile = await uploadMultipart({ deployment: "georchestra-demo", headers: auth() });
    expect(noFile.status).toBe(422);
    expect(errorText(noFile.body)).toContain("Aucun fichier reçu");
    const emptyRaw = await uploadRaw("georchestra-demo", new Uint8Array(0), auth());
    expect(emptyRaw.status).toBe(422);

    // 50 MiB of valid-looking JUnit, then more: refused with 413 as soon as the limit is crossed.
    const head = new TextEncoder().encode('<?xml version="1.0"?>\n<testsuite name="big">');
    const huge = new Uint8Array(50 * 1024 * 1024 + 1024).fill(0x20);
    huge.set(head, 0);
    for (const answer of [
      await uploadRaw("georchestra-demo", huge, auth()),
      await uploadMultipart({
        deployment: "georchestra-demo",
        file: { name: "big.xml", bytes: huge },
        headers: auth(),
      }),
    ]) {
      expect(answer.status).toBe(413);
      expect(errorText(answer.body)).toContain("dépasse la taille maximale autorisée (50 Mo)");
    }
    expect(await storedRows()).toEqual(before);
  });

  it("lets maintainers, moderators and admins upload, and refuses anonymous callers, other members and wrong scopes", async () => {
    const before = await storedRows();
    const bytes = fixture("junit-single-testsuite.xml");
    const send = (headers: Record<string, string>, deployment = "georchestra-demo") =>
      uploadMultipart({ deployment, file: { name: "TEST.xml", bytes }, headers });

    const anonymous = await send({});
    expect(anonymous.status).toBe(401);
    const readOnly = await send({
      authorization: `Bearer ${await cliKey("--user", "julien.roux", "--scope", "read")}`,
    });
    expect(readOnly.status).toBe(403);
    expect(errorText(readOnly.body)).toContain("n'a pas la portée « conformance:write »");
    const member = await send({
      authorization: `Bearer ${await cliKey("--user", "claire.martin", "--scope", "conformance:write")}`,
    });
    expect(member.status).toBe(403);
    expect(errorText(member.body)).toContain("Seuls les mainteneurs de la solution");
    // A maintainer of geOrchestra is only a member for Prodige.
    const otherSolution = await send(auth(), "prodige-region");
    expect(otherSolution.status).toBe(403);
    // A browser session needs the CSRF header, as for POST /posts.json.
    const { cookie } = await sessionCookieFor("julien.roux");
    expect((await send({ cookie })).status).toBe(403);
    expect(await storedRows()).toEqual(before);

    expect((await send(auth())).status).toBe(201);
    const groupKey = await cliKey("--group", "mainteneurs-georchestra", "--scope", "conformance:write");
    expect((await send({ authorization: `Bearer ${groupKey}` })).status).toBe(201);
    const moderator = await cliKey("--user", "karim.haddad", "--scope", "conformance:write");
    expect((await send({ authorization: `Bearer ${moderator}` }, "prodige-region")).status).toBe(201);
    const admin = await cliKey("--user", "admin", "--scope", "conformance:write");
    expect((await send({ authorization: `Bearer ${admin}` }, "prodige-region")).status).toBe(201);
    const db = await getDb();
    const byGroupKey = await db.conformanceRun.findFirstOrThrow({
      where: { uploadedById: null },
      orderBy: { id: "desc" },
    });
    expect(byGroupKey.uploadedByKeyId).not.toBeNull();
  });

  it("offers maintainers an upload form on the deployment page, which streams the file and stages it for confirmation", async () => {
    const path = "/conformance/deployments/georchestra-demo";
    const { cookie } = await sessionCookieFor("julien.roux");
    const page = await (await fetch(`${baseUrl()}${path}`, { headers: { cookie } })).text();
    expect(page).toContain("Envoyer le rapport");
    const outsider = await sessionCookieFor("claire.martin");
    expect(await (await fetch(`${baseUrl()}${path}`, { headers: { cookie: outsider.cookie } })).text()).not.toContain(
      "Envoyer le rapport",
    );
    expect(await (await fetch(`${baseUrl()}${path}`)).text()).not.toContain("Envoyer le rapport");

    const submit = async (sessionCookie: string, csrf: string, name: string) => {
      const body = new FormData();
      body.append("csrf", csrf);
      body.append("file", new Blob([fixture(name)], { type: "application/xml" }), name);
      return fetch(`${baseUrl()}${path}`, {
        method: "POST",
        headers: { cookie: sessionCookie },
        body,
        redirect: "manual",
      });
    };
    const before = await storedRows();
    const csrf = await csrfFrom(baseUrl(), path, cookie);
    const forged = await submit(cookie, "forged", "testng-features10.xml");
    expect(forged.status).toBe(403);
    const malformed = await submit(cookie, csrf, "hostile/truncated.xml");
    expect(malformed.status).toBe(422);
    expect(await malformed.text()).toContain("ligne 8, colonne 1");
    const notMaintainer = await submit(
      outsider.cookie,
      await csrfFrom(baseUrl(), path, outsider.cookie),
      "testng-features10.xml",
    );
    expect(notMaintainer.status).toBe(403);
    expect(await storedRows()).toEqual(before);

    // The form stages the report and shows its summary first (tests/integration/conformance-staged-upload.test.ts).
    const sent = await submit(cookie, csrf, "testng-features10.xml");
    expect(sent.status).toBe(302);
    expect(sent.headers.get("location")).toMatch(/^\/conformance\/envoyer\/\d+$/);
    const confirmed = await fetch(`${baseUrl()}${sent.headers.get("location")}`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrf, intent: "confirm" }),
      redirect: "manual",
    });
    expect(confirmed.headers.get("location")).toMatch(/^\/conformance\/runs\/\d+$/);
    const db = await getDb();
    const run = await db.conformanceRun.findFirstOrThrow({ orderBy: { id: "desc" }, include: { uploadedBy: true } });
    expect(run.uploadedBy?.username).toBe("julien.roux");
  });
});
