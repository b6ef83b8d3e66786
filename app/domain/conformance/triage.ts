// Triage of conformance failures, wpt-metadata style (docs/decisions/017): a test case of a deployment is linked to
// the topic that tracks it, and later runs that move it between failing and passing say so in the topic.
// Framework-free: the rules, texts and the pre-filled report shared by the run page, the new-topic page and recordRun.
import type { Reader } from "~/domain/forum/permissions";
import { DomainError } from "~/domain/shared/errors";
import type { ReportDraft } from "~/domain/tracker/report";

/** What a link remembers of its test: failed and error are failures, passed is a pass; skipped is never stored. */
export type LinkStatus = "failed" | "error" | "passed";

export const isFailingStatus = (status: string) => status === "failed" || status === "error";

/**
 * The status of a test case in one run, from its results (a parameterised case runs several times): failed when one
 * failed, else error when one errored, else passed when one passed; null when every result was skipped, because a
 * skipped test says nothing about the failure.
 */
export function caseStatus(statuses: Iterable<string>): LinkStatus | null {
  const seen = new Set(statuses);
  if (seen.has("failed")) return "failed";
  if (seen.has("error")) return "error";
  if (seen.has("passed")) return "passed";
  return null;
}

/** A run's case statuses, keyed by caseKey. */
export function caseStatuses(results: Iterable<{ caseKey: string; status: string }>): Map<string, LinkStatus | null> {
  const byCase = new Map<string, string[]>();
  for (const result of results) {
    const list = byCase.get(result.caseKey);
    if (list) list.push(result.status);
    else byCase.set(result.caseKey, [result.status]);
  }
  return new Map([...byCase].map(([caseKey, statuses]) => [caseKey, caseStatus(statuses)]));
}

export interface TrackedTestLink {
  id: number;
  topicId: number;
  caseKey: string;
  testName: string;
  lastStatus: string;
}

export type FlipDirection = "now_passing" | "failing_again";

export interface TestFlip {
  link: TrackedTestLink;
  from: string;
  to: LinkStatus;
  direction: FlipDirection;
}

/**
 * Compares each link's last known status with the test's status in a new run. A flip is a move between failing
 * (failed, error) and passing; a move from failed to error is no flip but is remembered. Tests the run did not
 * report, or skipped entirely, change nothing.
 */
export function detectFlips(
  links: readonly TrackedTestLink[],
  statuses: ReadonlyMap<string, LinkStatus | null>,
): { flips: TestFlip[]; updates: { id: number; status: LinkStatus }[] } {
  const flips: TestFlip[] = [];
  const updates: { id: number; status: LinkStatus }[] = [];
  for (const link of links) {
    const now = statuses.get(link.caseKey);
    if (!now || now === link.lastStatus) continue;
    updates.push({ id: link.id, status: now });
    const wasFailing = isFailingStatus(link.lastStatus);
    if (wasFailing !== isFailingStatus(now)) {
      flips.push({ link, from: link.lastStatus, to: now, direction: wasFailing ? "now_passing" : "failing_again" });
    }
  }
  return { flips, updates };
}

/** The flips of one run, one group per topic (a topic gets one event post per run, whatever the number of tests). */
export function flipsByTopic(flips: readonly TestFlip[]): Map<number, TestFlip[]> {
  const groups = new Map<number, TestFlip[]>();
  for (const flip of flips) {
    const group = groups.get(flip.link.topicId);
    if (group) group.push(flip);
    else groups.set(flip.link.topicId, [flip]);
  }
  return groups;
}

const quoted = (names: readonly string[]) => names.map((name) => `« ${name} »`).join(", ");

/** « Le test « X » réussit désormais sur le déploiement « D » (passage n° 12). », both directions in one sentence. */
export function flipEventText(flips: readonly TestFlip[], deploymentName: string, runId: number): string {
  const parts: string[] = [];
  const names = (direction: FlipDirection) => [
    ...new Set(flips.filter((flip) => flip.direction === direction).map((flip) => flip.link.testName)),
  ];
  const passing = names("now_passing");
  const failing = names("failing_again");
  if (passing.length === 1) parts.push(`Le test ${quoted(passing)} réussit désormais`);
  if (passing.length > 1) parts.push(`Les tests ${quoted(passing)} réussissent désormais`);
  if (failing.length === 1) parts.push(`${parts.length ? "le test" : "Le test"} ${quoted(failing)} échoue de nouveau`);
  if (failing.length > 1)
    parts.push(`${parts.length ? "les tests" : "Les tests"} ${quoted(failing)} échouent de nouveau`);
  return `${parts.join(" ; ")} sur le déploiement « ${deploymentName} » (passage n° ${runId}).`;
}

// ---- Who may triage ------------------------------------------------------------------------------------------------

/** Any signed-in person may link a failure they can see to a topic they can see (the route checks the topic). */
export const canLinkTests = (reader: Reader) => reader.role !== "anonymous" && reader.userId !== null;

