import { createHash } from "node:crypto";
import type { ShopPlatform } from "./platforms";

/**
 * What each platform sends beside the body (SOURCES.md in tests/fixtures/shops). Shopify's newer Events
 * deliveries use the same headers without "X-" (and HTTP/2 lower-cases them all): both are read.
 */
export interface PlatformRules {
  signature(headers: Headers): string | null;
  topic(headers: Headers): string | null;
  /** Where the delivery says it comes from, compared with the connection's shop domain. */
  source(headers: Headers): string | null;
  sourceHeader: string;
  /** The key a replay of this delivery has too. */
  deliveryKey(headers: Headers, topic: string, body: string): string;
  /** Headers kept with the stored delivery, for support (never the signature's secret, which is not sent). */
  kept: readonly string[];
}

const either = (headers: Headers, name: string) => headers.get(`x-${name}`) ?? headers.get(name);
const DELIVERY_ID = /^[A-Za-z0-9._:-]{1,200}$/;
const bodyHash = (topic: string, body: string) => `sha256:${createHash("sha256").update(`${topic}\n${body}`).digest("hex")}`;

export const PLATFORM_RULES: Record<ShopPlatform, PlatformRules> = {
  shopify: {
    signature: (headers) => either(headers, "shopify-hmac-sha256"),
    topic: (headers) => either(headers, "shopify-topic"),
    source: (headers) => either(headers, "shopify-shop-domain"),
    sourceHeader: "X-Shopify-Shop-Domain",
    // X-Shopify-Webhook-Id is the same on every retry of one delivery (Shopify: "to identify and deduplicate").
    deliveryKey: (headers, topic, body) => {
      const id = either(headers, "shopify-webhook-id")?.trim();
      return id && DELIVERY_ID.test(id) ? `id:${id}` : bodyHash(topic, body);
    },
    kept: ["content-type", "user-agent", "x-shopify-topic", "x-shopify-shop-domain", "x-shopify-webhook-id", "x-shopify-event-id",
      "x-shopify-api-version", "x-shopify-triggered-at", "shopify-topic", "shopify-shop-domain", "shopify-event-id"],
  },
  woocommerce: {
    signature: (headers) => headers.get("x-wc-webhook-signature"),
    topic: (headers) => headers.get("x-wc-webhook-topic"),
    source: (headers) => headers.get("x-wc-webhook-source"),
    sourceHeader: "X-WC-Webhook-Source",
    // WooCommerce makes a new X-WC-Webhook-Delivery-ID for every attempt (wp_hash(id . time)), so it cannot
    // tell a replay; the signed body can: an order body sent twice says the same thing twice.
    deliveryKey: (_headers, topic, body) => bodyHash(topic, body),
    kept: ["content-type", "user-agent", "x-wc-webhook-topic", "x-wc-webhook-source", "x-wc-webhook-id", "x-wc-webhook-delivery-id", "x-wc-webhook-resource", "x-wc-webhook-event"],
  },
};

export function keptHeaders(rules: PlatformRules, headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of rules.kept) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value.slice(0, 500);
  }
  return kept;
}

/** WooCommerce's creation ping: form-encoded `webhook_id=<id>`, unsigned, sent when a webhook is saved. */
export function isWooPing(headers: Headers, body: string): boolean {
  return headers.get("x-wc-webhook-signature") === null && /^webhook_id=\d{1,20}$/.test(body.trim());
}
