import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { base64HmacSha256, verifyBase64Hmac } from "../../../lib/shops/verify-shop-signature";

const vector = <T>(name: string) => JSON.parse(readFileSync(`tests/fixtures/shops/${name}`, "utf8")) as T;

describe("shop webhook signatures: base64 HMAC-SHA256 of the exact bytes", () => {
  it("Shopify's official vector verifies (shopify-app-js validate.test.ts)", () => {
    const shopify = vector<{ secret: string; raw_body: string; headers: Record<string, string>; expected_hmac_sha256_base64: string }>("shopify-webhook-hmac-fixture.json");
    expect(base64HmacSha256(shopify.secret, shopify.raw_body)).toBe(shopify.expected_hmac_sha256_base64);
    expect(verifyBase64Hmac(shopify.raw_body, shopify.headers["X-Shopify-Hmac-Sha256"]!, shopify.secret)).toEqual({ ok: true, scheme: "hmac-sha256-base64" });
    expect(verifyBase64Hmac(Buffer.from(shopify.raw_body), shopify.expected_hmac_sha256_base64, shopify.secret).ok).toBe(true);
  });

  it("WooCommerce's official vector verifies (the empty default secret over the payload 'secret')", () => {
    const woo = vector<{ secret: string; raw_body: string; expected_x_wc_webhook_signature: string }>("woocommerce-webhook-hmac-fixture.json");
    expect(verifyBase64Hmac(woo.raw_body, woo.expected_x_wc_webhook_signature, woo.secret).ok).toBe(true);
  });

  it("refuses a changed byte, another secret, a missing, empty or oversized header", () => {
    const shopify = vector<{ secret: string; raw_body: string; expected_hmac_sha256_base64: string }>("shopify-webhook-hmac-fixture.json");
    expect(verifyBase64Hmac('{"foo": "baz"}', shopify.expected_hmac_sha256_base64, shopify.secret)).toEqual({ ok: false, reason: "signature mismatch" });
    expect(verifyBase64Hmac(shopify.raw_body, shopify.expected_hmac_sha256_base64, "other_secret_key").ok).toBe(false);
    expect(verifyBase64Hmac(shopify.raw_body, null, shopify.secret)).toEqual({ ok: false, reason: "missing signature header" });
    expect(verifyBase64Hmac(shopify.raw_body, "  ", shopify.secret).ok).toBe(false);
    expect(verifyBase64Hmac(shopify.raw_body, "A".repeat(10_000), shopify.secret)).toEqual({ ok: false, reason: "malformed signature header" });
    // Hex of the same digest is not accepted for base64.
    const hex = Buffer.from(shopify.expected_hmac_sha256_base64, "base64").toString("hex");
    expect(verifyBase64Hmac(shopify.raw_body, hex, shopify.secret).ok).toBe(false);
  });

  it("signs the \\/ escapes WooCommerce sends, not a re-serialized body", () => {
    const escaped = '{"href":"https:\\/\\/example.com\\/wp-json"}';
    const signature = base64HmacSha256("wc-secret", escaped);
    expect(verifyBase64Hmac(escaped, signature, "wc-secret").ok).toBe(true);
    expect(verifyBase64Hmac(JSON.stringify(JSON.parse(escaped)), signature, "wc-secret").ok).toBe(false);
  });
});
