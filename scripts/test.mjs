// `npm test`: everything a contributor needs, in the order that fails fastest.
// typecheck → lint → unit → integration on PGlite (and on PostgreSQL when TEST_DATABASE_URL is set)
// → production build → abuse suite (fast-check over HTTP) → cluster suite (Caddy + PostgreSQL) → Playwright e2e in Chromium. Ends with one "N passed, N failed" line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { closingLine } from "./test-summary.mjs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
/** Failed test cases each runner step reported; a failed step with none (or no report) counts as one failure. */
const failedCases = new Map();
mkdirSync("test-results", { recursive: true });

function step(name, command, args, extraEnv = {}) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  console.log(`${ok ? "✔" : "✖"} ${name} (${seconds} s)`);
  if (!ok) failures.push(name);
  return ok;
}

function countVitest(name, file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  failedCases.set(name, report.numFailedTests);
  totals.skipped += report.numPendingTests + report.numTodoTests;
}

function vitest(name, project, file, extraEnv) {
  rmSync(file, { force: true });
  step(name, "npx", ["vitest", "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`], extraEnv);
  countVitest(name, file);
}

step("typecheck", "npx", ["tsc", "--noEmit"]);
step("lint", "npx", ["eslint", ".", "--max-warnings=0"]);
vitest("unit tests", "unit", "test-results/vitest-unit.json");
vitest("integration tests (PGlite)", "integration", "test-results/vitest-integration-pglite.json", { INTEGRATION_DB: "pglite" });
if (process.env.TEST_DATABASE_URL) {
  vitest("integration tests (PostgreSQL)", "integration", "test-results/vitest-integration-postgres.json", { INTEGRATION_DB: "postgres" });
} else {
  console.log("\n(Integration tests ran on PGlite only; set TEST_DATABASE_URL=postgresql://… to run them on PostgreSQL too.)");
}

// The abuse suite (property-based fuzzing over HTTP) and the e2e suite both run against this build.
const built = step("production build", "npx", ["next", "build"]);
if (built) vitest("abuse suite (fuzzing the production build over HTTP)", "abuse", "test-results/vitest-abuse.json");

// Two app instances, two workers and Caddy on one PostgreSQL (rolling restart, custom-domain TLS, consistency).
const caddy = spawnSync(process.env.CADDY_BIN ?? "caddy", ["version"]).status === 0;
if (!caddy && process.env.CI) {
  console.error("\n✖ No caddy on PATH: the cluster suite cannot run, and CI must not skip it. Install it with: apt-get install -y caddy");
  failures.push("cluster tests (no Caddy)");
} else if (!caddy) {
  console.log("\n(cluster suite skipped: Caddy is not installed. To run it: sudo apt-get install -y caddy)");
} else if (built) {
  vitest("cluster tests (2 app instances + 2 workers + Caddy on PostgreSQL)", "cluster", "test-results/vitest-cluster.json");
}

if (existsSync(chromium)) {
  if (built) {
    const file = "test-results/playwright.json";
    rmSync(file, { force: true });
    step("e2e tests (Chromium)", "npx", ["playwright", "test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
    if (existsSync(file)) {
      const { stats } = JSON.parse(readFileSync(file, "utf8"));
      totals.passed += stats.expected + stats.flaky;
      totals.failed += stats.unexpected;
      totals.skipped += stats.skipped;
      failedCases.set("e2e tests (Chromium)", stats.unexpected);
    }
  }
} else if (process.env.CI) {
  console.error(`\n✖ No Chromium at ${chromium}: the e2e suite cannot run, and CI must not skip it. Install it with: apt-get install -y chromium`);
  failures.push("e2e tests (no Chromium)");
} else {
  console.log(`\n(e2e suite skipped: no Chromium at ${chromium}. To run it: sudo apt-get install -y chromium, or set CHROMIUM_PATH.)`);
}

console.log(failures.length ? `\nFailed steps: ${failures.join(", ")}` : "\nAll steps passed.");
console.log(closingLine(totals, failures.map((name) => ({ name, failedCases: failedCases.get(name) ?? 0 }))));
process.exit(failures.length ? 1 : 0);
