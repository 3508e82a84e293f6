import { db } from "../db";
import { PRIVACY_TRANSACTION, recordPrivacyAudit, type PrivacySource } from "./audit";

/**
 * Every shopper of one merchant erased at once (Shopify's shop/redact, 48 h after the shop uninstalled):
 * contact and street fields of every order, every alert subscription ended with its address overwritten,
 * message texts dropped, processed raw webhook bodies dropped, idempotency replays deleted. Parcels, scans
 * and city/region/postal code stay for statistics. One transaction; running it again changes nothing.
 */
export async function eraseAllShoppers(merchantId: string, source: PrivacySource, reference: Record<string, string | number> = {}, now = new Date()) {
  return db.$transaction(async (tx) => {
    const ordersErased = (await tx.order.updateMany({
      where: { merchantId, OR: [{ shopperName: { not: null } }, { shopperEmail: { not: null } }, { shopperPhone: { not: null } }, { destStreet: { not: null } }] },
      data: { shopperName: null, shopperEmail: null, shopperPhone: null, destStreet: null },
    })).count;
    await tx.outboxMessage.updateMany({
      where: { subscription: { merchantId }, status: { in: ["PENDING", "SENDING"] } },
      data: { status: "CANCELLED", claimToken: null },
    });
    const messagesScrubbed = (await tx.outboxMessage.updateMany({
      where: { subscription: { merchantId }, NOT: { content: null } },
      data: { content: null, payload: { erased: true }, lastError: null },
    })).count;
    const subscriptionsEnded = await tx.$executeRaw`
      UPDATE "AlertSubscription" SET
        "address" = 'erased:' || "id",
        "endReason" = CASE WHEN "status" = 'UNSUBSCRIBED' THEN "endReason" ELSE 'erasure' END,
        "status" = 'UNSUBSCRIBED',
        "unsubscribedAt" = COALESCE("unsubscribedAt", ${now}),
        "consentIp" = NULL, "confirmNonce" = NULL, "timeZone" = NULL, "updatedAt" = ${now}
      WHERE "merchantId" = ${merchantId} AND "address" NOT LIKE 'erased:%'`;
    // Tracking links the console sent for this merchant's parcels (ConsoleMessage has no merchant column).
    await tx.$executeRaw`
      UPDATE "ConsoleMessage" c SET
        "status" = CASE WHEN c."status" IN ('PENDING', 'SENDING') THEN 'CANCELLED' ELSE c."status" END,
        "to" = '[erased]', "subject" = NULL, "text" = '', "html" = NULL, "lastError" = NULL
      WHERE c."kind" = 'tracking-link' AND c."to" <> '[erased]'
        AND EXISTS (SELECT 1 FROM "Shipment" s WHERE s."merchantId" = ${merchantId} AND position(s."token" IN c."text") > 0)`;
    await tx.$executeRaw`
      UPDATE "AuditEntry" SET "detail" = jsonb_set("detail", '{to}', to_jsonb('[erased]'::text))
      WHERE "merchantId" = ${merchantId} AND "action" = 'tracking_link_sent'
        AND jsonb_typeof("detail") = 'object' AND "detail" ->> 'to' IS NOT NULL AND "detail" ->> 'to' <> '[erased]'`;
    // Pending deliveries are left to be processed (their events are the parcels' history); the next run drops them.
    const deliveriesScrubbed = await tx.$executeRaw`
      UPDATE "WebhookDelivery" SET "body" = '', "headers" = '{}'::jsonb, "bodyDroppedAt" = ${now}
      WHERE "merchantId" = ${merchantId} AND "bodyDroppedAt" IS NULL AND "outcome" <> 'RECEIVED'`;
    const replaysDropped = (await tx.idempotencyRecord.deleteMany({ where: { merchantId } })).count;
    const result = { ordersErased, subscriptionsEnded, messagesScrubbed, deliveriesScrubbed, replaysDropped };
    await recordPrivacyAudit(tx, merchantId, "privacy_shop_redact", { source, ...reference, ...result });
    return result;
  }, PRIVACY_TRANSACTION);
}
