import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../lib/db";
import { openSecret } from "../../../lib/crypto/secret-box";
import { SHOP_SECRET_PURPOSE } from "../../../lib/shops/platforms";
import { resetDatabase } from "../support/reset-database";
import { apiClient, serveApi, type ApiServer } from "../support/serve-api";
import { merchantWithKey } from "../support/api-fixtures";

describe("PUT/GET/DELETE /api/v1/shops/{platform}", () => {
  let server: ApiServer;
  let api: ReturnType<typeof apiClient>;
  let merchantId: string;

  beforeAll(async () => {
    await resetDatabase();
    server = await serveApi();
    const merchant = await merchantWithKey("api-shop");
    merchantId = merchant.merchant.id;
    api = apiClient(server.url, merchant.key);
  });
  afterAll(() => server.close());

  it("connects a shop: the domain normalized, the secret sealed and never returned, the webhook URL to paste", async () => {
    const secret = "shpss_api_secret_0123456789";
    const response = await api("PUT", "/shops/shopify", { shopDomain: "https://North-Wind.myshopify.com/", secret });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      platform: "shopify",
      connected: true,
      shopDomain: "north-wind.myshopify.com",
      secretHint: "…6789",
      updatedAt: expect.any(String),
      webhookUrl: "http://parcelpage.test/api/shops/shopify/api-shop",
    });
    expect(JSON.stringify(response.body)).not.toContain(secret);
    const row = await db.shopConnection.findFirstOrThrow({ where: { merchantId }, select: { secretCiphertext: true } });
    expect(row.secretCiphertext).not.toContain(secret);
    expect(openSecret(row.secretCiphertext, SHOP_SECRET_PURPOSE)).toBe(secret);
    expect((await api("GET", "/shops/shopify")).body).toEqual(response.body);
  });

  it("replaces the secret in place (one connection per platform)", async () => {
    await api("PUT", "/shops/shopify", { shopDomain: "north-wind.myshopify.com", secret: "shpss_api_secret_rotated_9999" });
    expect(await db.shopConnection.count({ where: { merchantId } })).toBe(1);
    expect((await api("GET", "/shops/shopify")).body.secretHint).toBe("…9999");
  });

  it("names what is wrong: a short secret, a domain that is not one, unknown fields, an unknown platform", async () => {
    const short = await api("PUT", "/shops/woocommerce", { shopDomain: "example.com", secret: "short" });
    expect(short.status).toBe(422);
    expect(short.body.error.message).toMatch(/^body\.secret/);
    const domain = await api("PUT", "/shops/woocommerce", { shopDomain: "not a domain", secret: "wc-secret-0123456789abcdef" });
    expect(domain.status).toBe(422);
    expect(domain.body.error.message).toMatch(/^shopDomain/);
    expect((await api("PUT", "/shops/woocommerce", { shopDomain: "example.com", secret: "wc-secret-0123456789abcdef", extra: 1 })).status).toBe(422);
    expect((await api("PUT", "/shops/magento", { shopDomain: "example.com", secret: "wc-secret-0123456789abcdef" })).status).toBe(404);
    expect(await db.shopConnection.count({ where: { merchantId, platform: "woocommerce" } })).toBe(0);
  });

  it("an unconnected platform reads as not connected, with its URL", async () => {
    const response = await api("GET", "/shops/woocommerce");
    expect(response.body).toMatchObject({ platform: "woocommerce", connected: false, shopDomain: null, secretHint: null });
  });

  it("DELETE disconnects; a second DELETE is 404", async () => {
    const removed = await api("DELETE", "/shops/shopify");
    expect(removed.status).toBe(200);
    expect(removed.body.connected).toBe(false);
    expect(await db.shopConnection.count({ where: { merchantId } })).toBe(0);
    expect((await api("DELETE", "/shops/shopify")).status).toBe(404);
  });
});
