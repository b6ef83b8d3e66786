import { describe, expect, it } from "vitest";
import type { Reader } from "~/domain/forum/permissions";
import type { DomainError } from "~/domain/shared/errors";
import {
  canLinkTests,
  canUnlinkTest,
  caseStatus,
  caseStatuses,
  detectFlips,
  flipEventText,
  flipsByTopic,
  parseResultIds,
  parseTopicReference,
  prefilledReport,
  requireTestLinker,
  requireTestUnlinker,
  type TrackedTestLink,
} from "./triage";

const MAINTAINERS = "mainteneurs-georchestra";
const anonymous: Reader = { role: "anonymous", groups: [], userId: null };
const member: Reader = { role: "member", groups: [], userId: 10 };
const linker: Reader = { role: "member", groups: [], userId: 11 };
const maintainer: Reader = { role: "member", groups: [MAINTAINERS], userId: 12 };
const otherMaintainer: Reader = { role: "member", groups: ["mainteneurs-prodige"], userId: 13 };
const moderator: Reader = { role: "moderator", groups: [], userId: 14 };
const admin: Reader = { role: "admin", groups: [], userId: 15 };

const link = (overrides: Partial<TrackedTestLink> = {}): TrackedTestLink => ({
  id: 1,
  topicId: 100,
  caseKey: "core#bbox",
  testName: "validateBbox",
  lastStatus: "failed",
  ...overrides,
});

function statusOf(check: () => void): number | "ok" {
  try {
    check();
    return "ok";
  } catch (error) {
    return (error as DomainError).status;
  }
}

describe("a test case's status in one run", () => {
  it("is failed when any parameterised result failed, error next, passed only when the rest passed", () => {
    expect(caseStatus(["passed", "failed", "error"])).toBe("failed");
    expect(caseStatus(["passed", "error"])).toBe("error");
    expect(caseStatus(["passed", "skipped"])).toBe("passed");
  });

  it("says nothing when every result was skipped", () => {
    expect(caseStatus(["skipped", "skipped"])).toBeNull();
    expect(caseStatus([])).toBeNull();
  });

  it("groups a run's results by case", () => {
    const statuses = caseStatuses([
      { caseKey: "a", status: "passed" },
      { caseKey: "a", status: "failed" },
      { caseKey: "b", status: "skipped" },
    ]);
    expect(Object.fromEntries(statuses)).toEqual({ a: "failed", b: null });
  });
});

describe("flip detection", () => {
  it("reports a failing test that now passes, and remembers the new status", () => {
    const { flips, updates } = detectFlips([link()], new Map([["core#bbox", "passed"]]));
    expect(flips).toEqual([{ link: link(), from: "failed", to: "passed", direction: "now_passing" }]);
    expect(updates).toEqual([{ id: 1, status: "passed" }]);
  });

  it("reports a passing test that fails again, errors included", () => {
    const { flips } = detectFlips([link({ lastStatus: "passed" })], new Map([["core#bbox", "error"]]));
    expect(flips.map((flip) => flip.direction)).toEqual(["failing_again"]);
  });

  it("is silent when the outcome does not change side, but remembers failed → error", () => {
    const { flips, updates } = detectFlips([link()], new Map([["core#bbox", "error"]]));
    expect(flips).toEqual([]);
    expect(updates).toEqual([{ id: 1, status: "error" }]);
    expect(detectFlips([link()], new Map([["core#bbox", "failed"]]))).toEqual({ flips: [], updates: [] });
  });

  it("ignores skipped tests and tests the run did not report", () => {
    expect(detectFlips([link()], new Map([["core#bbox", null]]))).toEqual({ flips: [], updates: [] });
    expect(detectFlips([link()], new Map([["other", "passed"]]))).toEqual({ flips: [], updates: [] });
  });

  it("groups flips by topic, one event per topic", () => {
    const { flips } = detectFlips(
      [link(), link({ id: 2, caseKey: "core#crs", testName: "validateCrs" }), link({ id: 3, topicId: 200 })],
      new Map([
        ["core#bbox", "passed"],
        ["core#crs", "passed"],
      ]),
    );
    const groups = flipsByTopic(flips);
    expect([...groups.keys()]).toEqual([100, 200]);
    expect(groups.get(100)).toHaveLength(2);
  });
});

describe("the event post's text", () => {
  it("names the test, the deployment and the run", () => {
    const { flips } = detectFlips([link()], new Map([["core#bbox", "passed"]]));
    expect(flipEventText(flips, "geOrchestra – démonstration", 42)).toBe(
      "Le test « validateBbox » réussit désormais sur le déploiement « geOrchestra – démonstration » (passage n° 42).",
    );
  });

  it("says « échoue de nouveau », in the plural too, and both directions in one sentence", () => {
    const { flips } = detectFlips(
      [
        link({ lastStatus: "passed" }),
        link({ id: 2, caseKey: "b", testName: "b", lastStatus: "passed" }),
        link({ id: 3, caseKey: "c", testName: "c" }),
      ],
      new Map([
        ["core#bbox", "failed"],
        ["b", "error"],
        ["c", "passed"],
      ]),
    );
    expect(flipEventText(flips, "D", 7)).toBe(
      "Le test « c » réussit désormais ; les tests « validateBbox », « b » échouent de nouveau sur le déploiement « D » (passage n° 7).",
    );
  });
});

