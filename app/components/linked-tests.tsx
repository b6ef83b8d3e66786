// "Tests de conformité liés" on a topic page: the tests triaged to this topic from run pages, each with the status
// its latest run left, so the people fixing the issue see at a glance whether it still fails, and where.
import { Link } from "~/components/link";
import { TestStatusBadge } from "~/components/conformance-verdict";
import type { LinkedTestView } from "~/domain/conformance/triage.server";

export function LinkedTestsPanel({ tests }: { tests: LinkedTestView[] }) {
  if (tests.length === 0) return null;
  const failing = tests.filter((test) => test.lastStatus !== "passed").length;
  return (
    <section className="fr-mb-3w" aria-labelledby="tests-lies">
      <h2 id="tests-lies" className="fr-h6 fr-mb-1w">
        Tests de conformité liés
      </h2>
      <p className="fr-text--sm fr-mb-1w">
        {failing === 0
          ? "Tous les tests liés réussissent à leur dernier passage."
          : `${failing} test${failing > 1 ? "s" : ""} sur ${tests.length} en échec à leur dernier passage.`}
      </p>
      <ul className="fr-text--sm">
        {tests.map((test) => (
          <li key={`${test.deployment.slug} ${test.testUrl}`}>
            <TestStatusBadge status={test.lastStatus} /> <Link to={test.testUrl}>{test.testName}</Link> sur{" "}
            <Link to={test.deployment.url}>{test.deployment.name}</Link> (
            <Link to={test.lastRunUrl}>dernier passage</Link>)
          </li>
        ))}
      </ul>
    </section>
  );
}
