import { createHmac, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { addConsoleUser, signIn } from "./support/console";
import { demo } from "./support/demo";
import { withDatabase } from "./support/tracking";

// Issue #14's end-to-end path: a store connected without code. Shopify's own webhook bodies (the verbatim
// fixtures, with fresh ids) arrive signed like Shopify signs them; the shop's email link shows the parcel; a
// carrier webhook moves it along; Shopify's customers/redact empties the agent view.
const suffix = randomBytes(3).toString("hex").toUpperCase();
const SHOP = `e2e-${suffix.toLowerCase()}.myshopify.com`;
const SECRET = randomBytes(24).toString("hex");
const ORDER_ID = `8209${Date.now()}`.slice(0, 18); // an 18-digit Shopify id, unique per run
const ORDER_NAME = `#E2E${suffix}`;
const EMAIL = `shopify.${suffix.toLowerCase()}@example.com`;
const NUMBER = `1ZSHOPIFY${suffix}`;

/** A fixture's exact text with its ids, order name, email and tracking number made this run's own. */
function fixture(name: string): string {
  return readFileSync(`tests/fixtures/shops/${name}`, "utf8")
    .replaceAll("820982911946154508", ORDER_ID)
    .replaceAll("#9999", ORDER_NAME)
    .replaceAll("jon@example.com", EMAIL)
    .replaceAll("1z827wk74630", NUMBER);
}

async function postShopify(request: APIRequestContext, topic: string, body: string) {
  const response = await request.post(`/api/shops/shopify/${demo().merchantSlug}`, {
    data: body,
    headers: {
      "content-type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Hmac-Sha256": createHmac("sha256", SECRET).update(body, "utf8").digest("base64"),
      "X-Shopify-Shop-Domain": SHOP,
      "X-Shopify-Webhook-Id": `e2e-${topic}-${randomBytes(6).toString("hex")}`,
    },
  });
  expect(response.status(), `${topic}: ${await response.text()}`).toBe(200);
}

test("Shopify orders/create and fulfillments/create → the email link shows the parcel; a carrier scan moves it; customers/redact empties the agent view", async ({ page }) => {
  const slug = demo().merchantSlug;
  await signIn(page, await addConsoleUser("owner"));

  // The merchant connects the store through the API (the console's Shop section does the same).
  await page.goto("/console/integration");
  await page.getByLabel("Label").fill("shopify e2e");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!;
  const connected = await page.request.put("/api/v1/shops/shopify", { headers: { Authorization: `Bearer ${key}` }, data: { shopDomain: SHOP, secret: SECRET } });
  expect(connected.status()).toBe(200);
  expect(JSON.stringify(await connected.json())).not.toContain(SECRET);

  await postShopify(page.request, "orders/create", fixture("shopify-orders-create.json"));
  await postShopify(page.request, "fulfillments/create", fixture("shopify-fulfillments-create.json"));

  // The link the shop's own shipping email builds from fulfillment.tracking_numbers.
  await page.goto(`/${slug}/track/${NUMBER}`);
  await expect(page.getByText(NUMBER, { exact: true })).toBeVisible();
  const before = await page.getByTestId("headline").textContent();
  expect(await page.content()).not.toContain(ORDER_NAME);

  // The carrier's webhook (our signed generic format) moves it along.
  const body = JSON.stringify({
    carrier: "ups",
    trackingNumber: NUMBER,
    events: [{ status: "OUT_FOR_DELIVERY", description: "Out for delivery", occurredAt: new Date().toISOString(), location: { city: "Louisville", region: "KY", country: "US" } }],
  });
  const t = Math.floor(Date.now() / 1000);
  const scan = await page.request.post(`/api/webhooks/generic/${slug}`, {
    headers: { "content-type": "application/json", "parcelpage-signature": `t=${t},v1=${createHmac("sha256", demo().genericSecret).update(`${t}.${body}`).digest("hex")}` },
    data: body,
  });
  expect(scan.status()).toBe(202);
  await expect(async () => {
    await page.goto(`/${slug}/track/${NUMBER}`);
    await expect(page.getByTestId("headline")).toHaveText("Out for delivery", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  expect(await page.getByTestId("headline").textContent()).not.toBe(before);

  // The agent view shows the shopper Shopify sent, until Shopify's customers/redact for their email.
  const order = await withDatabase(async (client) => {
    const { rows } = await client.query(`SELECT o."id", o."shopperName" FROM "Order" o JOIN "Merchant" m ON m."id" = o."merchantId" WHERE m."slug" = $1 AND o."orderNumber" = $2`, [slug, ORDER_NAME]);
    return rows[0] as { id: string; shopperName: string };
  });
  expect(order.shopperName).toBeTruthy();
  await page.goto(`/console/orders/${order.id}`);
  await expect(page.getByText(order.shopperName).first()).toBeVisible();
  await expect(page.getByText(EMAIL).first()).toBeVisible();

  // Only the email: the fixture's phone could match a demo shopper's.
  const redact = fixture("shopify-customers-redact.json").replaceAll("john@example.com", EMAIL).replace("{shop}.myshopify.com", SHOP).replace('"555-625-1199"', "null");
  expect(redact).toContain(EMAIL);
  await postShopify(page.request, "customers/redact", redact);
  await page.reload();
  await expect(page.getByRole("heading", { name: `Order ${ORDER_NAME}` })).toBeVisible();
  await expect(page.getByText(order.shopperName)).toHaveCount(0);
  await expect(page.getByText(EMAIL)).toHaveCount(0);
  // The parcel stays for the shop's email link.
  await page.goto(`/${slug}/track/${NUMBER}`);
  await expect(page.getByTestId("headline")).toHaveText("Out for delivery");
});
