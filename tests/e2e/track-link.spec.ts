import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { addConsoleUser, signIn } from "./support/console";
import { demo } from "./support/demo";
import { collectCspViolations, expectNoAxeViolations, withDatabase } from "./support/tracking";

const suffix = randomBytes(3).toString("hex").toUpperCase();
const NUMBER = `1ZTRACKLINK${suffix}`;
const ORDER_NUMBER = `NW-LINK-${suffix}`;
const SHOPPER = { name: "Casey Erasable", email: `casey.${suffix.toLowerCase()}@example.com`, phone: "+13125550166" };

/** "1ZTRACKLINKABC123" as a person or a PDF writes it: "1z-trac klinkabc123" (lower case, a dash, a space). */
function spelledOtherwise(number: string): string {
  const lower = number.toLowerCase();
  return `${lower.slice(0, 2)}-${lower.slice(2, 6)} ${lower.slice(6)}`;
}

test("a shop's email link shows the parcel by its number alone, and an erasure via the API empties the agent view", async ({ page }) => {
  const slug = demo().merchantSlug;
  const cspViolations = await collectCspViolations(page);
  await signIn(page, await addConsoleUser("owner"));

  // The console's Shipping email section builds the links for this merchant.
  await page.goto("/console/integration");
  await expect(page.getByRole("heading", { name: "Shipping email" })).toBeVisible();
  await expect(page.getByTestId("snippet-shopify")).toContainText(`/${slug}/track/{{ tracking_number | url_encode }}`);
  await expect(page.getByTestId("snippet-woo-provider")).toContainText(`/${slug}/track/%1$s`);

  await page.getByLabel("Label").fill("track-link e2e");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!;
  const api = { Authorization: `Bearer ${key}` };
  const created = await page.request.post("/api/v1/orders", {
    headers: api,
    data: {
      orderNumber: ORDER_NUMBER,
      shopper: SHOPPER,
      destination: { street: "5 Private Way", city: "Chicago", region: "IL", postalCode: "60601", country: "US" },
      shipments: [{ carrier: "UPS", trackingNumber: NUMBER }, { carrier: "UPS", trackingNumber: `${NUMBER}B` }],
    },
  });
  expect(created.status()).toBe(201);
  const order = (await created.json()) as { id: string; shipments: { token: string }[] };

  // The public view: status and brand, nothing that needs the /t/{token} link.
  await page.goto(`/${slug}/track/${NUMBER}`);
  await expect(page.getByTestId("headline")).toHaveText("Getting ready to ship");
  await expect(page.getByText(NUMBER, { exact: true })).toBeVisible();
  const html = await page.content();
  for (const hidden of [ORDER_NUMBER, `${NUMBER}B`, SHOPPER.name, SHOPPER.email, SHOPPER.phone, "5 Private Way", ...order.shipments.map((s) => s.token)]) {
    expect(html).not.toContain(hidden);
  }
  await expect(page.getByRole("button", { name: /alert|text me|email me/i })).toHaveCount(0);
  await expectNoAxeViolations(page, "the track link page");
  expect(cspViolations).toEqual([]);

  // An unknown number is the app's 404.
  const unknown = await page.request.get(`/${slug}/track/1ZNOSUCHNUMBER${suffix}`);
  expect(unknown.status()).toBe(404);

  // A link an agent pastes or a shop's email builds with the number spelt otherwise lands on the canonical URL.
  await page.goto(`/${slug}/track/${encodeURIComponent(spelledOtherwise(NUMBER))}?lang=es`);
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(`/${slug}/track/${NUMBER}?lang=es`);
  await expect(page.getByText(NUMBER, { exact: true })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  expect(cspViolations).toEqual([]);

  // The agent view shows the shopper until the API erases them.
  await page.goto(`/console/orders/${order.id}`);
  await expect(page.getByText(SHOPPER.name)).toBeVisible();
  const erased = await page.request.post("/api/v1/privacy/erasure", { headers: api, data: { email: SHOPPER.email.toUpperCase() } });
  expect(erased.status()).toBe(200);
  expect(await erased.json()).toMatchObject({ ordersErased: 1 });
  await page.reload();
  await expect(page.getByRole("heading", { name: `Order ${ORDER_NUMBER}` })).toBeVisible();
  await expect(page.getByText(SHOPPER.name)).toHaveCount(0);
  await expect(page.getByText(SHOPPER.email)).toHaveCount(0);

  // The parcel's page still works for the shop's email link (parcels stay after erasure).
  await page.goto(`/${slug}/track/${NUMBER}`);
  await expect(page.getByTestId("headline")).toHaveText("Getting ready to ship");
});

test("the short link on the merchant's proven domain, and the per-address limit", async ({ request }) => {
  const slug = demo().merchantSlug;
  const host = `links-${suffix.toLowerCase()}.northwind.example`;
  const previous = await withDatabase(async (client) => {
    const { rows } = await client.query(`SELECT "customDomain", "verifiedDomain" FROM "Merchant" WHERE "slug" = $1`, [slug]);
    await client.query(`UPDATE "Merchant" SET "customDomain" = $1, "verifiedDomain" = $1 WHERE "slug" = $2`, [host, slug]);
    return rows[0] as { customDomain: string | null; verifiedDomain: string | null };
  });
  try {
    const onDomain = await request.get(`/track/${NUMBER}`, { headers: { host } });
    expect(onDomain.status()).toBe(200);
    expect(await onDomain.text()).toContain("Getting ready to ship");
    // Elsewhere /track/{number} is no page; on the domain, another merchant's slug is unknown.
    expect((await request.get(`/track/${NUMBER}`)).status()).toBe(404);
    expect((await request.get(`/other-shop/track/${NUMBER}`, { headers: { host } })).status()).toBe(404);
  } finally {
    await withDatabase((client) => client.query(`UPDATE "Merchant" SET "customDomain" = $1, "verifiedDomain" = $2 WHERE "slug" = $3`, [previous.customDomain, previous.verifiedDomain, slug]));
  }

  // 60 pages per address per 15 minutes, known or unknown numbers alike; another address is not affected.
  const visitor = (address: string) => ({ "x-forwarded-for": address });
  for (let i = 0; i < 60; i++) expect((await request.get(`/${slug}/track/1ZUNKNOWN${i}`, { headers: visitor("198.51.100.77") })).status()).toBe(404);
  const limited = await request.get(`/${slug}/track/${NUMBER}`, { headers: visitor("198.51.100.77") });
  expect(limited.status()).toBe(429);
  expect(limited.headers()["retry-after"]).toBe("900");
  expect((await request.get(`/${slug}/track/${NUMBER}`, { headers: visitor("198.51.100.78") })).status()).toBe(200);
});

test("a number spelt otherwise is redirected (308) to the canonical URL, the same way whether it exists or not, and nowhere else", async ({ request }) => {
  const slug = demo().merchantSlug;
  const visitor = { "x-forwarded-for": "198.51.100.90" };
  const redirectOf = async (path: string, headers: Record<string, string> = {}) => {
    const answer = await request.get(path, { headers: { ...visitor, ...headers }, maxRedirects: 0 });
    return { status: answer.status(), location: answer.headers()["location"], cache: answer.headers()["cache-control"], referrer: answer.headers()["referrer-policy"] };
  };

  // Lower case, spaces, dashes, percent-encoded letters: one canonical URL, the stored spelling, query kept.
  for (const spelling of [NUMBER.toLowerCase(), spelledOtherwise(NUMBER), `\u2212${NUMBER}`, NUMBER.replace("1Z", "%31Z")]) {
    const path = `/${slug}/track/${spelling.startsWith("%") ? spelling : encodeURIComponent(spelling)}`;
    expect(await redirectOf(path), spelling).toEqual({ status: 308, location: `/${slug}/track/${NUMBER}`, cache: "public, max-age=86400", referrer: "no-referrer" });
  }
  expect((await redirectOf(`/${slug}/track/${NUMBER.toLowerCase()}?lang=fr&utm_source=email`)).location).toBe(`/${slug}/track/${NUMBER}?lang=fr&utm_source=email`);

  // Decided from the URL alone: an unknown number is redirected exactly like a stored one (no hint of
  // what exists), and its canonical URL is then the usual 404.
  const ghost = `1ZNOSUCHNUMBER${suffix}`;
  expect(await redirectOf(`/${slug}/track/${ghost.toLowerCase()}`)).toEqual({ status: 308, location: `/${slug}/track/${ghost}`, cache: "public, max-age=86400", referrer: "no-referrer" });
  expect((await request.get(`/${slug}/track/${ghost.toLowerCase()}`, { headers: visitor })).status()).toBe(404);

  // The canonical spelling is served as before; nothing that cannot be a number is redirected anywhere.
  expect((await redirectOf(`/${slug}/track/${NUMBER}`)).status).toBe(200);
  for (const path of [`/${slug}/track/${encodeURIComponent("//evil.example")}`, `/${slug}/track/${encodeURIComponent("1z\\evil.example")}`, `/${slug}/track/%2F%2Fevil.example%2F1Z`, `/${slug.toUpperCase()}/track/${NUMBER.toLowerCase()}`]) {
    expect((await redirectOf(path)).status, path).toBe(404);
  }
  // Whatever Host the request names, the redirect stays a path on it (relative Location), never another site.
  const hosted = await redirectOf(`/${slug}/track/${NUMBER.toLowerCase()}`, { host: "evil.example" });
  expect(hosted.location).toBe(`/${slug}/track/${NUMBER}`);

  // The redirect is not counted against the visitor's 60 pages: 61 of them, then the page itself.
  const counted = { "x-forwarded-for": "198.51.100.91" };
  for (let i = 0; i < 61; i++) expect((await request.get(`/${slug}/track/${NUMBER.toLowerCase()}`, { headers: counted, maxRedirects: 0 })).status()).toBe(308);
  expect((await request.get(`/${slug}/track/${NUMBER}`, { headers: counted })).status()).toBe(200);
});

test("on the merchant's proven domain the short link is redirected to its own canonical short form", async ({ request }) => {
  const slug = demo().merchantSlug;
  const host = `canon-${suffix.toLowerCase()}.northwind.example`;
  const previous = await withDatabase(async (client) => {
    const { rows } = await client.query(`SELECT "customDomain", "verifiedDomain" FROM "Merchant" WHERE "slug" = $1`, [slug]);
    await client.query(`UPDATE "Merchant" SET "customDomain" = $1, "verifiedDomain" = $1 WHERE "slug" = $2`, [host, slug]);
    return rows[0] as { customDomain: string | null; verifiedDomain: string | null };
  });
  try {
    const headers = { host, "x-forwarded-for": "198.51.100.92" };
    const short = await request.get(`/track/${encodeURIComponent(spelledOtherwise(NUMBER))}`, { headers, maxRedirects: 0 });
    expect(short.status()).toBe(308);
    expect(short.headers()["location"]).toBe(`/track/${NUMBER}`);
    expect((await request.get(`/track/${NUMBER}`, { headers })).status()).toBe(200);
    // Another merchant's slug on this domain stays the plain 404, spelt any way.
    expect((await request.get(`/other-shop/track/${NUMBER.toLowerCase()}`, { headers, maxRedirects: 0 })).status()).toBe(404);
  } finally {
    await withDatabase((client) => client.query(`UPDATE "Merchant" SET "customDomain" = $1, "verifiedDomain" = $2 WHERE "slug" = $3`, [previous.customDomain, previous.verifiedDomain, slug]));
  }
});
