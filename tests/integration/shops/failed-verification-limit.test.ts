import http from "node:http";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { consume, secondsBlocked } from "../../../lib/lookup/rate-limit";
import { createMerchant } from "../../../lib/merchants/create-merchant";
import { SHOP_FAILURE_LIMITS } from "../../../lib/shops/failed-verification-limit";
import { setShopConnection } from "../../../lib/shops/set-shop-connection";
import { resetDatabase } from "../support/reset-database";
import { serveShops, SHOPIFY_SECRET, shopifyHeaders, WOO_SECRET, wooHeaders, type ShopServer } from "../support/serve-shops";

const ORDER = readFileSync("tests/fixtures/shops/shopify-orders-create.json");
const WOO_ORDER = readFileSync("tests/fixtures/shops/woocommerce-order-created.json");
/** A body just under the 1 MB limit: what a stranger sends to make each bad signature cost the most. */
const BIG = Buffer.alloc(1024 * 1024 - 16, 0x20);
const PER_ENDPOINT = SHOP_FAILURE_LIMITS.perAddressAndEndpoint.max;
const PER_ADDRESS = SHOP_FAILURE_LIMITS.perAddress.max;

/**
 * Failed verifications are limited per client address, over real HTTP with addresses stamped as
 * scripts/serve.ts stamps them (one trusted proxy: each test plays its clients through X-Forwarded-For).
 */
