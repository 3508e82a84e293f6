import { expect, test } from "@playwright/test";
import { createFixtures, pathOf, STATE_NAMES, type Fixture, type State } from "./support/fixtures";
import { collectCspViolations, withDatabase } from "./support/tracking";

let fixtures: Record<State, Fixture>;
const trackingPath = (state: State, lang?: string) => pathOf(fixtures[state], lang);
const tokenOf = (state: State) => fixtures[state].parcels[0]!.token;

test.beforeAll(async () => {
  fixtures = await createFixtures();
});

const UNKNOWN = "AAAAAAAAAAAAAAAAAAAAAAAA"; // token-shaped, never issued
const MALFORMED = ["abc", "not-a-token!", "x".repeat(300), "a/b"];

// How long each 404 takes is a benchmark figure (`npm run bench:404`), not a pass/fail line: on a shared machine a
// timing threshold fails on load, not on a defect. What must hold every time is that the answers are identical.
test("unknown and malformed tokens get the same 404, byte for byte", async ({ request }) => {
  const answer = async (token: string) => {
    const response = await request.get(`/t/${token}`);
    const body = await response.text();
    const headers = Object.keys(response.headers()).filter((name) => !["date", "content-length"].includes(name)).sort();
    return { status: response.status(), body, headers };
  };
  const unknown = await answer(UNKNOWN);
  expect(unknown.status).toBe(404);
  // A server-rendered page (readable without JavaScript) that names no token at all.
  expect(unknown.body).toContain("We couldn&#x27;t find that page");
  expect(unknown.body).toMatch(/<html lang="en"/);
  expect(unknown.body).not.toContain(UNKNOWN);
  for (const token of MALFORMED) {
    const malformed = await answer(token);
    expect(malformed.status).toBe(404);
    expect(malformed.headers).toEqual(unknown.headers);
    expect(malformed.body).toBe(unknown.body);
  }

  // More unknown tokens of the same shape: each answer is that same page.
  for (let round = 0; round < 5; round++) {
    const other = await answer(`${UNKNOWN.slice(0, 20)}${String(round).padStart(4, "0")}`);
    expect(other.status).toBe(404);
    expect(other.headers).toEqual(unknown.headers);
    expect(other.body).toBe(unknown.body);
  }
});

/** Whether `code` occurs in `text` with no digit or letter right before or after it. */
const standsAlone = (text: string, code: string) => new RegExp(`(?<![0-9A-Za-z])${code.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![0-9A-Za-z])`).test(text);

test("no street, postal code, shopper name, email, phone or internal id appears in any page (HTML and RSC payload)", async ({ request }) => {
  const { secrets, postalCodes } = await withDatabase(async (client) => {
    const orders = await client.query(`SELECT "id", "merchantId", "shopperName", "shopperEmail", "shopperPhone", "destStreet", "destPostalCode" FROM "Order"`);
    const ids = await client.query(`SELECT "id" FROM "Shipment" UNION ALL SELECT "id" FROM "TrackingEvent" UNION ALL SELECT "id" FROM "Delay" UNION ALL SELECT "id" FROM "Merchant"`);
    const values = [
      ...orders.rows.flatMap((row) => [row.id, row.merchantId, row.shopperName, row.shopperEmail, row.shopperPhone, row.destStreet]),
      ...ids.rows.map((row) => row.id),
    ];
    return {
      secrets: [...new Set(values.filter((value): value is string => typeof value === "string" && value.length >= 5))],
      // Short digit strings can occur inside bundle ids and hashes: checked as text and as string values.
      postalCodes: [...new Set(orders.rows.map((row) => row.destPostalCode as string | null).filter((code): code is string => Boolean(code)))],
    };
  });
  expect(secrets.length).toBeGreaterThan(40);
  const visibleText = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<[^>]+>/g, " ");
  for (const state of STATE_NAMES) {
    for (const lang of ["en", "es"]) {
      const html = await (await request.get(trackingPath(state, lang))).text();
      const rscResponse = await request.get(trackingPath(state, lang), { headers: { RSC: "1", "Sec-Fetch-Dest": "empty" } });
      expect(rscResponse.headers()["content-type"]).toContain("text/x-component");
      const rsc = await rscResponse.text();
      // One assertion per page, not one per value: the values grow with every spec's data, and each
      // expect() costs about a millisecond — thousands of them once ran this test past its timeout.
      const visible = visibleText(html);
      expect(secrets.filter((secret) => html.includes(secret)), `${state}/${lang} HTML`).toEqual([]);
      expect(secrets.filter((secret) => rsc.includes(secret)), `${state}/${lang} RSC`).toEqual([]);
      // As a number of its own: a random tracking number (1Z999AA1 + 10 digits) may hold "98402" inside it.
      const shownCodes = postalCodes.filter((code) => standsAlone(visible, code) || rsc.includes(`"${code}"`) || html.includes(`"${code}"`));
      expect(shownCodes, `${state}/${lang} postal codes`).toEqual([]);
    }
  }
});

test("privacy and security headers: noindex, no referrer, a strict hash-based CSP that the page runs under", async ({ page, request }) => {
  const response = await request.get(trackingPath("in-transit", "en"));
  const headers = response.headers();
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-robots-tag"]).toContain("noindex");
  const csp = headers["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
  expect(csp).not.toContain("unsafe-inline");
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  const html = await response.text();
  expect(html).toContain('<meta name="robots" content="noindex, nofollow"/>');
  expect(html).toContain('<meta name="referrer" content="no-referrer"/>');

  // Under that policy the page hydrates and runs its one client job (the version poll), with no violation.
  const violations = await collectCspViolations(page);
  const polled = page.waitForRequest((req) => req.url().includes(`/api/tracking/${tokenOf("in-transit")}/version`), { timeout: 10_000 });
  await page.goto(trackingPath("in-transit", "en"));
  await polled;
  expect(violations).toEqual([]);
  expect((await request.get(`/api/tracking/${tokenOf("in-transit")}/version`)).headers()["referrer-policy"]).toBe("no-referrer");
});

test("the version endpoint answers 304 to its own ETag and 404 alike for unknown and malformed tokens", async ({ request }) => {
  const first = await request.get(`/api/tracking/${tokenOf("in-transit")}/version`);
  const etag = first.headers().etag!;
  expect(etag).toMatch(/^"[0-9a-z]+\.\d+"$/);
  expect((await request.get(`/api/tracking/${tokenOf("in-transit")}/version`, { headers: { "If-None-Match": etag } })).status()).toBe(304);
  const unknown = await request.get(`/api/tracking/${UNKNOWN}/version`);
  const malformed = await request.get(`/api/tracking/nope!/version`);
  expect([unknown.status(), malformed.status()]).toEqual([404, 404]);
  expect(await unknown.text()).toBe(await malformed.text());
});