export function requireTestLinker(reader: Reader): void {
  if (!canLinkTests(reader)) {
    throw new DomainError(401, "Connectez-vous pour lier un test à un sujet.");
  }
}

/** A link is removed by whoever made it, the maintainers of the deployment's solution, moderators and admins. */
export function canUnlinkTest(
  reader: Reader,
  link: { linkedById: number | null },
  maintainerGroup: string | null,
): boolean {
  if (!canLinkTests(reader)) return false;
  if (reader.role === "moderator" || reader.role === "admin") return true;
  if (maintainerGroup !== null && reader.groups.includes(maintainerGroup)) return true;
  return link.linkedById !== null && link.linkedById === reader.userId;
}

export function requireTestUnlinker(
  reader: Reader,
  link: { linkedById: number | null },
  maintainerGroup: string | null,
): void {
  requireTestLinker(reader);
  if (!canUnlinkTest(reader, link, maintainerGroup)) {
    throw new DomainError(
      403,
      "Seuls l'auteur du lien, les mainteneurs de la solution, les modérateurs et les administrateurs peuvent retirer ce lien.",
    );
  }
}

// ---- Input ---------------------------------------------------------------------------------------------------------

/** "#12", "12", or a topic's address (`https://…/t/slug/12`, `/t/slug/12/3`): the topic number, or null. */
export function parseTopicReference(input: string): number | null {
  const text = input.trim();
  const bare = /^#?(\d{1,9})$/.exec(text);
  if (bare) return Number(bare[1]);
  let path: string;
  try {
    path = new URL(text, "http://local.invalid").pathname;
  } catch {
    return null;
  }
  const segments = path.split("/").filter(Boolean);
  if (segments[0] !== "t") return null;
  const candidate = /^\d{1,9}$/.test(segments[1] ?? "") && segments.length === 2 ? segments[1] : segments[2];
  return candidate && /^\d{1,9}$/.test(candidate) ? Number(candidate) : null;
}

/** The result ids a form sent (`result`, several), deduplicated; anything else is ignored. */
export function parseResultIds(values: readonly unknown[]): number[] {
  const ids = values
    .filter((value): value is string => typeof value === "string" && /^\d{1,15}$/.test(value))
    .map(Number)
    .filter((id) => Number.isSafeInteger(id) && id > 0);
  return [...new Set(ids)].slice(0, 200);
}

// ---- The pre-filled report -----------------------------------------------------------------------------------------

export interface TriageSource {
  run: { id: number; suite: string; url: string };
  deployment: { name: string; endpointUrl: string; solutionSlug: string; version: string };
  tests: { name: string; classUri: string | null; message: string | null; status: string }[];
  /** The title of the tests' class, for the suggested title. */
  classTitle: string | null;
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The title, first message and interop report a "Signaler un problème" opens with, from the selected failures. */
export function prefilledReport(source: TriageSource): { title: string; raw: string; report: ReportDraft } {
  const { run, deployment, tests } = source;
  const names = tests.map((test) => test.name);
  const title =
    tests.length === 1
      ? `Échec du test « ${cut(names[0]!, 120)} » sur ${deployment.name}`
      : `${tests.length} tests en échec${source.classTitle ? ` (${cut(source.classTitle, 80)})` : ""} sur ${deployment.name}`;
  const list = tests.map((test) => `- ${test.name}${test.status === "error" ? " (erreur)" : ""}`).join("\n");
  const raw = [
    `Signalé depuis le [passage n° ${run.id}](/conformance/runs/${run.id}) du déploiement « ${deployment.name} » (suite ${run.suite}).`,
    "",
    tests.length === 1 ? "Test en échec :" : "Tests en échec :",
    "",
    list,
  ].join("\n");
  const classUri = tests.find((test) => test.classUri)?.classUri ?? "";
  return {
    title: cut(title, 250),
    raw,
    report: {
      reportingSolution: deployment.solutionSlug,
      reportingVersion: deployment.version,
      affected: [{ solution: deployment.solutionSlug, version: deployment.version }],
      classUri,
      endpointUrl: deployment.endpointUrl,
      steps: [
        `1. Lancer la suite ${run.suite} sur ${deployment.endpointUrl || "le service"}.`,
        `2. Consulter le résultat ${tests.length === 1 ? "du test" : "des tests"} : ${quoted(names)} (passage n° ${run.id}, ${run.url}).`,
      ].join("\n"),
      expected: tests.length === 1 ? `Le test ${quoted(names)} réussit.` : `Les tests ${quoted(names)} réussissent.`,
      actual: cut(
        tests
          .map((test) => `${test.name} : ${test.message?.trim() || (test.status === "error" ? "erreur" : "échec")}`)
          .join("\n"),
        10_000,
      ),
      // How bad it is stays the reporter's judgement.
      severity: "",
    },
  };
}
