/**
 * The address of a test's page. A test is named by its `caseKey` (the same for TestNG and EARL files of a suite,
 * whatever the parameters), passed as the `cas` query parameter: keys hold `#`, `/` and `.` that a path segment
 * would have to escape, and `%2F` in a path is decoded unevenly by proxies and routers, while a query parameter
 * round-trips any string. `avant` is the keyset cursor of the history (a result id).
 */
export const testPageUrl = (caseKey: string, before?: number) =>
  `/conformance/tests?cas=${encodeURIComponent(caseKey)}${before ? `&avant=${before}` : ""}`;
