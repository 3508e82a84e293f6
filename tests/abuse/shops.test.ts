import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { base64HmacSha256 } from "../../lib/shops/verify-shop-signature";
import { abuseContext } from "./support/context";
import { hostileText, mutated, rawBytes, rawJsonText } from "./support/hostile";
import { closeDatabase, expectHealthy, flushFigures, probe, runProperty, snapshot } from "./support/probe";

const fixture = (name: string) => JSON.parse(readFileSync(`tests/fixtures/shops/${name}`, "utf8")) as object;
const STRUCTURED_RUNS = Number(process.env.ABUSE_RUNS ?? 1) * 120;
const RAW_RUNS = Number(process.env.ABUSE_RUNS ?? 1) * 40;
const HEADER_RUNS = Number(process.env.ABUSE_RUNS ?? 1) * 60;

type Platform = "shopify" | "woocommerce";

/** Signed exactly as the shop signs (the exact bytes), from the connected shop: the hostile part always gets past both checks. */
function signed(platform: Platform, bytes: Uint8Array, topic: string, overrides: Record<string, string> = {}) {
  const { merchantSlug, shops } = abuseContext();
  const { domain, secret } = shops[platform];
  const signature = base64HmacSha256(secret, bytes);
  const headers: Record<string, string> =
    platform === "shopify"
      ? { "content-type": "application/json", "X-Shopify-Topic": topic, "X-Shopify-Hmac-Sha256": signature, "X-Shopify-Shop-Domain": domain, "X-Shopify-Webhook-Id": crypto.randomUUID() }
      : { "content-type": "application/json", "X-WC-Webhook-Topic": topic, "X-WC-Webhook-Signature": signature, "X-WC-Webhook-Source": `https://${domain}/` };
  // Each case from its own client address (the server trusts one proxy hop): the failed-verification limit
  // (lib/shops/failed-verification-limit.ts) would otherwise answer 429 to the later cases before they reach the code under test.
  const client = `198.18.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;
  return { method: "POST", path: `/api/shops/${platform}/${merchantSlug}`, headers: { ...headers, "X-Forwarded-For": client, ...overrides }, body: bytes };
}

/** Header values fetch will send (visible ASCII and spaces): hostile in content, not in HTTP framing. */
const headerValue = fc.oneof(
  fc.string({ unit: fc.constantFrom(..."abcXYZ019+/=._:-# {}[]\"'\\%".split("")), maxLength: 300 }),
  fc.constantFrom("", " ", "orders/create/../../x", "a".repeat(8_000), "ORDERS/CREATE", "orders.create", "https://evil.example/", "null", "0"),
);

describe("abuse: the two shop webhook endpoints, validly signed, hostile bodies and headers", () => {
  beforeAll(() => snapshot());
  afterAll(async () => {
    flushFigures();
    await closeDatabase();
  });

  const cases: [Platform, string, object][] = [
    ["shopify", "orders/create", fixture("shopify-order-1001-rest-with-fulfillment.json")],
    ["shopify", "fulfillments/create", fixture("shopify-fulfillments-create.json")],
    ["shopify", "customers/redact", fixture("shopify-customers-redact.json")],
    ["woocommerce", "order.updated", fixture("woocommerce-order-updated.json")],
  ];

  for (const [platform, topic, valid] of cases) {
    it(`${platform} ${topic}: one field at a time replaced by a hostile value`, async () => {
      const encoder = new TextEncoder();
      await runProperty(mutated(valid), STRUCTURED_RUNS, (body) =>
        probe(`shop ${platform} ${topic}`, signed(platform, encoder.encode(JSON.stringify(body)), topic), { storesRefusedDelivery: true }),
      );
      await expectHealthy();
    });
  }

  for (const platform of ["shopify", "woocommerce"] as const) {
    const topic = platform === "shopify" ? "orders/updated" : "order.created";
    it(`${platform}: raw bodies (deep nesting, broken JSON, invalid UTF-8, over the size limit)`, async () => {
      const encoder = new TextEncoder();
      const bodies = fc.oneof(
        { weight: 5, arbitrary: rawJsonText.map((text) => encoder.encode(text)) },
        { weight: 4, arbitrary: rawBytes },
        { weight: 1, arbitrary: fc.constant(new Uint8Array(1024 * 1024 + 1).fill(0x20)) },
      );
      await runProperty(bodies, RAW_RUNS, (bytes) => probe(`shop ${platform} raw`, signed(platform, bytes, topic), { storesRefusedDelivery: true }));
      await expectHealthy();
    });

    it(`${platform}: hostile signature, topic, source and delivery-id headers`, async () => {
      const body = new TextEncoder().encode(JSON.stringify(fixture(platform === "shopify" ? "shopify-orders-create.json" : "woocommerce-order-created.json")));
      const names = platform === "shopify"
        ? ["X-Shopify-Hmac-Sha256", "X-Shopify-Topic", "X-Shopify-Shop-Domain", "X-Shopify-Webhook-Id"]
        : ["X-WC-Webhook-Signature", "X-WC-Webhook-Topic", "X-WC-Webhook-Source"];
      await runProperty(fc.tuple(fc.constantFrom(...names), fc.oneof(headerValue, hostileText.filter((text) => /^[\x20-\x7e]*$/.test(text)))), HEADER_RUNS, ([name, value]) =>
        probe(`shop ${platform} headers`, signed(platform, body, topic, { [name]: value }), { storesRefusedDelivery: true }),
      );
      await expectHealthy();
    });
  }
});