describe("shop endpoints: failed verifications limited per client address, never the real shop", () => {
  let server: ShopServer;

  beforeAll(async () => {
    server = await serveShops({ trustProxyHops: 1 });
  });
  beforeEach(async () => {
    await resetDatabase();
    const merchant = await createMerchant({ slug: "northwind", name: "Northwind", timeZone: undefined, defaultLocale: undefined });
    await setShopConnection(merchant.id, "shopify", { shopDomain: "northwind.myshopify.com", secret: SHOPIFY_SECRET });
    await setShopConnection(merchant.id, "woocommerce", { shopDomain: "https://shop.example.com", secret: WOO_SECRET });
  });
  afterAll(() => server.close());

  const post = (path: string, from: string, body: Buffer, headers: Record<string, string>) =>
    fetch(`${server.url}${path}`, { method: "POST", body: new Uint8Array(body), headers: { ...headers, "X-Forwarded-For": from } });
  const stranger = (from: string, slug = "northwind") =>
    post(`/api/shops/shopify/${slug}`, from, BIG, { ...shopifyHeaders(BIG, "orders/create"), "X-Shopify-Hmac-Sha256": "bm90IHRoZSBzaWduYXR1cmUgb2YgdGhpcyBib2R5IGF0IGFsbA==" });
  /** A genuine delivery of Shopify's sample order, from one of Shopify's many addresses. */
  const shop = (from: string) => post("/api/shops/shopify/northwind", from, ORDER, shopifyHeaders(ORDER, "orders/create"));

  it("refuses an address with 429 and Retry-After once it has failed too often; the shop's deliveries from its own addresses all go through", async () => {
    for (let attempt = 1; attempt <= PER_ENDPOINT; attempt++) {
      expect((await stranger("198.51.100.7")).status).toBe(401);
      // Interleaved: the real shop, from a different address each time, is never held up.
      const delivered = await shop(`203.0.113.${attempt}`);
      expect(delivered.status).toBe(200);
    }
    const refused = await stranger("198.51.100.7");
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get("retry-after"));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await refused.json()).toMatchObject({ error: { code: "rate_limited" } });
    // Refused whatever it carries, even a valid signature (it comes from the stranger's address)…
    expect((await shop("198.51.100.7")).status).toBe(429);
    // …while the shop's next delivery, from any other address, is processed.
    const next = await shop("203.0.113.200");
    expect(next.status).toBe(200);
    expect(await next.json()).toMatchObject({ received: true });
    // Refused and failed requests stored nothing; each delivery the shop sent (a new webhook id each) was processed, into one order.
    expect(await db.webhookDelivery.count({ where: { provider: "shopify" } })).toBe(PER_ENDPOINT + 1);
    expect(await db.webhookDelivery.count({ where: { provider: "shopify", outcome: "PROCESSED" } })).toBe(PER_ENDPOINT + 1);
    expect(await db.order.count()).toBe(1);
  });

  it("counts exactly under concurrency: of many bad requests in flight at once from one address, at most the limit get 401, the rest 429", async () => {
    const small = Buffer.from(JSON.stringify({ id: 1 }));
    const bad = () =>
      post("/api/shops/shopify/northwind", "198.51.100.20", small, { ...shopifyHeaders(small, "orders/create"), "X-Shopify-Hmac-Sha256": "bm90IHRoZSBzaWduYXR1cmU=" });
    // A check before reading lets every request in flight pass it (16 of 8-at-once got through a limit of 10).
    const statuses = (await Promise.all(Array.from({ length: 3 * PER_ENDPOINT }, bad))).map((response) => response.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(PER_ENDPOINT);
    expect(statuses.filter((status) => status === 429)).toHaveLength(2 * PER_ENDPOINT);
    // Verified deliveries never count, however many are in flight: the shop (WooCommerce sends from one address) sends more than the limit at once.
    const genuine = await Promise.all(Array.from({ length: PER_ENDPOINT + 5 }, () => shop("203.0.113.77")));
    expect(genuine.map((response) => response.status)).toEqual(Array(PER_ENDPOINT + 5).fill(200));
  });

  it("refuses before reading the body: the 429 comes back while the 1 MB upload has barely started", async () => {
    for (let attempt = 0; attempt < PER_ENDPOINT; attempt++) expect((await stranger("198.51.100.8")).status).toBe(401);
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(`${server.url}/api/shops/shopify/northwind`, {
        method: "POST",
        headers: { ...shopifyHeaders(BIG, "orders/create"), "X-Shopify-Hmac-Sha256": "AAAA", "content-length": String(BIG.length), "X-Forwarded-For": "198.51.100.8" },
      });
      request.on("response", (response) => {
        response.resume();
        request.destroy();
        resolve(response.statusCode ?? 0);
      });
      request.on("error", reject);
      // 1 KB of the 1 MB declared, and the request is never ended: a handler that read the body would wait forever.
      request.write(BIG.subarray(0, 1024));
    });
    expect(status).toBe(429);
  });

  it("strangers hammering one shop's URL from many addresses never get the shop's valid deliveries refused", async () => {
    for (let address = 1; address <= 30; address++) {
      for (let attempt = 0; attempt < 3; attempt++) expect((await stranger(`198.18.0.${address}`)).status).toBe(401);
    }
    for (let address = 1; address <= 5; address++) expect((await shop(`203.0.113.${address}`)).status).toBe(200);
    const woo = await post("/api/shops/woocommerce/northwind", "203.0.113.99", WOO_ORDER, wooHeaders(WOO_ORDER, "order.created"));
    expect(woo.status).toBe(200);
  });

  it("limits one address walking many merchants' URLs (unknown ones included) across all of them", async () => {
    for (let attempt = 0; attempt < PER_ADDRESS; attempt++) {
      // Never PER_ENDPOINT failures on one URL: only the address-wide limit can stop this.
      expect((await stranger("198.51.100.9", `walked-${attempt}`)).status).toBe(404);
    }
    expect((await stranger("198.51.100.9", "northwind")).status).toBe(429);
    expect((await stranger("198.51.100.10", "northwind")).status).toBe(401);
  });

  it("counts per fixed window: the refusal lasts until the window the failures fell in is over", async () => {
    const t0 = new Date("2026-12-07T10:00:00.000Z");
    const limit = { subject: "shop-fail-test:192.0.2.1", max: 3, windowMs: 60_000 };
    for (let hit = 0; hit < 3; hit++) await consume(limit, t0);
    expect(await secondsBlocked([limit], new Date(t0.getTime() + 1_000))).toBe(59);
    expect(await secondsBlocked([limit], new Date(t0.getTime() + 60_000))).toBe(0);
    expect(await secondsBlocked([{ ...limit, subject: "shop-fail-test:192.0.2.2" }], t0)).toBe(0);
  });
});
