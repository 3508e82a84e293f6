import { randomInt } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { messagesFor } from "../../lib/i18n/messages";
import { createFixtures, type Fixture, type State } from "./support/fixtures";
import { collectCspViolations, expectNoAxeViolations, SHOTS } from "./support/tracking";

let fixtures: Record<State, Fixture>;
test.beforeAll(async () => {
  fixtures = await createFixtures();
});

/**
 * Submits and waits for the answer to be on screen (the previous answer may read word for word the same).
 * React resets the form once an action's answer is rendered; waiting for that keeps the next fill from
 * being wiped by it.
 */
async function submit(page: Page, label: string) {
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST" && response.url().includes("/lookup")),
    page.getByRole("button", { name: label }).click(),
  ]);
  await page.waitForLoadState();
  await expect(page.locator("#contact")).toHaveValue("");
}

/**
 * Each visitor speaks from its own address, so the per-address limit of one does not spill into another.
 * The e2e server trusts one proxy hop (TRUST_PROXY_HOPS=1 in support/serve.ts): the spec is that proxy,
 * and X-Forwarded-For is what it appends — the same legitimate path a real deployment behind Caddy takes.
 */
async function shopper(browser: Browser, javaScriptEnabled = true) {
  const address = `10.${randomInt(0, 256)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
  const context = await browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { "x-forwarded-for": address } });
  return { context, page: await context.newPage() };
}

// Each mode looks up its own order: the per-order limit counts every attempt.
const CASES = [
  { javaScriptEnabled: true, state: "in-transit" as const, status: "IN_TRANSIT" as const },
  { javaScriptEnabled: false, state: "out-for-delivery" as const, status: "OUT_FOR_DELIVERY" as const },
];

for (const { javaScriptEnabled, state, status } of CASES) {
  const mode = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

  test(`lookup ${mode}: a wrong pair gets the one generic answer, the right one goes to the tracking page`, async ({ browser }) => {
    const { orderNumber: order, email, postalCode: postal, parcels } = fixtures[state];
    const { context, page } = await shopper(browser, javaScriptEnabled);
    const csp = await collectCspViolations(page);
    const m = messagesFor("es");
    await page.goto("/northwind/lookup?lang=es");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.lookup.title);
    if (javaScriptEnabled) await expectNoAxeViolations(page, "lookup (es)");

    for (const [orderNumber, contact] of [[order, "someone@example.com"], ["NW-9999", email], [order, "99999"]]) {
      await page.getByLabel(m.lookup.orderNumber).fill(orderNumber);
      await page.getByLabel(m.lookup.contact).fill(contact);
      await submit(page, m.lookup.submit);
      await expect(page.locator("#lookup-error")).toHaveText(m.lookup.notFound);
      await expect(page.locator("html")).toHaveAttribute("lang", "es");
    }
    if (javaScriptEnabled) await expectNoAxeViolations(page, "lookup with an error (es)");
    await page.screenshot({ path: `${SHOTS}/lookup-error-es-${javaScriptEnabled ? "js" : "no-js"}.png`, fullPage: true });

    await page.getByLabel(m.lookup.orderNumber).fill(`#${order.toLowerCase()}`);
    await page.getByLabel(m.lookup.contact).fill(javaScriptEnabled ? email.toUpperCase() : ` ${postal} `);
    await page.getByRole("button", { name: m.lookup.submit }).click();
    await expect(page).toHaveURL(new RegExp(`/t/${parcels[0]!.token}\\?lang=es$`));
    await expect(page.getByTestId("headline")).toHaveText(m.status[status]);
    expect(csp).toEqual([]);
    await context.close();
  });
}

test("lookup is rate-limited per address and per order number, with one answer for both", async ({ browser }) => {
  test.setTimeout(90_000);
  // Orders of its own: every attempt counts, and a retry of this test must start from zero.
  const fixtures = await createFixtures();
  const m = messagesFor("en");
  const attempt = async (page: Page, orderNumber: string, contact: string) => {
    await page.getByLabel(m.lookup.orderNumber).fill(orderNumber);
    await page.getByLabel(m.lookup.contact).fill(contact);
    await submit(page, m.lookup.submit);
    await expect(page.locator("#lookup-error")).toBeVisible();
    return page.locator("#lookup-error").innerText();
  };

  // One address trying many orders: 10 attempts per 15 minutes.
  const { context, page } = await shopper(browser);
  await page.goto("/northwind/lookup?lang=en");
  for (let index = 0; index < 10; index++) expect(await attempt(page, `NW-2${index}`, "00000")).toBe(m.lookup.notFound);
  expect(await attempt(page, fixtures.delivered.orderNumber, fixtures.delivered.email)).toBe(m.lookup.rateLimited);
  await context.close();

  // One order tried from many addresses: 5 attempts per 15 minutes, then even the right pair waits.
  for (let index = 0; index < 5; index++) {
    const other = await shopper(browser);
    await other.page.goto("/northwind/lookup?lang=en");
    expect(await attempt(other.page, fixtures.exception.orderNumber, `0000${index}`)).toBe(m.lookup.notFound);
    await other.context.close();
  }
  const last = await shopper(browser);
  await last.page.goto("/northwind/lookup?lang=en");
  expect(await attempt(last.page, fixtures.exception.orderNumber, fixtures.exception.email)).toBe(m.lookup.rateLimited);
  await last.context.close();
});
