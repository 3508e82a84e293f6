import { randomBytes } from "node:crypto";
import { openSecret } from "../crypto/secret-box";
import { AppError } from "../errors";
import { logger } from "../logger";
import { isWellFormedSlug } from "../validation/ids";
import { isDatabaseUnavailable } from "../webhooks/database-unavailable";
import { NOT_FOUND, RETRY_AFTER_SECONDS, UNAUTHORIZED, type WebhookAnswer } from "../webhooks/receive-webhook";
import { isWooPing, keptHeaders, PLATFORM_RULES } from "./platform-rules";
import { SHOP_SECRET_PURPOSE, type ShopPlatform } from "./platforms";
import { processShopDelivery } from "./process-shop-delivery";
import { findShopEndpoint, type ShopEndpoint } from "./queries";
import { normalizeShopDomain } from "./shop-domain";
import { openShopDelivery } from "./store-shop-delivery";
import { verifyBase64Hmac } from "./verify-shop-signature";

const TOPIC = /^[a-z0-9_]{1,40}([./][a-z0-9_]{1,40}){1,3}$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });

const bad = (message: string): WebhookAnswer => ({ status: 400, body: new AppError("invalid_payload", message).toJSON() });

/**
 * POST /api/shops/{platform}/{merchantSlug}: verify the signature on the exact bytes (401, as Shopify
 * requires for a bad or missing HMAC), check the shop is the connected one (403), store the delivery
 * (committed before anything else; a replay is answered 200 and changes nothing), then process it in
 * the request (lib/shops/process-shop-delivery.ts says why) and answer 200.
 */
export async function receiveShopWebhook(platform: ShopPlatform, merchantSlug: string, bytes: Uint8Array, headers: Headers, now: Date): Promise<WebhookAnswer> {
  const rules = PLATFORM_RULES[platform];
  let endpoint: ShopEndpoint | null = null;
  try {
    endpoint = isWellFormedSlug(merchantSlug) ? await findShopEndpoint(platform, merchantSlug) : null;
  } catch (error) {
    if (isDatabaseUnavailable(error)) return unavailable(error);
    throw error;
  }
  if (!endpoint) {
    // The same work as a real check, so timing does not tell an unknown slug from a bad signature.
    verifyBase64Hmac(bytes, rules.signature(headers), randomBytes(32).toString("hex"));
    return NOT_FOUND;
  }
  if (platform === "woocommerce" && bytes.length < 64 && isWooPing(headers, Buffer.from(bytes).toString("latin1"))) {
    return { status: 200, body: { received: true, ping: true } };
  }

  const verdict = verifyBase64Hmac(bytes, rules.signature(headers), openSecret(endpoint.secretCiphertext, SHOP_SECRET_PURPOSE));
  if (!verdict.ok) {
    logger.warn({ platform, merchantSlug, reason: verdict.reason }, "shop webhook rejected");
    return UNAUTHORIZED;
  }
  if (normalizeShopDomain(rules.source(headers)) !== endpoint.shopDomain) {
    logger.warn({ platform, merchantSlug }, "shop webhook from another shop");
    return { status: 403, body: new AppError("forbidden", `${rules.sourceHeader}: not the shop connected to this merchant.`).toJSON() };
  }

  let body: string;
  try {
    body = utf8.decode(bytes);
  } catch {
    return bad("body: is not valid UTF-8");
  }
  // PostgreSQL text cannot hold a NUL, and no JSON may contain a raw one.
  if (body.includes("\u0000")) return bad("body: is not valid JSON (raw NUL byte)");
  const topic = rules.topic(headers)?.trim().toLowerCase() ?? "";
  if (!TOPIC.test(topic)) return bad(`${platform === "shopify" ? "X-Shopify-Topic" : "X-WC-Webhook-Topic"}: missing or not a topic`);

  try {
    const deliveryId = await openShopDelivery({
      merchantId: endpoint.merchantId,
      platform,
      externalId: rules.deliveryKey(headers, topic, body),
      headers: keptHeaders(rules, headers),
      body,
      signature: verdict.scheme ?? "hmac-sha256-base64",
      receivedAt: now,
    });
    if (!deliveryId) return { status: 200, body: { received: true, duplicate: true } };
    const outcome = await processShopDelivery(
      { id: deliveryId, merchantId: endpoint.merchantId, platform, shopDomain: endpoint.shopDomain, topic, body, fallbackCountry: endpoint.originCountry },
      now,
    );
    switch (outcome.kind) {
      case "invalid":
        return { status: outcome.error.status, body: outcome.error.toJSON() };
      case "ignored":
        return { status: 200, body: { received: true, deliveryId, ignored: true } };
      case "unmatched":
        return { status: 200, body: { received: true, deliveryId, unmatched: true } };
      case "privacy":
        return { status: 200, body: { received: true, deliveryId } };
      case "processed":
        return {
          status: 200,
          body: {
            received: true,
            deliveryId,
            orderId: outcome.result.orderId,
            orderCreated: outcome.result.orderCreated,
            shipmentsAdded: outcome.result.shipmentsAdded,
            shipmentsCancelled: outcome.result.shipmentsCancelled,
            ...(outcome.skipped.length > 0 ? { skippedTrackingNumbers: outcome.skipped } : {}),
          },
        };
    }
  } catch (error) {
    if (isDatabaseUnavailable(error)) return unavailable(error);
    throw error;
  }
}

function unavailable(error: unknown): WebhookAnswer {
  logger.error({ err: error instanceof Error ? error.message : String(error) }, "shop webhook not accepted: database unavailable");
  return {
    status: 503,
    body: new AppError("service_unavailable", "Temporarily unavailable, please retry.").toJSON(),
    headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
  };
}
