import { gzipSync } from "node:zlib";
import { expect, test, type Browser } from "@playwright/test";
import { createFixtures, pathOf } from "./support/fixtures";

const BUDGET_BYTES = 15 * 1024;

/** Scripts a fresh browser downloads for a page, each with its gzip size. */
async function scriptsOf(browser: Browser, path: string): Promise<Map<string, number>> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const sizes = new Map<string, number>();
  const pending: Promise<void>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    pending.push(response.body().then((body) => void sizes.set(new URL(response.url()).pathname, gzipSync(body, { level: 9 }).length)));
  });
  await page.goto(path, { waitUntil: "networkidle" });
  await Promise.all(pending);
  await context.close();
  return sizes;
}

const total = (sizes: Map<string, number>) => [...sizes.values()].reduce((sum, size) => sum + size, 0);

test("the tracking page sends at most Next.js's own JavaScript plus 15 KB gzip", async ({ browser }) => {
  // "/" renders no client component: what any page of this build costs.
  const baseline = await scriptsOf(browser, "/");
  const tracking = await scriptsOf(browser, pathOf((await createFixtures()).delayed, "en"));
  const extra = total(tracking) - total(baseline);
  const own = [...tracking].filter(([path]) => !baseline.has(path));
  console.log(
    `JavaScript (gzip): baseline page ${(total(baseline) / 1024).toFixed(1)} KB in ${baseline.size} files; ` +
      `tracking page ${(total(tracking) / 1024).toFixed(1)} KB in ${tracking.size} files; ` +
      `extra ${(extra / 1024).toFixed(1)} KB (budget 15 KB) in ${own.map(([path, size]) => `${path.split("/").pop()} ${(size / 1024).toFixed(1)} KB`).join(", ")}`,
  );
  expect(extra).toBeLessThanOrEqual(BUDGET_BYTES);
});
