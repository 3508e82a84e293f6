import { db } from "../db";
import { AppError, isUniqueViolation } from "../errors";
import { applyShopOrder, type ShopApplyResult } from "./apply-shop-order";
import { parseShopJson } from "./parse-shop-json";
import type { ShopPlatform } from "./platforms";
import { handlePrivacyTopic } from "./privacy-topics";
import type { ShopOrderUpdate } from "./shop-order";
import { reshapeShopifyFulfillment, reshapeShopifyOrder } from "./shopify/reshape";
import { settleShopDelivery } from "./store-shop-delivery";
import { reshapeWooOrder } from "./woocommerce/reshape";

type Reshape = (value: unknown, now: Date) => ShopOrderUpdate;

/** Topics that carry an order or its parcels, per platform. Anything else is stored and ignored. */
const ORDER_TOPICS: Record<ShopPlatform, Record<string, Reshape>> = {
  shopify: {
    "orders/create": reshapeShopifyOrder,
    "orders/updated": reshapeShopifyOrder,
    "fulfillments/create": reshapeShopifyFulfillment,
    "fulfillments/update": reshapeShopifyFulfillment,
  },
  woocommerce: {
    "order.created": reshapeWooOrder,
    "order.updated": reshapeWooOrder,
  },
};

const PRIVACY_TOPICS = ["customers/redact", "shop/redact", "customers/data_request"] as const;
type PrivacyTopic = (typeof PRIVACY_TOPICS)[number];
const isPrivacyTopic = (topic: string): topic is PrivacyTopic => (PRIVACY_TOPICS as readonly string[]).includes(topic);

export type ShopProcessResult =
  | { kind: "processed"; result: ShopApplyResult; skipped: string[] }
  | { kind: "unmatched" }
  | { kind: "privacy" }
  | { kind: "ignored" }
  | { kind: "invalid"; error: AppError };

export interface StoredShopDelivery {
  id: string;
  merchantId: string;
  platform: ShopPlatform;
  /** The store that sent it (normalized; verified against the connection when it was received). */
  shopDomain: string;
  topic: string;
  body: string;
  fallbackCountry: string;
}

/**
 * Processes a stored shop delivery synchronously, in the request: orders and parcels in ONE short
 * transaction with the delivery's outcome (no half-written state: either both commit or the delivery
 * stays RECEIVED for the shop's retry). Why not the carrier worker: a shop sends a few deliveries per
 * order, not a stream of scans, each is a handful of rows, and the shop's shipping email links to the
 * parcel the moment it is sent: the shipment must exist by the time the 2xx goes back.
 */
export async function processShopDelivery(delivery: StoredShopDelivery, now: Date): Promise<ShopProcessResult> {
  const reshape = ORDER_TOPICS[delivery.platform][delivery.topic];
  const privacy = delivery.platform === "shopify" && isPrivacyTopic(delivery.topic) ? delivery.topic : null;
  if (!reshape && !privacy) {
    await settleShopDelivery(db, delivery.id, "IGNORED", null, now);
    return { kind: "ignored" };
  }
  let update: ShopOrderUpdate | null = null;
  let payload: unknown;
  try {
    payload = parseShopJson(delivery.body);
    if (reshape) update = reshape(payload, now);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await settleShopDelivery(db, delivery.id, "FAILED", error.message, now);
    return { kind: "invalid", error };
  }
  if (privacy) {
    try {
      await handlePrivacyTopic(delivery.merchantId, delivery.shopDomain, privacy, payload);
    } catch (error) {
      // A request the privacy code refuses (its shape) is the sender's fault and kept as FAILED; anything
      // else leaves the delivery RECEIVED for Shopify's retry.
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      await settleShopDelivery(db, delivery.id, "FAILED", error.message, now);
      return { kind: "invalid", error };
    }
    await settleShopDelivery(db, delivery.id, "PROCESSED", null, now);
    return { kind: "privacy" };
  }
  return applyWithRetry(delivery, update!, now);
}

async function applyWithRetry(delivery: StoredShopDelivery, update: ShopOrderUpdate, now: Date): Promise<ShopProcessResult> {
  const skipped = update.skipped.length > 0 ? `tracking numbers left out (not letters, digits and dashes): ${update.skipped.join(", ")}` : null;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(
        async (tx) => {
          const result = await applyShopOrder(tx, delivery.merchantId, delivery.shopDomain, update, delivery.fallbackCountry, now);
          if (!result.orderId) {
            await settleShopDelivery(tx, delivery.id, "UNMATCHED", "no order with this shop order id, and the payload names no order number", now);
            return { kind: "unmatched" } as const;
          }
          await settleShopDelivery(tx, delivery.id, "PROCESSED", skipped, now);
          return { kind: "processed", result, skipped: update.skipped } as const;
        },
        { maxWait: 10_000, timeout: 30_000 },
      );
    } catch (error) {
      // Two deliveries for one new order at once (orders/create and fulfillments/create race to create it):
      // the loser starts again and finds it.
      const raced = isUniqueViolation(error) || (error instanceof AppError && error.code === "conflict");
      if (raced && attempt < 3) continue;
      if (error instanceof AppError && error.status < 500) {
        await settleShopDelivery(db, delivery.id, "FAILED", error.message, now);
        return { kind: "invalid", error };
      }
      throw error;
    }
  }
}