describe("who may triage", () => {
  it("lets any signed-in person link, never an anonymous visitor (401)", () => {
    expect(canLinkTests(anonymous)).toBe(false);
    for (const reader of [member, maintainer, moderator, admin]) expect(canLinkTests(reader)).toBe(true);
    expect(statusOf(() => requireTestLinker(anonymous))).toBe(401);
    expect(statusOf(() => requireTestLinker(member))).toBe("ok");
  });

  it("lets the linker, the solution's maintainers, moderators and admins remove a link, nobody else", () => {
    const made = { linkedById: linker.userId };
    const cases: [string, Reader, number | "ok"][] = [
      ["anonymous", anonymous, 401],
      ["another member", member, 403],
      ["maintainer of another solution", otherMaintainer, 403],
      ["the linker", linker, "ok"],
      ["maintainer of the solution", maintainer, "ok"],
      ["moderator", moderator, "ok"],
      ["admin", admin, "ok"],
    ];
    for (const [who, reader, expected] of cases) {
      expect(
        statusOf(() => requireTestUnlinker(reader, made, MAINTAINERS)),
        who,
      ).toBe(expected);
      expect(canUnlinkTest(reader, made, MAINTAINERS), who).toBe(expected === "ok");
    }
    // A link whose author left (linkedById null) and a solution without maintainers: staff only.
    expect(canUnlinkTest(member, { linkedById: null }, null)).toBe(false);
    expect(canUnlinkTest(maintainer, { linkedById: null }, null)).toBe(false);
    expect(canUnlinkTest(moderator, { linkedById: null }, null)).toBe(true);
  });
});

describe("form input", () => {
  it("reads a topic number or a topic's address", () => {
    expect(parseTopicReference("#12")).toBe(12);
    expect(parseTopicReference(" 12 ")).toBe(12);
    expect(parseTopicReference("https://interop.cicclo.fr/t/next-perd-bbox/12")).toBe(12);
    expect(parseTopicReference("/t/next-perd-bbox/12/3#post-3")).toBe(12);
    expect(parseTopicReference("/t/12")).toBe(12);
    expect(parseTopicReference("https://interop.cicclo.fr/c/securite/4")).toBeNull();
    expect(parseTopicReference("douze")).toBeNull();
    expect(parseTopicReference("")).toBeNull();
  });

  it("keeps only positive integer result ids, once", () => {
    expect(parseResultIds(["3", "3", "x", "-1", "0", 4, "12"])).toEqual([3, 12]);
  });
});

describe("the pre-filled report", () => {
  const source = {
    run: { id: 42, suite: "ogcapi-features-1.0", url: "https://interop.example/conformance/runs/42" },
    deployment: {
      name: "geOrchestra – démonstration",
      endpointUrl: "https://demo.georchestra.org/ogcapi",
      solutionSlug: "georchestra",
      version: "24.0",
    },
    tests: [
      {
        name: "validateFeaturesOperation_QueryParamInvalid",
        classUri: "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        message: "Unexpected HTTP status code. expected [400] but found [200]",
        status: "failed",
      },
    ],
    classTitle: "Core",
  };

  it("fills solution, version, class, endpoint, the test and its message, and suggests a title", () => {
    const { title, raw, report } = prefilledReport(source);
    expect(title).toBe("Échec du test « validateFeaturesOperation_QueryParamInvalid » sur geOrchestra – démonstration");
    expect(report).toMatchObject({
      reportingSolution: "georchestra",
      reportingVersion: "24.0",
      affected: [{ solution: "georchestra", version: "24.0" }],
      classUri: source.tests[0]!.classUri,
      endpointUrl: "https://demo.georchestra.org/ogcapi",
      severity: "",
    });
    expect(report.actual).toBe(
      "validateFeaturesOperation_QueryParamInvalid : Unexpected HTTP status code. expected [400] but found [200]",
    );
    expect(report.steps).toContain("https://interop.example/conformance/runs/42");
    expect(raw).toContain("[passage n° 42](/conformance/runs/42)");
  });

  it("lists several tests and counts them in the title", () => {
    const { title, report } = prefilledReport({
      ...source,
      tests: [...source.tests, { name: "openapi", classUri: null, message: null, status: "error" }],
    });
    expect(title).toBe("2 tests en échec (Core) sur geOrchestra – démonstration");
    expect(report.actual.split("\n")[1]).toBe("openapi : erreur");
  });
});
