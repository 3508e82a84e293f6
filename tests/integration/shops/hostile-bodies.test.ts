import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { createMerchant } from "../../../lib/merchants/create-merchant";
import { setShopConnection } from "../../../lib/shops/set-shop-connection";
import { resetDatabase } from "../support/reset-database";
import { serveShops, SHOPIFY_SECRET, shopifyHeaders, WOO_SECRET, wooHeaders, type ShopServer } from "../support/serve-shops";

// The inputs a stranger controls on the shop endpoints, each validly signed so the check under test is the
// body's, not the signature's: answered 4xx, nothing stored as an order, never a 5xx.
describe("shop endpoints refuse hostile bodies with a 4xx", () => {
  let server: ShopServer;

  beforeAll(async () => {
    await resetDatabase();
    server = await serveShops();
    const merchantId = (await createMerchant({ slug: "hostile-shop", name: "Hostile", timeZone: undefined, defaultLocale: undefined })).id;
    await setShopConnection(merchantId, "shopify", { shopDomain: "hostile.myshopify.com", secret: SHOPIFY_SECRET });
    await setShopConnection(merchantId, "woocommerce", { shopDomain: "shop.example.com", secret: WOO_SECRET });
  });
  afterAll(() => server.close());

  const shopify = (body: Buffer | string) =>
    fetch(`${server.url}/api/shops/shopify/hostile-shop`, {
      method: "POST",
      body: typeof body === "string" ? body : new Uint8Array(body),
      headers: shopifyHeaders(body, "orders/create", { shop: "hostile.myshopify.com" }),
    });
  const woo = (body: Buffer | string) =>
    fetch(`${server.url}/api/shops/woocommerce/hostile-shop`, {
      method: "POST",
      body: typeof body === "string" ? body : new Uint8Array(body),
      headers: wooHeaders(body, "order.created"),
    });

  it.each([
    ["a 5 MB body", Buffer.alloc(5 * 1024 * 1024, 0x20), 413],
    ["invalid UTF-8", Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 400],
  ])("%s", async (_label, body, status) => {
    expect((await shopify(body)).status).toBe(status);
    expect((await woo(body)).status).toBe(status);
    expect(await db.order.count()).toBe(0);
  });

  it("a NUL in the order number of a real order body", async () => {
    const shopifyBody = readFileSync("tests/fixtures/shops/shopify-orders-create.json", "utf8").replace('"#9999"', '"#99\\u000099"');
    const wooBody = readFileSync("tests/fixtures/shops/woocommerce-order-created.json", "utf8").replace(/"number": ?"(\d+)"/, '"number":"$1\\u0000"');
    expect(shopifyBody).toContain("\\u0000");
    expect(wooBody).toContain("\\u0000");
    expect((await shopify(shopifyBody)).status).toBe(400);
    expect((await woo(wooBody)).status).toBe(400);
    expect(await db.order.count()).toBe(0);
  });
});
