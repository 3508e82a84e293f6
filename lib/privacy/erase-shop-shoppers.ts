import { Prisma } from "../generated/prisma/client";
import { db } from "../db";
import type { ShopPlatform } from "../shops/platforms";
import { PRIVACY_TRANSACTION, recordPrivacyAudit, type PrivacySource } from "./audit";
import { endSubscriptionsForErasure } from "./scrub-traces";

export interface ShopErasureResult {
  ordersErased: number;
  subscriptionsEnded: number;
  messagesScrubbed: number;
  deliveriesScrubbed: number;
  replaysDropped: number;
}

/**
 * The shoppers one store brought, erased (Shopify's shop/redact, 48 h after the shop uninstalled): the
 * orders ShopOrder links to that store (its platform and domain: a merchant who switched stores keeps the
 * other store's) lose name, email, phone and street; alert subscriptions on those
 * orders end with their address overwritten and their messages' texts dropped; the console's tracking-link
 * messages for their parcels and the log's record of whom those went to are blanked; the processed raw
 * bodies of that store's own deliveries, and of carrier deliveries that moved those parcels, are dropped.
 * Orders created through the API or by another store keep everything: the store asking has no say over them.
 *
 * Every statement is set-based over a subquery on ShopOrder (no id lists sent from here): a shop can have
 * hundreds of thousands of orders, more than PostgreSQL takes as parameters. One transaction; running it
 * again changes nothing.
 */
export async function eraseShopShoppers(
  merchantId: string,
  store: { platform: ShopPlatform; shopDomain: string },
  source: PrivacySource,
  reference: Record<string, string | number> = {},
  now = new Date(),
): Promise<ShopErasureResult> {
  const { platform, shopDomain } = store;
  // This store's orders, and those linked before stores were recorded with no connection left to tell
  // whose they were ('': migration 20261209040000): erasing those too errs on the shopper's side.
  const shopOrders = Prisma.sql`SELECT so."orderId" FROM "ShopOrder" so
    WHERE so."merchantId" = ${merchantId} AND so."platform" = ${platform}::"ShopPlatform" AND so."shopDomain" IN (${shopDomain}, '')`;
  // The store a stored delivery came from, from the header the request verified (normalized as
  // shop-domain.ts does for the host names Shopify sends).
  const deliveryStore = Prisma.sql`lower(trim(both '/' from regexp_replace(COALESCE(d."headers" ->> 'x-shopify-shop-domain', d."headers" ->> 'shopify-shop-domain', d."headers" ->> 'x-wc-webhook-source', ''), '^https?://', '', 'i')))`;
  const subscriptions = Prisma.sql`SELECT a."id" FROM "AlertSubscription" a WHERE a."merchantId" = ${merchantId} AND a."orderId" IN (${shopOrders})`;
  return db.$transaction(async (tx) => {
    const ordersErased = await tx.$executeRaw`
      UPDATE "Order" SET "shopperName" = NULL, "shopperEmail" = NULL, "shopperPhone" = NULL, "destStreet" = NULL
      WHERE "merchantId" = ${merchantId} AND "id" IN (${shopOrders})
        AND ("shopperName" IS NOT NULL OR "shopperEmail" IS NOT NULL OR "shopperPhone" IS NOT NULL OR "destStreet" IS NOT NULL)`;
    await tx.$executeRaw`
      UPDATE "OutboxMessage" SET "status" = 'CANCELLED', "claimToken" = NULL
      WHERE "subscriptionId" IN (${subscriptions}) AND "status" IN ('PENDING', 'SENDING')`;
    let messagesScrubbed = await tx.$executeRaw`
      UPDATE "OutboxMessage" SET "content" = NULL, "payload" = '{"erased":true}'::jsonb, "lastError" = NULL
      WHERE "subscriptionId" IN (${subscriptions}) AND "content" IS NOT NULL`;
    const subscriptionsEnded = await tx.$executeRaw(
      endSubscriptionsForErasure(now, Prisma.sql`"merchantId" = ${merchantId} AND "orderId" IN (${shopOrders}) AND "address" NOT LIKE 'erased:%'`),
    );
    // Tracking links the console sent: ConsoleMessage has no merchant column, so they are found by the
    // shop orders' parcels' tokens in the text (no other parcel's message can carry those).
    messagesScrubbed += await tx.$executeRaw`
      UPDATE "ConsoleMessage" c SET
        "status" = CASE WHEN c."status" IN ('PENDING', 'SENDING') THEN 'CANCELLED' ELSE c."status" END,
        "to" = '[erased]', "subject" = NULL, "text" = '', "html" = NULL, "lastError" = NULL
      WHERE c."kind" = 'tracking-link' AND c."to" <> '[erased]'
        AND EXISTS (SELECT 1 FROM "Shipment" s WHERE s."merchantId" = ${merchantId} AND s."orderId" IN (${shopOrders}) AND position(s."token" IN c."text") > 0)`;
    messagesScrubbed += await tx.$executeRaw`
      UPDATE "AuditEntry" SET "detail" = jsonb_set("detail", '{to}', to_jsonb('[erased]'::text))
      WHERE "merchantId" = ${merchantId} AND "action" = 'tracking_link_sent' AND "orderId" IN (${shopOrders})
        AND jsonb_typeof("detail") = 'object' AND "detail" ->> 'to' IS NOT NULL AND "detail" ->> 'to' <> '[erased]'`;
    // Pending deliveries are left to be processed (their events are the parcels' history); retention drops them later.
    const deliveriesScrubbed = await tx.$executeRaw`
      UPDATE "WebhookDelivery" d SET "body" = '', "headers" = '{}'::jsonb, "bodyDroppedAt" = ${now}
      WHERE d."merchantId" = ${merchantId} AND d."bodyDroppedAt" IS NULL AND d."outcome" <> 'RECEIVED'
        AND ((d."provider" = ${platform}::"Provider" AND ${deliveryStore} = ${shopDomain}) OR d."id" IN (
          SELECT e."deliveryId" FROM "TrackingEvent" e JOIN "Shipment" s ON s."id" = e."shipmentId"
          WHERE e."deliveryId" IS NOT NULL AND s."merchantId" = ${merchantId} AND s."orderId" IN (${shopOrders})))`;
    // Stored API answers are a 24-hour cache; any may hold a shop order's contact (an API call on it), and
    // matching each against every shop order would be a cross join: the merchant's are dropped (a retry then
    // runs anew, as after any erasure).
    const replaysDropped = (await tx.idempotencyRecord.deleteMany({ where: { merchantId } })).count;
    const result = { ordersErased, subscriptionsEnded, messagesScrubbed, deliveriesScrubbed, replaysDropped };
    await recordPrivacyAudit(tx, merchantId, "privacy_shop_redact", { source, platform, shopDomain, ...reference, ...result });
    return result;
  }, PRIVACY_TRANSACTION);
}
