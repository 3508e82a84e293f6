// The closing line of `npm test`. Kept apart from scripts/test.mjs so a unit test can hold it to its promise:
// the line never says "0 failed" when the run exits 1.

/**
 * Failed test cases as the runners reported them, plus one for every failed step that no failed test case
 * accounts for: typecheck, lint, the production build, or a runner that died before it could report.
 * @param {{ passed: number, failed: number, skipped: number }} totals test cases the runners reported
 * @param {Array<{ name: string, failedCases: number }>} failedSteps every step that exited non-zero
 */
export function closingLine(totals, failedSteps) {
  const uncounted = failedSteps.filter((step) => !(step.failedCases > 0)).map((step) => step.name);
  const failed = totals.failed + uncounted.length;
  const why = uncounted.length ? ` (${totals.failed} test cases, ${uncounted.length} failed steps without a failed test: ${uncounted.join(", ")})` : "";
  return `${totals.passed} passed, ${failed} failed, ${totals.skipped} skipped${why}`;
}
