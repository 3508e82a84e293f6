import { Prisma } from "../generated/prisma/client";
import { literalPattern, shopperSubscriptions, type MatchedShopper } from "./match-shopper";

type Tx = Prisma.TransactionClient;
const ERASED = "[erased]";

/**
 * Ends the subscriptions `where` selects for an erasure: the address is the personal data, so it is
 * overwritten with a per-row value (it is part of a unique key); one already ended keeps its reason.
 */
export function endSubscriptionsForErasure(now: Date, where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    UPDATE "AlertSubscription" SET
      "address" = 'erased:' || "id",
      "endReason" = CASE WHEN "status" = 'UNSUBSCRIBED' THEN "endReason" ELSE 'erasure' END,
      "status" = 'UNSUBSCRIBED',
      "unsubscribedAt" = COALESCE("unsubscribedAt", ${now}),
      "consentIp" = NULL, "confirmNonce" = NULL, "timeZone" = NULL, "updatedAt" = ${now}
    WHERE ${where}`;
}

/**
 * Everything besides the orders themselves that holds the shopper's contact details, for one merchant:
 * alert subscriptions (ended, address overwritten), their outbox messages (text and facts dropped), the
 * console's tracking-link messages for the shopper's parcels and the console log's record of whom they went
 * to, raw webhook bodies, and idempotency replays.
 */
export async function scrubShopperTraces(tx: Tx, merchantId: string, matched: MatchedShopper, now: Date) {
  const subscriptions = await tx.alertSubscription.findMany({
    where: shopperSubscriptions(merchantId, matched),
    select: { id: true },
  });
  const subscriptionIds = subscriptions.map((subscription) => subscription.id);
  let messagesScrubbed = 0;
  if (subscriptionIds.length) {
    await tx.outboxMessage.updateMany({
      where: { subscriptionId: { in: subscriptionIds }, status: { in: ["PENDING", "SENDING"] } },
      data: { status: "CANCELLED", claimToken: null },
    });
    messagesScrubbed += (await tx.outboxMessage.updateMany({
      where: { subscriptionId: { in: subscriptionIds } },
      data: { content: null, payload: { erased: true }, lastError: null },
    })).count;
    await tx.$executeRaw(endSubscriptionsForErasure(now, Prisma.sql`"merchantId" = ${merchantId} AND "id" = ANY(${subscriptionIds}::text[])`));
  }

  // Tracking links the console sent: ConsoleMessage has no merchant column, so they are found by the
  // shopper's own parcels' tokens in the text (another merchant's message can never carry those).
  const tokens = (await tx.shipment.findMany({ where: { merchantId, orderId: { in: matched.orderIds } }, select: { token: true } })).map((s) => s.token);
  if (tokens.length) {
    messagesScrubbed += await tx.$executeRaw`
      UPDATE "ConsoleMessage" SET
        "status" = CASE WHEN "status" IN ('PENDING', 'SENDING') THEN 'CANCELLED' ELSE "status" END,
        "to" = ${ERASED}, "subject" = NULL, "text" = '', "html" = NULL, "lastError" = NULL
      WHERE "kind" = 'tracking-link' AND "to" <> ${ERASED}
        AND EXISTS (SELECT 1 FROM unnest(${tokens}::text[]) AS t(token) WHERE position(t.token IN "text") > 0)`;
  }

  // The console log names who a link went to (tracking_link_sent's detail.to): the entry stays, the address goes.
  if (matched.orderIds.length) {
    messagesScrubbed += await tx.$executeRaw`
      UPDATE "AuditEntry" SET "detail" = jsonb_set("detail", '{to}', to_jsonb(${ERASED}::text))
      WHERE "merchantId" = ${merchantId} AND "orderId" = ANY(${matched.orderIds}::text[])
        AND jsonb_typeof("detail") = 'object' AND "detail" ->> 'to' IS NOT NULL AND "detail" ->> 'to' <> ${ERASED}`;
  }

  const contacts = literalPattern([...matched.emails, ...matched.phones]);
  const everything = literalPattern([...matched.emails, ...matched.phones, ...matched.names, ...matched.streets]);
  let deliveriesScrubbed = 0;
  let replaysDropped = 0;
  if (contacts && everything) {
    // Processed deliveries lose body and headers (as retention does); pending ones must still be processed,
    // so only the shopper's values are replaced in them (the JSON stays parseable).
    deliveriesScrubbed += await tx.$executeRaw`
      UPDATE "WebhookDelivery" SET "body" = '', "headers" = '{}'::jsonb, "bodyDroppedAt" = ${now}
      WHERE "merchantId" = ${merchantId} AND "bodyDroppedAt" IS NULL AND "outcome" <> 'RECEIVED' AND "body" ~* ${contacts}`;
    deliveriesScrubbed += await tx.$executeRaw`
      UPDATE "WebhookDelivery" SET "body" = regexp_replace("body", ${everything}, ${ERASED}, 'gi')
      WHERE "merchantId" = ${merchantId} AND "bodyDroppedAt" IS NULL AND "outcome" = 'RECEIVED' AND "body" ~* ${contacts}`;
    // A stored first answer would hand the shopper's details back to a retry: dropped (a retry then runs anew).
    replaysDropped = await tx.$executeRaw`
      DELETE FROM "IdempotencyRecord" WHERE "merchantId" = ${merchantId} AND "response"::text ~* ${contacts}`;
  }
  return { subscriptionsEnded: subscriptionIds.length, messagesScrubbed, deliveriesScrubbed, replaysDropped };
}
