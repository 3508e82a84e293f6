import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closingLine } from "../../../scripts/test-summary.mjs";

describe("npm test's closing line", () => {
  it("adds a failed step that no failed test case accounts for", () => {
    expect(closingLine({ passed: 988, failed: 0, skipped: 2 }, [{ name: "typecheck", failedCases: 0 }])).toMatch(/^988 passed, 1 failed, 2 skipped \(.*typecheck\)$/);
    expect(closingLine({ passed: 5, failed: 0, skipped: 0 }, [{ name: "lint", failedCases: 0 }, { name: "production build", failedCases: 0 }])).toMatch(/^5 passed, 2 failed, 0 skipped/);
  });

  it("does not count a runner twice when its failed test cases already say why it failed", () => {
    expect(closingLine({ passed: 10, failed: 3, skipped: 0 }, [{ name: "unit tests", failedCases: 3 }])).toBe("10 passed, 3 failed, 0 skipped");
  });

  it("says 0 failed only when nothing failed", () => {
    expect(closingLine({ passed: 7, failed: 0, skipped: 1 }, [])).toBe("7 passed, 0 failed, 1 skipped");
  });
});

/**
 * The real scripts/test.mjs, run with a stand-in `npx` first on PATH: each tool exits as told and the test runners
 * write the JSON report they would. No real step runs; what is checked is the script's own wiring.
 */
describe("scripts/test.mjs end to end, with stand-in tools", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "npm-test-"));
  const bin = path.join(dir, "bin");
  spawnSync("mkdir", ["-p", bin]);
  writeFileSync(
    path.join(bin, "npx"),
    `#!/bin/sh
case "$1" in
  tsc) exit "\${FAKE_TSC_EXIT:-0}" ;;
  eslint) exit "\${FAKE_LINT_EXIT:-0}" ;;
  next) exit "\${FAKE_BUILD_EXIT:-0}" ;;
  playwright) printf '{"stats":{"expected":2,"flaky":0,"unexpected":0,"skipped":0}}' > "$PLAYWRIGHT_JSON_OUTPUT_NAME" ;;
  vitest)
    for arg in "$@"; do
      case "$arg" in --outputFile.json=*)
        [ -n "$FAKE_VITEST_NO_REPORT" ] && exit 1
        printf '{"numPassedTests":4,"numFailedTests":%s,"numPendingTests":0,"numTodoTests":0}' "\${FAKE_VITEST_FAILED:-0}" > "\${arg#--outputFile.json=}" ;;
      esac
    done
    [ "\${FAKE_VITEST_FAILED:-0}" = 0 ] ;;
esac
`,
  );
  chmodSync(path.join(bin, "npx"), 0o755);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function npmTest(env: Record<string, string>) {
    const script = path.resolve("scripts/test.mjs");
    const inherited = { ...process.env };
    delete inherited.TEST_DATABASE_URL; // no PostgreSQL run
    delete inherited.CI; // a missing browser is a skip, not a failure
    const result = spawnSync(process.execPath, [script], {
      cwd: dir,
      encoding: "utf8",
      env: {
        ...inherited,
        PATH: `${bin}:${process.env.PATH}`,
        CHROMIUM_PATH: path.join(dir, "no-chromium"),
        CADDY_BIN: path.join(dir, "no-caddy"), // the cluster step is skipped unless a case provides Caddy
        ...env,
      },
    });
    const lines = result.stdout.trim().split("\n");
    return { status: result.status, closing: lines.at(-1)! };
  }

  it("all green: exit 0 and 0 failed", () => {
    expect(npmTest({})).toEqual({ status: 0, closing: "12 passed, 0 failed, 0 skipped" });
  });

  it.each([
    ["a failed typecheck", { FAKE_TSC_EXIT: "2" }, "typecheck"],
    ["a failed lint", { FAKE_LINT_EXIT: "1" }, "lint"],
  ])("%s: exit 1 and the closing line counts it", (_label, env, step) => {
    const { status, closing } = npmTest(env);
    expect(status).toBe(1);
    expect(closing).toMatch(new RegExp(`^12 passed, 1 failed, 0 skipped \\(.*${step}\\)$`));
  });

  it("a failed production build (so no e2e run): exit 1 and 1 failed", () => {
    const { status, closing } = npmTest({ FAKE_BUILD_EXIT: "1", CHROMIUM_PATH: process.execPath });
    expect(status).toBe(1);
    expect(closing).toMatch(/^8 passed, 1 failed, 0 skipped \(.*production build\)$/);
    expect(npmTest({ CHROMIUM_PATH: process.execPath })).toEqual({ status: 0, closing: "14 passed, 0 failed, 0 skipped" });
  });

  // Three vitest steps (unit, integration, abuse after the build) and, with a browser, the e2e step.
  it("a runner that dies before writing its report counts once", () => {
    const { status, closing } = npmTest({ FAKE_VITEST_NO_REPORT: "1" });
    expect(status).toBe(1);
    expect(closing).toMatch(/^0 passed, 3 failed, 0 skipped/);
  });

  it("with Caddy the cluster suite runs after the build; under CI a missing Caddy is a failure, not a skip", () => {
    expect(npmTest({ CADDY_BIN: "true" })).toEqual({ status: 0, closing: "16 passed, 0 failed, 0 skipped" });
    const { status, closing } = npmTest({ CI: "1", CHROMIUM_PATH: process.execPath });
    expect(status).toBe(1);
    expect(closing).toMatch(/^14 passed, 1 failed, 0 skipped \(.*cluster tests \(no Caddy\)\)$/);
  });

  it("failed test cases are counted as themselves, not once more for their step", () => {
    expect(npmTest({ FAKE_VITEST_FAILED: "1" })).toEqual({ status: 1, closing: "12 passed, 3 failed, 0 skipped" });
  });
});
