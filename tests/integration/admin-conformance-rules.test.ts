// /admin/conformance over HTTP: admins list, add, edit, move and delete the group → class rules, each change audited;
// a class outside the catalogue is refused under its field; everyone else gets a 403 and changes nothing.
import { describe, expect, it } from "vitest";
import { loadGroupClassMapping } from "../../app/domain/conformance/runs.server";
import { getDb } from "../../app/infra/db.server";
import { useAppServer } from "../support/app-server";
import { csrfFrom, form, sessionCookieFor, submitForm } from "../support/sessions";

const baseUrl = useAppServer();
const PAGE = "/admin/conformance";
const CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
const CRS = "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs";

async function snapshot() {
  const db = await getDb();
  return {
    rules: await db.groupClassRule.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }] }),
    audit: await db.auditEvent.count(),
  };
}

async function ruleOrder() {
  return (await loadGroupClassMapping(await getDb())).map((rule) => rule.group);
}

describe.each([
  ["an anonymous visitor", null],
  ["a member", "claire.martin"],
  ["a maintainer", "julien.roux"],
  ["a moderator", "karim.haddad"],
])("group → class rules refused to %s", (_label, username) => {
  it("answers 403 to the page and to every change, and changes nothing", async () => {
    const cookie = username ? (await sessionCookieFor(username)).cookie : undefined;
    const page = await fetch(`${baseUrl()}${PAGE}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    expect(page.status).toBe(403);
    const csrf = await csrfFrom(baseUrl(), "/", cookie);
    const rule = (await snapshot()).rules[0]!;
    const before = await snapshot();
    const changes: Record<string, string>[] = [
      { intent: "create", group: "Intrus", classUri: CORE },
      { intent: "update", id: String(rule.id), group: "Intrus", classUri: CORE },
      { intent: "delete", id: String(rule.id) },
      { intent: "move", id: String(rule.id), direction: "down" },
    ];
    for (const fields of changes) {
      const response = await fetch(`${baseUrl()}${PAGE}`, {
        method: "POST",
        headers: { ...(cookie ? { cookie } : {}), "content-type": "application/x-www-form-urlencoded" },
        body: form({ ...fields, csrf }),
        redirect: "manual",
      });
      expect(response.status, fields.intent).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("group → class rules for an admin", () => {
  it("lists the rules in order with their class titles and the re-parse hint, linked from /admin", async () => {
    const { cookie } = await sessionCookieFor("admin");
    const html = await (await fetch(`${baseUrl()}${PAGE}`, { headers: { cookie } })).text();
    expect(html).toContain("Règles de rattachement, dans l&#x27;ordre où elles s&#x27;appliquent");
    expect(html).toContain("Coordinate Reference Systems by Reference");
    expect(html).toContain(CRS);
    expect(html).toContain("npm run cli -- conformance reparse --all");
    const json = await (await fetch(`${baseUrl()}${PAGE}.json`, { headers: { cookie } })).json();
    expect(json.rules.map((rule: { group: string }) => rule.group)).toEqual(await ruleOrder());
    expect(json.rules[0].classTitle).toBeTruthy();
    expect(await (await fetch(`${baseUrl()}/admin`, { headers: { cookie } })).text()).toContain(
      'href="/admin/conformance"',
    );
  });

  it("adds, edits, moves and deletes rules, auditing each change; the upload mapping follows", async () => {
    const { cookie } = await sessionCookieFor("admin");
    const db = await getDb();
    const auditBefore = await db.auditEvent.count();

    const added = await submitForm(baseUrl(), PAGE, cookie, {
      intent: "create",
      suite: "ogcapi-features-1.0",
      group: "Paging",
      classUri: CORE,
    });
    expect(added.status).toBe(200);
    expect(added.html).toContain("La règle « Paging » a été ajoutée en dernière position.");
    expect((await ruleOrder()).at(-1)).toBe("Paging");
    const rule = await db.groupClassRule.findFirstOrThrow({ where: { group: "Paging" } });
    expect(rule.suite).toBe("ogcapi-features-1.0");

    const editPage = await (await fetch(`${baseUrl()}${PAGE}?modifier=${rule.id}`, { headers: { cookie } })).text();
    expect(editPage).toContain("Modifier la règle « Paging »");
    const edited = await submitForm(baseUrl(), PAGE, cookie, {
      intent: "update",
      id: String(rule.id),
      suite: "",
      group: "Paging and limits",
      classUri: CRS,
    });
    expect(edited).toMatchObject({ status: 302, location: PAGE });
    expect(await db.groupClassRule.findUniqueOrThrow({ where: { id: rule.id } })).toMatchObject({
      suite: null,
      group: "Paging and limits",
      classUri: CRS,
    });

    const up = await submitForm(baseUrl(), PAGE, cookie, { intent: "move", id: String(rule.id), direction: "up" });
    expect(up.status).toBe(200);
    const order = await ruleOrder();
    expect(order.indexOf("Paging and limits")).toBe(order.length - 2);
    await submitForm(baseUrl(), PAGE, cookie, { intent: "move", id: String(rule.id), direction: "down" });
    expect((await ruleOrder()).at(-1)).toBe("Paging and limits");

    const deleted = await submitForm(baseUrl(), PAGE, cookie, { intent: "delete", id: String(rule.id) });
    expect(deleted.html).toContain("La règle « Paging and limits » a été supprimée.");
    expect(await db.groupClassRule.findUnique({ where: { id: rule.id } })).toBeNull();

    const events = await db.auditEvent.findMany({ where: { id: { gt: auditBefore } }, orderBy: { id: "asc" } });
    expect(events.map((event) => event.action)).toEqual([
      "conformance_rule.created",
      "conformance_rule.updated",
      "conformance_rule.moved",
      "conformance_rule.moved",
      "conformance_rule.deleted",
    ]);
    expect(JSON.parse(events[1]!.details)).toMatchObject({
      before: { group: "Paging", classUri: CORE },
      after: { group: "Paging and limits", classUri: CRS },
    });
  });

  it("refuses a class outside the catalogue and an empty group under their fields, with a 422 and no write", async () => {
    const { cookie } = await sessionCookieFor("admin");
    const before = await snapshot();
    const unknownClass = await submitForm(baseUrl(), PAGE, cookie, {
      intent: "create",
      group: "Core",
      classUri: "http://example.org/conf/inventee",
    });
    expect(unknownClass.status).toBe(422);
    expect(unknownClass.html).toContain('id="new-rule-classUri-error"');
    expect(unknownClass.html).toContain("Cette classe n&#x27;est pas dans le catalogue");
    const rule = before.rules[0]!;
    const emptyGroup = await submitForm(baseUrl(), PAGE, cookie, {
      intent: "update",
      id: String(rule.id),
      group: " ",
      classUri: CORE,
    });
    expect(emptyGroup.status).toBe(422);
    expect(emptyGroup.html).toContain("Indiquez le nom du groupe");
    const missing = await submitForm(baseUrl(), PAGE, cookie, { intent: "delete", id: "999999" });
    expect(missing.status).toBe(404);
    const forged = await fetch(`${baseUrl()}${PAGE}`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: form({ intent: "create", group: "Core", classUri: CORE, csrf: "forged" }),
    });
    expect(forged.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });
});
